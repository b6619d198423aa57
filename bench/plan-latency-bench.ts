/**
 * plan with injected latency (part of `npm run bench`): 200 declared buckets, every AWS call answered
 * after 50 ms, read concurrently (the default limit, 16) and sequentially (limit 1). The target is a
 * ratio of at least 10; the figure is a ratio measured in one run, so machine speed cancels out.
 * BENCH_BUCKETS and BENCH_LATENCY_MS override the sizes.
 */
import { Limiter } from '../lib/aws/limiter';
import { DeclaredResource } from '../lib/aws/model';
import { planCloud } from '../lib/aws/plan';
import { readOnly, SendingClient } from '../lib/aws/read-only';
import { exampleBucket, renamed } from '../test/aws/helpers/example';

const BUCKETS = Number(process.env.BENCH_BUCKETS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);

/** Answers like S3 after LATENCY_MS: the bucket exists, versioning is on, nothing else is configured. */
function slowS3(): SendingClient {
  const notConfigured: Record<string, string> = {
    GetBucketPolicyCommand: 'NoSuchBucketPolicy',
    GetBucketLifecycleConfigurationCommand: 'NoSuchLifecycleConfiguration',
    GetBucketCorsCommand: 'NoSuchCORSConfiguration',
    GetBucketTaggingCommand: 'NoSuchTagSet',
    GetBucketEncryptionCommand: 'ServerSideEncryptionConfigurationNotFoundError',
    GetPublicAccessBlockCommand: 'NoSuchPublicAccessBlockConfiguration',
    GetBucketOwnershipControlsCommand: 'OwnershipControlsNotFoundError',
    GetObjectLockConfigurationCommand: 'ObjectLockConfigurationNotFoundError',
  };
  return {
    send: async (command: object) => {
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      const name = command.constructor.name;
      if (notConfigured[name]) throw Object.assign(new Error(name), { name: notConfigured[name], $metadata: { httpStatusCode: 404 } });
      return name === 'GetBucketVersioningCommand' ? { Status: 'Enabled' } : {};
    },
  };
}

async function seconds(declared: DeclaredResource[], limit: number): Promise<number> {
  const limiter = new Limiter(limit);
  const s3 = readOnly(slowS3(), { limiter });
  const start = process.hrtime.bigint();
  const plan = await planCloud(declared, { s3: () => s3, cloudfront: () => s3 }, { concurrency: limit });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (plan.resources.length !== declared.length || plan.summary.unknown > 0) throw new Error('the plan did not read every bucket');
  return elapsed;
}

async function main(): Promise<void> {
  const declared = Array.from({ length: BUCKETS }, (_, i) => renamed(exampleBucket('dev'), `bench-bucket-${i}`));
  const concurrent = await seconds(declared, 16);
  const sequential = await seconds(declared, 1);
  const ratio = sequential / concurrent;
  console.log(`plan latency: ${BUCKETS} buckets, ${LATENCY_MS} ms per call: sequential ${sequential.toFixed(2)} s, concurrent (16) ${concurrent.toFixed(2)} s, ratio ${ratio.toFixed(1)}x (target >= 10x)`);
  if (ratio < 10) process.exitCode = 1;
}

void main();
