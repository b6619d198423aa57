import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { QueueModel, QueueSpecModel } from '../model';
import { managedAnnotations, managedName, managedSpec, UPBOUND_GROUP } from './common';

/**
 * An SQS queue (and its dead-letter queue) as Upbound `Queue` managed resources
 * (`sqs.aws.upbound.io/v1beta1`, the storage version). The redrive policies are JSON strings that
 * name ARNs, because the provider has no reference for them.
 */
export function renderCrossplaneQueue(model: QueueModel, ctx: RenderContext): RenderedObject[] {
  const objects = [queue('Resource', model.queue, ctx)];
  if (model.deadLetterQueue) objects.push(queue('DeadLetterQueue', model.deadLetterQueue, ctx));
  return objects;
}

function queue(id: string, q: QueueSpecModel, ctx: RenderContext): RenderedObject {
  return {
    id,
    apiVersion: `${UPBOUND_GROUP.sqs}/v1beta1`,
    kind: 'Queue',
    name: managedName(ctx, q.localName),
    clusterScoped: true,
    annotations: managedAnnotations(ctx, q.queueName),
    spec: managedSpec(ctx, {
      region: ctx.region,
      name: q.queueName,
      ...(q.fifo ? { fifoQueue: true, contentBasedDeduplication: q.contentBasedDeduplication } : {}),
      visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
      messageRetentionSeconds: q.messageRetentionSeconds,
      delaySeconds: q.delaySeconds,
      receiveWaitTimeSeconds: q.receiveWaitTimeSeconds,
      ...(q.encryption.kind === 'kms'
        ? { kmsMasterKeyId: q.encryption.kmsKeyId, kmsDataKeyReusePeriodSeconds: q.encryption.dataKeyReusePeriodSeconds }
        : { sqsManagedSseEnabled: true }),
      ...(q.redrive ? { redrivePolicy: JSON.stringify(q.redrive) } : {}),
      ...(q.redriveAllowSourceArns
        ? { redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: q.redriveAllowSourceArns }) }
        : {}),
      tags: { ...q.tags },
    }),
  };
}
