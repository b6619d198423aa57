import { Annotations } from '../../core/annotations';
import { RenderContext } from '../context';

/** API groups of the ACK controllers. */
export const ACK_GROUP = {
  s3: 's3.services.k8s.aws',
  cloudfront: 'cloudfront.services.k8s.aws',
  sqs: 'sqs.services.k8s.aws',
  iam: 'iam.services.k8s.aws',
  eks: 'eks.services.k8s.aws',
} as const;

export const ACK_REGION = Annotations.ACK_REGION;
export const ACK_DELETION_POLICY = Annotations.ACK_DELETION_POLICY;

/**
 * The region the controller acts in and, in a protected environment, `deletion-policy: retain` (the
 * controller leaves the real resource when the object is deleted) plus the GitOps engine's retain
 * annotations. Unprotected environments keep the controller's default (delete).
 */
export function ackAnnotations(ctx: RenderContext, region: string = ctx.region): Record<string, string> {
  return {
    [ACK_REGION]: region,
    ...(ctx.isProtected ? { [ACK_DELETION_POLICY]: 'retain' } : {}),
    ...ctx.retainAnnotations,
  };
}

/** ACK mirrors the AWS API, where tags are a list of `{key, value}`. */
export function tagList(tags: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.keys(tags).sort().map((key) => ({ key, value: tags[key] }));
}

/** ACK's SQS attributes are the API's strings. */
export function attr(value: number | boolean): string {
  return String(value);
}
