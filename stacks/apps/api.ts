import { AppChart, Probe, WebService } from '../../lib';

/** The public API: uploads, galleries and render requests. Reached by `web` inside the cluster. */
export function api(app: AppChart): void {
  const replicas = app.settings.replicas ?? 2;
  new WebService(app, 'api', {
    image: app.image('ghcr.io/pictura/api'),
    port: 8080,
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 3, targetCpuUtilization: 65 },
    resources: app.settings.resources,
    readiness: Probe.httpGet('/readyz', { port: 8080 }),
    liveness: Probe.httpGet('/healthz', { port: 8080 }),
    env: {
      LOG_FORMAT: 'json',
      UPLOAD_MAX_BYTES: String(50 * 1024 * 1024),
      DEPLOY_ENVIRONMENT: app.environment.envName,
    },
  });
}
