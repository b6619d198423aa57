import { apiGroup, GITPLANE_PREFIX } from '../../core/manifest';
import { Rule, Violation } from '../rule';
import { containerRule, FROM_RESTRICTED, podRule } from './support/define';
import { at, atPath, dig, list, quote, record, text } from './support/paths';
import { ContainerAt, describeContainer } from './support/pods';
import { isEmptySelector, labelSelector, LabelSelector, mapSelector, selectorMatches, servicesSelecting, workloadsSelectedBy } from './support/selectors';

/** Workload hygiene: `K8S-001` to `K8S-012`. */

/** Annotation that declares why a LoadBalancer Service exists: `public` or `internal`. */
export const EXPOSURE_ANNOTATION = `${GITPLANE_PREFIX}/exposure`;
const EXPOSURES = ['public', 'internal'];

/** Image rules look at the containers that run the app; ephemeral debug containers are exempt. */
const APP_CONTAINERS = ['initContainers', 'containers'] as const;

/** Namespaced kinds Kyverno checks for the default namespace (it cannot tell scope from a kind list). */
const NAMESPACED_KINDS = [
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret',
  'ServiceAccount', 'Ingress', 'PersistentVolumeClaim', 'Role', 'RoleBinding', 'NetworkPolicy', 'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
];

/** `registry:5000/app:1.2@sha256:...` → tag `1.2`, digest `sha256:...`. */
export function parseImage(image: string): { tag?: string; digest?: string } {
  const atSign = image.indexOf('@');
  const digest = atSign >= 0 ? image.slice(atSign + 1) : undefined;
  const name = atSign >= 0 ? image.slice(0, atSign) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { tag: tag || undefined, digest: digest || undefined };
}

function imageOf(c: ContainerAt): string | undefined {
  return typeof c.container.image === 'string' ? c.container.image : undefined;
}

function appContainerPattern(pattern: Record<string, unknown>): Record<string, unknown> {
  return { '=(initContainers)': [pattern], containers: [pattern] };
}

export const readOnlyRootFilesystem = containerRule(
  {
    id: 'K8S-001',
    severity: 'error',
    title: 'Containers must use a read-only root filesystem',
    rationale: 'A writable root filesystem lets an attacker drop tools and persist changes inside the container.',
    fix: 'Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the app writes.',
    mirrors: ['kyverno:require-ro-rootfs', 'kube-linter:no-read-only-root-fs', 'checkov:CKV_K8S_22'],
    profiles: FROM_RESTRICTED,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ securityContext: { readOnlyRootFilesystem: 'true' } }) } } }],
  },
  (c) => {
    const value = dig(c.container, 'securityContext', 'readOnlyRootFilesystem');
    if (value === true) return [];
    const current = value === undefined ? "does not set 'readOnlyRootFilesystem'" : `sets 'readOnlyRootFilesystem' to ${quote(value)}`;
    return [{ path: atPath(c.path, 'securityContext', 'readOnlyRootFilesystem'), message: `${describeContainer(c)} ${current}; set it to true and mount an emptyDir where the app writes` }];
  },
  APP_CONTAINERS,
);

export const imageTagPinned = containerRule(
  {
    id: 'K8S-002',
    severity: 'error',
    title: 'Images must be pinned to a tag other than latest',
    rationale: 'An untagged or latest image changes under the same manifest, so git no longer describes what runs.',
    fix: 'Use an explicit version tag such as app:1.4.2, ideally with a digest (app:1.4.2@sha256:...).',
    mirrors: ['kyverno:disallow-latest-tag', 'kube-linter:latest-tag', 'checkov:CKV_K8S_14'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      { name: 'require-tag', kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ image: '*:*' }) } } },
      { name: 'not-latest', kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ image: '!*:latest' }) } } },
    ],
  },
  (c) => {
    const image = imageOf(c);
    const path = at(c.path, 'image');
    if (image === undefined) return [{ path, message: `${describeContainer(c)} has no image; set an image with a version tag` }];
    const { tag, digest } = parseImage(image);
    if (tag === 'latest') return [{ path, message: `${describeContainer(c)} uses image ${quote(image)} tagged latest; pin a version tag such as :1.4.2` }];
    if (!tag && !digest) return [{ path, message: `${describeContainer(c)} uses image ${quote(image)} without a tag, which means latest; pin a version tag such as :1.4.2` }];
    return [];
  },
  APP_CONTAINERS,
);

