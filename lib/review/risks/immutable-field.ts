import { isDeepStrictEqual } from 'util';
import { Annotations } from '../../core/annotations';
import { dig, record } from '../../policy/rules/support/paths';
import { ObjectChange } from '../types';
import { both, brief, describe, RawRisk, risk, RiskContext } from './support';

/**
 * `immutable-field`: a change the API server rejects ("field is immutable"), so every sync fails until
 * the object is deleted and re-created. Argo CD and Flux apply with a patch/server-side apply and
 * report the error; they replace only when told to (Argo CD `Replace=true`, Flux
 * `kustomize.toolkit.fluxcd.io/force: enabled`). Apps selectors (apps/v1 validation), StatefulSet
 * fields other than replicas/template/updateStrategy/persistentVolumeClaimRetentionPolicy/minReadySeconds,
 * Job template and selector, Service clusterIP(s) and PVC storageClassName/accessModes/volumeName are
 * immutable after creation; a ConfigMap or Secret with `immutable: true` rejects any data change.
 */

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const STATEFULSET_FIELDS = ['volumeClaimTemplates', 'serviceName', 'podManagementPolicy'];

export function immutableField(change: ObjectChange, context?: RiskContext): RawRisk[] {
  if (change.action === 'added' && context) return renamedEnvironment(change, context);
  if (!both(change)) return [];
  const { base, head } = change;
  const out: RawRisk[] = [];
  const changed = (...keys: string[]) => !isDeepStrictEqual(dig(base, ...keys), dig(head, ...keys));
  const flag = (path: string, keys: string[]) => {
    if (changed(...keys)) out.push(risk('immutable-field', 'high', `${describe(change)}: ${path} is immutable (${brief(dig(base, ...keys))} -> ${brief(dig(head, ...keys))}); the apply fails until the object is deleted and re-created`));
  };
  const core = change.group === '';
  if (change.group === 'apps' && SELECTOR_KINDS.has(change.kind)) flag('.spec.selector', ['spec', 'selector']);
  if (change.group === 'apps' && change.kind === 'StatefulSet') for (const f of STATEFULSET_FIELDS) flag(`.spec.${f}`, ['spec', f]);
  if (change.group === 'batch' && change.kind === 'Job' && !replaces(head)) {
    flag('.spec.selector', ['spec', 'selector']);
    flag('.spec.template', ['spec', 'template']);
  }
  if (core && change.kind === 'Service') {
    // An unset clusterIP is allocated by the API server; only a change between two set values is rejected.
    for (const f of ['clusterIP', 'clusterIPs']) if (dig(base, 'spec', f) !== undefined && dig(head, 'spec', f) !== undefined) flag(`.spec.${f}`, ['spec', f]);
    const from = dig(base, 'spec', 'type');
    const to = dig(head, 'spec', 'type');
    if (from !== to && (from === 'ExternalName' || to === 'ExternalName')) {
      out.push(risk('immutable-field', 'high', `${describe(change)}: .spec.type ${brief(from)} -> ${brief(to)} switches between ExternalName and a proxied Service; clients lose the address while it is replaced`));
    }
  }
  if (core && change.kind === 'PersistentVolumeClaim') for (const f of ['storageClassName', 'accessModes', 'volumeName']) flag(`.spec.${f}`, ['spec', f]);
  if (core && (change.kind === 'ConfigMap' || change.kind === 'Secret') && base.immutable === true) {
    const payload = ['data', 'binaryData', 'stringData'].some((f) => changed(f)) || head.immutable !== true;
    // Secret values are never named: the reason says which object, not what changed in it.
    if (payload) out.push(risk('immutable-field', 'high', `${describe(change)}: the object is immutable (immutable: true) and its data changed; the apply fails until it is re-created under a new name`));
  }
  return out;
}

/** The head asks the reconciler to replace the object rather than patch it. */
function replaces(object: { metadata: { annotations?: Record<string, string> } }): boolean {
  const annotations = record(object.metadata?.annotations) ?? {};
  const options = String(annotations[Annotations.ARGO_SYNC_OPTIONS] ?? '').split(',').map((o) => o.trim());
  return options.includes('Replace=true') || annotations[Annotations.FLUX_FORCE] === 'enabled';
}

/**
 * A renamed environment: its objects leave under the old name and arrive under the new one. In a
 * namespace both share (`NamespaceScheme.shared`) the live object keeps its name, so the new
 * environment's apply patches it, and a selector that carries the environment is rejected.
 */
function renamedEnvironment(change: ObjectChange, context: RiskContext): RawRisk[] {
  if (change.group !== 'apps' || !SELECTOR_KINDS.has(change.kind) || !change.head || !change.namespace) return [];
  for (const env of context.result.environments) {
    if (env.name === change.env || env.inHead || !env.inBase) continue;
    const old = context.changesOfKind(env.name, change.kind)
      .find((c) => c.action === 'removed' && c.group === change.group && c.namespace === change.namespace && c.name === change.name);
    const before = dig(old?.base, 'spec', 'selector');
    const after = dig(change.head, 'spec', 'selector');
    if (old && !isDeepStrictEqual(before, after)) {
      return [risk('immutable-field', 'high', `${describe(change)}: replaces ${describe(old)} of environment ${env.name}, which left Git, in the same namespace with another .spec.selector (${brief(before)} -> ${brief(after)}); on one cluster the live object keeps its name and every apply fails with "field is immutable" until it is deleted and re-created`)];
    }
  }
  return [];
}
