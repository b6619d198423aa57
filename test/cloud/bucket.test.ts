import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AssetBucket, BucketEncryption, CloudFlavor } from '../../lib/cloud';
import { ValidationError } from '../../lib/core/errors';
import { findOne } from '../helpers/manifests';
import { ACCOUNT, cloudPlatform, FLAVORS, forProvider, messageOf, synthCloud, synthProtected, warningsOf } from './helpers';

const crossplane = () => CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster' });
const ack = () => CloudFlavor.ack({ accountId: ACCOUNT });
const assets = (app: any, props: Partial<ConstructorParameters<typeof AssetBucket>[2]> = {}) =>
  new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets', ...props });

/** What every prop problem of the bucket ends with. */
const PROPS_FIX = ". Fix: correct the props quoted here in new AssetBucket(scope, 'Assets', {...})";

describe('AssetBucket', () => {
  it.each(FLAVORS)('synthesizes a private, encrypted, versioned bucket by default (%s)', (_name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { assets(app); });
    // THEN
    expect(objects).toMatchSnapshot();
  });

  describe('with Crossplane', () => {
    it('renders the bucket and one object per setting, each referencing the bucket', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => { assets(app); });
      // THEN
      expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
        's3.aws.upbound.io/v1beta2 Bucket',
        's3.aws.upbound.io/v1beta1 BucketPublicAccessBlock',
        's3.aws.upbound.io/v1beta2 BucketOwnershipControls',
        's3.aws.upbound.io/v1beta2 BucketServerSideEncryptionConfiguration',
        's3.aws.upbound.io/v1beta2 BucketVersioning',
        's3.aws.upbound.io/v1beta1 BucketPolicy',
        's3.aws.upbound.io/v1beta1 BucketLifecycleConfiguration',
      ]);
      const bucket = findOne(objects, 'Bucket');
      // Cluster-scoped names: environment + physical name, never the app (moving an app must not rename it).
      expect(bucket.metadata.name).toBe('test-acme-test-assets');
      expect(bucket.metadata.namespace).toBeUndefined();
      expect(bucket.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'acme-test-assets' });
      for (const setting of objects.slice(1)) {
        expect(forProvider(setting).bucketRef).toEqual({ name: 'test-acme-test-assets' });
        expect(forProvider(setting).region).toBe('eu-west-1');
        expect(setting.metadata.namespace).toBeUndefined();
      }
    });

    it('blocks public access, disables ACLs, encrypts with SSE-S3, versions and aborts stale uploads', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => { assets(app); });
      // THEN
      expect(forProvider(findOne(objects, 'BucketPublicAccessBlock'))).toMatchObject({
        blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
      });
      expect(forProvider(findOne(objects, 'BucketOwnershipControls')).rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
      expect(forProvider(findOne(objects, 'BucketServerSideEncryptionConfiguration')).rule).toEqual([
        { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ]);
      expect(forProvider(findOne(objects, 'BucketVersioning')).versioningConfiguration).toEqual({ status: 'Enabled' });
      expect(forProvider(findOne(objects, 'BucketLifecycleConfiguration')).rule).toEqual([{
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }]);
    });

    it('uses the provider config and may delete in an unprotected environment', () => {
      // GIVEN / WHEN
      const objects = synthCloud(CloudFlavor.crossplane({ providerConfig: 'aws-test', scope: 'cluster' }), (app) => { assets(app); });
      // THEN
      for (const object of objects) {
        expect((object as any).spec.providerConfigRef).toEqual({ name: 'aws-test' });
        expect((object as any).spec.managementPolicies).toEqual(['*']);
        expect((object as any).spec.deletionPolicy).toBeUndefined();
      }
      expect(forProvider(findOne(objects, 'Bucket')).forceDestroy).toBe(false);
    });

    it('never deletes anything in a protected environment', () => {
      // GIVEN / WHEN
      const objects = synthProtected(crossplane(), (app) => { assets(app, { autoDeleteObjects: true }); });
      // THEN
      for (const object of objects) {
        expect((object as any).spec.managementPolicies).toEqual(['Observe', 'Create', 'Update', 'LateInitialize']);
        expect((object as any).spec.deletionPolicy).toBe('Orphan');
        expect(object.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
      }
      expect(forProvider(findOne(objects, 'Bucket')).forceDestroy).toBe(false);
    });

    it('deletes objects with the bucket when asked, in an unprotected environment', () => {
      const objects = synthCloud(crossplane(), (app) => { assets(app, { autoDeleteObjects: true }); });
      expect(forProvider(findOne(objects, 'Bucket')).forceDestroy).toBe(true);
    });

    it('renders CORS rules as a BucketCorsConfiguration', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => {
        assets(app, { cors: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: ['PUT', 'POST'], maxAge: Duration.minutes(10) }] });
      });
      // THEN
      expect(forProvider(findOne(objects, 'BucketCorsConfiguration')).corsRule).toEqual([{
        allowedOrigins: ['https://app.example.com'],
        allowedMethods: ['PUT', 'POST'],
        allowedHeaders: ['*'],
        exposeHeaders: ['ETag'],
        maxAgeSeconds: 600,
      }]);
    });
  });

  describe('with ACK', () => {
    it('renders one namespaced Bucket with every setting inline', () => {
      // GIVEN / WHEN
      const objects = synthCloud(ack(), (app) => { assets(app, { tags: { team: 'media' } }); });
      // THEN
      expect(objects).toHaveLength(1);
      const bucket = findOne(objects, 'Bucket');
      expect(bucket.apiVersion).toBe('s3.services.k8s.aws/v1alpha1');
      expect(bucket.metadata).toMatchObject({ name: 'acme-test-assets', namespace: 'test-web', annotations: { 'services.k8s.aws/region': 'eu-west-1' } });
      expect((bucket as any).spec).toMatchObject({
        name: 'acme-test-assets',
        createBucketConfiguration: { locationConstraint: 'eu-west-1' },
        publicAccessBlock: { blockPublicACLs: true, blockPublicPolicy: true, ignorePublicACLs: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
        encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
        versioning: { status: 'Enabled' },
        lifecycle: { rules: [{ abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, status: 'Enabled' }] },
        tagging: { tagSet: [{ key: 'gitplane:app', value: 'web' }, { key: 'gitplane:environment', value: 'test' }, { key: 'team', value: 'media' }] },
      });
    });

    it('omits the location constraint in us-east-1', () => {
      const objects = synthCloud(ack(), (app) => { assets(app); }, { region: 'us-east-1' });
      expect((findOne(objects, 'Bucket') as any).spec.createBucketConfiguration).toBeUndefined();
    });

    it('retains the bucket in a protected environment', () => {
      const bucket = findOne(synthProtected(ack(), (app) => { assets(app); }), 'Bucket');
      expect(bucket.metadata.annotations).toEqual({
        'services.k8s.aws/region': 'eu-west-1',
        'services.k8s.aws/deletion-policy': 'retain',
        'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      });
    });
  });

  it.each(FLAVORS)('denies every request that is not made over TLS (%s)', (name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { assets(app); });
    // THEN
    const policy = name.startsWith('crossplane') ? forProvider(findOne(objects, 'BucketPolicy')).policy : (findOne(objects, 'Bucket') as any).spec.policy;
    expect(JSON.parse(policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-test-assets', 'arn:aws:s3:::acme-test-assets/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }],
    });
  });

  it.each(FLAVORS)('encrypts with a KMS key and S3 Bucket Keys on request (%s)', (name, flavor) => {
    // GIVEN
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    // WHEN
    const objects = synthCloud(flavor(), (app) => { assets(app, { encryption: BucketEncryption.kms(key) }); });
    // THEN
    const rule = name.startsWith('crossplane')
      ? forProvider(findOne(objects, 'BucketServerSideEncryptionConfiguration')).rule[0]
      : (findOne(objects, 'Bucket') as any).spec.encryption.rules[0];
    expect(rule).toEqual(name.startsWith('crossplane')
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key }, bucketKeyEnabled: true }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: key }, bucketKeyEnabled: true });
  });

  it('expires noncurrent versions when asked', () => {
    const objects = synthCloud(crossplane(), (app) => { assets(app, { noncurrentVersionExpiration: Duration.days(90) }); });
    expect(forProvider(findOne(objects, 'BucketLifecycleConfiguration')).rule[0].noncurrentVersionExpiration).toEqual([{ noncurrentDays: 90 }]);
  });

  it('gives consumers its name and region, with a prefix from the construct id', () => {
    // GIVEN
    let env: Record<string, string> = {};
    // WHEN
    synthCloud(crossplane(), (app) => {
      env = { ...new AssetBucket(app, 'UploadsBucket', { bucketName: 'acme-uploads' }).consumerEnv(), ...assets(app).consumerEnv() };
    });
    // THEN
    expect(env).toEqual({
      UPLOADS_BUCKET_NAME: 'acme-uploads',
      UPLOADS_BUCKET_REGION: 'eu-west-1',
      ASSETS_BUCKET_NAME: 'acme-test-assets',
      ASSETS_BUCKET_REGION: 'eu-west-1',
    });
  });

  it('warns about dots in the bucket name', () => {
    const platform = cloudPlatform(crossplane(), (app) => { assets(app, { bucketName: 'assets.example.com' }); });
    expect(warningsOf(platform).map((w) => w.id)).toEqual(['GP-W-S3-001']);
  });

  it('fails if the bucket name breaks S3 naming rules, listing every violation in one message', () => {
    // GIVEN / WHEN
    const message = messageOf(() => synthCloud(crossplane(), (app) => { assets(app, { bucketName: 'Acme_Assets..-' }); }));
    // THEN
    expect(message).toBe('[test/web/Assets] ' + [
      `'bucketName' ("Acme_Assets..-") contains "A", "_"; only lower-case letters, digits, '.' and '-' are allowed`,
      `'bucketName' ("Acme_Assets..-") must start with a lower-case letter or digit`,
      `'bucketName' ("Acme_Assets..-") must end with a lower-case letter or digit`,
      `'bucketName' ("Acme_Assets..-") must not contain two adjacent periods`,
    ].join('; ') + PROPS_FIX);
  });

  it('fails if the bucket name is too short, looks like an IP address or uses a reserved prefix or suffix', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => { assets(app, { bucketName: 'ab' }); })))
      .toBe(`[test/web/Assets] 'bucketName' ("ab") is 2 characters; bucket names have 3 to 63${PROPS_FIX}`);
    expect(messageOf(() => synthCloud(crossplane(), (app) => { assets(app, { bucketName: '192.168.5.4' }); })))
      .toBe(`[test/web/Assets] 'bucketName' ("192.168.5.4") must not look like an IP address${PROPS_FIX}`);
    expect(messageOf(() => synthCloud(crossplane(), (app) => { assets(app, { bucketName: 'xn--assets-s3alias' }); })))
      .toBe(`[test/web/Assets] 'bucketName' ("xn--assets-s3alias") must not start with "xn--", which AWS reserves; ` +
        `'bucketName' ("xn--assets-s3alias") must not end with "-s3alias", which AWS reserves${PROPS_FIX}`);
  });

  it('fails if the KMS key is not an ARN or lives in another region', () => {
    expect(messageOf(() => BucketEncryption.kms('alias/assets'))).toMatch(/^\[BucketEncryption.kms\] 'keyArn' \("alias\/assets"\) must be a KMS key or alias ARN/);
    const key = BucketEncryption.kms('arn:aws:kms:us-east-1:123456789012:key/abcd');
    expect(messageOf(() => synthCloud(crossplane(), (app) => { assets(app, { encryption: key }); })))
      .toBe(`[test/web/Assets] 'encryption' uses a KMS key in us-east-1, but the bucket is in eu-west-1; S3 needs a key in the bucket's region${PROPS_FIX}`);
  });

  it('fails if CORS allows writes from any origin or names bad origins and methods', () => {
    // GIVEN / WHEN
    const message = messageOf(() => synthCloud(crossplane(), (app) => {
      assets(app, { cors: [{ allowedOrigins: ['*', 'app.example.com/upload'], allowedMethods: ['PUT', 'PATCH' as never] }] });
    }));
    // THEN
    expect(message).toBe('[test/web/Assets] ' + [
      `'cors[0].allowedOrigins' has "app.example.com/upload"; use an origin such as "https://app.example.com" (no path), "http://localhost:3000", or "*"`,
      `'cors[0].allowedMethods' has "PATCH"; allowed: GET, HEAD, PUT, POST, DELETE`,
      `'cors[0]' allows PUT from any origin ("*"); name the origins that may write`,
    ].join('; ') + PROPS_FIX);
  });

  it('fails if the abort period is not whole days and tags are invalid', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => {
      assets(app, { abortIncompleteUploadsAfter: Duration.hours(36), tags: { 'aws:owner': 'me', 'gitplane:app': 'x' } });
    }))).toBe('[test/web/Assets] ' + [
      `'abortIncompleteUploadsAfter' (1 day 12 hours) must be a whole number of days`,
      `tag key "aws:owner" must not start with "aws:", which AWS reserves`,
      `tag key "gitplane:app" is set by gitplane; choose another key`,
    ].join('; ') + PROPS_FIX);
  });

  it('fails if the environment has no cloud flavor', () => {
    // GIVEN / WHEN
    let error: unknown;
    try {
      synthCloud(undefined as never, (app) => { assets(app); });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).constructPath).toBe('test/web/Assets');
    expect((error as Error).message).toBe(
      "[test/web/Assets] AssetBucket is a cloud resource, but environment 'test' has no cloud flavor. " +
      "Fix: set cloud: CloudFlavor.crossplane() or CloudFlavor.ack() on environment 'test'");
  });
});