export const imageDigest = containerRule(
  {
    id: 'K8S-003',
    severity: 'warn',
    title: 'Images should be pinned by digest',
    rationale: 'Tags are mutable; only a digest guarantees the bytes that were reviewed are the bytes that run.',
    fix: 'Append the digest to the image, e.g. app:1.4.2@sha256:<digest>.',
    mirrors: ['kyverno:require-image-checksum', 'checkov:CKV_K8S_43'],
    profiles: FROM_RESTRICTED,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ image: '*@sha256:*' }) } } }],
  },
  (c) => {
    const image = imageOf(c);
    if (image === undefined || parseImage(image).digest) return [];
    return [{ path: at(c.path, 'image'), message: `${describeContainer(c)} uses image ${quote(image)} without a digest; append @sha256:<digest>` }];
  },
  APP_CONTAINERS,
);

export const resourceRequests = containerRule(
  {
    id: 'K8S-004',
    severity: 'error',
    title: 'Containers must request CPU and memory',
    rationale: 'Without requests the scheduler packs pods blindly and the pod is first to be evicted under pressure.',
    fix: 'Set resources.requests.cpu and resources.requests.memory on every container.',
    mirrors: ['kyverno:require-requests-limits', 'kube-linter:unset-cpu-requirements', 'kube-linter:unset-memory-requirements', 'checkov:CKV_K8S_10', 'checkov:CKV_K8S_12'],
    profiles: FROM_RESTRICTED,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ resources: { requests: { memory: '?*', cpu: '?*' } } }) } } }],
  },
  (c) =>
    (['cpu', 'memory'] as const)
      .filter((resource) => dig(c.container, 'resources', 'requests', resource) === undefined)
      .map((resource) => ({ path: atPath(c.path, 'resources', 'requests', resource), message: `${describeContainer(c)} does not request ${resource}; set 'resources.requests.${resource}'` })),
  APP_CONTAINERS,
);

export const memoryLimit = containerRule(
  {
    id: 'K8S-005',
    severity: 'error',
    title: 'Containers must set a memory limit',
    rationale: 'A container without a memory limit can exhaust node memory and get unrelated pods killed.',
    fix: 'Set resources.limits.memory on every container (usually equal to the request).',
    mirrors: ['kyverno:require-requests-limits', 'kube-linter:unset-memory-requirements', 'checkov:CKV_K8S_13'],
    profiles: FROM_RESTRICTED,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: appContainerPattern({ resources: { limits: { memory: '?*' } } }) } } }],
  },
  (c) =>
    dig(c.container, 'resources', 'limits', 'memory') === undefined
      ? [{ path: atPath(c.path, 'resources', 'limits', 'memory'), message: `${describeContainer(c)} has no memory limit; set 'resources.limits.memory'` }]
      : [],
  APP_CONTAINERS,
);

export const readinessProbe = podRule(
  {
    id: 'K8S-006',
    severity: 'error',
    title: 'Containers behind a Service must have a readiness probe',
    rationale: 'Without a readiness probe a Service sends traffic to pods that are still starting or already failing.',
    fix: 'Add a readinessProbe to every container of a workload that a Service selects.',
    mirrors: ['kyverno:require-pod-probes', 'kube-linter:no-readiness-probe', 'checkov:CKV_K8S_9'],
    profiles: FROM_RESTRICTED,
  },
  (pod, item, context) => {
    if (item.object.kind === 'Job' || item.object.kind === 'CronJob') return [];
    const services = servicesSelecting(item, pod, context);
    if (services.length === 0) return [];
    const service = services[0].object.metadata.name;
    return list(pod.spec.containers).flatMap((value, index) => {
      const container = record(value);
      if (!container || container.readinessProbe !== undefined) return [];
      const name = text(container.name) ?? `#${index}`;
      return [{ path: atPath(pod.path, 'containers', index, 'readinessProbe'), message: `container ${JSON.stringify(name)} receives traffic from Service ${quote(service)} but has no readinessProbe; add one` }];
    });
  },
);

