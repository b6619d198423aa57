import { isDeepStrictEqual } from 'util';
import { isRecord, list } from '../../policy/rules/support/paths';
import { ObjectChange } from '../types';
import { containersByName, describe, dig, RawRisk, risk, RiskContext } from './support';

/**
 * `env-var-removed`: a container loses an environment variable it had. Kubernetes rolls the pods with
 * the new set; code still reading the old name (a renamed connected queue or service, a dropped
 * secret reference) fails at runtime, not at apply time.
 *
 * `availability`: the change can take a service down: replicas to 0, a PodDisruptionBudget removed
 * (voluntary evictions no longer wait), probes removed (traffic to pods that are not ready, no
 * restart of hung ones), a Service port removed before its clients move, `spec.replicas` dropped from
 * a Deployment (server-side apply resets it to 1 until an HPA reacts), or an HPA allowed below the
 * replicas the base ran, in a protected environment.
 */

export function envVarRemoved(change: ObjectChange): RawRisk[] {
  if (!change.base || !change.head) return [];
  const before = containersByName(change.base);
  const after = containersByName(change.head);
  const out: RawRisk[] = [];
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) continue;
    const names = (c: Record<string, unknown>) => list(c.env).filter(isRecord).map((e) => String(e.name));
    const kept = new Set(names(now));
    const lost = names(old).filter((n) => !kept.has(n));
    if (lost.length > 0) out.push(risk('env-var-removed', 'medium', `${describe(change)}: container ${JSON.stringify(name)} loses env var(s) ${lost.join(', ')}`));
    const lostFrom = list(old.envFrom).filter((e) => !list(now.envFrom).some((n) => isDeepStrictEqual(n, e)));
    if (lostFrom.length > 0) out.push(risk('env-var-removed', 'medium', `${describe(change)}: container ${JSON.stringify(name)} loses envFrom ${JSON.stringify(lostFrom[0])}`));
  }
  return out;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const SCALED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export function availability(change: ObjectChange, context: RiskContext): RawRisk[] {
  const out: RawRisk[] = [];
  const push = (reason: string) => out.push(risk('availability', 'medium', `${describe(change)}: ${reason}`));
  const { base, head } = change;
  if (change.kind === 'PodDisruptionBudget' && change.group === 'policy' && change.action === 'removed') push('PodDisruptionBudget removed: evictions during node drains no longer wait for healthy pods');
  if (change.kind === 'HorizontalPodAutoscaler' && change.action === 'added' && head && context.env?.protectedInBase) {
    // Autoscaling turned on: the target's fixed replicas go, and the HPA may scale below them.
    const target = dig(head, 'spec', 'scaleTargetRef');
    const workload = context.changesOfKind(change.env, String(dig(target, 'kind')))
      .find((c) => c.name === dig(target, 'name') && c.namespace === change.namespace && c.base);
    const had = Number(dig(workload?.base, 'spec', 'replicas') ?? 0);
    const min = Number(dig(head, 'spec', 'minReplicas') ?? 1);
    if (min < had) push(`new autoscaler with .spec.minReplicas ${min} below the ${had} replicas ${String(dig(target, 'name'))} ran with`);
  }
  if (!base || !head) return out;
  if (change.group === 'apps' && SCALED.has(change.kind)) {
    const from = dig(base, 'spec', 'replicas');
    const to = dig(head, 'spec', 'replicas');
    if (to === 0 && from !== 0) push(`.spec.replicas ${String(from ?? 1)} -> 0 stops every pod`);
    if (to === undefined && typeof from === 'number' && from > 1) push(`.spec.replicas (${from}) removed: the API server applies the default of 1 until an autoscaler reacts`);
  }
  const before = containersByName(base);
  for (const [name, container] of containersByName(head)) {
    const old = before.get(name);
    if (!old) continue;
    const lost = PROBES.filter((p) => old[p] !== undefined && container[p] === undefined);
    if (lost.length > 0) push(`container ${JSON.stringify(name)} loses ${lost.join(', ')}`);
  }
  if (change.kind === 'Service' && change.group === '') {
    const port = (p: unknown) => (isRecord(p) ? String(p.name ?? p.port) : String(p));
    const kept = new Set(list(dig(head, 'spec', 'ports')).map(port));
    const lost = list(dig(base, 'spec', 'ports')).map(port).filter((p) => !kept.has(p));
    if (lost.length > 0) push(`port(s) ${lost.join(', ')} removed: clients still using them fail until they move`);
  }
  if (change.kind === 'HorizontalPodAutoscaler' && change.group === 'autoscaling' && context.env?.protectedInBase) {
    const from = Number(dig(base, 'spec', 'minReplicas') ?? 1);
    const to = Number(dig(head, 'spec', 'minReplicas') ?? 1);
    if (to < from) push(`.spec.minReplicas ${from} -> ${to} lets the autoscaler go below the replicas it ran with`);
  }
  return out;
}
