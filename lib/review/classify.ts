import { identityKey } from './identity';
import { cloudReplace, protectionRemoved, statefulDelete } from './risks/cloud';
import { ownershipMove, syncWiring } from './risks/delivery';
import { exposure } from './risks/exposure';
import { immutableField } from './risks/immutable-field';
import { policyRegressions } from './risks/policy-regression';
import { privilege } from './risks/privilege';
import { RawRisk, RiskContext, RiskRule } from './risks/support';
import { availability, envVarRemoved } from './risks/workloads';
import { DiffResult, ObjectChange, Risk, RISK_IDS, RiskSeverity, SEVERITY_ORDER } from './types';

/**
 * Risk classification of a diff: every rule looks at each change (and, where it needs to, at the other
 * changes of the same environment). In an environment whose base carries deletion protection every
 * risk is at least `high`: that environment is the one that must not lose data or traffic.
 */

const RULES: readonly RiskRule[] = [
  immutableField, cloudReplace, statefulDelete, protectionRemoved, exposure, privilege,
  ownershipMove, envVarRemoved, syncWiring, availability,
];

export function classifyRisks(result: DiffResult): Risk[] {
  const byKind = new Map<string, ObjectChange[]>();
  for (const change of result.changes) {
    const key = `${change.env}\u0000${change.kind}`;
    const list = byKind.get(key);
    if (list) list.push(change);
    else byKind.set(key, [change]);
  }
  const envs = new Map(result.environments.map((e) => [e.name, e]));
  const policy = policyRegressions(result);
  const risks: Risk[] = [];
  for (const change of result.changes) {
    const env = envs.get(change.env);
    const context: RiskContext = { result, env, changesOfKind: (e, kind) => byKind.get(`${e}\u0000${kind}`) ?? [] };
    const object = identityKey(change);
    const found: RawRisk[] = [...RULES.flatMap((rule) => rule(change, context)), ...(policy.get(object) ?? [])];
    const seen = new Set<string>();
    for (const raw of found) {
      if (seen.has(`${raw.id}\u0000${raw.reason}`)) continue;
      seen.add(`${raw.id}\u0000${raw.reason}`);
      const severity = env?.protectedInBase ? atLeast(raw.severity, 'high') : raw.severity;
      risks.push({ id: raw.id, severity, reason: env?.protectedInBase && severity !== raw.severity ? `${raw.reason} [protected environment ${change.env}]` : raw.reason, object });
    }
  }
  // Stable order: the order of the changes, then the order of the classes.
  return risks.map((r, i) => ({ r, i })).sort((a, b) => (a.r.object === b.r.object ? RISK_IDS.indexOf(a.r.id) - RISK_IDS.indexOf(b.r.id) || a.i - b.i : a.i - b.i)).map(({ r }) => r);
}

function atLeast(severity: RiskSeverity, floor: RiskSeverity): RiskSeverity {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(floor) ? severity : floor;
}
