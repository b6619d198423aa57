import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject, SynthesizedObject } from '../../lib/core/manifest';
import { EnvironmentProps, IReconciler, NotificationTarget, Platform, Protection } from '../../lib/platform';
import { collectObjects } from '../../lib/synth/collect';
import { filePathOf } from '../../lib/synth/layout';


/** The folders reconcilers write to. */
export const RECONCILER_FOLDERS = ['argocd', 'bootstrap', 'flux'];

export const configMap = (scope: Construct, name: string): ApiObject =>
  new ApiObject(scope, `ConfigMap-${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { app: name } });

/** A Deployment `name` with `replicas` and an HPA that scales it. */
export function scaledDeployment(scope: Construct, name: string, replicas?: number): void {
  new ApiObject(scope, `Deployment-${name}`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `ghcr.io/acme/${name}:1.0.0` }] } },
    },
  });
  new ApiObject(scope, `HorizontalPodAutoscaler-${name}`, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 6 },
  });
}

/**
 * GIVEN for the gitops tests: platform `acme` with environments `dev` (unprotected, watching branch
 * `develop`) and `prod` (protected, Slack notifications), both using `reconciler`, and three apps:
 * `db`; `api`, which depends on db via `dependsOn` and runs an HPA-scaled Deployment; and `web`,
 * which depends on api through `node.addDependency(app.app('api'))`.
 */
export function threeAppPlatform(reconciler: IReconciler, overrides: { dev?: Partial<EnvironmentProps>; prod?: Partial<EnvironmentProps>; distDir?: string; url?: string } = {}): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: overrides.url ?? 'https://github.com/acme/platform.git', ...(overrides.distDir ? { distDir: overrides.distDir } : {}) },
    environments: [
      { name: 'dev', reconciler, branch: 'develop', ...overrides.dev },
      { name: 'prod', reconciler, protection: Protection.PROTECTED, notifications: [NotificationTarget.slack('#media-deploys')], ...overrides.prod },
    ],
  });
  platform.addApp('db', (app) => { configMap(app, 'db'); });
  platform.addApp('api', (app) => { configMap(app, 'api'); scaledDeployment(app, 'api', 2); }, { dependsOn: ['db'] });
  platform.addApp('web', (app) => { configMap(app, 'web').node.addDependency(app.app('api')); });
  return platform;
}

/** The reconciler objects of `platform` (every environment), as collected for dist/. */
export function reconcilerObjects(platform: Platform): SynthesizedObject[] {
  return collectObjects(platform).filter((o) => RECONCILER_FOLDERS.includes(o.app));
}

/** Reconciler objects keyed by their dist/ file path: what the snapshots record. */
export function byFile(platform: Platform): Record<string, KubeObject> {
  return Object.fromEntries(reconcilerObjects(platform).map((o) => [filePathOf(o), o.object]));
}

/** The single object of `kind` named `name` in environment `env`. */
export function objectOf(platform: Platform, env: string, kind: string, name: string): KubeObject & { spec: any } {
  const found = reconcilerObjects(platform).filter((o) => o.environment === env && o.object.kind === kind && o.object.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name} in ${env}, found ${found.length}`);
  return found[0].object as KubeObject & { spec: any };
}

/** `{ name: value }` for every object of `kind` in `env`, e.g. each Application's sync wave. */
export function mapOf<T>(platform: Platform, env: string, kind: string, pick: (o: KubeObject & { spec: any }) => T): Record<string, T> {
  return Object.fromEntries(reconcilerObjects(platform)
    .filter((o) => o.environment === env && o.object.kind === kind)
    .map((o) => [o.object.metadata.name, pick(o.object as KubeObject & { spec: any })]));
}
