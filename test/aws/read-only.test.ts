import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketEncryptionCommand, DeleteBucketOwnershipControlsCommand, GetBucketPolicyCommand,
  HeadBucketCommand, ListBucketsCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, S3Client,
} from '@aws-sdk/client-s3';
import { CreateDistributionCommand, CloudFrontClient, GetDistributionCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../lib/aws/clients';
import { Limiter } from '../../lib/aws/limiter';
import { readOnly, WriteAttemptError } from '../../lib/aws/read-only';

/** A client that records what reached it; nothing is sent anywhere. */
function recordingClient() {
  const sent: string[] = [];
  return {
    sent,
    client: { send: async (command: object) => { sent.push(command.constructor.name); return {}; }, config: {}, destroy: () => {} },
  };
}

describe('read-only clients', () => {
  it('send Get*, List* and Head* commands', async () => {
    const { sent, client } = recordingClient();
    const s3 = readOnly(client);
    await s3.send(new HeadBucketCommand({ Bucket: 'b' }));
    await s3.send(new ListBucketsCommand({}));
    await s3.send(new GetBucketPolicyCommand({ Bucket: 'b' }));
    await s3.send(new GetDistributionCommand({ Id: 'E1' }));
    expect(sent).toEqual(['HeadBucketCommand', 'ListBucketsCommand', 'GetBucketPolicyCommand', 'GetDistributionCommand']);
  });

  const writes = [
    new CreateBucketCommand({ Bucket: 'b' }),
    new DeleteBucketCommand({ Bucket: 'b' }),
    // On radosgw these two delete the whole bucket: they must never leave the process.
    new DeleteBucketEncryptionCommand({ Bucket: 'b' }),
    new DeleteBucketOwnershipControlsCommand({ Bucket: 'b' }),
    new PutBucketPolicyCommand({ Bucket: 'b', Policy: '{}' }),
    new PutBucketVersioningCommand({ Bucket: 'b', VersioningConfiguration: { Status: 'Suspended' } }),
    new CreateDistributionCommand({ DistributionConfig: undefined }),
    new UpdateDistributionCommand({ Id: 'E1', IfMatch: 'x', DistributionConfig: undefined }),
  ];
  for (const command of writes) {
    it(`fails if asked to send ${command.constructor.name}, before anything is sent`, async () => {
      const { sent, client } = recordingClient();
      await expect(readOnly(client).send(command)).rejects.toThrow(WriteAttemptError);
      await expect(readOnly(client).send(command)).rejects.toThrow(`refused to send ${command.constructor.name}`);
      expect(sent).toEqual([]);
    });
  }

  it('fails if a write is sent through the real SDK clients plan uses, without a network call', async () => {
    // The endpoint is a closed port: a request that left the process would fail with a connection
    // error, not with the read-only guard.
    const { clients, close } = createAwsClients({ clientConfig: { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } });
    try {
      await expect(clients.s3('dev', 'eu-west-1').send(new DeleteBucketCommand({ Bucket: 'b' }))).rejects.toThrow(WriteAttemptError);
      await expect(clients.cloudfront('dev').send(new CreateDistributionCommand({ DistributionConfig: undefined }))).rejects.toThrow(WriteAttemptError);
    } finally {
      close();
    }
  });

  it('hides every other client method (no shortcut around send)', () => {
    const s3 = readOnly(new S3Client({ region: 'us-east-1' }));
    expect(() => (s3 as unknown as { middlewareStack: unknown }).middlewareStack).toThrow(WriteAttemptError);
    const cf = readOnly(new CloudFrontClient({ region: 'us-east-1' }));
    expect(() => (cf as unknown as { middlewareStack: unknown }).middlewareStack).toThrow(WriteAttemptError);
  });

  it('fails if the command is not an SDK command or only contains a read verb', async () => {
    const { sent, client } = recordingClient();
    class PutGetBucketCommand {}
    await expect(readOnly(client).send(new PutGetBucketCommand())).rejects.toThrow(WriteAttemptError);
    await expect(readOnly(client).send({ input: {} })).rejects.toThrow(WriteAttemptError);
    expect(sent).toEqual([]);
  });
});

describe('Limiter', () => {
  it('never runs more than its limit at once', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
    })));
    expect(peak).toBe(3);
  });

  it('fails if the limit is not a positive whole number', () => {
    expect(() => new Limiter(0)).toThrow('concurrency limit must be a positive integer, got 0');
  });
});
