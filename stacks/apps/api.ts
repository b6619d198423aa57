import { AppChart, AppHandle, CronJob, ExternalSecret, Probe, SecretStore, SecretValue, WebService } from '../../lib';
import { MediaExports } from './media';

/** What other apps use from `api`. */
export interface ApiExports {
  readonly service: WebService;
}

/**
 * The public API (uploads, galleries and render requests), reached by `web` inside the cluster, and
 * its nightly maintenance job, which ships as an image of its own (`images.cleanup` in the settings).
 */
export function api(app: AppChart, media: AppHandle<MediaExports>): ApiExports {
  const env = app.environment.envName;
  const replicas = app.settings.replicas ?? 2;
  const service = new WebService(app, 'api', {
    image: app.image('ghcr.io/pictura/api'),
    port: 8080,
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 3, targetCpuUtilization: 65 },
    resources: app.settings.resources,
    readiness: Probe.httpGet('/readyz', { port: 8080 }),
    liveness: Probe.httpGet('/healthz', { port: 8080 }),
    // A rotated database password reaches the pods without waiting for an unrelated restart.
    rollOnSecretChange: true,
    env: {
      LOG_FORMAT: 'json',
      UPLOAD_MAX_BYTES: String(50 * 1024 * 1024),
      DEPLOY_ENVIRONMENT: env,
      DB_HOST: `pictura-${env}.cluster-ro.eu-west-1.rds.amazonaws.com`,
      DB_USER: 'pictura_api',
    },
  });

  // The database password never enters Git: External Secrets copies it from AWS Secrets Manager.
  const db = new ExternalSecret(app, 'db-credentials', {
    store: SecretStore.cluster('aws-secrets-manager'),
    data: { password: SecretValue.fromSecretsManager(`pictura/${env}/db`, { property: 'password' }) },
  });
  db.exposeAsEnv(service, { DB_PASSWORD: 'password' });

  // The API stores uploads and enqueues render jobs: an IAM role of its own with exactly that.
  const { assets, renderJobs } = media.in(app);
  service
    .uses(assets, { access: 'write' })
    .uses(renderJobs, { access: 'send', env: { url: 'RENDER_JOBS_QUEUE_URL' } });

  // Nightly: deletes expired upload sessions and orphaned renders.
  const cleanup = new CronJob(app, 'cleanup', {
    image: app.image('ghcr.io/pictura/cleanup', { name: 'cleanup' }),
    args: ['--expired-uploads', '--orphaned-renders', '--max-age=72h'],
    schedule: '30 2 * * *',
    timeZone: 'Europe/Dublin',
    activeDeadlineSeconds: 3600,
    backoffLimit: 2,
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  });
  db.exposeAsEnv(cleanup, { DB_PASSWORD: 'password' });
  cleanup.uses(assets, { access: 'read-write' });
  return { service };
}
