import { describe, expect, it } from 'vitest';
import { AssetBucket, Cdn, CdnOrigin, CloudFlavor, Queue } from '../../lib/cloud';
import { WebService, Worker } from '../../lib/constructs';
import { Platform, syncWaves } from '../../lib/platform';
import { findOne, manifestsOf } from '../helpers/manifests';
import { NoReconciler, testPlatform } from '../helpers/platform';
import { ACCOUNT, messageOf } from './helpers';

const IMAGE = 'ghcr.io/acme/web:1.4.2';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';

/** Cloud resources in app `storage`; workloads in apps `web` and `jobs` consume them. */
function mediaPlatform(): Platform {
  const platform = testPlatform({ cloud: CloudFlavor.crossplane({ accountId: ACCOUNT }), region: 'eu-west-1' });
  platform.addApp('storage', (app) => {
    const uploads = new AssetBucket(app, 'Uploads', { bucketName: 'acme-test-uploads' });
    new Cdn(app, 'Cdn', { origin: CdnOrigin.fromBucket(uploads), aliases: ['media.example.com'], certificateArn: CERT, distributionId: 'E1A2B3C4D5E6F7' });
    new Queue(app, 'Transcode');
  });
  platform.addApp('web', (app) => {
    const storage = app.app('storage');
    const web = new WebService(app, 'web', { image: IMAGE });
    (storage.node.findChild('Uploads') as AssetBucket).connectTo(web);
    (storage.node.findChild('Cdn') as Cdn).connectTo(web);
    (storage.node.findChild('Transcode') as Queue).connectTo(web);
  });
  platform.addApp('jobs', (app) => {
    const worker = new Worker(app, 'transcoder', { image: IMAGE });
    (app.app('storage').node.findChild('Transcode') as Queue).connectTo(worker);
  });
  platform.addApp('docs', (app) => { new WebService(app, 'docs', { image: IMAGE }); });
  return platform;
}

describe('consuming cloud resources', () => {
  it('gives the workload the bucket name and region, the CDN domain and the queue URL as plain env vars', () => {
    // GIVEN / WHEN
    const objects = manifestsOf(mediaPlatform()).filter((o) => o.metadata.namespace === 'test-web');
    // THEN
    expect(findOne(objects, 'ConfigMap', 'web').data).toEqual({
      UPLOADS_BUCKET_NAME: 'acme-test-uploads',
      UPLOADS_BUCKET_REGION: 'eu-west-1',
      CDN_DOMAIN: 'media.example.com',
      TRANSCODE_QUEUE_NAME: 'test-storage-transcode',
      TRANSCODE_QUEUE_REGION: 'eu-west-1',
      TRANSCODE_QUEUE_URL: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/test-storage-transcode`,
    });
  });

  it('syncs the app holding the cloud resources before the apps that consume them', () => {
    // GIVEN
    const platform = mediaPlatform();
    // WHEN
    const waves = syncWaves(platform.environment('test'));
    // THEN
    expect(Object.fromEntries([...waves].map(([app, wave]) => [app.appName, wave]))).toEqual({ docs: 0, jobs: 1, storage: 0, web: 1 });
  });

  it('records a construct dependency from the workload on the resource', () => {
    // GIVEN
    const platform = testPlatform({ cloud: CloudFlavor.ack({ accountId: ACCOUNT }) });
    let web!: WebService;
    // WHEN
    platform.addApp('web', (app) => {
      web = new WebService(app, 'web', { image: IMAGE });
      new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' }).connectTo(web);
    });
    // THEN
    expect(web.node.dependencies.map((d) => d.node.path)).toEqual(['test/web/Assets']);
  });

  it('fails if a workload consumes a resource of another environment', () => {
    // GIVEN
    const platform = new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [
        { name: 'dev', reconciler: new NoReconciler(), cloud: CloudFlavor.ack() },
        { name: 'prod', reconciler: new NoReconciler(), cloud: CloudFlavor.ack() },
      ],
    });
    const buckets: AssetBucket[] = [];
    // WHEN / THEN
    expect(messageOf(() => platform.addApp('web', (app) => {
      buckets.push(new AssetBucket(app, 'Assets', { bucketName: `acme-${app.environment.envName}-assets` }));
      buckets[0].connectTo(new WebService(app, 'web', { image: IMAGE }));
    }))).toBe(`[prod/web/web] cannot consume dev/web/Assets: it belongs to environment 'dev', not 'prod'. ` +
      'Fix: consume the resource declared in the same environment (inside the same platform.addApp builder run)');
  });

  it('fails if two resources would set the same variable', () => {
    const platform = testPlatform({ cloud: CloudFlavor.ack() });
    expect(messageOf(() => platform.addApp('web', (app) => {
      const web = new WebService(app, 'web', { image: IMAGE });
      new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' }).connectTo(web);
      new AssetBucket(app, 'Media', { bucketName: 'acme-test-media', envPrefix: 'ASSETS' }).connectTo(web);
    }))).toMatch(/^\[test\/web\/web\] environment variable "ASSETS_BUCKET_NAME" from addEnvFromValues\("ASSETS_BUCKET_NAME"\) is already set/);
  });
});
