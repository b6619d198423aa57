import { describe, expect, it } from 'vitest';
import { isUserError } from '../../lib/core/errors';
import { applyApprovals, classifyRisks, diffTrees, parseApprovals, reviewTrees } from '../../lib/review';
import { clone, find, platform, tree } from './fixtures';

function renamedQueue() {
  const base = platform({ protect: true });
  const head = clone(base);
  find(head, 'media/queue.yaml').spec.forProvider.name = 'prod-jobs-v2';
  return { base: tree('base', base), head: tree('head', head) };
}

describe('approvals', () => {
  it('acknowledges a risk by id and object identity, and reports approvals that match nothing as stale', () => {
    const { base, head } = renamedQueue();
    const approvals = parseApprovals([
      'approvals:',
      '  - risk: cloud-replace',
      '    object: prod/Queue.sqs.aws.upbound.io/prod-media-jobs',
      '    reason: queue drained; consumers switched first',
      '  - risk: exposure',
      '    object: prod/Ingress.networking.k8s.io/prod-web/web',
      '    reason: left over from last week',
    ].join('\n'), 'review/approvals.yaml');
    const review = reviewTrees(base, head, { approvals });
    expect(review.risks.map((r) => [r.id, r.object, r.acknowledged])).toEqual([['cloud-replace', 'prod/Queue.sqs.aws.upbound.io/prod-media-jobs', true]]);
    expect(review.staleApprovals.map((a) => a.risk)).toEqual(['exposure']);
    expect(review.summary).toMatchObject({ risks: 1, acknowledged: 1, unacknowledged: 0, stale: 1 });
  });

  it('an approval for another object or another risk class acknowledges nothing', () => {
    const { base, head } = renamedQueue();
    const risks = classifyRisks(diffTrees(base, head));
    const outcome = applyApprovals(risks, [
      { risk: 'cloud-replace', object: 'prod/Queue.sqs.aws.upbound.io/prod-media-jobs-dlq', reason: 'x' },
      { risk: 'stateful-delete', object: 'prod/Queue.sqs.aws.upbound.io/prod-media-jobs', reason: 'x' },
    ]);
    expect(outcome.risks.every((r) => r.acknowledged === false)).toBe(true);
    expect(outcome.stale).toHaveLength(2);
  });

  it('a narrowed review (--env, --app) does not call approvals outside its part stale', () => {
    const { base, head } = renamedQueue();
    const approvals = [
      { risk: 'cloud-replace' as const, object: 'prod/Queue.sqs.aws.upbound.io/prod-media-jobs', reason: 'x' },
      { risk: 'exposure' as const, object: 'dev/Ingress.networking.k8s.io/dev-web/web', reason: 'for the dev change' },
      { risk: 'exposure' as const, object: 'prod/Ingress.networking.k8s.io/prod-web/web', reason: 'old' },
    ];
    expect(reviewTrees(base, head, { approvals }).staleApprovals.map((a) => a.object.split('/')[0])).toEqual(['dev', 'prod']);
    expect(reviewTrees(base, head, { approvals, envs: ['prod'] }).staleApprovals.map((a) => a.object)).toEqual(['prod/Ingress.networking.k8s.io/prod-web/web']);
    expect(reviewTrees(base, head, { approvals, apps: ['media'] }).staleApprovals).toEqual([]);
  });

  it('an empty file approves nothing', () => {
    expect(parseApprovals('', 'review/approvals.yaml')).toEqual([]);
    expect(parseApprovals('approvals: []\n', 'review/approvals.yaml')).toEqual([]);
  });

  it('fails if an entry has no reason, an unknown risk id or a malformed object, naming the file and every entry', () => {
    let error: unknown;
    try {
      parseApprovals('approvals:\n  - risk: cloud-replac\n    object: prod/Queue/q\n    reason: x\n  - risk: exposure\n    object: q\n', 'review/approvals.yaml');
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^review\/approvals\.yaml: approvals\[0\]\.risk "cloud-replac" is not one of immutable-field, /);
    expect(message).toContain('approvals[1].object must be an object identity');
    expect(message).toContain('approvals[1].reason is missing');
    expect(message).toMatch(/Fix: /);
    expect(message).not.toMatch(/\n/);
  });

  it('fails if the file is not YAML or not a map with a list', () => {
    expect(() => parseApprovals('approvals: [', 'review/approvals.yaml')).toThrow(/^review\/approvals\.yaml is not valid YAML/);
    expect(() => parseApprovals('- a\n- b\n', 'review/approvals.yaml')).toThrow(/must be a map with an "approvals" list/);
  });
});
