/**
 * Annotation keys the reconcilers and cloud controllers read. One definition each: gitops writes
 * them, cloud resources carry them, and the policy rules check them.
 */
export const Annotations = {
  /** Argo CD: the sync wave of an object or Application. */
  ARGO_SYNC_WAVE: 'argocd.argoproj.io/sync-wave',
  /** Argo CD: per-object sync options (`Prune=false,Delete=false`, `Force=true,Replace=true`). */
  ARGO_SYNC_OPTIONS: 'argocd.argoproj.io/sync-options',
  /** Flux: `disabled` keeps an object when it leaves Git. */
  FLUX_PRUNE: 'kustomize.toolkit.fluxcd.io/prune',
  /** Flux: `enabled` re-creates an object whose immutable fields changed. */
  FLUX_FORCE: 'kustomize.toolkit.fluxcd.io/force',
  /** ACK: `retain` keeps the AWS resource when the object is deleted. */
  ACK_DELETION_POLICY: 'services.k8s.aws/deletion-policy',
  /** ACK: the region the controller acts in for this object. */
  ACK_REGION: 'services.k8s.aws/region',
  /** Crossplane: the name of the real resource (bucket name, distribution id, ...). */
  CROSSPLANE_EXTERNAL_NAME: 'crossplane.io/external-name',
} as const;
