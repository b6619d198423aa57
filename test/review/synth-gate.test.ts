import { execFileSync } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { gateSynthesis, readCommittedFiles, reviewTrees, Risk, RiskId, SynthGateOptions, SynthGateResult } from '../../lib/review';
import { readManifestFolder, parseManifestText } from '../../lib/manifests';
import { synthesize } from '../../lib/synth';
import { writeSynthesis } from '../../lib/synth/write-synthesis';
import { IMAGE, shapedPlatform, Shape } from '../fixtures/day2-platform';
import { tempDir } from '../helpers/temp';

/**
 * The day-2 gate of synth, one case per transition of a running platform: the base stacks are
 * synthesized into dist/, the stacks change, and the second synthesis is reviewed against dist/.
 * Each case names the reconciler behaviour that makes the transition dangerous:
 * - Argo CD prunes objects that left Git unless `argocd.argoproj.io/sync-options: Prune=false`, and
 *   deleting an Application with `resources-finalizer.argocd.argoproj.io` cascades to everything it
 *   synced (argo-cd docs/user-guide/sync-options.md "No Prune Resources"; app-deletion.md).
 * - Flux garbage-collects what left its inventory when `spec.prune: true`, unless the object carries
 *   `kustomize.toolkit.fluxcd.io/prune: disabled`; deleting a Kustomization deletes its inventory
 *   unless `spec.deletionPolicy: Orphan` (fluxcd.io/flux/components/kustomize/kustomizations).
 * - Crossplane deletes the external resource with the managed resource unless `deletionPolicy: Orphan`
 *   or `managementPolicies` without `Delete` (docs.crossplane.io managed-resources "deletionPolicy").
 * - ACK deletes the AWS resource before the custom resource unless `services.k8s.aws/deletion-policy:
 *   retain` (aws-controllers-k8s.github.io/community/docs/user-docs/deletion-policy).
 */

/** A project folder whose dist/ holds the synthesis of `base`, as the last commit left it. */
export function committed(base: Shape): string {
  const dir = tempDir('gitplane-gate-');
  writeSynthesis(synthesize(shapedPlatform(base)), path.join(dir, 'dist'));
  return dir;
}

/** The gate of the second synth: `head` against the dist/ `base` left. */
export function gate(base: Shape, head: Shape, options: SynthGateOptions = {}): SynthGateResult & { dir: string } {
  const dir = committed(base);
  const result = gateSynthesis(synthesize(shapedPlatform(head)).files, readCommittedFiles(path.join(dir, 'dist'), 'dist/'), options);
  return { ...result, dir };
}

/** The committed dist/ of a project folder, read whole. */
function readCommittedTree(dir: string) {
  return readManifestFolder(path.join(dir, 'dist'), { label: 'dist/', mode: 'dist' });
}

const PROD: Shape = { envs: [{ protect: true }] };
const ids = (risks: readonly Risk[]) => [...new Set(risks.map((r) => r.id))].sort();
const blocked = (result: SynthGateResult, id: RiskId) => result.blocking.filter((r) => r.id === id);
const recipe = (result: SynthGateResult, id: RiskId) => result.safePaths.find((p) => p.risk === id)?.steps.join('\n') ?? '';

