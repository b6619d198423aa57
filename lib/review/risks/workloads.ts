import { isDeepStrictEqual } from 'util';
import { KubeObject } from '../../core/manifest';
import { locateInDist } from '../../manifests';
import { dig, isRecord, list, record } from '../../policy/rules/support/paths';
import { DiffResult, ObjectChange } from '../types';
import { both, containersByName, describe, RawRisk, risk, RiskContext } from './support';

/**
 * `env-var-removed`: a container loses an environment variable it had. Kubernetes rolls the pods with
 * the new set; code still reading the old name (a renamed connected queue or service, a dropped
 * secret reference) fails at runtime, not at apply time.
 *
 * `availability`: the change can take a service down: replicas to 0, a PodDisruptionBudget removed
 * (voluntary evictions no longer wait), probes removed (traffic to pods that are not ready, no
 * restart of hung ones), a Service port removed before its clients move, `spec.replicas` dropped from
 * a Deployment (server-side apply resets it to 1 until an HPA reacts), an HPA allowed below the
 * replicas the base ran in a protected environment, or a Service removed (renamed) while its
 * environment stays.
 */

export function envVarRemoved(change: ObjectChange, context: RiskContext): RawRisk[] {
  if (!both(change)) return [];
  if (change.group === '' && (change.kind === 'ConfigMap' || change.kind === 'Secret')) return removedKeys(change, context);
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

/**
 * A ConfigMap or Secret that loses keys, read by containers through `envFrom`: those containers lose
 * the variables (gitplane's connection settings travel this way). Key names only, never values.
 */
function removedKeys(change: ObjectChange & { base: KubeObject; head: KubeObject }, context: RiskContext): RawRisk[] {
  const keys = (o: KubeObject) => [...Object.keys(record(o.data) ?? {}), ...Object.keys(record(o.stringData) ?? {})];
  const kept = new Set(keys(change.head));
  const lost = [...new Set(keys(change.base))].filter((k) => !kept.has(k));
  if (lost.length === 0) return [];
  const readers = envFromReaders(context.result).get(`${change.env}/${change.namespace ?? ''}/${change.kind}/${change.name}`) ?? [];
  if (readers.length === 0) return [];
  return [risk('env-var-removed', 'medium', `${describe(change)}: key(s) ${lost.join(', ')} removed; ${readers.join(', ')} read it through envFrom and lose those env vars`)];
}

const READERS = new WeakMap<DiffResult, Map<string, string[]>>();

/** Who reads each ConfigMap/Secret through envFrom in the head: `env/namespace/kind/name` -> workloads. */
function envFromReaders(result: DiffResult): Map<string, string[]> {
  let index = READERS.get(result);
  if (index) return index;
  index = new Map();
  for (const doc of result.trees.head.documents) {
    const { env } = locateInDist(doc.file);
    for (const container of containersByName(doc.object).values()) {
      for (const source of list(container.envFrom)) {
        for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
          const name = dig(source, field, 'name');
          if (typeof name !== 'string') continue;
          const key = `${env}/${doc.object.metadata?.namespace ?? ''}/${kind}/${name}`;
          const reader = `${doc.object.kind} ${doc.object.metadata.name}`;
          const readers = index.get(key) ?? [];
          if (!readers.includes(reader)) readers.push(reader);
          index.set(key, readers);
        }
      }
    }
  }
  READERS.set(result, index);
  return index;
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
  if (change.kind === 'Service' && change.group === '' && change.action === 'removed' && context.env?.inHead) {
    // A renamed workload renames its Service: Argo CD syncs apps in parallel and Flux runs its
    // Kustomizations on their own schedules, so consumers can still dial the old name when it goes.
    push('Service removed: clients that still use its address fail until they move to the new one');
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
    // A port is lost when its number goes, even under the same name: clients dial the number.
    const port = (p: unknown) => (isRecord(p) ? `${String(p.name ?? p.port)}${p.name !== undefined ? ` (${String(p.port)})` : ''}` : String(p));
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
