import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CloudFlavor, Queue } from '../../lib/cloud';
import { Worker } from '../../lib/constructs';
import { buildTree, readManifestFolder } from '../../lib/manifests';
import { Protection } from '../../lib/platform';
import { classifyRisks, diffTrees } from '../../lib/review';
import { synthesize } from '../../lib/synth';
import { buildPlatform } from '../../stacks/main';
import { RetainingReconciler } from '../cloud/helpers';
import { REPO_ROOT } from '../helpers/cli';
import { testPlatform } from '../helpers/platform';

/**
 * The engine on (committed dist/, fresh synthesis), the pair synth will compare before writing: the
 * same classes as between two refs, on the objects gitplane's own constructs produce.
 */

const IMAGE = 'ghcr.io/acme/ledger:1.0.0@sha256:0b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474';

/** A protected Crossplane environment with a queue and a worker that consumes it. */
function settlementsTree(queueId: string, queueName = queueId) {
  const platform = testPlatform({
    cloud: CloudFlavor.crossplane({ accountId: '123456789012', providerConfig: 'aws-prod' }), region: 'eu-west-1',
    protection: Protection.PROTECTED, reconciler: new RetainingReconciler(),
  });
  platform.addApp('billing', (app) => {
    const queue = new Queue(app, queueId, { queueName });
    new Worker(app, 'ledger', { image: IMAGE }).uses(queue);
  });
  return buildTree('synthesis:', synthesize(platform).files, 'dist');
}

describe('review of a fresh synthesis against a tree', () => {
  it('the committed dist/ and a fresh synthesis of the stacks are the same objects', () => {
    const committed = readManifestFolder(path.join(REPO_ROOT, 'dist'), { label: 'dist/', mode: 'dist' });
    const fresh = buildTree('synthesis:', synthesize(buildPlatform()).files, 'dist');
    const result = diffTrees(committed, fresh);
    expect(result.changes).toEqual([]);
    expect(classifyRisks(result)).toEqual([]);
  });

  it("renaming Queue 'settlements' to 'settlement-events' in a protected environment is flagged: old queue stranded, consumer env renamed", () => {
    const result = diffTrees(settlementsTree('settlements'), settlementsTree('settlement-events'));
    const risks = classifyRisks(result);
    const byId = (id: string) => risks.filter((r) => r.id === id);
    expect(byId('stateful-delete').map((r) => r.object)).toContain('test/Queue.sqs.aws.m.upbound.io/test-billing/settlements');
    expect(byId('stateful-delete')[0].reason).toMatch(/not pruned|orphaned/);
    expect(byId('env-var-removed').length).toBeGreaterThan(0);
    expect(byId('env-var-removed')[0].reason).toMatch(/^ConfigMap test-billing\/ledger: key\(s\) SETTLEMENTS_QUEUE_NAME, .* removed; Deployment ledger read it through envFrom/);
    expect(risks.every((r) => r.severity === 'high' || r.severity === 'critical')).toBe(true);
  });

  it('renaming only the construct id while keeping queueName keeps the queue: consumers still lose the old variable names', () => {
    const risks = classifyRisks(diffTrees(settlementsTree('settlements'), settlementsTree('settlement-events', 'settlements')));
    expect(risks.map((r) => r.id)).toEqual(['env-var-removed']);
  });
});
