/** Small CRDs and objects written for the schema tests. */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import type { KubeObject } from '../../lib/core/manifest';
import { tempDir } from '../helpers/temp';

/** A namespaced `Widget` (example.com/v1) with the schema features the validator must understand. */
export function widgetCrd(overrides: { group?: string; scope?: 'Namespaced' | 'Cluster' } = {}): KubeObject {
  const group = overrides.group ?? 'example.com';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: overrides.scope ?? 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  required: ['size'],
                  properties: {
                    size: { type: 'integer', minimum: 1 },
                    color: { type: 'string', enum: ['red', 'blue'] },
                    port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                    owner: { type: 'string', format: 'email-address-of-the-team', nullable: true },
                    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    labels: { type: 'object', additionalProperties: { type: 'string' } },
                    template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
                    parts: {
                      type: 'array',
                      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, count: { type: 'integer' } } },
                    },
                  },
                },
              },
            },
          },
        },
        { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
  };
}

/** A cluster-scoped managed resource shaped like Upbound's provider-aws CRDs, with their CEL rule. */
export function upboundLikeCrd(): KubeObject {
  const required = (field: string) => ({
    message: `spec.forProvider.${field} is a required parameter`,
    rule:
      `!('*' in self.managementPolicies || 'Create' in self.managementPolicies || 'Update' in self.managementPolicies)` +
      ` || has(self.forProvider.${field}) || (has(self.initProvider) && has(self.initProvider.${field}))`,
  });
  const parameters = { type: 'object', properties: { region: { type: 'string' }, name: { type: 'string' } } };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'queues.aws.example.io' },
    spec: {
      group: 'aws.example.io',
      scope: 'Cluster',
      names: { kind: 'Queue', plural: 'queues' },
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  required: ['forProvider'],
                  properties: {
                    forProvider: parameters,
                    initProvider: parameters,
                    managementPolicies: {
                      type: 'array',
                      default: ['*'],
                      items: { type: 'string', enum: ['Observe', 'Create', 'Update', 'Delete', 'LateInitialize', '*'] },
                    },
                    tier: {
                      type: 'string',
                      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'tier is immutable' }],
                    },
                    retention: {
                      type: 'string',
                      'x-kubernetes-validations': [
                        { rule: "duration(self) >= duration('60s')", message: 'retention must be at least 60s' },
                        { rule: 'self.isURL()', message: 'uses a Kubernetes CEL library function' },
                      ],
                    },
                    auth: {
                      type: 'object',
                      properties: { token: { type: 'string' }, secretRef: { type: 'string' }, limit: { type: 'integer' } },
                      'x-kubernetes-validations': [
                        {
                          rule: '[has(self.token),has(self.secretRef)].filter(x,x==true).size() == 1',
                          message: 'exactly one of the fields in [token secretRef] must be set',
                        },
                        { rule: '!has(self.limit) || self.limit <= 10', fieldPath: '.limit', messageExpression: "'limit must be <= 10, got ' + string(self.limit)" },
                      ],
                    },
                  },
                  'x-kubernetes-validations': [required('region'), required('name')],
                },
              },
            },
          },
        },
      ],
    },
  };
}

export function widget(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop', ...metadata }, spec };
}

export function queue(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'aws.example.io/v1beta1', kind: 'Queue', metadata: { name: 'orders' }, spec };
}

/** A Deployment as a construct would write it: secure defaults, probes, resources. */
export function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' }, creationTimestamp: null },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'web',
              image: 'ghcr.io/acme/web:1.2.3',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
              livenessProbe: { httpGet: { path: '/live', port: 8080 } },
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 1, memory: 512 } },
              securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
}

/** Writes `docs` as one multi-document YAML file under a fresh folder (at `relative`); returns the folder. */
export function writeYaml(relative: string, docs: readonly unknown[], dir = tempDir('gitplane-schema-')): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  return dir;
}

/** Mutable deep copy, for tests that break one field of a fixture. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
