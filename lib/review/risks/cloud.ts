import { isDeepStrictEqual } from 'util';
import { Annotations } from '../../core/annotations';
import { KubeObject } from '../../core/manifest';
import { dig, list } from '../../policy/rules/support/paths';
import { protectionOf } from '../protection';
import { ObjectChange } from '../types';
import { both, brief, cloudKind, describe, RawRisk, risk, RiskContext } from './support';

/**
 * Cloud data. A Crossplane managed resource or an ACK resource is bound to one real resource by its
 * physical identity (external name / AWS name, region, provider account, API group and scope).
 * - Crossplane: deleting a managed resource deletes the external resource unless `deletionPolicy:
 *   Orphan` or `managementPolicies` without `Delete`; changing `crossplane.io/external-name` points the
 *   object at another resource (the old one is left or, with a new object name, deleted on prune).
 * - ACK: deleting a resource deletes the AWS resource unless `services.k8s.aws/deletion-policy: retain`;
 *   the name fields (`spec.name`, `spec.queueName`) are immutable, a change means a new resource.
 * - Argo CD prunes objects that left Git unless `Prune=false`; Flux unless
 *   `kustomize.toolkit.fluxcd.io/prune: disabled`.
 */

/** Fields that name the real resource, per flavor. A change creates a new resource and abandons the old one. */
const PHYSICAL_FIELDS: Record<'crossplane' | 'ack', readonly (readonly string[])[]> = {
  crossplane: [
    ['metadata', 'annotations', Annotations.CROSSPLANE_EXTERNAL_NAME], ['spec', 'forProvider', 'name'], ['spec', 'forProvider', 'fifoQueue'],
    ['spec', 'forProvider', 'region'], ['spec', 'providerConfigRef', 'name'],
  ],
  ack: [
    ['spec', 'name'], ['spec', 'queueName'], ['spec', 'fifoQueue'], ['spec', 'attributes', 'FifoQueue'],
    ['metadata', 'annotations', Annotations.ACK_REGION],
  ],
};

/** Kinds whose removal loses data or a running service. */
const STATEFUL_CLOUD_KINDS = new Set(['Bucket', 'Queue', 'Distribution', 'OriginAccessControl', 'Role', 'Table', 'Instance', 'DBInstance', 'Cluster']);
const STATEFUL_KINDS = new Set(['Namespace', 'PersistentVolumeClaim', 'StatefulSet']);

/** The AWS name an object manages: external name or spec name, else the object name. */
export function physicalName(object: KubeObject): string {
  const kind = cloudKind(object);
  const external = object.metadata?.annotations?.[Annotations.CROSSPLANE_EXTERNAL_NAME];
  // An SQS queue's external name is its URL in provider-aws; the queue name is its last segment.
  const queueUrl = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/([^/]+)$/.exec(String(external ?? ''));
  if (queueUrl) return queueUrl[1];
  if (kind?.flavor === 'crossplane') return String(external ?? dig(object, 'spec', 'forProvider', 'name') ?? object.metadata.name);
  return String(dig(object, 'spec', 'name') ?? dig(object, 'spec', 'queueName') ?? object.metadata.name);
}

function physicalKey(change: ObjectChange, object: KubeObject): string {
  return `${change.env}\u0000${change.kind}\u0000${physicalName(object)}`;
}

/** What happens to the real resource when the reconciler deletes `object`. */
function fate(object: KubeObject): { deletes: boolean; text: string } {
  const p = protectionOf(object);
  if (p.noPrune) return { deletes: false, text: `it is not pruned (${p.markers.join(', ')}) and keeps running unmanaged` };
  if (p.cloudOrphan) return { deletes: false, text: `the reconciler prunes it and the resource is orphaned (${p.markers.join(', ')}): it stays in AWS until removed by hand` };
  if (cloudKind(object)) return { deletes: true, text: 'the reconciler prunes it and the controller DELETES the AWS resource (no orphan/retain policy)' };
  return { deletes: true, text: 'the reconciler prunes it with everything it holds' };
}

