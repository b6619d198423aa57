import { countChecked, EvaluateOptions, findingsPerItem, PolicyReport, report, withWaiver } from './engine';
import { PolicyItem } from './rule';
import { scanObjects, SECRET_RULES, toPolicyFinding } from './secrets';

/**
 * Everything gitplane checks on manifests, in one report: the policy rules and the secret scanner.
 * This is what synth runs before writing and what `policy check` runs on YAML read from disk.
 */

export interface CheckOptions extends EvaluateOptions {
  /** Run the secret scanner too. @default true */
  readonly secrets?: boolean;
}

export function checkManifests(items: readonly PolicyItem[], options: CheckOptions): PolicyReport {
  const secretIds = new Set(SECRET_RULES.map((rule) => rule.id));
  const only = options.only;
  const policy = findingsPerItem(items, { ...options, only: only?.filter((id) => !secretIds.has(id)) });
  const scanSecrets = options.secrets !== false && (!only || only.some((id) => secretIds.has(id)));
  // Per object: policy findings first, then secrets, so the report follows the input order.
  const findings = items.flatMap((item, index) => {
    if (!scanSecrets || !item.object) return policy[index];
    const secrets = scanObjects([item])
      .map(toPolicyFinding)
      .filter((finding) => !only || only.includes(finding.ruleId))
      .map((finding) => withWaiver(item, finding));
    return [...policy[index], ...secrets];
  });
  return report(findings, countChecked(items));
}
