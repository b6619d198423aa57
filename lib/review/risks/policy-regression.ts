import { objectRef } from '../../core/manifest';
import { DEFAULT_PROFILE, checkManifests, parseWaivers, type Finding, type PolicyItem } from '../../policy';
import { locate } from '../diff-trees';
import { identityKey, identityOf } from '../identity';
import { DiffResult, ObjectChange, ReviewTree } from '../types';
import { describe, RawRisk, risk } from './support';

/**
 * `policy-regression`: the head has a policy or secret finding the base did not have for the same
 * object (rule id and field), or a new waiver. The rules run on the apps that changed, on both sides,
 * with the `prod` profile in protected environments and the default profile elsewhere, so a finding
 * that only moved or already existed is not reported.
 */
export function policyRegressions(result: DiffResult): Map<string, RawRisk[]> {
  const out = new Map<string, RawRisk[]>();
  const touched = result.changes.filter((c) => c.head);
  if (touched.length === 0) return out;
  const apps = new Set(touched.map((c) => `${c.env}/${c.app}`).concat(touched.filter((c) => c.fromApp).map((c) => `${c.env}/${c.fromApp}`)));
  const protectedEnvs = new Set(result.environments.filter((e) => e.protectedInBase || e.protectedInHead).map((e) => e.name));
  const before = findingsByObject(result.trees.base, apps, protectedEnvs);
  const after = findingsByObject(result.trees.head, apps, protectedEnvs);
  for (const change of touched) {
    const key = identityKey(change);
    const had = new Set((before.get(key) ?? []).map((f) => `${f.ruleId} ${f.path}`));
    const risks: RawRisk[] = [];
    for (const finding of after.get(key) ?? []) {
      if (had.has(`${finding.ruleId} ${finding.path}`)) continue;
      had.add(`${finding.ruleId} ${finding.path}`);
      risks.push(risk('policy-regression', finding.severity === 'error' ? 'high' : 'medium', `${describe(change)}: new ${finding.ruleId} finding at ${finding.path} (${finding.title})`));
    }
    risks.push(...newWaivers(change));
    if (risks.length > 0) out.set(key, risks);
  }
  return out;
}

function newWaivers(change: ObjectChange): RawRisk[] {
  const before = parseWaivers(change.base?.metadata?.annotations).waivers;
  const after = parseWaivers(change.head?.metadata?.annotations).waivers;
  return Object.keys(after).filter((id) => before[id] === undefined)
    .map((id) => risk('policy-regression', 'medium', `${describe(change)}: new waiver of ${id} (${JSON.stringify(after[id])})`));
}

/** Unwaived findings of the objects in the given `env/app` folders, by object identity. */
function findingsByObject(tree: ReviewTree, apps: ReadonlySet<string>, protectedEnvs: ReadonlySet<string>): Map<string, Finding[]> {
  const items: (PolicyItem & { key: string })[] = [];
  for (const doc of tree.documents) {
    const located = locate(doc);
    if (!apps.has(`${located.env}/${located.app}`) || typeof doc.object?.kind !== 'string') continue;
    items.push({ object: doc.object, file: doc.file, environment: located.env, key: identityKey(identityOf(located.env, doc.object)) });
  }
  const report = checkManifests(items, { profile: (item) => (protectedEnvs.has(item.environment ?? '') ? 'prod' : DEFAULT_PROFILE) });
  const byFile = new Map<string, string>();
  for (const item of items) byFile.set(`${item.file}\u0000${objectRef(item.object)}`, item.key);
  const out = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.waived) continue;
    const key = byFile.get(`${finding.file}\u0000${finding.object}`);
    if (!key) continue;
    const list = out.get(key) ?? [];
    list.push(finding);
    out.set(key, list);
  }
  return out;
}
