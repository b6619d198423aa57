import { apiGroup } from './manifest';

/**
 * Which kinds are cluster-scoped, keyed `group/Kind` (`/Namespace` for the core group). cdk8s gives
 * every object its chart's namespace, so scope cannot be read from an object; this one list serves
 * the reconcilers (AppProject whitelists) and the schema validator.
 */
const BUILTIN_CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  '/ComponentStatus', '/Namespace', '/Node', '/PersistentVolume',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview',
  'authorization.k8s.io/SelfSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass', 'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/StorageClass', 'storage.k8s.io/VolumeAttachment',
]);

/** Cluster-scoped kinds of the controllers gitplane works with. */
const CUSTOM_CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'kyverno.io/ClusterPolicy', 'policies.kyverno.io/ValidatingPolicy',
  'external-secrets.io/ClusterSecretStore', 'external-secrets.io/ClusterExternalSecret',
  'cert-manager.io/ClusterIssuer',
  'pkg.crossplane.io/Provider', 'pkg.crossplane.io/Function', 'pkg.crossplane.io/Configuration',
  'pkg.crossplane.io/DeploymentRuntimeConfig',
  'apiextensions.crossplane.io/CompositeResourceDefinition', 'apiextensions.crossplane.io/Composition',
]);

/** True for a built-in Kubernetes kind that is cluster-scoped. */
export function isBuiltinClusterScoped(apiVersion: string, kind: string): boolean {
  return BUILTIN_CLUSTER_SCOPED.has(`${apiGroup(apiVersion)}/${kind}`);
}

/**
 * True for a known cluster-scoped kind: built-in, of a controller gitplane works with, or one of
 * Crossplane's classic Upbound AWS resources (`*.aws.upbound.io`; the namespaced
 * `*.aws.m.upbound.io` ones are not).
 */
export function isClusterScopedKind(apiVersion: string, kind: string): boolean {
  const group = apiGroup(apiVersion);
  return BUILTIN_CLUSTER_SCOPED.has(`${group}/${kind}`) || CUSTOM_CLUSTER_SCOPED.has(`${group}/${kind}`)
    || group === 'aws.upbound.io' || group.endsWith('.aws.upbound.io');
}