export const noDefaultNamespace: Rule = {
  id: 'K8S-007',
  severity: 'error',
  title: 'Objects must not be placed in the default namespace',
  rationale: 'The default namespace has no isolation, quotas or owner, and everything without a namespace lands there.',
  fix: 'Set metadata.namespace to the namespace of the app.',
  mirrors: ['kyverno:disallow-default-namespace', 'kube-linter:use-namespace', 'checkov:CKV_K8S_21'],
  profiles: FROM_RESTRICTED,
  kyverno: [{ kinds: NAMESPACED_KINDS, validate: { pattern: { metadata: { '=(namespace)': '!default' } } } }],
  check: (item) =>
    item.object.metadata?.namespace === 'default'
      ? [{ path: '.metadata.namespace', message: `metadata.namespace is "default"; set it to the app's namespace` }]
      : [],
};

function serviceSpec(item: { object: { apiVersion: string; kind: string; spec?: unknown } }): Record<string, unknown> | undefined {
  return item.object.kind === 'Service' && apiGroup(item.object.apiVersion ?? '') === '' ? record(item.object.spec) : undefined;
}

export const noNodePort: Rule = {
  id: 'K8S-008',
  severity: 'error',
  title: 'Services must not be of type NodePort',
  rationale: 'A NodePort opens a port on every node that NetworkPolicy cannot restrict.',
  fix: 'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer with a declared exposure.',
  mirrors: ['kyverno:restrict-nodeport', 'kube-linter:exposed-services'],
  profiles: FROM_RESTRICTED,
  kyverno: [{ kinds: ['Service'], validate: { pattern: { spec: { '=(type)': '!NodePort' } } } }],
  check: (item) =>
    serviceSpec(item)?.type === 'NodePort'
      ? [{ path: '.spec.type', message: `spec.type is "NodePort"; use ClusterIP behind an Ingress or Gateway` }]
      : [],
};

export const noExternalIPs: Rule = {
  id: 'K8S-009',
  severity: 'error',
  title: 'Services must not set externalIPs',
  rationale: 'externalIPs let any Service owner intercept traffic to arbitrary addresses (CVE-2020-8554).',
  fix: 'Remove spec.externalIPs and expose the Service through an Ingress, Gateway or LoadBalancer.',
  mirrors: ['kyverno:restrict-external-ips'],
  profiles: FROM_RESTRICTED,
  kyverno: [{ kinds: ['Service'], validate: { pattern: { spec: { 'X(externalIPs)': 'null' } } } }],
  check: (item) => {
    const ips = list(serviceSpec(item)?.externalIPs);
    return ips.length > 0 ? [{ path: '.spec.externalIPs', message: `spec.externalIPs is ${quote(ips)}; remove it and expose the Service through an Ingress or Gateway` }] : [];
  },
};

export const loadBalancerExposure: Rule = {
  id: 'K8S-010',
  severity: 'error',
  title: 'LoadBalancer Services must declare their exposure',
  rationale: 'A LoadBalancer may get a public address; exposure should be a reviewed decision, not a side effect.',
  fix: `Annotate the Service with ${EXPOSURE_ANNOTATION}: public (or internal), or use a ClusterIP Service.`,
  mirrors: ['kyverno:restrict-loadbalancer', 'kube-linter:exposed-services'],
  profiles: FROM_RESTRICTED,
  kyverno: [
    {
      kinds: ['Service'],
      validate: { anyPattern: [{ spec: { '=(type)': '!LoadBalancer' } }, { metadata: { annotations: { [EXPOSURE_ANNOTATION]: EXPOSURES.join(' | ') } } }] },
    },
  ],
  check: (item) => {
    if (serviceSpec(item)?.type !== 'LoadBalancer') return [];
    const value = item.object.metadata?.annotations?.[EXPOSURE_ANNOTATION];
    if (value !== undefined && EXPOSURES.includes(value)) return [];
    return [{
      path: atPath('.metadata', 'annotations', EXPOSURE_ANNOTATION),
      message: `Service of type LoadBalancer has annotation ${quote(EXPOSURE_ANNOTATION)} ${quote(value)}; set it to "public" or "internal", or use ClusterIP`,
    }];
  },
};

