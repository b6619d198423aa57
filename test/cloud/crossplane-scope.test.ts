import { describe, expect, it } from 'vitest';
import { AppChart, NamespaceScheme, Protection } from '../../lib/platform';
import { AssetBucket, Cdn, CdnOrigin, CloudFlavor, Queue } from '../../lib/cloud';
import { Worker } from '../../lib/constructs';
import { KubeObject } from '../../lib/core/manifest';
import { findOne, manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { ACCOUNT, forProvider, messageOf, RetainingReconciler, synthCloud } from './helpers';

const namespaced = (options: Parameters<typeof CloudFlavor.crossplane>[0] = {}) => CloudFlavor.crossplane({ accountId: ACCOUNT, ...options });
const cluster = () => CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster' });

/** One of each construct: a bucket served by a CDN, and a queue with its dead-letter queue. */
function media(app: AppChart): void {
  const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
  new Cdn(app, 'Cdn', { origin: CdnOrigin.fromBucket(bucket) });
  new Queue(app, 'Jobs', { queueName: 'test-jobs' });
}

const typeOf = (o: KubeObject) => `${o.apiVersion} ${o.kind}`;

describe('Crossplane namespaced managed resources (the default)', () => {
  it('uses the .m.upbound.io kinds at v1beta1, in the app\'s namespace', () => {
    // GIVEN / WHEN
    const objects = synthCloud(namespaced(), media);
    // THEN
    expect([...new Set(objects.map(typeOf))].sort()).toEqual([
      'cloudfront.aws.m.upbound.io/v1beta1 Distribution',
      'cloudfront.aws.m.upbound.io/v1beta1 OriginAccessControl',
      's3.aws.m.upbound.io/v1beta1 Bucket',
      's3.aws.m.upbound.io/v1beta1 BucketLifecycleConfiguration',
      's3.aws.m.upbound.io/v1beta1 BucketOwnershipControls',
      's3.aws.m.upbound.io/v1beta1 BucketPolicy',
      's3.aws.m.upbound.io/v1beta1 BucketPublicAccessBlock',
      's3.aws.m.upbound.io/v1beta1 BucketServerSideEncryptionConfiguration',
      's3.aws.m.upbound.io/v1beta1 BucketVersioning',
      'sqs.aws.m.upbound.io/v1beta1 Queue',
    ]);
    expect(objects.every((o) => o.metadata.namespace === 'test-web')).toBe(true);
  });

  it('names the provider config with its kind: a ClusterProviderConfig, or a ProviderConfig of the namespace on request', () => {
    const byDefault = synthCloud(namespaced({ providerConfig: 'aws-test' }), media);
    expect(byDefault.map((o: any) => o.spec.providerConfigRef)).toEqual(byDefault.map(() => ({ kind: 'ClusterProviderConfig', name: 'aws-test' })));
    const perNamespace = synthCloud(namespaced({ providerConfig: 'aws-test', providerConfigKind: 'ProviderConfig' }), media);
    expect(perNamespace.map((o: any) => o.spec.providerConfigRef)).toEqual(perNamespace.map(() => ({ kind: 'ProviderConfig', name: 'aws-test' })));
  });

  it('references the bucket and the origin access control in the same namespace instead of copying names', () => {
    // GIVEN / WHEN
    const objects = synthCloud(namespaced(), media);
    // THEN: a reference without a namespace resolves in the referencing object's namespace (Crossplane v2).
    for (const kind of ['BucketPolicy', 'BucketVersioning', 'BucketPublicAccessBlock']) {
      expect(forProvider(findOne(objects, kind)).bucketRef).toEqual({ name: 'acme-test-assets' });
      expect(forProvider(findOne(objects, kind)).bucket).toBeUndefined();
    }
    const oac = findOne(objects, 'OriginAccessControl');
    expect(forProvider(findOne(objects, 'Distribution')).origin[0].originAccessControlIdRef).toEqual({ name: oac.metadata.name });
  });

  it('protects with management policies alone in a protected environment: namespaced kinds have no deletionPolicy', () => {
    // GIVEN / WHEN
    const objects = synthCloud(namespaced(), media, { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() });
    // THEN: the v2 CRDs removed spec.deletionPolicy (the schema rejects it); without Delete in
    // managementPolicies Crossplane never deletes the external resource.
    for (const object of objects as any[]) {
      expect(object.spec.deletionPolicy).toBeUndefined();
      expect(object.spec.managementPolicies).toEqual(['Observe', 'Create', 'Update', 'LateInitialize']);
      expect(object.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });

  it('moves with its namespace: the object name is the local name', () => {
    const objects = synthCloud(namespaced(), media, { namespaces: NamespaceScheme.custom((env, app) => `${env}-apps-${app}`) });
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toContain('test-apps-web/acme-test-assets');
  });
});

describe('Crossplane cluster-scoped managed resources (legacy, Crossplane v1)', () => {
  it('uses the storage versions the upstream CRDs declare, without a namespace', () => {
    // GIVEN / WHEN
    const objects = synthCloud(cluster(), media);
    // THEN
    expect([...new Set(objects.map(typeOf))].sort()).toEqual([
      'cloudfront.aws.upbound.io/v1beta1 OriginAccessControl',
      'cloudfront.aws.upbound.io/v1beta2 Distribution',
      's3.aws.upbound.io/v1beta1 BucketLifecycleConfiguration',
      's3.aws.upbound.io/v1beta1 BucketPolicy',
      's3.aws.upbound.io/v1beta1 BucketPublicAccessBlock',
      's3.aws.upbound.io/v1beta2 Bucket',
      's3.aws.upbound.io/v1beta2 BucketOwnershipControls',
      's3.aws.upbound.io/v1beta2 BucketServerSideEncryptionConfiguration',
      's3.aws.upbound.io/v1beta2 BucketVersioning',
      'sqs.aws.upbound.io/v1beta1 Queue',
    ]);
    expect(objects.every((o) => o.metadata.namespace === undefined)).toBe(true);
    expect(objects.map((o: any) => o.spec.providerConfigRef)).toEqual(objects.map(() => ({ name: 'default' })));
  });

  it('keeps deletionPolicy Orphan next to the management policies in a protected environment', () => {
    const objects = synthCloud(cluster(), media, { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() });
    for (const object of objects as any[]) expect(object.spec).toMatchObject({ deletionPolicy: 'Orphan', managementPolicies: ['Observe', 'Create', 'Update', 'LateInitialize'] });
  });

  it('names objects after the environment and a stable id, so moving the app or changing the namespace scheme renames nothing', () => {
    // GIVEN: the same resources in app `web` (namespace test-web), then in app `media` under another namespace scheme
    const before = synthCloud(cluster(), media);
    const platform = testPlatform({ cloud: cluster(), region: 'eu-west-1', namespaces: NamespaceScheme.shared('shared') });
    platform.addApp('media', media);
    // WHEN
    const after = manifestsOf(platform);
    // THEN: a renamed cluster-scoped object would be pruned and its resource deleted (or fought over
    // by two objects when protected); the names stay.
    const names = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names(after)).toEqual(names(before));
    expect(names(before)).toEqual([
      'Bucket/test-acme-test-assets',
      'BucketLifecycleConfiguration/test-acme-test-assets',
      'BucketOwnershipControls/test-acme-test-assets',
      'BucketPolicy/test-acme-test-assets',
      'BucketPublicAccessBlock/test-acme-test-assets',
      'BucketServerSideEncryptionConfiguration/test-acme-test-assets',
      'BucketVersioning/test-acme-test-assets',
      'Distribution/test-cdn',
      'OriginAccessControl/test-cdn-s3-acme-test-assets',
      'Queue/test-jobs',
      'Queue/test-jobs-dlq',
    ]);
  });

  it('fails if two apps of an environment declare the same cluster-scoped object', () => {
    // GIVEN
    const platform = testPlatform({ cloud: cluster(), region: 'eu-west-1' });
    platform.addApp('web', (app) => { new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('web.example.com') }); });
    // WHEN / THEN
    expect(messageOf(() => platform.addApp('api', (app) => { new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('api.example.com') }); })))
      .toBe("[test/api/Cdn] the cluster-scoped Distribution 'test-cdn' is already declared by test/web/Cdn. " +
        "Fix: give one of them another name (the 'name' prop, or a different physical name)");
  });

  it('lets the same names live in two namespaces when namespaced', () => {
    const platform = testPlatform({ cloud: namespaced(), region: 'eu-west-1' });
    platform.addApp('web', (app) => { new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('web.example.com') }); });
    platform.addApp('api', (app) => { new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('api.example.com') }); });
    expect(manifestsOf(platform).filter((o) => o.kind === 'Distribution').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['test-web/cdn', 'test-api/cdn']);
  });
});

