import {
  GetBucketCorsCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand, HeadBucketCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../lib/aws/errors';
import { BUCKET_FIELDS } from '../../lib/aws/model';
import { planCloud } from '../../lib/aws/plan';
import { readOnly } from '../../lib/aws/read-only';
import { readLiveBucket } from '../../lib/aws/s3-live';
import { exampleBucket } from './helpers/example';

/** Answers no local server gives: AWS's own error names, 403s, 501s. */
const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

const awsError = (name: string, status: number, message = name) =>
  new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });

const client = () => readOnly(new S3Client({ region: 'eu-west-1' }));

/** Every configuration read answers "not configured" with its own error name. */
const NOT_CONFIGURED: [typeof GetBucketPolicyCommand | any, string, string, unknown][] = [
  [GetBucketPolicyCommand, 'NoSuchBucketPolicy', 'policy', null],
  [GetBucketLifecycleConfigurationCommand, 'NoSuchLifecycleConfiguration', 'lifecycle', []],
  [GetBucketCorsCommand, 'NoSuchCORSConfiguration', 'cors', []],
  [GetBucketTaggingCommand, 'NoSuchTagSet', 'tags', {}],
  [GetBucketEncryptionCommand, 'ServerSideEncryptionConfigurationNotFoundError', 'encryption', 'none'],
  [GetPublicAccessBlockCommand, 'NoSuchPublicAccessBlockConfiguration', 'publicAccessBlock', { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false }],
  [GetBucketOwnershipControlsCommand, 'OwnershipControlsNotFoundError', 'ownershipControls', 'none'],
  [GetObjectLockConfigurationCommand, 'ObjectLockConfigurationNotFoundError', 'objectLock', false],
];

describe('S3 answers mapped by error name', () => {
  for (const [command, name, field, unset] of NOT_CONFIGURED) {
    it(`${name} means ${field} is not set (with any message, or none)`, async () => {
      s3Mock.on(command).rejects(awsError(name, 404, 'UnknownError'));
      const live = await readLiveBucket(client(), 'b', BUCKET_FIELDS);
      expect(live.status).toBe('found');
      expect(live.status === 'found' && live.fields[field]).toEqual({ value: unset });
    });
  }

  it('the same name with another message is still "not set"; another name with that message is not', async () => {
    s3Mock.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist'));
    s3Mock.on(GetBucketCorsCommand).rejects(awsError('AccessDenied', 403, 'The CORS configuration does not exist'));
    const live = await readLiveBucket(client(), 'b', ['policy', 'cors']);
    expect(live.status === 'found' && live.fields.policy).toEqual({ value: null });
    expect(live.status === 'found' && live.fields.cors).toEqual({ unknown: true, reason: 'AccessDenied (HTTP 403): The CORS configuration does not exist' });
  });

  it('403 on HeadBucket is a bucket that exists but is not ours: ! conflict', async () => {
    s3Mock.on(HeadBucketCommand).rejects(awsError('Forbidden', 403, 'UnknownError'));
    const plan = await planCloud([exampleBucket('dev')], { s3: client, cloudfront: client });
    expect(plan.resources[0].action).toBe('conflict');
    expect(plan.resources[0].reason).toMatch(/another account owns it/);
  });

  for (const [name, status] of [['NotFound', 404], ['NoSuchBucket', 404]] as const) {
    it(`${name} on HeadBucket is a missing bucket: + create`, async () => {
      s3Mock.on(HeadBucketCommand).rejects(awsError(name, status));
      const plan = await planCloud([exampleBucket('dev')], { s3: client, cloudfront: client });
      expect(plan.resources[0].action).toBe('create');
    });
  }

  it('501 NotImplemented for one configuration: that field is ? unknown (unsupported), the bucket is still planned', async () => {
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended' });
    s3Mock.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NotImplemented', 501, 'A header you provided implies functionality that is not implemented'));
    const declared = exampleBucket('dev');
    const plan = await planCloud([{ ...declared, fields: { versioning: 'Enabled', lifecycle: declared.fields.lifecycle } }], { s3: client, cloudfront: client });
    const r = plan.resources[0];
    expect(r.action).toBe('update');
    expect(r.fields.map((f) => [f.field, f.status])).toEqual([['versioning', 'changed'], ['lifecycle', 'unknown']]);
    expect(r.fields[1].reason).toBe('the server does not implement this API (NotImplemented)');
  });

  it('AccessDenied on a configuration read makes the bucket ? unknown (partial), naming the field', async () => {
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3Mock.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 403, 'Access Denied'));
    const declared = exampleBucket('dev');
    const plan = await planCloud([{ ...declared, fields: { versioning: 'Enabled', policy: declared.fields.policy } }], { s3: client, cloudfront: client });
    expect(plan.resources[0].action).toBe('unknown');
    expect(plan.resources[0].reason).toBe('could not read policy');
  });

  it('error descriptions never carry URLs (a presigned URL holds a signature)', () => {
    const error = awsError('PermanentRedirect', 301, 'Use https://b.s3.eu-west-1.amazonaws.com/?X-Amz-Signature=abc instead');
    expect(describeError(error)).toBe('PermanentRedirect (HTTP 301): Use <url> instead');
  });
});
