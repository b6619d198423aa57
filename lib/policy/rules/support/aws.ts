import { Annotations } from '../../../core/annotations';
import { apiGroup, KubeObject } from '../../../core/manifest';
import { PolicyItem, RuleContext } from '../../rule';
import { dig, record, text } from './paths';

/**
 * The two cloud flavors as plain objects: Crossplane (Upbound provider-aws, `*.aws.upbound.io` or the
 * namespaced `*.aws.m.upbound.io`,
 * settings split into companion kinds that reference the bucket) and ACK (`*.services.k8s.aws`,
 * settings inline in the AWS API shape).
 */

export type Flavor = 'crossplane' | 'ack';

export type Service = 's3' | 'cloudfront' | 'sqs' | 'iam' | 'eks';

/** The cloud flavor and service of an object, when it is an AWS claim. */
export function awsKind(object: KubeObject): { flavor: Flavor; service: string; kind: string } | undefined {
  const group = apiGroup(object.apiVersion ?? '');
  const crossplane = /^([a-z0-9]+)\.aws(?:\.m)?\.upbound\.io$/.exec(group);
  if (crossplane) return { flavor: 'crossplane', service: crossplane[1], kind: object.kind };
  const ack = /^([a-z0-9]+)\.services\.k8s\.aws$/.exec(group);
  if (ack) return { flavor: 'ack', service: ack[1], kind: object.kind };
  return undefined;
}

export function isAws(object: KubeObject, service: Service, kind: string, flavor?: Flavor): boolean {
  const found = awsKind(object);
  return found !== undefined && found.service === service && found.kind === kind && (!flavor || found.flavor === flavor);
}

/** The AWS name of a bucket: the Crossplane external name, or the ACK `spec.name`, else the object name. */
export function bucketName(object: KubeObject): string {
  const kind = awsKind(object);
  if (kind?.flavor === 'crossplane') return object.metadata?.annotations?.[Annotations.CROSSPLANE_EXTERNAL_NAME] ?? object.metadata?.name;
  return text(dig(object, 'spec', 'name')) ?? object.metadata?.name;
}

/** Every S3 Bucket in the object set, of both flavors. */
export function buckets(context: RuleContext): PolicyItem[] {
  return context.items.filter((item) => isAws(item.object, 's3', 'Bucket'));
}

/** Whether a Crossplane S3 companion (`BucketPolicy`, ...) points at `bucket`. */
export function referencesBucket(companion: KubeObject, bucket: KubeObject): boolean {
  const forProvider = record(dig(companion, 'spec', 'forProvider'));
  if (!forProvider) return false;
  const refName = text(dig(forProvider, 'bucketRef', 'name'));
  if (refName !== undefined) return refName === bucket.metadata?.name;
  const direct = text(forProvider.bucket);
  return direct !== undefined && direct === bucketName(bucket);
}

/** The Crossplane companions of kind `kind` that configure `bucket`. */
export function companionsOf(bucket: KubeObject, kind: string, context: RuleContext): PolicyItem[] {
  return context.items.filter((item) => isAws(item.object, 's3', kind, 'crossplane') && referencesBucket(item.object, bucket));
}

/** How messages name the bucket a companion configures. */
export function companionTarget(companion: KubeObject): string {
  return text(dig(companion, 'spec', 'forProvider', 'bucketRef', 'name')) ?? text(dig(companion, 'spec', 'forProvider', 'bucket')) ?? '?';
}
