import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { BucketModel } from '../model';
import { policyJson } from '../policy';
import { ACK_GROUP, ackAnnotations, tagList } from './common';

/**
 * An S3 bucket as one ACK `Bucket` (`s3.services.k8s.aws/v1alpha1`), every setting inline in the
 * shape of the S3 API.
 */
export function renderAckBucket(model: BucketModel, ctx: RenderContext): RenderedObject[] {
  return [{
    id: 'Resource',
    apiVersion: `${ACK_GROUP.s3}/v1alpha1`,
    kind: 'Bucket',
    name: model.localName,
    clusterScoped: false,
    annotations: ackAnnotations(ctx),
    spec: {
      name: model.bucketName,
      // us-east-1 is the one region where CreateBucket must not name a location constraint.
      ...(ctx.region === 'us-east-1' ? {} : { createBucketConfiguration: { locationConstraint: ctx.region } }),
      publicAccessBlock: {
        blockPublicACLs: true,
        blockPublicPolicy: true,
        ignorePublicACLs: true,
        restrictPublicBuckets: true,
      },
      ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
      encryption: {
        rules: [model.encryption.algorithm === 'aws:kms'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: model.encryption.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      },
      versioning: { status: 'Enabled' },
      policy: policyJson(model.policyStatements),
      lifecycle: {
        rules: [{
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: { prefix: '' },
          abortIncompleteMultipartUpload: { daysAfterInitiation: model.abortIncompleteMultipartUploadDays },
          ...(model.noncurrentVersionExpirationDays !== undefined
            ? { noncurrentVersionExpiration: { noncurrentDays: model.noncurrentVersionExpirationDays } }
            : {}),
        }],
      },
      ...(model.cors.length > 0 ? {
        cors: {
          corsRules: model.cors.map((rule) => ({
            allowedOrigins: [...rule.allowedOrigins],
            allowedMethods: [...rule.allowedMethods],
            ...(rule.allowedHeaders.length > 0 ? { allowedHeaders: [...rule.allowedHeaders] } : {}),
            ...(rule.exposedHeaders.length > 0 ? { exposeHeaders: [...rule.exposedHeaders] } : {}),
            maxAgeSeconds: rule.maxAgeSeconds,
          })),
        },
      } : {}),
      tagging: { tagSet: tagList(model.tags) },
    },
  }];
}
