import { YamlOutputType } from 'cdk8s';
import { AppSettings } from '../lib/platform/app-settings';
import { AppChart, AssetBucket, Cdn, CdnOrigin, CloudFlavor, CronJob, Duration, NetworkIsolation, Platform, Protection, Queue, Reconciler, WebService, Worker } from '../lib';

/**
 * The platform of the performance issue: `apps` apps in dev (Flux, Crossplane), staging (Argo CD,
 * ACK) and prod (Argo CD, Crossplane, protected), with per-workload NetworkIsolation. In each group
 * of ten apps, app 0 is storage (an AssetBucket and a Queue, plus a Cdn in every other group), the
 * others are web services with Ingress and HPA (connecting to the previous web service), workers and
 * cron jobs that use the group's storage. Every app has an override in every environment.
 */
export interface RealisticOptions {
  readonly apps: number;
  /** Image tag of app 1 in dev: change it to measure the re-synth of a one-line edit. */
  readonly editedTag?: string;
  /** Passed to cdk8s' App (the stock `cdk8s synth` baseline writes through it). */
  readonly cdk8sOutdir?: string;
}

const ENVIRONMENTS = [
  { name: 'dev', reconciler: Reconciler.flux(), cloud: CloudFlavor.crossplane({ providerConfig: 'aws-dev', accountId: '111122223333' }) },
  { name: 'staging', reconciler: Reconciler.argoCd(), cloud: CloudFlavor.ack({ accountId: '444455556666' }) },
  { name: 'prod', reconciler: Reconciler.argoCd(), cloud: CloudFlavor.crossplane({ providerConfig: 'aws-prod', accountId: '777788889999' }), protection: Protection.PROTECTED },
] as const;

type Role = 'storage' | 'web' | 'worker' | 'cron';

function roleOf(index: number): Role {
  const slot = index % 10;
  if (slot === 0) return 'storage';
  if (slot <= 5) return 'web';
  return slot <= 8 ? 'worker' : 'cron';
}

export function appName(index: number): string {
  return `app-${String(index).padStart(4, '0')}`;
}

function overrides(index: number, env: string, options: RealisticOptions): AppSettings {
  const role = roleOf(index);
  if (role === 'storage') return { replicas: 1 };
  const tag = index === 1 && env === 'dev' && options.editedTag ? options.editedTag : `1.${index % 10}.${env === 'prod' ? 0 : 1}`;
  return { imageTag: tag, replicas: env === 'prod' ? 3 : 2 };
}

export function realisticPlatform(options: RealisticOptions): Platform {
  const network = NetworkIsolation.perWorkload({ ingressControllerNamespaces: ['ingress-nginx'], allowFromNamespaces: ['monitoring'] });
  const platform = new Platform({
    name: 'bench',
    repository: { url: 'https://github.com/acme/bench-platform.git' },
    environments: ENVIRONMENTS.map((env) => ({
      ...env,
      region: 'eu-west-1',
      network,
      apps: Object.fromEntries(Array.from({ length: options.apps }, (_, i) => [appName(i), overrides(i, env.name, options)])),
    })),
    cdk8s: options.cdk8sOutdir ? { outdir: options.cdk8sOutdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE } : undefined,
  });
  for (let i = 0; i < options.apps; i++) {
    const storage = appName(i - (i % 10));
    const dependsOn = i % 10 === 0 ? undefined : [storage];
    platform.addApp(appName(i), (app) => buildApp(app, i, storage), { dependsOn });
  }
  return platform;
}

function buildApp(app: AppChart, index: number, storage: string): void {
  const name = appName(index);
  const env = app.environment.envName;
  const role = roleOf(index);
  if (role === 'storage') {
    app.settings.replicas; // storage has no workload; reading the override keeps it valid
    const bucket = new AssetBucket(app, 'assets', { bucketName: `bench-${env}-${name}-assets` });
    new Queue(app, 'jobs', { queueName: `${env}-${name}-jobs`, visibilityTimeout: Duration.minutes(5), deadLetterQueue: { maxReceiveCount: 5 } });
    if (Math.floor(index / 10) % 2 === 0) {
      new Cdn(app, 'cdn', {
        origin: CdnOrigin.fromBucket(bucket, { originAccessControlId: env === 'staging' ? 'E3OACBENCH0001' : undefined }),
        distributionId: 'E1BENCH0000001',
      });
    }
    return;
  }
  const image = app.image(`ghcr.io/acme/${name}`);
  const replicas = app.settings.replicas ?? 2;
  const storageChart = app.app(storage);
  const bucket = storageChart.node.findChild('assets') as AssetBucket;
  const queue = storageChart.node.findChild('jobs') as Queue;
  if (role === 'web') {
    const service = new WebService(app, name, {
      image,
      env: { LOG_LEVEL: 'info', FEATURE_FLAGS: `flag-${index % 7}` },
      autoscaling: { minReplicas: replicas, maxReplicas: replicas * 3 },
      ingress: { hosts: [`${name}.${env}.example.com`] },
    });
    service.uses(bucket);
    if (index % 10 > 1) service.connectTo(WebService.find(app.app(appName(index - 1)), appName(index - 1)));
  } else if (role === 'worker') {
    new Worker(app, name, { image, replicas, env: { CONCURRENCY: '4' } }).uses(bucket, queue);
  } else {
    new CronJob(app, name, { image, schedule: `${index % 60} 3 * * *`, command: ['/app/bin/sweep'] }).uses(queue);
  }
}
