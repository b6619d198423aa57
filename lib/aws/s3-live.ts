import {
  GetBucketCorsCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand, HeadBucketCommand,
} from '@aws-sdk/client-s3';
import { describeError, httpStatus, isMissing, isNotConfigured, unknownField } from './errors';
import { BucketField, LiveField, LiveResource } from './model';
import { corsRule, encryption, lifecycleRules, policyDocument, publicAccessBlock, sortKeys, tagsFrom } from './normalize';
import { SendingClient } from './read-only';

type Reader = {
  read: (s3: SendingClient, bucket: string) => Promise<any>;
  value: (answer: any) => unknown | typeof UNSUPPORTED;
  /** The value when S3 answers with the field's "not configured" error. */
  unset: unknown;
};

const UNSUPPORTED = Symbol('unsupported');

/**
 * One reader per bucket configuration. An empty `OwnershipControls` or `ServerSideEncryptionConfiguration`
 * with HTTP 200 is what a server without that API answers (it serves a bucket listing instead), never
 * what AWS answers: that is "unsupported", not "off".
 */
const READERS: Record<BucketField, Reader> = {
  versioning: { read: (s3, b) => s3.send(new GetBucketVersioningCommand({ Bucket: b })), value: (a) => a.Status ?? 'Disabled', unset: 'Disabled' },
  publicAccessBlock: {
    read: (s3, b) => s3.send(new GetPublicAccessBlockCommand({ Bucket: b })),
    value: (a) => publicAccessBlock(a.PublicAccessBlockConfiguration),
    unset: publicAccessBlock({}),
  },
  ownershipControls: {
    read: (s3, b) => s3.send(new GetBucketOwnershipControlsCommand({ Bucket: b })),
    value: (a) => a.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? UNSUPPORTED,
    unset: 'none',
  },
  encryption: {
    read: (s3, b) => s3.send(new GetBucketEncryptionCommand({ Bucket: b })),
    value: (a) => {
      const rule = a.ServerSideEncryptionConfiguration?.Rules?.[0];
      if (!rule) return UNSUPPORTED;
      return encryption(rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID, rule.BucketKeyEnabled);
    },
    unset: 'none',
  },
  policy: { read: (s3, b) => s3.send(new GetBucketPolicyCommand({ Bucket: b })), value: (a) => policyDocument(a.Policy), unset: null },
  lifecycle: { read: (s3, b) => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: b })), value: (a) => lifecycleRules(a.Rules), unset: [] },
  cors: { read: (s3, b) => s3.send(new GetBucketCorsCommand({ Bucket: b })), value: (a) => (a.CORSRules ?? []).map(corsRule), unset: [] },
  tags: { read: (s3, b) => s3.send(new GetBucketTaggingCommand({ Bucket: b })), value: (a) => tagsFrom(a.TagSet), unset: {} },
  objectLock: {
    read: (s3, b) => s3.send(new GetObjectLockConfigurationCommand({ Bucket: b })),
    value: (a) => a.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled',
    unset: false,
  },
};

/**
 * Reads every configuration of one bucket. A missing bucket is `missing`; a 403 on HeadBucket is a
 * bucket that exists but is not ours (S3 answers 403 for a name another account owns); any other
 * failure of HeadBucket makes the whole bucket unknown, and a failure of one configuration read makes
 * only that field unknown.
 */
export async function readLiveBucket(s3: SendingClient, bucket: string, fields: readonly BucketField[]): Promise<LiveResource> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (isMissing(error) || httpStatus(error) === 404) return { status: 'missing' };
    if (httpStatus(error) === 403) {
      return { status: 'foreign', reason: 'the name exists but this account may not read it (HTTP 403 on HeadBucket): another account owns it, or the credentials lack s3:ListBucket' };
    }
    return { status: 'unknown', reason: `HeadBucket failed: ${describeError(error)}` };
  }
  const values = await Promise.all(fields.map(async (field): Promise<[string, LiveField]> => {
    const reader = READERS[field];
    try {
      const value = reader.value(await reader.read(s3, bucket));
      if (value === UNSUPPORTED) return [field, { unknown: true, unsupported: true, reason: 'the server answered without this configuration (API not implemented)' }];
      return [field, { value: sortKeys(value) }];
    } catch (error) {
      if (isNotConfigured(error)) return [field, { value: sortKeys(reader.unset) }];
      if (isMissing(error)) return [field, { unknown: true, reason: 'the bucket disappeared while it was read' }];
      return [field, unknownField(error)];
    }
  }));
  return { status: 'found', fields: Object.fromEntries(values) };
}
