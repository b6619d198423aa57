import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CloudFlavor, Queue, QueueEncryption } from '../../lib/cloud';
import { findOne } from '../helpers/manifests';
import { ACCOUNT, FLAVORS, forProvider, messageOf, synthCloud, synthProtected } from './helpers';

const crossplane = () => CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster' });
const ack = () => CloudFlavor.ack({ accountId: ACCOUNT });

/** What the problems of a queue's props end with. */
const fix = (id: string) => `. Fix: correct the props quoted here in new Queue(scope, '${id}', {...})`;

describe('Queue', () => {
  it.each(FLAVORS)('synthesizes an encrypted queue with a dead-letter queue by default (%s)', (_name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { new Queue(app, 'Jobs'); });
    // THEN
    expect(objects).toMatchSnapshot();
  });

  describe('with Crossplane', () => {
    it('renders the queue and its dead-letter queue with numeric attributes and a redrive policy', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => { new Queue(app, 'Jobs'); });
      // THEN
      const [queue, dlq] = objects;
      expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
        'sqs.aws.upbound.io/v1beta1 Queue test-web-jobs',
        'sqs.aws.upbound.io/v1beta1 Queue test-web-jobs-dlq',
      ]);
      expect(forProvider(queue)).toMatchObject({
        region: 'eu-west-1',
        name: 'test-web-jobs',
        visibilityTimeoutSeconds: 30,
        messageRetentionSeconds: 345600,
        receiveWaitTimeSeconds: 20,
        sqsManagedSseEnabled: true,
      });
      expect(JSON.parse(forProvider(queue).redrivePolicy)).toEqual({
        deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:test-web-jobs-dlq`,
        maxReceiveCount: 5,
      });
      expect(forProvider(dlq)).toMatchObject({ name: 'test-web-jobs-dlq', messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true });
      expect(JSON.parse(forProvider(dlq).redriveAllowPolicy)).toEqual({
        redrivePermission: 'byQueue',
        sourceQueueArns: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:test-web-jobs`],
      });
      // provider-upjet-aws identifies aws_sqs_queue by its URL (IdentifierFromProvider, config/externalname.go).
      expect(queue.metadata.annotations).toEqual({ 'crossplane.io/external-name': `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/test-web-jobs` });
    });

    it('never deletes the queues in a protected environment', () => {
      for (const object of synthProtected(crossplane(), (app) => { new Queue(app, 'Jobs', { queueName: 'test-web-jobs' }); })) {
        expect((object as any).spec).toMatchObject({ managementPolicies: ['Observe', 'Create', 'Update', 'LateInitialize'], deletionPolicy: 'Orphan' });
        expect(object.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
      }
    });
  });

  describe('with ACK', () => {
    it('quotes every attribute, because the SQS API takes strings', () => {
      // GIVEN / WHEN
      const queue = findOne(synthCloud(ack(), (app) => { new Queue(app, 'Jobs', { visibilityTimeout: Duration.minutes(5) }); }), 'Queue', 'test-web-jobs');
      // THEN
      expect(queue.metadata).toMatchObject({ namespace: 'test-web', annotations: { 'services.k8s.aws/region': 'eu-west-1' } });
      expect((queue as any).spec).toEqual({
        queueName: 'test-web-jobs',
        visibilityTimeout: '300',
        messageRetentionPeriod: '345600',
        delaySeconds: '0',
        receiveMessageWaitTimeSeconds: '20',
        sqsManagedSSEEnabled: 'true',
        redrivePolicy: `{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:${ACCOUNT}:test-web-jobs-dlq","maxReceiveCount":5}`,
        tags: { 'gitplane:app': 'web', 'gitplane:environment': 'test' },
      });
    });

    it('retains both queues in a protected environment', () => {
      for (const object of synthProtected(ack(), (app) => { new Queue(app, 'Jobs', { queueName: 'test-web-jobs' }); })) {
        expect(object.metadata.annotations).toMatchObject({ 'services.k8s.aws/deletion-policy': 'retain' });
      }
    });
  });

  it.each(FLAVORS)('makes FIFO queues with a FIFO dead-letter queue (%s)', (name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { new Queue(app, 'Orders', { fifo: true, contentBasedDeduplication: true }); });
    // THEN
    const names = objects.map((o: any) => (name.startsWith('crossplane') ? o.spec.forProvider.name : o.spec.queueName));
    expect(names).toEqual(['test-web-orders.fifo', 'test-web-orders-dlq.fifo']);
    const spec: any = name.startsWith('crossplane') ? forProvider(objects[0]) : (objects[0] as any).spec;
    expect({ fifo: spec.fifoQueue, dedup: spec.contentBasedDeduplication })
      .toEqual(name.startsWith('crossplane') ? { fifo: true, dedup: true } : { fifo: 'true', dedup: 'true' });
    expect(objects[0].metadata.name).toBe('test-web-orders-fifo');
  });

  it.each(FLAVORS)('encrypts with a KMS key on request (%s)', (name, flavor) => {
    // GIVEN / WHEN
    const [queue] = synthCloud(flavor(), (app) => { new Queue(app, 'Jobs', { encryption: QueueEncryption.kms('alias/orders'), deadLetterQueue: false }); });
    // THEN
    expect(name.startsWith('crossplane') ? forProvider(queue) : (queue as any).spec).toMatchObject(name.startsWith('crossplane')
      ? { kmsMasterKeyId: 'alias/orders', kmsDataKeyReusePeriodSeconds: 300 }
      : { kmsMasterKeyID: 'alias/orders', kmsDataKeyReusePeriodSeconds: '300' });
    expect(JSON.stringify(queue)).not.toMatch(/sqsManagedSse/i);
  });

  it('has no dead-letter queue when told, and then needs no account id', () => {
    const objects = synthCloud(CloudFlavor.ack(), (app) => { new Queue(app, 'Jobs', { deadLetterQueue: false }); });
    expect(objects).toHaveLength(1);
    expect((objects[0] as any).spec.redrivePolicy).toBeUndefined();
  });

  it('gives consumers its name, region and URL', () => {
    let queue!: Queue;
    synthCloud(crossplane(), (app) => { queue = new Queue(app, 'Jobs', { queueName: 'acme-jobs', deadLetterQueue: { maxReceiveCount: 3 } }); });
    expect(queue.consumerEnv()).toEqual({
      JOBS_QUEUE_NAME: 'acme-jobs',
      JOBS_QUEUE_REGION: 'eu-west-1',
      JOBS_QUEUE_URL: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/acme-jobs`,
    });
    expect(queue.queueArn).toBe(`arn:aws:sqs:eu-west-1:${ACCOUNT}:acme-jobs`);
    expect(queue.deadLetterQueueName).toBe('acme-jobs-dlq');
  });

  it('fails if a FIFO queue name does not end in .fifo, or a standard one does', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => { new Queue(app, 'Orders', { fifo: true, queueName: 'orders' }); })))
      .toBe(`[test/web/Orders] 'queueName' ("orders") must end in ".fifo" because 'fifo' is true${fix('Orders')}`);
    expect(messageOf(() => synthCloud(crossplane(), (app) => { new Queue(app, 'Orders', { queueName: 'orders.fifo', contentBasedDeduplication: true }); })))
      .toBe(`[test/web/Orders] 'queueName' ("orders.fifo") ends in ".fifo", which only FIFO queues may; set 'fifo: true' or rename it; ` +
        `'contentBasedDeduplication' applies to FIFO queues only; set 'fifo: true' or remove it${fix('Orders')}`);
  });

  it('fails if the queue name has bad characters or is too long, also for its dead-letter queue', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => { new Queue(app, 'Orders', { queueName: 'orders queue!' }); })))
      .toBe(`[test/web/Orders] 'queueName' ("orders queue!") contains " ", "!"; only letters, digits, '-' and '_' are allowed${fix('Orders')}`);
    const long = 'q'.repeat(78);
    expect(messageOf(() => synthCloud(crossplane(), (app) => { new Queue(app, 'Orders', { queueName: long }); })))
      .toBe(`[test/web/Orders] the dead-letter queue's name ("${long}-dlq") is 82 characters; the limit is 80: shorten 'queueName' to at most 76 characters${fix('Orders')}`);
  });

  it('fails if maxReceiveCount or the dead-letter retention is out of range', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => {
      new Queue(app, 'Jobs', { deadLetterQueue: { maxReceiveCount: 0, retentionPeriod: Duration.days(15) } });
    }))).toBe(`[test/web/Jobs] 'deadLetterQueue.maxReceiveCount' (0) must be a whole number from 1 to 1000; ` +
      `'deadLetterQueue.retentionPeriod' (15 days) must be between 1 minute and 14 days${fix('Jobs')}`);
    expect(messageOf(() => synthCloud(crossplane(), (app) => { new Queue(app, 'Jobs', { deadLetterQueue: { maxReceiveCount: 1001 } }); })))
      .toBe(`[test/web/Jobs] 'deadLetterQueue.maxReceiveCount' (1001) must be a whole number from 1 to 1000${fix('Jobs')}`);
  });

  it('fails if the dead-letter queue keeps messages for less time than the queue', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => {
      new Queue(app, 'Jobs', { retentionPeriod: Duration.days(7), deadLetterQueue: { retentionPeriod: Duration.days(3) } });
    }))).toBe(`[test/web/Jobs] 'deadLetterQueue.retentionPeriod' (3 days) must be at least 'retentionPeriod' (7 days): ` +
      `SQS keeps a message's original enqueue time, so failed messages would expire early${fix('Jobs')}`);
  });

  it('fails if timeouts are out of range', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => {
      new Queue(app, 'Jobs', {
        visibilityTimeout: Duration.hours(13),
        retentionPeriod: Duration.seconds(30),
        deliveryDelay: Duration.minutes(16),
        receiveWaitTime: Duration.millis(1500),
        deadLetterQueue: false,
      });
    }))).toBe('[test/web/Jobs] ' + [
      `'visibilityTimeout' (13 hours) must be between 0 seconds and 12 hours`,
      `'retentionPeriod' (30 seconds) must be between 1 minute and 14 days`,
      `'deliveryDelay' (16 minutes) must be between 0 seconds and 15 minutes`,
      `'receiveWaitTime' (1 second 500 millis) must be a whole number of seconds`,
    ].join('; ') + fix('Jobs'));
  });

  it('fails if a dead-letter queue is needed but the account id is unknown', () => {
    expect(messageOf(() => synthCloud(CloudFlavor.ack(), (app) => { new Queue(app, 'Jobs'); })))
      .toBe(`[test/web/Jobs] a dead-letter queue needs the environment's AWS account id: the redrive policy names the dead-letter queue's ARN. ` +
        `Fix: set accountId on environment 'test': cloud: CloudFlavor.ack({ accountId: '123456789012' }), or pass deadLetterQueue: false`);
  });

  it('fails if the environment has no cloud flavor', () => {
    expect(messageOf(() => synthCloud(undefined as never, (app) => { new Queue(app, 'Jobs'); })))
      .toBe(`[test/web/Jobs] Queue is a cloud resource, but environment 'test' has no cloud flavor. ` +
        `Fix: set cloud: CloudFlavor.crossplane() or CloudFlavor.ack() on environment 'test'`);
  });
});