describe('Crossplane external names, per kind, as provider-upjet-aws config/externalname.go defines them', () => {
  const externalName = (o: KubeObject) => o.metadata.annotations?.['crossplane.io/external-name'];
  const ids = (app: AppChart) => {
    const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
    new Cdn(app, 'Cdn', { origin: CdnOrigin.fromBucket(bucket, { originAccessControlId: 'E2QWRUHAPOMQZL' }), distributionId: 'E1A2B3C4D5E6F7' });
    const queue = new Queue(app, 'Jobs', { queueName: 'test-jobs' });
    new Worker(app, 'worker', { image: 'ghcr.io/acme/worker:1.0.0' }).uses(queue, { access: 'send' });
  };

  // Each row: kind, its external-name config upstream, and what gitplane writes.
  const cases: [string, string, string | undefined][] = [
    // "aws_s3_bucket": config.ParameterAsIdentifier("bucket") - the bucket name.
    ['Bucket', 'ParameterAsIdentifier("bucket")', 'acme-test-assets'],
    // The bucket settings are IdentifierFromProvider (the lifecycle one s3BucketIdentifier(), also from
    // the provider): the provider sets the id after an idempotent PUT, so gitplane leaves them unset.
    ['BucketPublicAccessBlock', 'IdentifierFromProvider', undefined],
    ['BucketOwnershipControls', 'IdentifierFromProvider', undefined],
    ['BucketServerSideEncryptionConfiguration', 'IdentifierFromProvider', undefined],
    ['BucketVersioning', 'IdentifierFromProvider', undefined],
    ['BucketPolicy', 'IdentifierFromProvider', undefined],
    ['BucketLifecycleConfiguration', 's3BucketIdentifier() (IdentifierFromProvider)', undefined],
    // "aws_cloudfront_distribution" / "aws_cloudfront_origin_access_control": IdentifierFromProvider, the id AWS assigned.
    ['Distribution', 'IdentifierFromProvider', 'E1A2B3C4D5E6F7'],
    ['OriginAccessControl', 'IdentifierFromProvider', 'E2QWRUHAPOMQZL'],
    // "aws_sqs_queue": IdentifierFromProvider; Terraform's id of a queue is its URL, never the bare name.
    ['Queue', 'IdentifierFromProvider (queue URL)', `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/test-jobs`],
    // "aws_iam_role": config.NameAsIdentifier; "aws_iam_policy": iamPolicy() (NameAsIdentifier, the ARN built from it).
    ['Role', 'NameAsIdentifier', 'test-web-worker'],
    ['Policy', 'iamPolicy() (NameAsIdentifier)', 'test-web-worker'],
    // "aws_iam_role_policy_attachment": IdentifierFromProvider; "aws_eks_pod_identity_association":
    // eksPodIdentityAssociation() (IdentifierFromProvider, the association id AWS assigns).
    ['RolePolicyAttachment', 'IdentifierFromProvider', undefined],
    ['PodIdentityAssociation', 'eksPodIdentityAssociation() (IdentifierFromProvider)', undefined],
  ];

  it.each(cases)('%s (%s)', (kind, _config, expected) => {
    for (const flavor of [namespaced({ clusterName: 'acme' }), CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster', clusterName: 'acme' })]) {
      const object = synthCloud(flavor, ids).find((o) => o.kind === kind && !o.metadata.name.endsWith('-dlq'))!;
      expect(externalName(object)).toBe(expected);
    }
  });

  it('leaves the ids AWS assigns to the provider until they are known, and a queue without an account id unnamed', () => {
    const objects = synthCloud(CloudFlavor.crossplane(), (app) => {
      new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('web.example.com') });
      new Queue(app, 'Jobs', { deadLetterQueue: false });
    });
    expect(objects.map(externalName)).toEqual([undefined, undefined]);
  });
});
