import { describe, expect, it } from 'vitest';
import { realisticPlatform } from '../../bench/realistic-platform';
import { KubeObject } from '../../lib/core/manifest';
import { allRules, evaluate, PolicyItem } from '../../lib/policy';
import { collectObjects } from '../../lib/synth';
import { configMap, deployment, edit, pdb, service, xpBucket, xpBucketSet, xpCdnSet, xpDistribution } from './fixtures';

/**
 * Cross-object rules must stay linear in the number of objects. Instead of timing them (noisy; the
 * bench does that), count how often the rules touch an object: a rule that scans every object for
 * every object touches 16x as many at 4x the objects, a linear one about 4x.
 */

/** Items whose objects count every read of a top-level field (kind, apiVersion, metadata, spec...). */
function counted(objects: readonly KubeObject[]): { items: PolicyItem[]; reads: () => number } {
  let reads = 0;
  const items = objects.map((object) => ({
    object: new Proxy(object, { get: (target, key, receiver) => { reads++; return Reflect.get(target, key, receiver); } }),
  }));
  return { items, reads: () => reads };
}

/** Reads per rule when the rule runs alone over `objects`. */
function readsPerRule(objects: readonly KubeObject[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const rule of allRules) {
    const { items, reads } = counted(objects);
    const before = reads();
    evaluate(items, { profile: 'prod', only: [rule.id] });
    result.set(rule.id, reads() - before);
  }
  return result;
}

function expectLinear(small: readonly KubeObject[], large: readonly KubeObject[]): void {
  expect(large.length).toBeGreaterThanOrEqual(small.length * 3.5);
  const growth = large.length / small.length;
  const before = readsPerRule(small);
  const after = readsPerRule(large);
  const quadratic = allRules
    .map((rule) => ({ id: rule.id, ratio: after.get(rule.id)! / Math.max(1, before.get(rule.id)!) }))
    .filter(({ ratio }) => ratio > growth * 1.25);
  expect(quadratic).toEqual([]);
}

/** The same app (names, labels, buckets by name) copied into `count` namespaces. */
function sameAppIn(count: number): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const namespace = `team-${i}`;
    const inNamespace = (object: KubeObject) => edit(object, (o) => { o.metadata.namespace = namespace; });
    objects.push(
      // One reference that resolves in its own namespace, one that resolves nowhere.
      ...[deployment((d) => { d.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'api-config' } }, { secretRef: { name: 'absent' } }]; }), service(), pdb(), configMap('api-config')].map(inNamespace),
      // Crossplane managed resources are cluster-scoped: each copy gets its own bucket name.
      ...xpBucketSet(`assets-${i}`),
      xpBucket(undefined, `extra-${i}`),
      // Each distribution looks up its origin bucket and its Origin Access Control.
      xpDistribution(),
    );
  }
  objects.push(...xpCdnSet());
  return objects;
}

describe('cross-object rules', () => {
  it('touch objects linearly on a generated platform (4x the apps, at most ~4x the reads per rule)', () => {
    const objectsOf = (apps: number) => collectObjects(realisticPlatform({ apps })).map((o) => o.object);
    expectLinear(objectsOf(10), objectsOf(40));
  });

  it('touch objects linearly when many namespaces hold objects of the same names and labels', () => {
    expectLinear(sameAppIn(25), sameAppIn(100));
  });

  it('give the same findings on both sizes, copy for copy (an index must not change answers)', () => {
    const report = evaluate(sameAppIn(3).map((object) => ({ object })), { profile: 'prod' });
    const perNamespace = (ns: string) => report.findings.filter((f) => f.object.includes(`/${ns}/`)).map((f) => `${f.ruleId} ${f.path}`);
    expect(perNamespace('team-0').length).toBeGreaterThan(0);
    expect(perNamespace('team-1')).toEqual(perNamespace('team-0'));
    expect(perNamespace('team-2')).toEqual(perNamespace('team-0'));
    // Every bucket but the unconfigured extra ones has all of its companions.
    const missing = report.findings.filter((f) => f.message.startsWith('no ') && f.message.includes('references Bucket'));
    expect([...new Set(missing.map((f) => f.object))].sort()).toEqual(['Bucket/extra-0', 'Bucket/extra-1', 'Bucket/extra-2']);
  });
});
