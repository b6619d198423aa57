import { UsageError } from '../core/errors';
import { apiGroup, objectRef } from '../core/manifest';
import { ruleCatalog } from './catalog';
import { ProfileSelector, rulesForProfile } from './profiles';
import { allRules } from './rules';
import { Finding, PolicyItem, ProfileName, Rule, RuleContext } from './rule';
import { parseWaivers } from './waiver-annotation';

/**
 * The rule engine. It runs on plain manifests (a fresh synth or YAML read back from disk), so objects
 * added through raw ApiObjects are checked like any other, and `policy check` on dist/ agrees with synth.
 */

export interface EvaluateOptions {
  /** Profile for every item, or a function choosing one per item (e.g. per environment). */
  readonly profile: ProfileSelector;
  /** Run only these rule ids (still filtered by profile). */
  readonly only?: readonly string[];
  /** The rules to run; defaults to every built-in rule (for example, pass them plus organisation rules). */
  readonly rules?: readonly Rule[];
}

export interface PolicyCounts {
  /** Findings that fail the run: error severity, not waived. */
  readonly errors: number;
  /** Findings that fail only with --strict: warn severity, not waived. */
  readonly warnings: number;
  readonly waived: number;
  readonly total: number;
}

export interface PolicyReport {
  /** In input order of the objects, then rule order, then field order. */
  readonly findings: readonly Finding[];
  readonly counts: PolicyCounts;
  /** Number of objects checked. */
  readonly checked: number;
  /** True when the run fails: an unwaived error, or with `strict` also an unwaived warning. */
  hasErrors(strict?: boolean): boolean;
}

/** Collapses whitespace so every message stays on one line, whatever a rule interpolated. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function buildContext(items: readonly PolicyItem[], rules: readonly Rule[]): RuleContext {
  const byKind = new Map<string, PolicyItem[]>();
  for (const item of items) {
    const bucket = byKind.get(item.object.kind) ?? [];
    bucket.push(item);
    byKind.set(item.object.kind, bucket);
  }
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, build: () => T): T => {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as T;
  };
  return {
    items,
    ofKind: (kind, group) =>
      group === undefined
        ? byKind.get(kind) ?? []
        : memo(`ofKind:${group}/${kind}`, () => (byKind.get(kind) ?? []).filter((item) => apiGroup(item.object.apiVersion ?? '') === group)),
    ruleIds: new Set([...ruleCatalog(), ...rules].map((rule) => rule.id)),
    memo,
  };
}

export function evaluate(items: readonly PolicyItem[], options: EvaluateOptions): PolicyReport {
  const perItem = findingsPerItem(items, options);
  return report(perItem.flat(), countChecked(items));
}

/** Objects the engine can check: anything with a kind and metadata. */
function isCheckable(item: PolicyItem): boolean {
  return typeof item.object?.kind === 'string' && typeof item.object?.metadata === 'object' && item.object.metadata !== null;
}

export function countChecked(items: readonly PolicyItem[]): number {
  return items.filter(isCheckable).length;
}

/** The findings of each item, index for index; for callers that merge in other findings per object. */
export function findingsPerItem(items: readonly PolicyItem[], options: EvaluateOptions): Finding[][] {
  const rules = options.rules ?? allRules;
  if (options.only) {
    const known = new Set(rules.map((rule) => rule.id));
    const unknown = options.only.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`unknown policy rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => JSON.stringify(id)).join(', ')}`, "run 'gitplane policy list' for the ids");
    }
  }
  const only = options.only ? new Set(options.only) : undefined;
  const selected = new Map<ProfileName, Rule[]>();
  const rulesFor = (profile: ProfileName): Rule[] => {
    let list = selected.get(profile);
    if (!list) {
      list = rulesForProfile(rules, profile).filter((rule) => !only || only.has(rule.id));
      selected.set(profile, list);
    }
    return list;
  };

  const context = buildContext(items.filter(isCheckable), rules);
  return items.map((item) => {
    if (!isCheckable(item)) return [];
    const profile = typeof options.profile === 'function' ? options.profile(item) : options.profile;
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const rule of rulesFor(profile)) {
      for (const violation of rule.check(item, context)) {
        // Pod-level fields inherited by several containers would otherwise repeat the same finding.
        const key = `${rule.id}\u0000${violation.path}\u0000${violation.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(withWaiver(item, {
          ruleId: rule.id,
          severity: rule.severity,
          title: rule.title,
          message: oneLine(violation.message),
          ...(item.constructPath !== undefined ? { constructPath: item.constructPath } : {}),
          ...(item.file !== undefined ? { file: item.file } : {}),
          object: objectRef(item.object),
          path: violation.path,
        }));
      }
    }
    return findings;
  });
}

/** Marks `finding` waived when the object's waiver annotation names its rule. */
export function withWaiver(item: PolicyItem, finding: Finding): Finding {
  const reason = parseWaivers(item.object?.metadata?.annotations).waivers[finding.ruleId];
  return reason === undefined ? finding : { ...finding, waived: { reason } };
}

/** Wraps findings with counts and the pass/fail decision. */
export function report(findings: readonly Finding[], checked: number): PolicyReport {
  const open = findings.filter((finding) => !finding.waived);
  const counts: PolicyCounts = {
    errors: open.filter((finding) => finding.severity === 'error').length,
    warnings: open.filter((finding) => finding.severity === 'warn').length,
    waived: findings.length - open.length,
    total: findings.length,
  };
  return {
    findings,
    counts,
    checked,
    hasErrors: (strict = false) => counts.errors > 0 || (strict && counts.warnings > 0),
  };
}
