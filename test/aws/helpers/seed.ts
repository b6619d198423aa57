import {
  CreateBucketCommand, PutBucketCorsCommand, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, PutBucketVersioningCommand,
  PutPublicAccessBlockCommand, S3Client,
} from '@aws-sdk/client-s3';
import type { LifecycleRule, CorsRule, Encryption, PublicAccessBlock } from '../../../lib/aws/normalize';

/** A writable S3 client for the test setup (plan's clients cannot write). */
export function writableS3(env: Readonly<Record<string, string>>): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL_S3,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'testing', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'testing' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

/**
 * Writes a bucket with the given normalized configuration, the way an operator (or the controller)
 * would. Fields listed in `skip` are left alone (a server that lacks the API).
 */
export async function writeBucket(s3: S3Client, bucket: string, fields: Record<string, unknown>, skip: readonly string[] = []): Promise<void> {
  const want = (field: string) => field in fields && !skip.includes(field);
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ...(fields.objectLock === true ? { ObjectLockEnabledForBucket: true } : {}) }));
  if (want('versioning') && fields.versioning !== 'Disabled') {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: fields.versioning as 'Enabled' } }));
  }
  // The policy goes first: radosgw counts any `Principal: "*"` statement (even a Deny) as public and
  // refuses it once BlockPublicPolicy is on.
  if (want('policy') && fields.policy) await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: typeof fields.policy === 'string' ? fields.policy : JSON.stringify(fields.policy) }));
  if (want('publicAccessBlock')) {
    const p = fields.publicAccessBlock as PublicAccessBlock;
    await s3.send(new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: p.blockPublicAcls, IgnorePublicAcls: p.ignorePublicAcls, BlockPublicPolicy: p.blockPublicPolicy, RestrictPublicBuckets: p.restrictPublicBuckets },
    }));
  }
  if (want('ownershipControls') && fields.ownershipControls !== 'none') {
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: fields.ownershipControls as 'BucketOwnerEnforced' }] } }));
  }
  if (want('encryption') && fields.encryption !== 'none') {
    const e = fields.encryption as Exclude<Encryption, 'none'>;
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm as 'AES256', KMSMasterKeyID: e.kmsKeyId }, BucketKeyEnabled: e.bucketKey }] },
    }));
  }
  if (want('lifecycle') && (fields.lifecycle as LifecycleRule[]).length > 0) {
    await s3.send(new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: {
        Rules: (fields.lifecycle as LifecycleRule[]).map((r) => ({
          ID: r.id,
          Status: r.status as 'Enabled',
          Filter: { Prefix: r.prefix },
          ...(r.abortIncompleteMultipartUploadDays ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: r.abortIncompleteMultipartUploadDays } } : {}),
          ...(r.noncurrentVersionExpirationDays ? { NoncurrentVersionExpiration: { NoncurrentDays: r.noncurrentVersionExpirationDays } } : {}),
          ...(r.expirationDays ? { Expiration: { Days: r.expirationDays } } : {}),
        })),
      },
    }));
  }
  if (want('cors') && (fields.cors as CorsRule[]).length > 0) {
    await s3.send(new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: (fields.cors as CorsRule[]).map((r) => ({
          AllowedOrigins: r.allowedOrigins, AllowedMethods: r.allowedMethods, AllowedHeaders: r.allowedHeaders, ExposeHeaders: r.exposeHeaders, MaxAgeSeconds: r.maxAgeSeconds,
        })),
      },
    }));
  }
  if (want('tags') && Object.keys(fields.tags as object).length > 0) {
    await s3.send(new PutBucketTaggingCommand({
      Bucket: bucket,
      Tagging: { TagSet: Object.entries(fields.tags as Record<string, string>).map(([Key, Value]) => ({ Key, Value })) },
    }));
  }
}
