import { Duration } from 'cdk8s';
import { KubeObject } from '../../lib/core/manifest';
import { AssetBucket, BucketEncryption, Cdn, CdnCachePolicy, CdnOrigin, CloudFlavor, Queue, QueueEncryption } from '../../lib/cloud';
import { AppBuilder, AppChart, Environment, EnvironmentProps, ICloudFlavor, IReconciler, Platform, Protection } from '../../lib/platform';
import { collectWarnings, ConstructWarning } from '../../lib/core/warnings';
import { manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { createValidator, SchemaValidator } from '../../lib/schema';
import { CRDS_DIR } from '../helpers/crds';

let validator: SchemaValidator | undefined;

/** One validator over the upstream CRDs for the whole file: loading the CRDs is the slow part. */
export function crdValidator(): SchemaValidator {
  validator ??= createValidator({ schemaDirs: [CRDS_DIR] });
  return validator;
}

/** Timeout of a test that loads upstream CRDs, on a busy machine. */
export const CRD_TIMEOUT = 60_000;

export const ACCOUNT = '123456789012';

/**
 * Every flavor, with the account id set: `[name, flavor]` for `it.each`. Crossplane twice: namespaced
 * managed resources (the default, Crossplane v2) and the legacy cluster-scoped ones (Crossplane v1).
 */
export const FLAVORS: [string, () => ICloudFlavor][] = [
  ['crossplane', () => CloudFlavor.crossplane({ accountId: ACCOUNT })],
  ['crossplane-cluster', () => CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster' })],
  ['ack', () => CloudFlavor.ack({ accountId: ACCOUNT })],
];

/** The reconciler of a protection test: Argo CD's retain annotation, without Argo CD's objects. */
export class RetainingReconciler implements IReconciler {
  public readonly kind = 'argocd' as const;
  public bind(_environment: Environment): void {}
  public retainAnnotations(): Record<string, string> {
    return { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };
  }

  public recreateAnnotations(): Record<string, string> {
    return {};
  }
}

/** A platform with environment `test` in eu-west-1 using `cloud`, and app `web` built by `build`. */
export function cloudPlatform(cloud: ICloudFlavor, build: AppBuilder, env: Partial<EnvironmentProps> = {}): Platform {
  const platform = testPlatform({ cloud, region: 'eu-west-1', ...env });
  platform.addApp('web', build);
  return platform;
}

/** The objects of app `web` built by `build` with `cloud`. */
export function synthCloud(cloud: ICloudFlavor, build: AppBuilder, env: Partial<EnvironmentProps> = {}): KubeObject[] {
  return manifestsOf(cloudPlatform(cloud, build, env));
}

/** The same, in a protected environment whose reconciler returns Argo CD's retain annotation. */
export function synthProtected(cloud: ICloudFlavor, build: AppBuilder): KubeObject[] {
  return synthCloud(cloud, build, { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() });
}

export function warningsOf(platform: Platform): ConstructWarning[] {
  manifestsOf(platform);
  return collectWarnings(platform);
}

export { messageOf } from '../helpers/errors';

/** `spec.forProvider` of a Crossplane object. */
export function forProvider(object: KubeObject): any {
  return (object as any).spec.forProvider;
}

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';

/** Every cloud construct with every optional output switched on, plus the defaults. */
export function everything(app: AppChart): void {
  new AssetBucket(app, 'Plain', { bucketName: 'acme-test-plain' });
  const assets = new AssetBucket(app, 'Assets', {
    bucketName: 'acme-test-assets',
    encryption: BucketEncryption.kms('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    cors: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: ['PUT', 'POST'], allowedHeaders: ['Content-Type'], exposedHeaders: ['ETag'] }],
    noncurrentVersionExpiration: Duration.days(30),
    autoDeleteObjects: true,
    tags: { team: 'media' },
  });
  new Cdn(app, 'Cdn', { origin: CdnOrigin.fromBucket(new AssetBucket(app, 'Site', { bucketName: 'acme-test-site' })) });
  new Cdn(app, 'Media', {
    origin: CdnOrigin.fromBucket(assets, { originPath: '/public', originAccessControlId: 'E2QWRUHAPOMQZL' }),
    behaviors: [{ pathPattern: '/api/*', origin: CdnOrigin.fromHttp('api.example.com', { httpsPort: 8443 }), cachePolicy: CdnCachePolicy.CACHING_DISABLED }],
    aliases: ['media.example.com'],
    certificateArn: CERT,
    webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/acme/a1b2c3d4-0000-1111-2222-333344445555',
    accessLogging: { bucketName: 'acme-cdn-logs', prefix: 'media/' },
    distributionId: 'E1A2B3C4D5E6F7',
    tags: { team: 'media' },
  });
  // Explicit queue names (protected environments require them), equal to the defaults.
  new Queue(app, 'Jobs', { queueName: 'test-web-jobs' });
  new Queue(app, 'Orders', { queueName: 'test-web-orders.fifo', fifo: true, contentBasedDeduplication: true, encryption: QueueEncryption.kms('alias/orders') });
  new Queue(app, 'Events', { queueName: 'test-web-events', deadLetterQueue: false, deliveryDelay: Duration.seconds(10) });
}
