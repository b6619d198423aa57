import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CRDS_DIR, HAS_CRDS } from '../helpers/crds';
import { parse } from 'yaml';
import { allRules, kyvernoExportable, kyvernoPolicies } from '../../lib/policy';

const clusterPolicyCrd = path.join(CRDS_DIR, 'kyverno-kyverno.io_clusterpolicies.yaml');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A ClusterPolicy as the tests read it. */
type KubeObjectLike = Json;

/** Problems with `required` properties anywhere in `value` against an OpenAPI v3 schema (no other keywords). */
function missingRequired(schema: Json, value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => missingRequired(schema.items, v, `${at}[${i}]`)) : [];
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Json;
  const problems = (schema.required ?? []).filter((key: string) => !(key in object)).map((key: string) => `${at}.${key} is required`);
  for (const [key, child] of Object.entries(object)) {
    const sub = schema.properties?.[key];
    if (sub) problems.push(...missingRequired(sub, child, `${at}.${key}`));
  }
  return problems;
}

const policies = () => kyvernoPolicies() as KubeObjectLike[];

describe('kyvernoPolicies', () => {
  it('exports one ClusterPolicy per enforceable rule, named and annotated after the rule id', () => {
    const exported = kyvernoExportable(allRules);
    const result = policies();
    expect(result).toHaveLength(exported.length);
    expect(exported.length).toBeGreaterThanOrEqual(20);
    expect(exported.map((r) => r.id)).toEqual(expect.arrayContaining(['PSS-B-001', 'PSS-R-001', 'PSS-R-003', 'K8S-001', 'K8S-002', 'K8S-004', 'K8S-008']));
    expect(exported.map((r) => r.id)).not.toContain('K8S-012');
    result.forEach((policy, i) => {
      const rule = exported[i];
      expect(policy.apiVersion).toBe('kyverno.io/v1');
      expect(policy.kind).toBe('ClusterPolicy');
      expect(policy.metadata.name).toBe(`gitplane-${rule.id.toLowerCase()}`);
      expect(policy.metadata.annotations).toMatchObject({
        'gitplane.dev/rule-id': rule.id,
        'policies.kyverno.io/title': rule.title,
        'policies.kyverno.io/description': expect.stringContaining(rule.id),
      });
    });
  });

  it('enforces error rules, audits warnings, scans in the background and excludes kube-system and waived objects', () => {
    for (const policy of policies()) {
      const id = policy.metadata.annotations['gitplane.dev/rule-id'];
      const severity = allRules.find((r) => r.id === id)!.severity;
      expect(policy.spec.background).toBe(true);
      for (const rule of policy.spec.rules) {
        expect(rule.name.length).toBeLessThanOrEqual(63);
        expect(rule.validate.failureAction).toBe(severity === 'error' ? 'Enforce' : 'Audit');
        expect(rule.validate.message).toContain(id);
        expect(rule.exclude.any).toEqual([
          { resources: { namespaces: ['kube-system'] } },
          { resources: { annotations: { 'gitplane.dev/waivers': `*"${id}"*` } } },
        ]);
        const bodies = ['pattern', 'anyPattern', 'deny', 'foreach'].filter((key) => key in rule.validate);
        expect(bodies).toHaveLength(1);
      }
    }
  });

  it('writes pod checks for Pods, pod controllers and CronJobs with paths under the pod template', () => {
    const policy = policies().find((p) => p.metadata.name === 'gitplane-pss-b-001')!;
    expect(policy.metadata.annotations['pod-policies.kyverno.io/autogen-controllers']).toBe('none');
    const [forPod, forControllers, forCronJobs] = policy.spec.rules;
    expect(forPod.match.any[0].resources.kinds).toEqual(['Pod']);
    expect(forControllers.match.any[0].resources.kinds).toEqual(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);
    expect(forCronJobs.match.any[0].resources.kinds).toEqual(['CronJob']);
    expect(forControllers.validate.pattern.spec.template).toEqual(forPod.validate.pattern);
    expect(forCronJobs.validate.pattern.spec.jobTemplate.spec.template).toEqual(forPod.validate.pattern);

    const volumes = policies().find((p) => p.metadata.name === 'gitplane-pss-r-005')!;
    expect(volumes.spec.rules[1].validate.deny.conditions.all[0].key).toBe("{{ request.object.spec.template.spec.volumes[].keys(@)[] || '' }}");
    expect(volumes.spec.rules[1].preconditions.all[0].key).toBe("{{ request.operation || 'BACKGROUND' }}");
  });

  it('takes a failure action, excluded namespaces and a name prefix', () => {
    const [policy] = kyvernoPolicies(allRules.filter((r) => r.id === 'K8S-008'), { failureAction: 'Audit', excludeNamespaces: ['kube-system', 'kyverno'], namePrefix: 'acme-' }) as KubeObjectLike[];
    expect(policy.metadata.name).toBe('acme-k8s-008');
    expect(policy.spec.rules[0].validate.failureAction).toBe('Audit');
    expect(policy.spec.rules[0].exclude.any[0].resources.namespaces).toEqual(['kube-system', 'kyverno']);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(kyvernoPolicies())).toBe(JSON.stringify(kyvernoPolicies()));
  });

  it.skipIf(!fs.existsSync(clusterPolicyCrd))('sets every field the ClusterPolicy CRD requires', () => {
    const crd = parse(fs.readFileSync(clusterPolicyCrd, 'utf8'));
    const version = crd.spec.versions.find((v: Json) => v.name === 'v1');
    expect(version.served).toBe(true);
    const schema = version.schema.openAPIV3Schema;
    for (const policy of policies()) expect(missingRequired(schema, policy)).toEqual([]);
  }, 60_000);

  it.skipIf(!HAS_CRDS)('validates against the CRDs with the schema validator', async () => {
    const { createValidator } = await import('../../lib/schema');
    const validator = createValidator({ schemaDirs: [CRDS_DIR] });
    const report = validator.validateAll(policies().map((object) => ({ object: object as never })));
    expect(report.findings).toEqual([]);
    expect(report.objectsChecked).toBe(policies().length);
  }, 120_000);
});
