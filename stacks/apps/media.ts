import { AppChart, AppProps, AssetBucket, Cdn, CdnOrigin, Duration, Queue } from '../../lib';

/** Settings of the media storage that code cannot derive, typed: each environment overrides them in `mediaProps`. */
export interface MediaSettings {
  /** Public hostname of the CDN, with the ACM certificate (us-east-1) that covers it. */
  readonly cdnAlias: { readonly host: string; readonly certificateArn: string };
  /** The site origin allowed to upload straight into the bucket (CORS). */
  readonly uploadOrigin: string;
  /** Days an overwritten or deleted upload stays recoverable. */
  readonly keepDeletedUploadsDays: number;
  /**
   * Ids AWS assigned on the first sync, copied from the objects' status: the distribution id narrows
   * the bucket policy to this one distribution; ACK needs the Origin Access Control id spelled out.
   */
  readonly assigned: { readonly distributionId?: string; readonly originAccessControlId?: string };
}

/** What other apps use from `media`, through the handle `platform.addApp('media', ...)` returns. */
export interface MediaExports {
  readonly assets: AssetBucket;
  readonly cdn: Cdn;
  readonly renderJobs: Queue;
}

/** The defaults are production's; the other environments override what differs (type-checked against MediaSettings). */
export const mediaProps: AppProps<MediaSettings> = {
  defaults: {
    cdnAlias: {
      host: 'media.pictura.example',
      certificateArn: 'arn:aws:acm:us-east-1:777788889999:certificate/7d5a3f1e-2b4c-4e8a-9f61-0c2d8e4b7a13',
    },
    uploadOrigin: 'https://pictura.example',
    keepDeletedUploadsDays: 90,
    assigned: { distributionId: 'E3PRDK9W2LX7QF' },
  },
  environments: {
    dev: {
      cdnAlias: {
        host: 'media.dev.pictura.example',
        certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1f0c9e52-5a7d-4c3b-8e26-94b1d0a7c3f8',
      },
      uploadOrigin: 'https://dev.pictura.example',
      keepDeletedUploadsDays: 14,
      assigned: { distributionId: 'E1DEVQ4S7XK2PA' },
    },
    staging: {
      cdnAlias: {
        host: 'media.staging.pictura.example',
        certificateArn: 'arn:aws:acm:us-east-1:444455556666:certificate/c3e81b07-6d2f-4a95-b1e4-5f7a2c9d8e60',
      },
      uploadOrigin: 'https://staging.pictura.example',
      keepDeletedUploadsDays: 14,
      assigned: { distributionId: 'E2STG8M3ZQ1RWB', originAccessControlId: 'E3OACSTG5N7T2K' },
    },
  },
};

/**
 * Media storage: the uploads bucket, the CDN that serves it (through Origin Access Control, never a
 * public bucket) and the render-job queue. Its own app, so it syncs before every app that uses it.
 */
export function media(app: AppChart<MediaSettings>): MediaExports {
  const env = app.environment.envName;
  const { cdnAlias, uploadOrigin, keepDeletedUploadsDays, assigned } = app.settings;
  const assets = new AssetBucket(app, 'assets', {
    bucketName: `pictura-${env}-assets`,
    cors: [{ allowedOrigins: [uploadOrigin], allowedMethods: ['PUT', 'POST'], maxAge: Duration.hours(1) }],
    noncurrentVersionExpiration: Duration.days(keepDeletedUploadsDays),
    tags: { 'pictura:data-class': 'user-content' },
  });
  const cdn = new Cdn(app, 'cdn', {
    origin: CdnOrigin.fromBucket(assets, { originAccessControlId: assigned.originAccessControlId }),
    distributionId: assigned.distributionId,
    aliases: [cdnAlias.host],
    certificateArn: cdnAlias.certificateArn,
    comment: `pictura ${env} media`,
  });
  const renderJobs = new Queue(app, 'render-jobs', {
    // Explicit, so moving the queue or renaming its id never means a new, empty queue.
    queueName: `${env}-media-render-jobs`,
    visibilityTimeout: Duration.minutes(10),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { maxReceiveCount: 5 },
  });
  return { assets, cdn, renderJobs };
}
