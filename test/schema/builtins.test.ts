import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/core/manifest';
import { createValidator } from '../../lib/schema';
import { builtinKinds, builtinSchemas } from '../../lib/schema/kubernetes-builtins';
import { copy, deployment } from './fixtures';

const validator = createValidator();

function container(object: KubeObject): Record<string, unknown> {
  return (object as any).spec.template.spec.containers[0];
}

describe('built-in kinds (Kubernetes 1.28)', () => {
  it('serves the same kinds, in the same order, from the cached list as from the loaded schemas', () => {
    expect([...builtinKinds()]).toEqual([...builtinSchemas().kinds]);
    expect(builtinKinds().get('apps/v1 Deployment')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', id: 'io.k8s.api.apps.v1.Deployment', scope: 'Namespaced' });
  });

  it('accepts a Deployment with int-or-string ports and maxUnavailable, quantities as strings and numbers, and null fields', () => {
    expect(validator.validate(deployment())).toEqual([]);
  });

  it('never changes the object it validates, with or without null fields', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value !== null && typeof value === 'object') Object.values(value).forEach(deepFreeze);
      return Object.freeze(value);
    };
    const withNull = copy(deployment());
    expect(withNull.metadata).toHaveProperty('creationTimestamp', null);
    const withoutNull = copy(deployment());
    delete (withoutNull.metadata as Record<string, unknown>).creationTimestamp;
    for (const frozen of [deepFreeze(withoutNull), deepFreeze(withNull)]) {
      const before = JSON.stringify(frozen);
      expect(validator.validate(frozen)).toEqual([]);
      expect(JSON.stringify(frozen)).toBe(before);
    }
  });

  it('fails if a container has an unknown field, naming its JSON path', () => {
    // GIVEN
    const object = copy(deployment());
    container(object).foo = 'bar';
    // WHEN
    const problems = validator.validate(object);
    // THEN
    expect(problems).toEqual([{ path: '.spec.template.spec.containers[0].foo', message: 'unknown field "foo"' }]);
  });

  it('fails if a field is misspelt, suggesting the known one', () => {
    const object = copy(deployment());
    container(object).imagePullPolicyy = 'Always';
    expect(validator.validate(object)).toEqual([
      { path: '.spec.template.spec.containers[0].imagePullPolicyy', message: 'unknown field "imagePullPolicyy" (did you mean "imagePullPolicy"?)' },
    ]);
  });

  it('fails if a field has the wrong type', () => {
    const object = copy(deployment());
    container(object).imagePullPolicy = 5;
    expect(validator.validate(object)).toEqual([
      { path: '.spec.template.spec.containers[0].imagePullPolicy', message: 'must be string, got 5' },
    ]);
  });

  it('fails if an enum field has a value Kubernetes does not know', () => {
    const object = copy(deployment());
    container(object).imagePullPolicy = 'Sometimes';
    expect(validator.validate(object)).toEqual([
      { path: '.spec.template.spec.containers[0].imagePullPolicy', message: 'must be one of "Always", "IfNotPresent", "Never", got "Sometimes"' },
    ]);
  });

  it('fails if a required field is missing', () => {
    const object = copy(deployment());
    delete (object as any).spec.selector;
    delete container(object).name;
    expect(validator.validate(object)).toEqual([
      { path: '.spec.selector', message: 'required field "selector" is missing' },
      { path: '.spec.template.spec.containers[0].name', message: 'required field "name" is missing' },
    ]);
  });

  it('fails if a port is neither integer nor string, or a quantity is malformed', () => {
    const object = copy(deployment());
    (object as any).spec.strategy.rollingUpdate.maxUnavailable = true;
    (container(object).resources as any).limits.memory = 'lots';
    expect(validator.validate(object)).toEqual([
      { path: '.spec.strategy.rollingUpdate.maxUnavailable', message: 'must be string or integer, got true' },
      { path: '.spec.template.spec.containers[0].resources.limits.memory', message: 'must be a quantity such as 500m, 256Mi or 2, got "lots"' },
    ]);
  });

  it('fails if Secret data is not base64, quoting keys that are not identifiers', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'not base64!', '0': 'aGk=' } };
    expect(validator.validate(secret)).toEqual([{ path: '.data["tls.crt"]', message: 'must be base64-encoded data, got "not base64!"' }]);
    expect(validator.validate({ ...secret, data: { '0': 5 } })).toEqual([{ path: '.data["0"]', message: 'must be string, got 5' }]);
  });

  it('fails if metadata has an unknown field, a bad name or a bad label', () => {
    const object = copy(deployment());
    object.metadata.labelz = { a: 'b' };
    object.metadata.name = 'Web_1';
    object.metadata.labels = { 'app.kubernetes.io/name': 'a value with spaces' };
    expect(validator.validate(object)).toEqual([
      { path: '.metadata.labelz', message: 'unknown field "labelz" (did you mean "labels"?)' },
      { path: '.metadata.name', message: 'must be a DNS subdomain (lower-case letters, digits, "-" and ".", at most 253), got "Web_1"' },
      {
        path: '.metadata.labels["app.kubernetes.io/name"]',
        message: 'label value must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit, got "a value with spaces"',
      },
    ]);
  });

  it('fails if the name is missing', () => {
    const object = copy(deployment());
    delete (object.metadata as any).name;
    expect(validator.validate(object)).toEqual([{ path: '.metadata.name', message: 'required field "name" is missing' }]);
  });

  it('accepts path-segment names for RBAC kinds and requires DNS-1035 labels for Services', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view' }, rules: [] };
    const service = {
      apiVersion: 'v1', kind: 'Service', metadata: { name: '1web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    };
    expect(validator.validate(role)).toEqual([]);
    expect(validator.validate(service)).toEqual([
      { path: '.metadata.name', message: 'must be a DNS-1035 label (start with a letter; lower-case letters, digits and "-", at most 63), got "1web"' },
    ]);
  });

  it('validates an autoscaling/v2 HorizontalPodAutoscaler and a policy/v1 PodDisruptionBudget', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    };
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } };
    expect(validator.validate(hpa)).toEqual([]);
    expect(validator.validate(pdb)).toEqual([]);
  });

  it('accepts the fields Kubernetes 1.28 added: sidecar restartPolicy and Job backoffLimitPerIndex', () => {
    const job = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' },
      spec: {
        completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, podReplacementPolicy: 'Failed',
        template: {
          spec: {
            restartPolicy: 'Never',
            initContainers: [{ name: 'proxy', image: 'proxy:1', restartPolicy: 'Always' }],
            containers: [{ name: 'migrate', image: 'migrate:1' }],
          },
        },
      },
    };
    expect(validator.validate(job)).toEqual([]);
  });

  it('fails if the apiVersion is one Kubernetes 1.28 no longer serves, naming the one it serves', () => {
    const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: {} };
    expect(validator.validate(pdb)).toEqual([
      { path: '.', message: 'unknown kind: no schema for PodDisruptionBudget in policy/v1beta1; Kubernetes 1.28 serves policy/v1' },
    ]);
  });

  it('knows every kind the constructs generate, with its scope', () => {
    const kinds: Array<[string, string, string]> = [
      ['v1', 'Namespace', 'Cluster'], ['v1', 'ConfigMap', 'Namespaced'], ['v1', 'Secret', 'Namespaced'],
      ['v1', 'Service', 'Namespaced'], ['v1', 'ServiceAccount', 'Namespaced'], ['v1', 'Pod', 'Namespaced'],
      ['apps/v1', 'Deployment', 'Namespaced'], ['apps/v1', 'StatefulSet', 'Namespaced'], ['apps/v1', 'DaemonSet', 'Namespaced'],
      ['batch/v1', 'Job', 'Namespaced'], ['batch/v1', 'CronJob', 'Namespaced'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', 'Namespaced'], ['policy/v1', 'PodDisruptionBudget', 'Namespaced'],
      ['networking.k8s.io/v1', 'Ingress', 'Namespaced'], ['networking.k8s.io/v1', 'NetworkPolicy', 'Namespaced'],
      ['rbac.authorization.k8s.io/v1', 'Role', 'Namespaced'], ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'Namespaced'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'Cluster'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'Cluster'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'Cluster'],
    ];
    for (const [apiVersion, kind, scope] of kinds) {
      expect(validator.lookup(apiVersion, kind), `${apiVersion} ${kind}`).toEqual({ apiVersion, kind, scope, source: 'kubernetes 1.28' });
    }
  });

  it('fails if the object is not a Kubernetes object at all', () => {
    expect(validator.validate('hello' as unknown as KubeObject)).toEqual([
      { path: '.', message: 'is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)' },
    ]);
    expect(validator.validate({ kind: 'ConfigMap', metadata: { name: 'x' } } as unknown as KubeObject)).toEqual([
      { path: '.apiVersion', message: 'required field "apiVersion" is missing' },
    ]);
  });
});
