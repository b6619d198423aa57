import { describe, expect, it } from 'vitest';
import { Limiter } from '../../lib/aws/limiter';
import { CloudPlan } from '../../lib/aws/model';
import { planCloud, planOutcome } from '../../lib/aws/plan';
import { readOnly, SendingClient } from '../../lib/aws/read-only';
import { exampleBucket, renamed } from './helpers/example';

/** An S3 stand-in: every bucket is missing; it records how many calls were in flight at once. */
function countingS3() {
  const stats = { inFlight: 0, peak: 0, calls: 0 };
  const client: SendingClient = {
    send: async () => {
      stats.calls++;
      stats.inFlight++;
      stats.peak = Math.max(stats.peak, stats.inFlight);
      await new Promise((r) => setTimeout(r, 2));
      stats.inFlight--;
      throw Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    },
  };
  return { stats, client };
}

const summary = (over: Partial<CloudPlan['summary']>): CloudPlan => ({ resources: [], summary: { create: 0, update: 0, 'no-change': 0, conflict: 0, unknown: 0, ...over } });

describe('planCloud', () => {
  it('keeps at most the limit of calls in flight, and plans every resource in input order', async () => {
    const { stats, client } = countingS3();
    const s3 = readOnly(client, { limiter: new Limiter(16) });
    const declared = Array.from({ length: 60 }, (_, i) => renamed(exampleBucket('dev'), `bucket-${String(i).padStart(2, '0')}`));
    const progress: number[] = [];
    const plan = await planCloud(declared, { s3: () => s3, cloudfront: () => s3 }, { onProgress: (done) => progress.push(done) });
    expect(stats.peak).toBe(16);
    expect(stats.calls).toBe(60);
    expect(plan.resources.map((r) => r.physicalName)).toEqual(declared.map((d) => d.physicalName));
    expect(plan.summary.create).toBe(60);
    expect(progress).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('the outcome is the most serious result: conflicts, then partial, then changes', () => {
    expect(planOutcome(summary({ conflict: 1, unknown: 1, update: 1 }))).toBe('conflicts');
    expect(planOutcome(summary({ unknown: 1, create: 1 }))).toBe('partial');
    expect(planOutcome(summary({ create: 1 }))).toBe('changes');
    expect(planOutcome(summary({ update: 1 }))).toBe('changes');
    expect(planOutcome(summary({ 'no-change': 3 }))).toBe('no-change');
  });
});