export function cloudReplace(change: ObjectChange, context: RiskContext): RawRisk[] {
  const kind = cloudKind(change.head ?? change.base);
  if (!kind) return [];
  if (both(change)) {
    return PHYSICAL_FIELDS[kind.flavor].flatMap((keys) => {
      const before = dig(change.base, ...keys);
      const after = dig(change.head, ...keys);
      if (isDeepStrictEqual(before, after)) return [];
      // The same queue written as its name or as its URL is the same resource.
      if (keys[2] === Annotations.CROSSPLANE_EXTERNAL_NAME && physicalName(change.base) === physicalName(change.head)) return [];
      const f = fate(change.base);
      return [risk('cloud-replace', f.deletes ? 'critical' : 'high',
        `${describe(change)}: ${keys.join('.')} ${brief(before)} -> ${brief(after)} changes the real resource; a new one is created and the old one is abandoned${f.deletes ? ' or deleted' : ''}`)];
    });
  }
  // A removed and an added object of one kind that manage the same AWS name: a flavor switch, a
  // scope change or a renamed object. The old object is pruned while the new one adopts the resource.
  const object = (change.head ?? change.base)!;
  const wanted = physicalKey(change, object);
  const other = context.changesOfKind(change.env, change.kind).find((c) => c !== change
    && c.action === (change.action === 'added' ? 'removed' : 'added') && cloudKind(c.head ?? c.base) && physicalKey(c, (c.head ?? c.base)!) === wanted);
  if (!other) return [];
  const old = change.action === 'removed' ? change : other;
  const f = fate(old.base!);
  return [risk('cloud-replace', f.deletes ? 'critical' : 'high',
    `${describe(change)} (${change.group}) ${change.action === 'added' ? 'takes over' : 'hands over'} AWS resource ${JSON.stringify(physicalName(object))} ${change.action === 'added' ? `from ${describe(old)} (${old.group})` : `to ${describe(other)} (${other.group})`}; for the old object ${f.text}`)];
}

export function statefulDelete(change: ObjectChange, context: RiskContext): RawRisk[] {
  if (change.action !== 'removed' || !change.base) return [];
  const cloud = cloudKind(change.base);
  const stateful = cloud ? STATEFUL_CLOUD_KINDS.has(change.kind) : change.group === '' || change.group === 'apps' ? STATEFUL_KINDS.has(change.kind) : false;
  if (!stateful) return [];
  // Reported as cloud-replace when another object takes the resource over.
  if (cloud && cloudReplace(change, context).length > 0) return [];
  const f = fate(change.base);
  const envGone = context.env && !context.env.inHead ? ` (environment ${change.env} left Git: the reconcilers report a missing path and delete nothing until its wiring is removed)` : '';
  return [risk('stateful-delete', f.deletes ? 'critical' : 'medium', `${describe(change)} removed: ${f.text}${envGone}`)];
}

const FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export function protectionRemoved(change: ObjectChange, context: RiskContext): RawRisk[] {
  if (!both(change)) return [];
  const before = protectionOf(change.base).markers;
  const after = new Set(protectionOf(change.head).markers);
  const lost = before.filter((m) => !after.has(m));
  const env = context.env;
  const envNote = env?.protectedInBase && env.inHead && !env.protectedInHead ? `; environment ${change.env} no longer carries any deletion protection` : '';
  const out = lost.map((m) => risk('protection-removed', 'high', `${describe(change)}: ${m} removed; the next removal of this object deletes it${envNote}`));
  if (change.group === 'argoproj.io' && change.kind === 'Application' && env?.protectedInBase) {
    const had = list(change.base.metadata.finalizers).includes(FINALIZER);
    if (!had && list(change.head.metadata.finalizers).includes(FINALIZER)) {
      out.push(risk('protection-removed', 'high', `${describe(change)}: .metadata.finalizers gains ${FINALIZER}; deleting the Application now deletes everything it synced`));
    }
  }
  return out;
}
