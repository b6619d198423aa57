import { afterAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../lib/aws/clients';
import { DeclaredResource } from '../../lib/aws/model';
import { planCloud, planOutcome } from '../../lib/aws/plan';
import { exampleBucket, renamed } from './helpers/example';
import { Fault, FaultyHandler } from './helpers/faulty-handler';
import { writableS3, writeBucket } from './helpers/seed';
import { startServer } from './helpers/servers';

/**
 * Faults between plan and a real S3 server (moto): whatever fails, plan finishes, reports `? unknown`
 * for exactly the resources it could not read (exit 4), keeps the rest correct, and retries a bounded
 * number of times.
 */
const server = startServer('moto');
afterAll(() => server?.stop());

const MAX_ATTEMPTS = 3;

describe.skipIf(!server)('plan under faults', () => {
  const env = { ...server?.env, AWS_ENDPOINT_URL_S3: server?.env.AWS_ENDPOINT_URL_CLOUDFRONT ?? '' };
  let buckets: DeclaredResource[] = [];

  async function seedBuckets(prefix: string, count: number): Promise<DeclaredResource[]> {
    const made = Array.from({ length: count }, (_, i) => renamed(exampleBucket('dev'), `${prefix}-${process.pid}-${i}`));
    for (const b of made) await writeBucket(writableS3(env), b.physicalName!, b.fields as Record<string, unknown>);
    return made;
  }

  async function planWith(fault: (key: string, attempt: number) => Fault, options: { callTimeoutMs?: number; totalTimeoutMs?: number } = {}) {
    const handler = new FaultyHandler(fault);
    const { clients, close } = createAwsClients({
      maxAttempts: MAX_ATTEMPTS,
      callTimeoutMs: options.callTimeoutMs ?? 5_000,
      totalTimeoutMs: options.totalTimeoutMs ?? 60_000,
      clientConfig: { endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, requestHandler: handler },
    });
    try {
      const plan = await planCloud(buckets, clients);
      return { plan, handler, actions: Object.fromEntries(plan.resources.map((r) => [r.physicalName, r.action])) };
    } finally {
      close();
    }
  }

  const expectOnly = (actions: Record<string, string>, unknown: readonly string[]) => {
    for (const b of buckets) expect([b.physicalName, actions[b.physicalName!]]).toEqual([b.physicalName, unknown.includes(b.physicalName!) ? 'unknown' : 'no-change']);
  };

  it('setup: six buckets written as declared', async () => {
    buckets = await seedBuckets('faults', 6);
    const { plan } = await planWith(() => undefined);
    expect(planOutcome(plan)).toBe('no-change');
  });

  it('throttling on half of the calls: the SDK backs off and retries, and the plan is complete and correct', async () => {
    // Deterministic half: the first attempt of every call whose key hashes odd answers 503 SlowDown.
    const odd = (key: string) => [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 2 === 1;
    const { plan, handler } = await planWith((key, attempt) => (attempt === 1 && odd(key) ? 'throttle' : undefined));
    expect(planOutcome(plan)).toBe('no-change');
    const throttled = [...handler.attempts.keys()].filter(odd).length;
    expect(throttled).toBeGreaterThan(0);
    expect([...handler.attempts.values()].every((n) => n <= 2)).toBe(true);
  });

  it('a bucket whose every call fails with 500: that bucket alone is ? unknown, after a bounded number of attempts', async () => {
    const broken = buckets[1].physicalName!;
    const { plan, handler, actions } = await planWith((key) => (key.includes(`/${broken}`) ? 'error500' : undefined));
    expectOnly(actions, [broken]);
    expect(planOutcome(plan)).toBe('partial');
    expect(plan.resources.find((r) => r.physicalName === broken)!.reason).toBe('HeadBucket failed: InternalError (HTTP 500): We encountered an internal error. Please try again.');
    // HeadBucket failed, so no configuration was read: at most MAX_ATTEMPTS requests reached the server.
    expect(handler.attemptsFor(`/${broken}`)).toBe(MAX_ATTEMPTS);
  });

  it('one configuration read fails with 500: the bucket is ? unknown naming that field, the others are read', async () => {
    const broken = buckets[2].physicalName!;
    const { plan, actions } = await planWith((key) => (key === `GET /${broken}/?cors` ? 'error500' : undefined));
    expectOnly(actions, [broken]);
    const resource = plan.resources.find((r) => r.physicalName === broken)!;
    expect(resource.reason).toBe('could not read cors');
    expect(resource.fields).toEqual([{ field: 'cors', status: 'unknown', declared: buckets[2].fields.cors, reason: 'InternalError (HTTP 500): We encountered an internal error. Please try again.' }]);
  });

  it('calls that never answer: the per-call timeout ends them and only that bucket is ? unknown', async () => {
    const hung = buckets[3].physicalName!;
    const { plan, actions } = await planWith((key) => (key.includes(`/${hung}`) ? 'hang' : undefined), { callTimeoutMs: 300 });
    expectOnly(actions, [hung]);
    expect(plan.resources.find((r) => r.physicalName === hung)!.reason).toBe('HeadBucket failed: TimeoutError: HeadBucketCommand did not answer within 300 ms');
  });

  it('connection resets: retried, then only that bucket is ? unknown', async () => {
    const reset = buckets[4].physicalName!;
    const { handler, actions } = await planWith((key) => (key.includes(`/${reset}`) ? 'reset' : undefined));
    expectOnly(actions, [reset]);
    expect(handler.attemptsFor(`/${reset}`)).toBe(MAX_ATTEMPTS);
  });

  it('a reset that heals on retry leaves no trace in the plan', async () => {
    const { plan } = await planWith((_key, attempt) => (attempt === 1 ? 'reset' : undefined));
    expect(planOutcome(plan)).toBe('no-change');
  });

  it('a slow server and a total deadline: the plan still returns, unread buckets are ? unknown', async () => {
    const { plan } = await planWith(() => ({ delayMs: 150 }), { totalTimeoutMs: 250 });
    expect(plan.resources).toHaveLength(buckets.length);
    expect(plan.resources.every((r) => r.action === 'unknown' || r.action === 'no-change')).toBe(true);
    expect(plan.summary.unknown).toBeGreaterThan(0);
    expect(plan.resources.filter((r) => r.action === 'unknown').every((r) => /deadline/.test(`${r.reason} ${JSON.stringify(r.fields)}`))).toBe(true);
  });

  it('every call fails: each bucket is tried at most MAX_ATTEMPTS times per call, never forever', async () => {
    const { plan, handler } = await planWith(() => 'throttle');
    expect(plan.summary.unknown).toBe(buckets.length);
    expect([...handler.attempts.values()].every((n) => n === MAX_ATTEMPTS)).toBe(true);
    expect(handler.attemptsFor('/')).toBe(buckets.length * MAX_ATTEMPTS); // HeadBucket only: nothing else is read
  });
});
