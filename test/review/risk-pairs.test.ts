import { describe, expect, it } from 'vitest';
import { classifyRisks, diffTrees } from '../../lib/review';
import { tree } from './fixtures';
import { buildPair, Case, move, NO_CHANGE, PROD, RISKY, SAFE, without } from './pairs';

/**
 * Labelled base/head pairs: each edit of a small platform and the risk classes it must raise, or
 * none. The reconciler behaviour behind each class (cited per class in lib/review/risks/*):
 * - immutable-field: the API server rejects updates to apps/v1 selectors, StatefulSet fields other
 *   than replicas/template/updateStrategy/..., Job template/selector, Service clusterIP, PVC
 *   storageClassName/accessModes/volumeName and immutable ConfigMaps/Secrets; Argo CD and Flux report
 *   "field is immutable" on every sync unless told to replace (Argo CD `Replace=true`,
 *   Flux `kustomize.toolkit.fluxcd.io/force: enabled`).
 * - cloud-replace / stateful-delete / protection-removed: Crossplane deletes the external resource
 *   when a managed resource is deleted unless `deletionPolicy: Orphan` (docs.crossplane.io, managed
 *   resources, deletionPolicy) or management policies without Delete; ACK deletes the AWS resource
 *   first unless `services.k8s.aws/deletion-policy: retain` (aws-controllers-k8s deletion-policy
 *   guide); Argo CD prunes what left Git unless `Prune=false` (argo-cd user-guide/sync-options.md,
 *   "No Prune Resources"); Flux garbage-collects unless `kustomize.toolkit.fluxcd.io/prune: disabled`.
 * - ownership-move / sync-wiring: an Application or Kustomization prunes what leaves its path on its
 *   own schedule; a new path, revision or source changes every object under it at once.
 */

function run(c: Case) {
  const { base, head } = buildPair(c);
  const result = diffTrees(tree('base', base), tree('head', head));
  return { result, risks: classifyRisks(result) };
}

describe('risk classes on labelled pairs', () => {
  it.each(RISKY.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { result, risks } = run(c);
    expect(result.changes.length).toBeGreaterThan(0);
    const ids = new Set(risks.map((r) => r.id));
    for (const id of c.risks) expect(ids, `${c.name}: ${risks.map((r) => `${r.id}: ${r.reason}`).join(' | ')}`).toContain(id);
    for (const risk of risks) {
      // one line, naming the object
      expect(risk.reason).not.toMatch(/\n/);
      const change = result.changes.find((ch) => risk.object.endsWith(`/${ch.name}`) && risk.object.startsWith(`${ch.env}/${ch.kind}`));
      expect(change, risk.object).toBeDefined();
      expect(risk.reason).toContain(change!.name);
      if (c.options?.protect) expect(['high', 'critical']).toContain(risk.severity);
    }
  });
});

describe('changes that raise no risk', () => {
  it.each(SAFE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { result, risks } = run(c);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(risks.map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
  });

  it.each(NO_CHANGE.map((c) => [c.name, c] as const))('%s is no change at all', (_name, c) => {
    const { result, risks } = run(c);
    expect(result.changes).toEqual([]);
    expect(risks).toEqual([]);
  });
});

describe('severity', () => {
  it('deleting an unprotected cloud resource is critical; the protected one is orphaned and says so', () => {
    const dev = run({ name: '', edit: without('media/bucket.yaml'), risks: [] }).risks.find((r) => r.id === 'stateful-delete')!;
    const prod = run({ name: '', options: PROD, edit: without('media/bucket.yaml'), risks: [] }).risks.find((r) => r.id === 'stateful-delete')!;
    expect(dev.severity).toBe('critical');
    expect(dev.reason).toMatch(/DELETES the AWS resource/);
    expect(prod.severity).toBe('high');
    expect(prod.reason).toMatch(/not pruned \(deletionPolicy: Orphan/);
  });

  it('raises every risk in a protected environment to at least high', () => {
    const dev = run({ name: '', edit: move('api/configmap-api.yaml', 'dev/web/configmap-api.yaml'), risks: [] }).risks;
    const prod = run({ name: '', options: PROD, edit: move('api/configmap-api.yaml', 'prod/web/configmap-api.yaml'), risks: [] }).risks;
    expect(dev.map((r) => r.severity)).toEqual(['medium']);
    expect(prod.map((r) => r.severity)).toEqual(['high']);
    expect(prod[0].reason).toMatch(/\[protected environment prod\]$/);
  });
});
