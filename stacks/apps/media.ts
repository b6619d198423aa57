import { AppChart, AssetBucket, Cdn, CdnOrigin, Duration, Queue } from '../../lib';

/** Per-environment settings of the media storage that code cannot derive. */
interface MediaSettings {
  /** Public hostname of the CDN, with the ACM certificate (us-east-1) that covers it. */
  readonly cdnAlias: { readonly host: string; readonly certificateArn: string };
  /**
   * Ids AWS assigned on the first sync, copied from the objects' status: the distribution id narrows
   * the bucket policy to this one distribution; ACK needs the Origin Access Control id spelled out.
   */
  readonly assigned?: { readonly distributionId?: string; readonly originAccessControlId?: string };
}

const SETTINGS: Record<string, MediaSettings> = {
  dev: {
    cdnAlias: {
      host: 'media.dev.pictura.example',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1f0c9e52-5a7d-4c3b-8e26-94b1d0a7c3f8',
    },
    assigned: { distributionId: 'E1DEVQ4S7XK2PA' },
  },
  staging: {
    cdnAlias: {
      host: 'media.staging.pictura.example',
      certificateArn: 'arn:aws:acm:us-east-1:444455556666:certificate/c3e81b07-6d2f-4a95-b1e4-5f7a2c9d8e60',
    },
    assigned: { distributionId: 'E2STG8M3ZQ1RWB', originAccessControlId: 'E3OACSTG5N7T2K' },
  },
  prod: {
    cdnAlias: {
      host: 'media.pictura.example',
      certificateArn: 'arn:aws:acm:us-east-1:777788889999:certificate/7d5a3f1e-2b4c-4e8a-9f61-0c2d8e4b7a13',
    },
    assigned: { distributionId: 'E3PRDK9W2LX7QF' },
  },
};

/**
 * Media storage: the uploads bucket, the CDN that serves it (through Origin Access Control, never a
 * public bucket) and the render-job queue. Its own app, so it syncs before every app that uses it.
 */
export function media(app: AppChart): void {
  const env = app.environment.envName;
  const settings = SETTINGS[env];
  if (!settings) throw new Error(`stacks/apps/media.ts has no media settings for environment '${env}'; add them to SETTINGS`);
  const assets = new AssetBucket(app, 'assets', {
    bucketName: `pictura-${env}-assets`,
    cors: [{ allowedOrigins: [`https://${env === 'prod' ? '' : `${env}.`}pictura.example`], allowedMethods: ['PUT', 'POST'], maxAge: Duration.hours(1) }],
    noncurrentVersionExpiration: Duration.days(env === 'prod' ? 90 : 14),
    tags: { 'pictura:data-class': 'user-content' },
  });
  new Cdn(app, 'cdn', {
    origin: CdnOrigin.fromBucket(assets, { originAccessControlId: settings.assigned?.originAccessControlId }),
    distributionId: settings.assigned?.distributionId,
    aliases: [settings.cdnAlias.host],
    certificateArn: settings.cdnAlias.certificateArn,
    comment: `pictura ${env} media`,
  });
  new Queue(app, 'render-jobs', {
    // Explicit, so moving the queue or renaming its id never means a new, empty queue.
    queueName: `${env}-media-render-jobs`,
    visibilityTimeout: Duration.minutes(10),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { maxReceiveCount: 5 },
  });
}

/** The media resources of the environment `app` is in, for the apps that consume them. */
export function mediaOf(app: AppChart): { assets: AssetBucket; cdn: Cdn; renderJobs: Queue } {
  const chart = app.app('media');
  return {
    assets: chart.node.findChild('assets') as AssetBucket,
    cdn: chart.node.findChild('cdn') as Cdn,
    renderJobs: chart.node.findChild('render-jobs') as Queue,
  };
}