describe('synth gate: what it compares', () => {
  it('a first synth (no dist/) and a byte-identical re-synth are not reviewed', () => {
    const files = synthesize(shapedPlatform()).files;
    expect(gateSynthesis(files, readCommittedFiles('/nonexistent/dist', 'dist/'))).toMatchObject({ status: 'first', proceed: true, blocking: [] });
    const dir = committed({});
    expect(gateSynthesis(files, readCommittedFiles(path.join(dir, 'dist'), 'dist/'))).toMatchObject({ status: 'unchanged', proceed: true });
  });

  it('reviews only the environments with a changed file, with the same risks as a review of the whole trees', () => {
    // GIVEN two environments; only staging drops its protection
    const base = { envs: [{ name: 'prod', protect: true }, { name: 'staging', protect: true }] };
    const head = { envs: [{ name: 'prod', protect: true }, { name: 'staging' }] };
    const result = gate(base, head);
    // THEN prod is not part of the review, and staging's risks are those of the full review
    expect(result.review!.diff.environments.map((e) => e.name)).toEqual(['staging']);
    const full = reviewTrees(readCommittedTree(result.dir), { label: 's:', documents: [...synthesize(shapedPlatform(head)).files].flatMap(([file, text]) => parseManifestText(file, text).map((object) => ({ file, object }))) });
    expect(result.review!.risks).toEqual(full.risks);
    expect(full.risks.length).toBeGreaterThan(0);
  });

  it('reads the committed text of the changed environments only: the rest is known by its digests', () => {
    // GIVEN the digests of a committed dist/ with prod and staging; only staging changes
    const base = { envs: [{ name: 'prod', protect: true }, { name: 'staging', protect: true }] };
    const head = { envs: [{ name: 'prod', protect: true }, { name: 'staging' }] };
    const dir = committed(base);
    const digests = readCommittedFiles(path.join(dir, 'dist'), 'dist/');
    // WHEN prod/ then holds a FIFO, which any read of prod/ would refuse by name
    execFileSync('mkfifo', [path.join(dir, 'dist/prod/fifo.yaml')]);
    const result = gateSynthesis(synthesize(shapedPlatform(head)).files, digests);
    // THEN staging was reviewed and prod never read
    expect(result.review!.diff.environments.map((e) => e.name)).toEqual(['staging']);
    expect(() => readCommittedFiles(path.join(dir, 'dist'), 'dist/')).toThrow(/prod\/fifo\.yaml is a FIFO/);
  });

  it('harmless changes (an image tag, a replica count) are reviewed and carry no risk', () => {
    for (const head of [{ image: IMAGE.replace(':1.4.0@sha256:0', ':1.4.1@sha256:1') }, { replicas: 5 }, { replicas: 2 }]) {
      const result = gate({}, head);
      expect(result.status).toBe('reviewed');
      expect(result.review!.diff.changes.length).toBeGreaterThan(0);
      expect(result.review!.risks).toEqual([]);
      expect(result.proceed).toBe(true);
    }
  });
});

