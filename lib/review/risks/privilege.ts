import { isDeepStrictEqual } from 'util';
import { dig, isRecord, Json, list, record } from '../../policy/rules/support/paths';
import { parsePolicy } from '../../policy/rules/support/iam';
import { ObjectChange } from '../types';
import { brief, cloudKind, containersByName, describe, fieldsUnder, podSpec, RawRisk, risk } from './support';

/**
 * `privilege`: the pods, the cluster identity or the cloud identity may do more than before. Pod
 * Security Standards (baseline/restricted) forbid privileged containers, added capabilities, host
 * namespaces and hostPath volumes, and require runAsNonRoot; an automounted service account token
 * hands the pod its API credentials. RBAC rules and bindings are additive (a new rule or subject is a
 * grant), and IAM policies grant the union of their Allow statements.
 */

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];

export function privilege(change: ObjectChange): RawRisk[] {
  const out: RawRisk[] = [];
  const push = (reason: string) => out.push(risk('privilege', 'high', `${describe(change)}: ${reason}`));
  const { base, head } = change;
  // A new workload is compared with nothing: only settings that grant something explicitly count.
  const after = podSpec(head);
  if (after) podPrivilege(podSpec(base) ?? {}, after, containersByName(base), containersByName(head)).forEach(push);
  if (change.group === 'rbac.authorization.k8s.io' && RBAC_KINDS.has(change.kind) && head) {
    if (!base) push(`new ${change.kind} grants access`);
    else {
      for (const field of ['rules', 'subjects']) {
        const had = list(base[field]);
        const gained = list(head[field]).filter((item) => !had.some((h) => covers(h, item)));
        if (gained.length > 0) push(`.${field} gains ${brief(gained[0])}${gained.length > 1 ? ` and ${gained.length - 1} more` : ''}`);
      }
      if (!isDeepStrictEqual(base.roleRef, head.roleRef)) push(`.roleRef ${brief(base.roleRef)} -> ${brief(head.roleRef)}`);
      if (!isDeepStrictEqual(base.aggregationRule, head.aggregationRule) && head.aggregationRule !== undefined) push('.aggregationRule changed: the role aggregates other roles');
    }
  }
  if (cloudKind(head ?? base)?.service === 'iam' && base && head) {
    for (const f of change.fields) {
      if (!/[Pp]olicy(Document)?$|inlinePolicies|\.policy$/.test(f.path)) continue;
      const gained = grants(f.after).filter((g) => !grants(f.before).includes(g));
      if (gained.length > 0) push(`${f.path} allows ${gained.slice(0, 3).join(', ')}${gained.length > 3 ? ` and ${gained.length - 3} more` : ''}`);
    }
    for (const f of fieldsUnder(change, '.spec.forProvider.managedPolicyArns').concat(fieldsUnder(change, '.spec.policies'), fieldsUnder(change, '.spec.forProvider.policyArn'))) {
      const had = new Set(list(f.before).concat(typeof f.before === 'string' ? [f.before] : []).map(String));
      const added = list(f.after).concat(typeof f.after === 'string' ? [f.after] : []).map(String).filter((a) => !had.has(a));
      if (added.length > 0) push(`${f.path} attaches ${added.join(', ')}`);
    }
  }
  return out;
}

function podPrivilege(before: Json, after: Json, beforeContainers: Map<string, Json>, afterContainers: Map<string, Json>): string[] {
  const out: string[] = [];
  for (const key of HOST_NAMESPACES) if (after[key] === true && before[key] !== true) out.push(`pod ${key} turned on`);
  if (after.automountServiceAccountToken === true && before.automountServiceAccountToken !== true) out.push('pod automountServiceAccountToken set to true');
  const hostPaths = (spec: Json) => list(spec.volumes).filter((v) => isRecord(v) && v.hostPath !== undefined).map((v) => String((v as Json).name));
  const newHostPaths = hostPaths(after).filter((n) => !hostPaths(before).includes(n));
  if (newHostPaths.length > 0) out.push(`hostPath volume(s) ${newHostPaths.join(', ')} added`);
  if (dig(before, 'securityContext', 'runAsNonRoot') === true && dig(after, 'securityContext', 'runAsNonRoot') !== true) out.push('pod securityContext.runAsNonRoot no longer true');
  for (const [name, container] of afterContainers) {
    const old = beforeContainers.get(name) ?? {};
    const sc = record(container.securityContext) ?? {};
    const oldSc = record(old.securityContext) ?? {};
    const where = `container ${JSON.stringify(name)}`;
    if (sc.privileged === true && oldSc.privileged !== true) out.push(`${where} securityContext.privileged set to true`);
    if (sc.allowPrivilegeEscalation === true && oldSc.allowPrivilegeEscalation !== true) out.push(`${where} securityContext.allowPrivilegeEscalation set to true`);
    if (oldSc.runAsNonRoot === true && sc.runAsNonRoot !== true) out.push(`${where} securityContext.runAsNonRoot no longer true`);
    if (oldSc.readOnlyRootFilesystem === true && sc.readOnlyRootFilesystem !== true) out.push(`${where} securityContext.readOnlyRootFilesystem no longer true`);
    if (sc.runAsUser === 0 && oldSc.runAsUser !== 0) out.push(`${where} securityContext.runAsUser set to 0 (root)`);
    if (list(dig(oldSc, 'capabilities', 'drop')).includes('ALL') && !list(dig(sc, 'capabilities', 'drop')).includes('ALL')) out.push(`${where} no longer drops ALL capabilities`);
    if (dig(sc, 'seccompProfile', 'type') === 'Unconfined' && dig(oldSc, 'seccompProfile', 'type') !== 'Unconfined') out.push(`${where} seccompProfile set to Unconfined`);
    const had = list(dig(oldSc, 'capabilities', 'add')).map(String);
    const added = list(dig(sc, 'capabilities', 'add')).map(String).filter((c) => !had.includes(c));
    if (added.length > 0) out.push(`${where} adds capabilities ${added.join(', ')}`);
  }
  return out;
}

/** An RBAC rule or subject `item` is already granted by `had` when `had` includes every value of it. */
function covers(had: unknown, item: unknown): boolean {
  if (isDeepStrictEqual(had, item)) return true;
  if (!isRecord(had) || !isRecord(item)) return false;
  return Object.entries(item).every(([key, value]) => {
    const old = had[key];
    if (Array.isArray(value)) return Array.isArray(old) && (old.includes('*') || value.every((v) => old.includes(v)));
    return isDeepStrictEqual(old, value);
  });
}

/** `Action on Resource` pairs of the Allow statements of an IAM policy document (JSON string or object). */
function grants(policy: unknown): string[] {
  if (policy === undefined) return [];
  const documents = typeof policy === 'string' || !isRecord(policy) || 'Statement' in policy ? [policy] : Object.values(policy);
  const out: string[] = [];
  for (const document of documents) {
    const parsed = parsePolicy(document);
    if (!parsed.ok) continue;
    for (const s of parsed.statements) {
      if (s.effect !== 'Allow') continue;
      const raw = rawStatement(document, s.index);
      const resources = list(raw?.Resource).concat(typeof raw?.Resource === 'string' ? [raw.Resource] : []).map(String);
      for (const a of s.action) for (const r of resources.length > 0 ? resources : ['*']) out.push(`${a} on ${r}`);
    }
  }
  return out;
}

function rawStatement(document: unknown, index: number): Json | undefined {
  const parsed = typeof document === 'string' ? safeJson(document) : document;
  const statements = dig(parsed, 'Statement');
  return record(Array.isArray(statements) ? statements[index] : statements);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

