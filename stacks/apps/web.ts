import { AppChart, WebService } from '../../lib';
import { mediaOf } from './media';

/** The public front end, served on the environment's hostnames and talking to `api`. */
export function web(app: AppChart): void {
  const replicas = app.settings.replicas ?? 2;
  const site = new WebService(app, 'web', {
    image: app.image('ghcr.io/pictura/web'),
    port: 3000,
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 4 },
    resources: app.settings.resources,
    ingress: { hosts: app.settings.hosts, className: 'nginx', clusterIssuer: 'letsencrypt' },
    env: { NODE_ENV: 'production', PUBLIC_ENVIRONMENT: app.environment.envName },
  });
  site.connectTo(WebService.find(app.app('api'), 'api'), { envVar: 'API_URL' });
  site.uses(mediaOf(app).cdn);
}
