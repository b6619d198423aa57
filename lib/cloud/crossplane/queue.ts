import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { QueueModel, QueueSpecModel } from '../model';
import { managedAnnotations, managedName, managedSpec, upboundType } from './common';

/**
 * An SQS queue (and its dead-letter queue) as Upbound `Queue` managed resources (v1beta1 in both
 * scopes). The redrive policies are JSON strings that name ARNs, because the provider has no
 * reference for them. provider-upjet-aws identifies `aws_sqs_queue` by its queue URL
 * (`IdentifierFromProvider` in `config/externalname.go`; Terraform's id of the queue is the URL), so
 * the external name is the URL when the account id is known, and is left to the provider otherwise:
 * a bare queue name would be read as a URL and Observe would fail.
 */
export function renderCrossplaneQueue(model: QueueModel, ctx: RenderContext): RenderedObject[] {
  const objects = [queue('Resource', model.queue, ctx)];
  if (model.deadLetterQueue) objects.push(queue('DeadLetterQueue', model.deadLetterQueue, ctx));
  return objects;
}

function queue(id: string, q: QueueSpecModel, ctx: RenderContext): RenderedObject {
  return {
    id,
    ...upboundType(ctx, 'sqs', 'v1beta1'),
    kind: 'Queue',
    name: managedName(ctx, q.localName),
    annotations: managedAnnotations(ctx, q.queueUrl),
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
