import { AppChart, AppHandle, WebService } from '../../lib';
import { ApiExports } from './api';
import { MediaExports } from './media';

/** The public front end, served on the environment's hostnames and talking to `api`. */
export function web(app: AppChart, handles: { api: AppHandle<ApiExports>; media: AppHandle<MediaExports> }): void {
  const replicas = app.settings.replicas ?? 2;
  const site = new WebService(app, 'web', {
    image: app.image('ghcr.io/pictura/web'),
    port: 3000,
    autoscaling: { minReplicas: replicas, maxReplicas: replicas * 4 },
    resources: app.settings.resources,
    ingress: { hosts: app.settings.hosts, className: 'nginx', clusterIssuer: 'letsencrypt' },
    env: { NODE_ENV: 'production', PUBLIC_ENVIRONMENT: app.environment.envName },
  });
  site.connectTo(handles.api.in(app).service, { envVar: 'API_URL' });
  site.uses(handles.media.in(app).cdn);
}