/** The selector of a workload and where it is, when the kind has one. */
function workloadSelector(kind: string, spec: Record<string, unknown>): { selector?: LabelSelector; required: boolean } {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
      return { selector: labelSelector(spec.selector), required: true };
    case 'ReplicationController':
      return { selector: spec.selector === undefined ? undefined : mapSelector(spec.selector), required: false };
    case 'Job':
      return { selector: spec.manualSelector === true ? labelSelector(spec.selector) : undefined, required: false };
    default:
      return { required: false };
  }
}

export const selectorMatchesTemplate = podRule(
  {
    id: 'K8S-011',
    severity: 'error',
    title: 'Workload selectors must match their pod template labels',
    rationale: 'A selector that does not match the template is rejected by the API server or adopts pods it does not own.',
    fix: 'Make spec.selector select exactly the labels set in the pod template.',
    mirrors: ['kube-linter:mismatching-selector'],
    profiles: FROM_RESTRICTED,
  },
  (pod, item) => {
    const spec = record(item.object.spec) ?? {};
    const { selector, required } = workloadSelector(item.object.kind, spec);
    if (!selector) {
      return required ? [{ path: '.spec.selector', message: `spec.selector is not set; set 'spec.selector.matchLabels' to the pod template labels` }] : [];
    }
    if (isEmptySelector(selector)) {
      return [{ path: '.spec.selector', message: `spec.selector is empty and would select every pod; select the pod template labels` }];
    }
    if (selectorMatches(selector, pod.labels)) return [];
    const found: Violation[] = [];
    const base = item.object.kind === 'ReplicationController' ? '.spec.selector' : '.spec.selector.matchLabels';
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (pod.labels[key] === value) continue;
      found.push({
        path: at(base, key),
        message: `selector label ${quote(key)} is ${quote(value)} but the pod template has ${quote(pod.labels[key])}; make them equal`,
      });
    }
    if (found.length === 0) {
      found.push({ path: '.spec.selector.matchExpressions', message: `spec.selector.matchExpressions do not match the pod template labels ${quote(pod.labels)}; fix the expressions or the labels` });
    }
    return found;
  },
);

export const serviceSelectsWorkload: Rule = {
  id: 'K8S-012',
  severity: 'error',
  title: 'Every Service must select a workload',
  rationale: 'A Service whose selector matches no pod template has no endpoints, usually because of a label typo.',
  fix: 'Make spec.selector match the pod template labels of a workload in the same namespace.',
  mirrors: ['kube-linter:dangling-service'],
  profiles: FROM_RESTRICTED,
  check: (item, context) => {
    const spec = serviceSpec(item);
    if (!spec || spec.type === 'ExternalName') return [];
    const selector = mapSelector(spec.selector);
    if (isEmptySelector(selector)) return [];
    if (workloadsSelectedBy(item, selector, context).length > 0) return [];
    return [{ path: '.spec.selector', message: `spec.selector ${quote(selector.matchLabels)} matches no pod template in the same namespace; fix the labels` }];
  },
};

export const workloadRules: readonly Rule[] = [
  readOnlyRootFilesystem, imageTagPinned, imageDigest, resourceRequests, memoryLimit, readinessProbe, noDefaultNamespace,
  noNodePort, noExternalIPs, loadBalancerExposure, selectorMatchesTemplate, serviceSelectsWorkload,
];