describe('synth gate: issue 14 transitions', () => {
  it('item 2: switching the cloud flavor hands the queue from one controller to the other: refused as cloud-replace', () => {
    // ACK without retain deletes the SQS queue when the ACK Queue is pruned, while the Crossplane Queue
    // adopts the same name: critical. Protected, the old object orphans the queue: still high.
    const unprotected = gate({ envs: [{ flavor: 'ack' }] }, { envs: [{ flavor: 'crossplane' }] });
    expect(unprotected.proceed).toBe(false);
    expect(blocked(unprotected, 'cloud-replace').map((r) => r.severity)).toContain('critical');
    expect(blocked(unprotected, 'cloud-replace').find((r) => r.object === 'prod/Queue.sqs.services.k8s.aws/prod-media/prod-render-jobs')?.reason)
      .toMatch(/hands over AWS resource "prod-render-jobs" .*DELETES the AWS resource/);
    expect(recipe(unprotected, 'cloud-replace')).toMatch(/orphan.*\n.*adopts the resource/s);
    // The identity change shows in a plain git diff too: the file names carry the controller.
    const files = (shape: Shape) => [...synthesize(shapedPlatform(shape)).files.keys()];
    expect(files({ envs: [{ flavor: 'ack' }] })).toContain('prod/media/queue.ack-prod-render-jobs.yaml');
    expect(files({ envs: [{ flavor: 'crossplane' }] })).toContain('prod/media/queue.xpm-prod-render-jobs.yaml');
    const guarded = gate({ envs: [{ flavor: 'crossplane', protect: true }] }, { envs: [{ flavor: 'ack', protect: true }] });
    expect(guarded.proceed).toBe(false);
    expect(blocked(guarded, 'cloud-replace').every((r) => r.severity === 'high')).toBe(true);
  });

  it('item 3: removing an environment is refused: its cloud objects and its wiring go', () => {
    // The reconcilers report a missing path and delete nothing until the wiring goes; then Argo CD's
    // finalizer (unprotected) deletes everything the Applications synced.
    const result = gate({ envs: [{ name: 'prod' }, { name: 'staging' }] }, { envs: [{ name: 'prod' }] });
    expect(result.proceed).toBe(false);
    expect(ids(result.blocking)).toEqual(expect.arrayContaining(['stateful-delete', 'sync-wiring']));
    expect(result.blocking.every((r) => r.object.startsWith('staging/'))).toBe(true);
    expect(blocked(result, 'stateful-delete')[0].reason).toMatch(/environment staging left Git/);
    expect(recipe(result, 'stateful-delete')).toMatch(/decommission/);
  });

  it('item 4: dropping Protection.PROTECTED is refused; so is dropping it while removing a protected queue', () => {
    const drop = gate(PROD, {});
    expect(drop.proceed).toBe(false);
    expect(blocked(drop, 'protection-removed').length).toBeGreaterThan(0);
    expect(blocked(drop, 'protection-removed').some((r) => /Queue/.test(r.object) && /managementPolicies without Delete removed/.test(r.reason))).toBe(true);
    expect(recipe(drop, 'protection-removed')).toMatch(/never drop protection and remove a protected object in the same commit/);
    const both = gate({ ...PROD, queues: ['thumbnails'] }, {});
    expect(ids(both.blocking)).toEqual(expect.arrayContaining(['protection-removed', 'stateful-delete']));
    const removed = blocked(both, 'stateful-delete').filter((r) => /^prod\/Queue\..*thumbnails$/.test(r.object));
    expect(removed.length).toBeGreaterThan(0);
    expect(removed[0].reason).toMatch(/not pruned|orphaned/);
  });

  it('item 5: a renamed workload (its Service goes) or a renumbered Service port is an availability risk, refused when protected', () => {
    // Argo CD syncs child Applications in parallel and Flux Kustomizations run on their own intervals:
    // the old Service is pruned before consumers roll to the new address.
    const renamed = gate(PROD, { ...PROD, service: 'api-v2' });
    expect(renamed.proceed).toBe(false);
    expect(blocked(renamed, 'availability').map((r) => r.object)).toContain('prod/Service/prod-api/api');
    expect(recipe(renamed, 'availability')).toMatch(/old Service .* next to the new one/);
    const port = gate(PROD, { ...PROD, servicePort: 8080 });
    expect(blocked(port, 'availability')[0].reason).toMatch(/port\(s\) http \(80\) removed/);
    // Unprotected: the same risk warns and the write goes ahead.
    const dev = gate({}, { servicePort: 8080 });
    expect(dev.proceed).toBe(true);
    expect(ids(dev.warnings)).toEqual(['availability']);
  });

  it('item 6: turning on autoscaling drops fixed replicas: refused in a protected environment with the hand-over recipe', () => {
    // Without spec.replicas in the applied manifest, the API server defaults it to 1 until the HPA
    // reacts (Kubernetes "Migrating Deployments and StatefulSets to horizontal autoscaling").
    const result = gate(PROD, { ...PROD, autoscale: { minReplicas: 3, maxReplicas: 9 } });
    expect(result.proceed).toBe(false);
    expect(blocked(result, 'availability')[0].reason).toMatch(/\.spec\.replicas \(3\) removed/);
    expect(recipe(result, 'availability')).toMatch(/keeping `replicas` at its minimum[\s\S]*edit-last-applied/);
    const dev = gate({}, { autoscale: { minReplicas: 3, maxReplicas: 9 } });
    expect(dev.proceed).toBe(true);
    expect(ids(dev.warnings)).toEqual(['availability']);
  });

  it('item 8: renaming an environment in a shared namespace changes the selector of objects that keep their name: immutable-field', () => {
    const result = gate({ envs: [{ name: 'prod', shared: true }] }, { envs: [{ name: 'production', shared: true }] });
    expect(result.proceed).toBe(false);
    const immutable = blocked(result, 'immutable-field');
    expect(immutable.map((r) => r.object)).toContain('production/Deployment.apps/acme/api');
    expect(immutable[0].reason).toMatch(/environment prod, which left Git.*field is immutable/);
    expect(ids(result.blocking)).toContain('stateful-delete');
  });

  it('item 9: with Flux, dropping a namespace deletes it with every pod in it: refused as stateful-delete', () => {
    // The Flux root garbage-collects the Namespace as soon as it leaves its inventory.
    const result = gate({ envs: [{ reconciler: 'flux' }] }, { envs: [{ reconciler: 'flux' }], withoutWorker: true });
    expect(result.proceed).toBe(false);
    const namespace = blocked(result, 'stateful-delete').find((r) => r.object === 'prod/Namespace/prod-worker');
    expect(namespace?.severity).toBe('critical');
    expect(namespace?.reason).toMatch(/prunes it with everything it holds/);
  });

  it('item 10: moving a workload to another app is an ownership-move; out of a removed app in a protected environment the old copy keeps running', () => {
    // Protected: the removed app's Application has no resources finalizer (Flux: deletionPolicy: Orphan),
    // so its objects are orphaned, not deleted; the new copy in its own namespace starts too, and a
    // CronJob fires twice. Argo CD's orphaned-resource warning cannot see a namespace the project dropped.
    const split = gate({ ...PROD, jobApp: 'jobs' }, { ...PROD, jobApp: 'api' });
    expect(split.proceed).toBe(false);
    const move = blocked(split, 'ownership-move');
    expect(move.map((r) => r.object)).toEqual(['prod/CronJob.batch/prod-jobs/cleanup']);
    expect(move[0].reason).toMatch(/from app jobs to app api .*keeps running unmanaged next to the new one/);
    expect(recipe(split, 'ownership-move')).toMatch(/kubectl delete/);
    // The old app stays: Argo CD prunes the old copy while the new one starts.
    const kept = gate({ ...PROD, jobApp: 'api' }, { ...PROD, jobApp: 'jobs' });
    expect(blocked(kept, 'ownership-move')[0].reason).toMatch(/from app api to app jobs .*the old copy is pruned/);
  });

  it('item 11: switching an environment from Flux to Argo CD removes the Kustomizations: refused as sync-wiring', () => {
    const result = gate({ envs: [{ reconciler: 'flux' }] }, { envs: [{ reconciler: 'argocd' }] });
    expect(result.proceed).toBe(false);
    expect(blocked(result, 'sync-wiring').map((r) => r.object)).toEqual(expect.arrayContaining(['prod/Kustomization.kustomize.toolkit.fluxcd.io/flux-system/prod-api']));
    expect(recipe(result, 'sync-wiring')).toMatch(/suspend[\s\S]*deletionPolicy: Orphan/);
  });

  it('item 12: a new branch is refused in a protected environment; a new repository URL warns and says what to re-apply', () => {
    const branch = gate(PROD, { envs: [{ protect: true, branch: 'release' }] });
    expect(branch.proceed).toBe(false);
    expect(blocked(branch, 'sync-wiring')[0].reason).toMatch(/targetRevision "main" -> "release"/);
    const repo = gate({}, { repository: 'https://github.com/acme/platform-v2.git' });
    expect(repo.proceed).toBe(true);
    expect(ids(repo.warnings)).toEqual(['sync-wiring']);
    expect(recipe(repo, 'sync-wiring')).toMatch(/kubectl apply -f dist\/<env>\/bootstrap\//);
  });
});

describe('synth gate: acknowledging and overriding', () => {
  it('an approval for every refused risk lets the write proceed; the risks are reported as acknowledged', () => {
    const refused = gate({ envs: [{ flavor: 'ack' }] }, { envs: [{ flavor: 'crossplane' }] });
    const approvals = refused.blocking.map((r) => ({ risk: r.id, object: r.object, reason: 'queue drained and recreated on purpose' }));
    const result = gateSynthesis(synthesize(shapedPlatform({ envs: [{ flavor: 'crossplane' }] })).files, readCommittedFiles(path.join(refused.dir, 'dist'), 'dist/'), { approvals });
    expect(result.proceed).toBe(true);
    expect(result.blocking).toEqual([]);
    expect(result.acknowledged.map((r) => r.id)).toContain('cloud-replace');
  });

  it('an approval of one object does not cover another', () => {
    const refused = gate(PROD, {});
    const [first] = refused.blocking;
    const result = gateSynthesis(synthesize(shapedPlatform({})).files, readCommittedFiles(path.join(refused.dir, 'dist'), 'dist/'), { approvals: [{ risk: first.id, object: first.object, reason: 'ok' }] });
    expect(result.proceed).toBe(false);
    expect(result.blocking.length).toBeGreaterThan(0);
    expect(result.blocking.some((r) => r.object === first.object && r.id === first.id)).toBe(false);
  });

  it('allowRisky proceeds and lists exactly the risks it let through', () => {
    const refused = gate(PROD, {});
    const allowed = gate(PROD, {}, { allowRisky: true });
    expect(allowed.proceed).toBe(true);
    expect(allowed.blocking).toEqual([]);
    expect(allowed.allowed).toEqual(refused.blocking);
  });
});
