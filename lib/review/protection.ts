import { Annotations } from '../core/annotations';
import { KubeObject } from '../core/manifest';
import { list, record } from '../policy/rules/support/paths';

/**
 * Deletion protection as the controllers read it from an object:
 * - Crossplane: `spec.deletionPolicy: Orphan`, or `spec.managementPolicies` without `Delete` (and not `*`):
 *   the provider leaves the external resource when the managed resource is deleted.
 * - ACK: `services.k8s.aws/deletion-policy: retain` keeps the AWS resource.
 * - Argo CD: `argocd.argoproj.io/sync-options` with `Prune=false` (or `Delete=false`) never prunes it.
 * - Flux: `kustomize.toolkit.fluxcd.io/prune: disabled` keeps it when it leaves Git.
 */
export interface ObjectProtection {
  /** The cloud controller keeps the real resource when the object is deleted. */
  readonly cloudOrphan: boolean;
  /** The GitOps engine does not delete the object when it leaves Git. */
  readonly noPrune: boolean;
  /** Which markers are set, for messages (`deletionPolicy: Orphan`, `Prune=false`, ...). */
  readonly markers: readonly string[];
}

export function protectionOf(object: KubeObject | undefined): ObjectProtection {
  const markers: string[] = [];
  if (!object) return { cloudOrphan: false, noPrune: false, markers };
  const spec = record(object.spec) ?? {};
  const annotations = object.metadata?.annotations ?? {};
  if (spec.deletionPolicy === 'Orphan') markers.push('deletionPolicy: Orphan');
  if (Array.isArray(spec.managementPolicies) && !managementDeletes(spec.managementPolicies)) markers.push('managementPolicies without Delete');
  if (String(annotations[Annotations.ACK_DELETION_POLICY] ?? '').toLowerCase() === 'retain') markers.push(`${Annotations.ACK_DELETION_POLICY}: retain`);
  const cloudOrphan = markers.length > 0;
  const cloudMarkers = markers.length;
  const syncOptions = String(annotations[Annotations.ARGO_SYNC_OPTIONS] ?? '').split(',').map((o) => o.trim());
  if (syncOptions.includes('Prune=false')) markers.push('Prune=false');
  if (syncOptions.includes('Delete=false')) markers.push('Delete=false');
  if (annotations[Annotations.FLUX_PRUNE] === 'disabled') markers.push(`${Annotations.FLUX_PRUNE}: disabled`);
  return { cloudOrphan, noPrune: markers.length > cloudMarkers, markers };
}

/** True when Crossplane management policies include deletion (`*` or `Delete`). */
export function managementDeletes(policies: unknown): boolean {
  const values = list(policies).map(String);
  return values.includes('*') || values.includes('Delete');
}

export function isProtected(object: KubeObject | undefined): boolean {
  return protectionOf(object).markers.length > 0;
}
