import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { QueueModel, QueueSpecModel } from '../model';
import { ACK_GROUP, ackAnnotations, attr } from './common';

/**
 * An SQS queue (and its dead-letter queue) as ACK `Queue` objects (`sqs.services.k8s.aws/v1alpha1`).
 * ACK mirrors the SQS API, where every attribute is a string: numbers and booleans are quoted.
 */
export function renderAckQueue(model: QueueModel, ctx: RenderContext): RenderedObject[] {
  const objects = [queue('Resource', model.queue, ctx)];
  if (model.deadLetterQueue) objects.push(queue('DeadLetterQueue', model.deadLetterQueue, ctx));
  return objects;
}

function queue(id: string, q: QueueSpecModel, ctx: RenderContext): RenderedObject {
  return {
    id,
    apiVersion: `${ACK_GROUP.sqs}/v1alpha1`,
    kind: 'Queue',
    name: q.localName,
    clusterScoped: false,
    annotations: ackAnnotations(ctx),
    spec: {
      queueName: q.queueName,
      // Only FIFO queues carry these attributes; SQS rejects them on standard queues.
      ...(q.fifo ? { fifoQueue: attr(true), contentBasedDeduplication: attr(q.contentBasedDeduplication) } : {}),
      visibilityTimeout: attr(q.visibilityTimeoutSeconds),
      messageRetentionPeriod: attr(q.messageRetentionSeconds),
      delaySeconds: attr(q.delaySeconds),
      receiveMessageWaitTimeSeconds: attr(q.receiveWaitTimeSeconds),
      ...(q.encryption.kind === 'kms'
        ? { kmsMasterKeyID: q.encryption.kmsKeyId, kmsDataKeyReusePeriodSeconds: attr(q.encryption.dataKeyReusePeriodSeconds) }
        : { sqsManagedSSEEnabled: attr(true) }),
      ...(q.redrive ? { redrivePolicy: JSON.stringify(q.redrive) } : {}),
      ...(q.redriveAllowSourceArns
        ? { redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: q.redriveAllowSourceArns }) }
        : {}),
      tags: { ...q.tags },
    },
  };
}
