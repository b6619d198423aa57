import { Annotations } from '../../core/annotations';
import { apiGroup, KubeObject } from '../../core/manifest';
import { Rule } from '../rule';
import { awsKind, isAws } from './support/aws';
import { PROD_ONLY } from './support/define';
import { at, dig, list, quote } from './support/paths';

/**
 * Deletion protection for stateful resources in production (`DEL-*`). Two layers: the controller
 * keeps the cloud resource when its claim is deleted (DEL-001), and the reconciler does not prune the
 * claim when it disappears from git (DEL-002).
 */

export const ACK_DELETION_POLICY = Annotations.ACK_DELETION_POLICY;
export const ARGO_SYNC_OPTIONS = Annotations.ARGO_SYNC_OPTIONS;
export const FLUX_PRUNE = Annotations.FLUX_PRUNE;

/** Cloud resources that hold data: deleting them loses it. */
function isStatefulCloud(object: KubeObject): boolean {
  return isAws(object, 's3', 'Bucket') || isAws(object, 'sqs', 'Queue');
}

function isStateful(object: KubeObject): boolean {
  return isStatefulCloud(object) || (object.kind === 'PersistentVolumeClaim' && apiGroup(object.apiVersion ?? '') === '');
}

function describe(object: KubeObject): string {
  return `${object.kind} ${quote(object.metadata?.name)}`;
}

/**
 * Crossplane: `managementPolicies` without `Delete` (and without `*`), or, while management policies
 * are the default, `deletionPolicy: Orphan`. When both are customised Crossplane ignores deletionPolicy.
 */
function crossplaneRetains(object: KubeObject): { retained: boolean; field: 'managementPolicies' | 'deletionPolicy'; current: unknown } {
  const policies = dig(object, 'spec', 'managementPolicies');
  const custom = Array.isArray(policies) && !(policies.length === 1 && policies[0] === '*');
  if (custom) {
    const retained = !list(policies).some((p) => p === 'Delete' || p === '*');
    return { retained, field: 'managementPolicies', current: policies };
  }
  const deletionPolicy = dig(object, 'spec', 'deletionPolicy');
  return { retained: deletionPolicy === 'Orphan', field: 'deletionPolicy', current: deletionPolicy };
}

export const controllerRetains: Rule = {
  id: 'DEL-001',
  severity: 'error',
  title: 'Production buckets and queues must be retained when their claim is deleted',
  rationale: 'By default deleting the claim deletes the bucket or queue and its data; a refactor or a pruned file must not do that.',
  fix: 'Crossplane: spec.deletionPolicy Orphan (or managementPolicies without Delete); ACK: annotation services.k8s.aws/deletion-policy: retain.',
  mirrors: [],
  profiles: PROD_ONLY,
  check: ({ object }) => {
    if (!isStatefulCloud(object)) return [];
    if (awsKind(object)?.flavor === 'crossplane') {
      const { retained, field, current } = crossplaneRetains(object);
      if (retained) return [];
      const fix = field === 'managementPolicies' ? 'remove "Delete" and "*" from it' : 'set it to "Orphan"';
      return [{ path: at('.spec', field), message: `${describe(object)} has ${field} ${quote(current)}, so deleting the claim deletes the resource; ${fix}` }];
    }
    const value = object.metadata?.annotations?.[ACK_DELETION_POLICY];
    return value === 'retain'
      ? []
      : [{ path: at('.metadata.annotations', ACK_DELETION_POLICY), message: `${describe(object)} has annotation ${quote(ACK_DELETION_POLICY)} ${quote(value)}, so deleting the claim deletes the resource; set it to "retain"` }];
  },
};

/** Argo CD `Prune=false` or `Delete=false`, or Flux `prune: disabled`. */
export function hasPruneGuard(object: KubeObject): boolean {
  const annotations = object.metadata?.annotations ?? {};
  const options = (annotations[ARGO_SYNC_OPTIONS] ?? '').split(',').map((o) => o.trim());
  return options.includes('Prune=false') || options.includes('Delete=false') || annotations[FLUX_PRUNE] === 'disabled';
}

export const reconcilerKeeps: Rule = {
  id: 'DEL-002',
  severity: 'error',
  title: 'Production stateful resources must not be pruned by the reconciler',
  rationale: 'Argo CD and Flux delete objects that vanish from git; a renamed construct id would delete the data with them.',
  fix: `Annotate with ${ARGO_SYNC_OPTIONS}: Prune=false (Argo CD) or ${FLUX_PRUNE}: disabled (Flux).`,
  mirrors: [],
  profiles: PROD_ONLY,
  check: ({ object }) => {
    if (!isStateful(object) || hasPruneGuard(object)) return [];
    return [{
      path: at('.metadata.annotations', ARGO_SYNC_OPTIONS),
      message: `${describe(object)} may be pruned when it leaves git; annotate it with ${ARGO_SYNC_OPTIONS}: Prune=false or ${FLUX_PRUNE}: disabled`,
    }];
  },
};

export const noForceDestroy: Rule = {
  id: 'DEL-003',
  severity: 'error',
  title: 'Production buckets must not be force-destroyed',
  rationale: 'forceDestroy empties the bucket on deletion, so a deleted claim takes every object version with it.',
  fix: 'Remove spec.forProvider.forceDestroy or set it to false.',
  mirrors: [],
  profiles: PROD_ONLY,
  check: ({ object }) =>
    isAws(object, 's3', 'Bucket', 'crossplane') && dig(object, 'spec', 'forProvider', 'forceDestroy') === true
      ? [{ path: '.spec.forProvider.forceDestroy', message: `${describe(object)} sets forceDestroy to true, so deletion also deletes every object; remove it or set it to false` }]
      : [],
};

export const deletionProtectionRules: readonly Rule[] = [controllerRetains, reconcilerKeeps, noForceDestroy];
