import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { BucketModel } from '../model';
import { policyJson } from '../policy';
import { managedAnnotations, managedName, managedSpec, upboundType } from './common';

/**
 * An S3 bucket as Upbound provider-aws managed resources: the `Bucket` and one object per setting,
 * each pointing at the bucket with `bucketRef` (namespaced: a bucket in the same namespace).
 * Namespaced kinds serve v1beta1 only. Cluster-scoped kinds use the CRDs' storage versions: v1beta2
 * for Bucket, BucketVersioning, BucketServerSideEncryptionConfiguration and BucketOwnershipControls;
 * v1beta1 for BucketPublicAccessBlock, BucketPolicy, BucketLifecycleConfiguration and
 * BucketCorsConfiguration. Only the Bucket carries an external name (provider-upjet-aws
 * `config/externalname.go`: `aws_s3_bucket` is `ParameterAsIdentifier("bucket")`); the settings are
 * `IdentifierFromProvider`, set by the provider after an idempotent create.
 */
export function renderCrossplaneBucket(model: BucketModel, ctx: RenderContext): RenderedObject[] {
  const name = managedName(ctx, model.localName);
  const bucketRef = { name };
  const setting = (id: string, kind: string, version: 'v1beta1' | 'v1beta2', forProvider: Record<string, unknown>): RenderedObject => ({
    id,
    ...upboundType(ctx, 's3', version),
    kind,
    name,
    annotations: managedAnnotations(ctx),
    spec: managedSpec(ctx, { region: ctx.region, bucketRef, ...forProvider }),
  });

  const objects: RenderedObject[] = [
    {
      id: 'Resource',
      ...upboundType(ctx, 's3', 'v1beta2'),
      kind: 'Bucket',
      name,
      // The bucket name is Bucket's external name; forProvider has no field for it.
      annotations: managedAnnotations(ctx, model.bucketName),
      spec: managedSpec(ctx, {
        region: ctx.region,
        forceDestroy: model.forceDestroy,
        objectLockEnabled: false,
        tags: { ...model.tags },
      }),
    },
    setting('PublicAccessBlock', 'BucketPublicAccessBlock', 'v1beta1', {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    setting('OwnershipControls', 'BucketOwnershipControls', 'v1beta2', {
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    }),
    setting('Encryption', 'BucketServerSideEncryptionConfiguration', 'v1beta2', {
      rule: [model.encryption.algorithm === 'aws:kms'
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: model.encryption.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }),
    setting('Versioning', 'BucketVersioning', 'v1beta2', {
      versioningConfiguration: { status: 'Enabled' },
    }),
    setting('Policy', 'BucketPolicy', 'v1beta1', {
      policy: policyJson(model.policyStatements),
    }),
    setting('Lifecycle', 'BucketLifecycleConfiguration', 'v1beta1', {
      rule: [{
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: model.abortIncompleteMultipartUploadDays }],
        ...(model.noncurrentVersionExpirationDays !== undefined
          ? { noncurrentVersionExpiration: [{ noncurrentDays: model.noncurrentVersionExpirationDays }] }
          : {}),
      }],
    }),
  ];
  if (model.cors.length > 0) {
    objects.push(setting('Cors', 'BucketCorsConfiguration', 'v1beta1', {
      corsRule: model.cors.map((rule) => ({
        allowedOrigins: [...rule.allowedOrigins],
        allowedMethods: [...rule.allowedMethods],
        ...(rule.allowedHeaders.length > 0 ? { allowedHeaders: [...rule.allowedHeaders] } : {}),
        ...(rule.exposedHeaders.length > 0 ? { exposeHeaders: [...rule.exposedHeaders] } : {}),
        maxAgeSeconds: rule.maxAgeSeconds,
      })),
    }));
  }
  return objects;
}
