import * as fs from 'fs';
import { describe, expect, it } from 'vitest';
import { builtinSchemas } from '../../lib/schema';

/**
 * Cross-checks the built-in schemas (kubernetes-models, Kubernetes 1.27.1, plus our 1.28 additions and
 * corrections) against a second source generated from the Kubernetes 1.28 OpenAPI spec: the typed imports
 * that cdk8s-plus-28 ships. Its `toJson_<Type>` functions list every field of every type.
 */
function cdk8sFields(): Map<string, Set<string>> {
  const source = fs.readFileSync(require.resolve('cdk8s-plus-28/lib/imports/k8s.js'), 'utf8');
  const fields = new Map<string, Set<string>>();
  for (const m of source.matchAll(/function toJson_(\w+)\(obj\) \{[\s\S]*?const result = \{([\s\S]*?)\n {4}\};/g)) {
    fields.set(m[1], new Set([...m[2].matchAll(/'([^']+)':/g)].map((x) => x[1])));
  }
  return fields;
}

const GENERATED_KINDS = [
  'v1 Namespace', 'v1 ConfigMap', 'v1 Secret', 'v1 Service', 'v1 ServiceAccount', 'v1 Pod',
  'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job', 'batch/v1 CronJob',
  'autoscaling/v2 HorizontalPodAutoscaler', 'policy/v1 PodDisruptionBudget',
  'networking.k8s.io/v1 Ingress', 'networking.k8s.io/v1 NetworkPolicy',
  'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 RoleBinding',
  'rbac.authorization.k8s.io/v1 ClusterRole', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  'apiextensions.k8s.io/v1 CustomResourceDefinition',
];

describe('built-in schemas', () => {
  it('have exactly the fields of Kubernetes 1.28 for every type the generated kinds use', () => {
    // GIVEN every definition reachable from the kinds our constructs generate
    const { definitions, kinds } = builtinSchemas();
    const reachable = new Set<string>();
    const visit = (id: string): void => {
      if (reachable.has(id)) return;
      reachable.add(id);
      for (const m of JSON.stringify(definitions.get(id) ?? {}).matchAll(/"\$ref":"([^"#]+)#?"/g)) visit(m[1]);
    };
    const kindIds = new Set(GENERATED_KINDS.map((key) => kinds.get(key)?.id ?? `missing ${key}`));
    kindIds.forEach(visit);
    // WHEN their fields are compared with cdk8s-plus-28's (status is not part of what cdk8s writes)
    const reference = cdk8sFields();
    const differences: string[] = [];
    let compared = 0;
    for (const id of reachable) {
      const properties = definitions.get(id)?.properties as Record<string, unknown> | undefined;
      const name = id.split('.').pop() as string;
      if (!properties) continue;
      const ours = new Set(Object.keys(properties).filter((p) => !(kindIds.has(id) && ['apiVersion', 'kind', 'status'].includes(p))));
      // cdk8s suffixes a type name with its version when another version has a type of that name.
      const base = kindIds.has(id) ? `Kube${name}Props` : name;
      const candidates = [base, `${base}V1`, `${base}V2`].map((n) => reference.get(n)).filter((f): f is Set<string> => f !== undefined);
      if (candidates.length === 0) continue;
      compared++;
      const diff = (theirs: Set<string>) => [
        ...[...theirs].filter((f) => !ours.has(f)).map((f) => `${id}: missing ${f}`),
        ...[...ours].filter((f) => !theirs.has(f)).map((f) => `${id}: extra ${f}`),
      ];
      differences.push(...candidates.map(diff).sort((a, b) => a.length - b.length)[0]);
    }
    // THEN
    expect(kindIds.has('missing')).toBe(false);
    expect(compared).toBeGreaterThan(150);
    expect(differences).toEqual([]);
  });
});
