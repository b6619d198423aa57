import { Rule } from '../rule';
import { FROM_BASELINE, FROM_RESTRICTED } from './support/define';

/**
 * API versions the API server no longer serves (`K8S-016`) or warns about (`K8S-017`). A removed
 * version fails at apply time, usually only after the manifest reached the cluster.
 * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */

interface ApiChange {
  readonly apiVersion: string;
  /** Kinds affected; undefined means every kind of that version. */
  readonly kinds?: readonly string[];
  /** Kubernetes minor version that removed (or deprecated) it. */
  readonly since: string;
  /** What to use instead. */
  readonly replacement: string;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];

export const REMOVED_APIS: readonly ApiChange[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], since: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], since: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], since: '1.16', replacement: 'Pod Security Admission namespace labels' },
  { apiVersion: 'extensions/v1beta1', since: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'apps/v1beta1', kinds: WORKLOADS, since: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS, since: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', since: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', since: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', since: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', since: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', since: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', since: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', since: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', since: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', since: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', since: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], since: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], since: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], since: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], since: '1.25', replacement: 'Pod Security Admission namespace labels' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], since: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'autoscaling/v2beta1', since: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', since: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'discovery.k8s.io/v1beta1', since: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', since: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', since: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', since: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', since: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

export const DEPRECATED_APIS: readonly ApiChange[] = [
  { apiVersion: 'v1', kinds: ['Endpoints'], since: '1.33', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
  { apiVersion: 'v1', kinds: ['ComponentStatus'], since: '1.19', replacement: 'the health endpoints of each component' },
];

function find(table: readonly ApiChange[], apiVersion: string, kind: string): ApiChange | undefined {
  return table.find((entry) => entry.apiVersion === apiVersion && (!entry.kinds || entry.kinds.includes(kind)));
}

export const removedApiVersions: Rule = {
  id: 'K8S-016',
  severity: 'error',
  title: 'Objects must not use removed API versions',
  rationale: 'The API server rejects removed versions, so the sync fails in the cluster long after review.',
  fix: 'Move the object to the served apiVersion named in the message and adapt changed fields.',
  mirrors: ['kyverno:check-deprecated-apis', 'kube-linter:no-extensions-v1beta', 'pluto:removed'],
  profiles: FROM_BASELINE,
  check: ({ object }) => {
    const change = find(REMOVED_APIS, object.apiVersion, object.kind);
    return change
      ? [{ path: '.apiVersion', message: `apiVersion ${JSON.stringify(object.apiVersion)} of ${object.kind} was removed in Kubernetes ${change.since}; use ${change.replacement}` }]
      : [];
  },
};

export const deprecatedApiVersions: Rule = {
  id: 'K8S-017',
  severity: 'warn',
  title: 'Objects should not use deprecated API versions',
  rationale: 'Deprecated versions print warnings on every apply and are removed in a later release.',
  fix: 'Move the object to the replacement named in the message.',
  mirrors: ['kyverno:check-deprecated-apis', 'pluto:deprecated'],
  profiles: FROM_RESTRICTED,
  check: ({ object }) => {
    const change = find(DEPRECATED_APIS, object.apiVersion, object.kind);
    return change
      ? [{ path: '.apiVersion', message: `${object.kind} in apiVersion ${JSON.stringify(object.apiVersion)} is deprecated since Kubernetes ${change.since}; use ${change.replacement}` }]
      : [];
  },
};

export const apiVersionRules: readonly Rule[] = [removedApiVersions, deprecatedApiVersions];
