import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { collectWarnings } from '../../lib/core/warnings';
import { ArgoCdTrigger, PodSecurityLevel, Reconciler } from '../../lib/gitops';
import { NamespaceScheme, NotificationTarget, Platform } from '../../lib/platform';
import { filePathOf } from '../../lib/synth/layout';
import { byFile, configMap, mapOf, objectOf, reconcilerObjects, scaledDeployment, threeAppPlatform } from './helpers';

describe('Reconciler.argoCd', () => {
  it('generates the bootstrap and argocd folders (snapshot of the defaults)', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    // THEN
    expect(byFile(platform)).toMatchSnapshot();
  });

  it('lays out one kubectl-apply bootstrap folder and a folder of Applications synced by the root app', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    // WHEN
    const files = reconcilerObjects(platform).filter((o) => o.environment === 'prod').map(filePathOf).sort();
    // THEN
    expect(files).toEqual([
      'prod/argocd/application-prod-api.yaml',
      'prod/argocd/application-prod-db.yaml',
      'prod/argocd/application-prod-web.yaml',
      'prod/argocd/appproject-acme-prod.yaml',
      'prod/bootstrap/application-prod-root.yaml',
      'prod/bootstrap/appproject-acme-prod-gitops.yaml',
    ]);
    const root = objectOf(platform, 'prod', 'Application', 'prod-root');
    // The root reads bootstrap/ (itself and its project) and argocd/: Argo CD matches
    // directory.include against paths relative to the source path (reposerver
    // getPotentiallyValidManifestFile), so the app folders below dist/prod are skipped.
    expect(root.spec.source).toEqual({
      repoURL: 'https://github.com/acme/platform.git', targetRevision: 'main', path: 'dist/prod',
      directory: { recurse: true, include: '{argocd/*,bootstrap/*}' },
    });
    expect(root.spec.project).toBe('acme-prod-gitops');
    // It manages itself, so it must never prune or cascade into itself: Prune=false,Delete=false,
    // and no resources finalizer (deleting it to re-bootstrap never deletes the environment).
    expect(root.metadata.finalizers).toBeUndefined();
    expect(root.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(objectOf(platform, 'prod', 'AppProject', 'acme-prod-gitops').metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(reconcilerObjects(platform).every((o) => o.object.metadata.namespace === 'argocd')).toBe(true);
  });

  it('derives sync waves from dependsOn and node.addDependency', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    // WHEN
    const waves = mapOf(platform, 'prod', 'Application', (o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    // THEN
    expect(waves).toEqual({ 'prod-db': '0', 'prod-api': '1', 'prod-web': '2', 'prod-root': '-2' });
    expect(objectOf(platform, 'prod', 'AppProject', 'acme-prod').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
  });

  it('points each Application at its dist folder, branch and namespace', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd(), { distDir: 'deploy/out' });
    // WHEN
    const dev = objectOf(platform, 'dev', 'Application', 'dev-web');
    const prod = objectOf(platform, 'prod', 'Application', 'prod-web');
    // THEN
    expect(dev.spec.source).toEqual({
      repoURL: 'https://github.com/acme/platform.git', targetRevision: 'develop', path: 'deploy/out/dev/web', directory: { recurse: true },
    });
    expect(prod.spec.source.targetRevision).toBe('main');
    expect(prod.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'prod-web' });
    expect(prod.spec.project).toBe('acme-prod');
    expect(prod.metadata.labels).toMatchObject({ 'gitplane.dev/app': 'web', 'gitplane.dev/environment': 'prod' });
    expect(objectOf(platform, 'dev', 'Application', 'dev-root').spec.source.path).toBe('deploy/out/dev');
  });

  it('syncs automatically with prune, self-heal, retries and locked-down namespaces', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    // WHEN
    const { syncPolicy } = objectOf(platform, 'prod', 'Application', 'prod-db').spec;
    // THEN
    expect(syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true', 'PrunePropagationPolicy=foreground', 'PruneLast=true', 'ServerSideApply=true'],
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      managedNamespaceMetadata: {
        labels: expect.objectContaining({
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        }),
      },
    });
  });

  it('restricts the apps project to the repository, the environment namespaces and the cluster kinds the apps use', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    platform.addApp('ops', (app) => {
      new ApiObject(app, 'reader', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'ops-reader' }, rules: [] });
    });
    // WHEN
    const project = objectOf(platform, 'prod', 'AppProject', 'acme-prod');
    const gitops = objectOf(platform, 'prod', 'AppProject', 'acme-prod-gitops');
    // THEN
    expect(project.spec.sourceRepos).toEqual(['https://github.com/acme/platform.git']);
    // Argo CD matches destination namespaces as globs: prod-* admits every app namespace of the
    // perApp scheme, but not the Argo CD namespace.
    expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'prod-*' }]);
    expect(project.spec.clusterResourceWhitelist).toEqual([
      { group: '', kind: 'Namespace' },
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    ]);
    expect(project.spec.orphanedResources).toEqual({ warn: true });
    // Only the root's project may write to the Argo CD namespace, and only Applications and AppProjects.
    expect(gitops.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(gitops.spec.namespaceResourceWhitelist).toEqual([{ group: 'argoproj.io', kind: 'AppProject' }, { group: 'argoproj.io', kind: 'Application' }]);
    expect(gitops.spec.clusterResourceWhitelist).toEqual([]);
  });

  it('subscribes every Application to the environment notification targets', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd(), {
      prod: { notifications: [NotificationTarget.slack('#media-deploys'), NotificationTarget.slack('#oncall'), NotificationTarget.msteams('ops'), NotificationTarget.webhook('pagerduty')] },
    });
    // WHEN
    const annotations = objectOf(platform, 'prod', 'Application', 'prod-web').metadata.annotations;
    // THEN
    expect(annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '2',
      'notifications.argoproj.io/subscribe.on-deployed.pagerduty': '',
      'notifications.argoproj.io/subscribe.on-deployed.slack': 'media-deploys;oncall',
      'notifications.argoproj.io/subscribe.on-deployed.teams': 'ops',
      'notifications.argoproj.io/subscribe.on-health-degraded.pagerduty': '',
      'notifications.argoproj.io/subscribe.on-health-degraded.slack': 'media-deploys;oncall',
      'notifications.argoproj.io/subscribe.on-health-degraded.teams': 'ops',
      'notifications.argoproj.io/subscribe.on-sync-failed.pagerduty': '',
      'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'media-deploys;oncall',
      'notifications.argoproj.io/subscribe.on-sync-failed.teams': 'ops',
    });
    expect(objectOf(platform, 'prod', 'Application', 'prod-root').metadata.annotations)
      .toMatchObject({ 'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'media-deploys;oncall' });
  });

  it('subscribes the triggers given in notificationTriggers', () => {
    const platform = threeAppPlatform(Reconciler.argoCd({ notificationTriggers: [ArgoCdTrigger.SYNC_SUCCEEDED, ArgoCdTrigger.custom('on-image-updated')] }));
    expect(Object.keys(objectOf(platform, 'prod', 'Application', 'prod-db').metadata.annotations ?? {})).toEqual([
      'argocd.argoproj.io/sync-wave',
      'notifications.argoproj.io/subscribe.on-image-updated.slack',
      'notifications.argoproj.io/subscribe.on-sync-succeeded.slack',
    ]);
  });

  it('keeps resources when an Application of a protected environment is deleted, and deletes them elsewhere', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd(), { dev: { notifications: [NotificationTarget.slack('dev')] } });
    // WHEN
    const finalizers = (env: string) => mapOf(platform, env, 'Application', (o) => o.metadata.finalizers);
    // THEN
    expect(finalizers('dev')).toEqual({
      'dev-api': ['resources-finalizer.argocd.argoproj.io'],
      'dev-db': ['resources-finalizer.argocd.argoproj.io'],
      'dev-web': ['resources-finalizer.argocd.argoproj.io'],
      'dev-root': undefined,
    });
    expect(finalizers('prod')).toEqual({ 'prod-api': undefined, 'prod-db': undefined, 'prod-web': undefined, 'prod-root': undefined });
    // The deploy log trigger only in protected environments.
    expect(Object.keys(objectOf(platform, 'dev', 'Application', 'dev-db').metadata.annotations ?? {}))
      .not.toContain('notifications.argoproj.io/subscribe.on-deployed.slack');
    expect(Object.keys(objectOf(platform, 'prod', 'Application', 'prod-db').metadata.annotations ?? {}))
      .toContain('notifications.argoproj.io/subscribe.on-deployed.slack');
  });

  it('retains stateful objects with Prune=false and Delete=false', () => {
    expect(Reconciler.argoCd().retainAnnotations()).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
  });

  it('lets HPAs own spec.replicas', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    // WHEN
    const api = objectOf(platform, 'prod', 'Application', 'prod-api');
    // THEN
    expect(api.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'api', namespace: 'prod-api', jsonPointers: ['/spec/replicas'] }]);
    expect(api.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(objectOf(platform, 'prod', 'Application', 'prod-web').spec.ignoreDifferences).toBeUndefined();
  });

  it('does not ignore replicas when ignoreHpaReplicas is false', () => {
    const platform = threeAppPlatform(Reconciler.argoCd({ ignoreHpaReplicas: false }));
    const api = objectOf(platform, 'prod', 'Application', 'prod-api');
    expect(api.spec.ignoreDifferences).toBeUndefined();
    expect(api.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });

  it('lets only the first app of a shared namespace create it', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd(), { prod: { namespaces: NamespaceScheme.shared('media-prod') } });
    // WHEN
    const creates = mapOf(platform, 'prod', 'Application', (o) => o.spec.syncPolicy.syncOptions.includes('CreateNamespace=true'));
    const metadata = mapOf(platform, 'prod', 'Application', (o) => o.spec.syncPolicy.managedNamespaceMetadata !== undefined);
    // THEN
    expect(creates).toEqual({ 'prod-db': true, 'prod-api': false, 'prod-web': false, 'prod-root': false });
    expect(metadata).toEqual(creates);
    expect(objectOf(platform, 'prod', 'AppProject', 'acme-prod').spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'media-prod' }]);
  });

  it('applies its props', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd({
      namespace: 'gitops',
      project: 'media',
      destinationServer: 'https://prod.k8s.example.com',
      prune: false,
      selfHeal: false,
      serverSideApply: false,
      retry: { limit: -1, backoffDuration: '5s', backoffFactor: 3, backoffMaxDuration: '10m' },
      podSecurity: PodSecurityLevel.BASELINE,
    }));
    // WHEN
    const app = objectOf(platform, 'prod', 'Application', 'prod-db');
    // THEN
    expect(app.metadata.namespace).toBe('gitops');
    expect(app.spec.project).toBe('media');
    expect(app.spec.destination.server).toBe('https://prod.k8s.example.com');
    expect(app.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: false });
    expect(app.spec.syncPolicy.syncOptions).not.toContain('ServerSideApply=true');
    expect(app.spec.syncPolicy.retry).toEqual({ limit: -1, backoff: { duration: '5s', factor: 3, maxDuration: '10m' } });
    expect(app.spec.syncPolicy.managedNamespaceMetadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(objectOf(platform, 'prod', 'AppProject', 'media-gitops').spec.destinations).toEqual([{ server: 'https://prod.k8s.example.com', namespace: 'gitops' }]);
  });

  it('skips apps without objects, with a warning', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.argoCd());
    platform.addApp('docs', () => undefined);
    // WHEN
    const names = Object.keys(mapOf(platform, 'dev', 'Application', (o) => o));
    // THEN
    expect(names).not.toContain('dev-docs');
    expect(collectWarnings(platform).filter((w) => w.id === 'GP-W-GITOPS-001').map((w) => w.constructPath)).toEqual(['dev/docs', 'prod/docs']);
  });

  it('is deterministic', () => {
    expect(byFile(threeAppPlatform(Reconciler.argoCd()))).toEqual(byFile(threeAppPlatform(Reconciler.argoCd())));
  });

  it('fails if retry settings are invalid, listing every problem', () => {
    expect(() => Reconciler.argoCd({ retry: { limit: 1.5, backoffDuration: '10 seconds', backoffFactor: 0 } })).toThrow(
      "[Reconciler.argoCd()] 'retry.limit' (1.5) must be a whole number (negative retries forever); "
      + "'retry.backoffFactor' (0) must be a whole number >= 1; "
      + `'retry.backoffDuration' ("10 seconds") must be a duration such as "30s", "5m" or "1h30m"`);
    expect(() => Reconciler.argoCd({ retry: { backoffDuration: '5m', backoffMaxDuration: '1m' } }))
      .toThrow(`'retry.backoffDuration' ("5m") must be <= 'retry.backoffMaxDuration' ("1m")`);
  });

  it('fails if the namespace or project is not a DNS label', () => {
    expect(() => Reconciler.argoCd({ namespace: 'Argo CD', project: 'Media' }))
      .toThrow(/'namespace' \("Argo CD"\) must be a DNS label.*'project' \("Media"\) must be a DNS label/);
  });

  it('fails if an app uses a folder the reconciler writes to', () => {
    const platform = threeAppPlatform(Reconciler.argoCd());
    platform.addApp('bootstrap', (app) => { configMap(app, 'x'); });
    expect(() => reconcilerObjects(platform)).toThrow(
      "[dev] app 'bootstrap' uses the folder dev/bootstrap/, which the Argo CD reconciler writes its objects to. Fix: rename the app; 'argocd', 'bootstrap' and 'flux' are reserved folder names");
  });

  it('fails if an Application name would exceed 63 characters', () => {
    const platform = new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [{ name: 'production-eu-west-1-blue-green-canary', reconciler: Reconciler.argoCd(), namespaces: NamespaceScheme.shared('recommendations') }],
    });
    platform.addApp('recommendations-engine-frontend', (app) => { configMap(app, 'x'); });
    expect(() => reconcilerObjects(platform))
      .toThrow(/'Application name' \("production-eu-west-1-blue-green-canary-recommendations-engine-frontend"\) is 70 characters; the limit is 63/);
  });

  it('fails if apps depend on each other in a cycle', () => {
    const platform = new Platform({
      name: 'acme', repository: { url: 'https://github.com/acme/platform.git' }, environments: [{ name: 'dev', reconciler: Reconciler.argoCd() }],
    });
    platform.addApp('a', (app) => { configMap(app, 'a'); });
    platform.addApp('b', (app) => { configMap(app, 'b'); app.node.addDependency(app.app('a')); app.app('a').node.addDependency(app); });
    expect(() => reconcilerObjects(platform)).toThrow(/apps depend on each other in a cycle/);
  });

  it('ignores replicas of an HPA-scaled workload whose manifest leaves them out', () => {
    const platform = threeAppPlatform(Reconciler.argoCd());
    platform.addApp('batch', (app) => { scaledDeployment(app, 'batch'); });
    expect(objectOf(platform, 'prod', 'Application', 'prod-batch').spec.ignoreDifferences)
      .toEqual([{ group: 'apps', kind: 'Deployment', name: 'batch', namespace: 'prod-batch', jsonPointers: ['/spec/replicas'] }]);
  });
});
