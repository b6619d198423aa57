import { AppChart, AppHandle, Worker } from '../../lib';
import { MediaExports } from './media';

/** Consumes render jobs: resizes uploads, generates thumbnails and video previews. */
export function assetProcessor(app: AppChart, media: AppHandle<MediaExports>): void {
  const replicas = app.settings.replicas ?? 2;
  const worker = new Worker(app, 'asset-processor', {
    image: app.image('ghcr.io/pictura/asset-processor'),
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 5, targetCpuUtilization: 75 },
    resources: app.settings.resources ?? { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    env: { RENDER_CONCURRENCY: '4', THUMBNAIL_SIZES: '160,320,640,1280' },
    terminationGracePeriodSeconds: 120,
  });
  // The processor reads originals, writes renditions and consumes render jobs.
  const { assets, renderJobs } = media.in(app);
  worker
    .uses(assets, { access: 'read-write' })
    .uses(renderJobs, { access: 'consume', env: { url: 'RENDER_JOBS_QUEUE_URL' } });
}
