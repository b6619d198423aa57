import { AppChart, ExternalSecret, Probe, SecretStore, SecretValue, WebService } from '../../lib';
import { mediaOf } from './media';

/** The public API: uploads, galleries and render requests. Reached by `web` inside the cluster. */
export function api(app: AppChart): void {
  const env = app.environment.envName;
  const replicas = app.settings.replicas ?? 2;
  const service = new WebService(app, 'api', {
    image: app.image('ghcr.io/pictura/api'),
    port: 8080,
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 3, targetCpuUtilization: 65 },
    resources: app.settings.resources,
    readiness: Probe.httpGet('/readyz', { port: 8080 }),
    liveness: Probe.httpGet('/healthz', { port: 8080 }),
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
  const { assets, renderJobs } = mediaOf(app);
  service
    .uses(assets, { access: 'write' })
    .uses(renderJobs, { access: 'send', env: { url: 'RENDER_JOBS_QUEUE_URL' } });
}
