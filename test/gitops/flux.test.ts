import { describe, expect, it } from 'vitest';
import { collectWarnings } from '../../lib/core/warnings';
import { FluxEventSeverity, PodSecurityLevel, Reconciler } from '../../lib/gitops';
import { NamespaceScheme, NotificationTarget } from '../../lib/platform';
import { filePathOf } from '../../lib/synth/layout';
import { byFile, configMap, mapOf, objectOf, reconcilerObjects, scaledDeployment, threeAppPlatform } from './helpers';

describe('Reconciler.flux', () => {
  it('generates the flux folder (snapshot of the defaults)', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    // THEN
    expect(byFile(platform)).toMatchSnapshot();
  });

  it('puts everything, root Kustomization included, in one folder that kubectl apply bootstraps', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    // WHEN
    const files = reconcilerObjects(platform).filter((o) => o.environment === 'prod').map(filePathOf).sort();
    // THEN
    expect(files).toEqual([
      'prod/flux/alert-prod-slack-media-deploys.yaml',
      'prod/flux/gitrepository-acme-prod.yaml',
      'prod/flux/kustomization-prod-api.yaml',
      'prod/flux/kustomization-prod-db.yaml',
      'prod/flux/kustomization-prod-root.yaml',
      'prod/flux/kustomization-prod-web.yaml',
      'prod/flux/namespace-prod-api.yaml',
      'prod/flux/namespace-prod-db.yaml',
      'prod/flux/namespace-prod-web.yaml',
      'prod/flux/provider-prod-slack-media-deploys.yaml',
    ]);
    const root = objectOf(platform, 'prod', 'Kustomization', 'prod-root');
    expect(root.spec).toMatchObject({ path: './dist/prod/flux', prune: true, wait: false, deletionPolicy: 'Orphan', sourceRef: { kind: 'GitRepository', name: 'acme-prod' } });
    expect(root.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(objectOf(platform, 'prod', 'GitRepository', 'acme-prod').metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  it('derives dependsOn from dependsOn and node.addDependency', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    // WHEN
    const dependsOn = mapOf(platform, 'prod', 'Kustomization', (o) => o.spec.dependsOn);
    // THEN
    expect(dependsOn).toEqual({
      'prod-db': undefined,
      'prod-api': [{ name: 'prod-db' }],
      'prod-web': [{ name: 'prod-api' }],
      'prod-root': undefined,
    });
  });

  it('depends through apps that have no objects, with a warning for them', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    platform.addApp('config', () => undefined, { dependsOn: ['db'] });
    platform.addApp('worker', (app) => { configMap(app, 'worker'); }, { dependsOn: ['config', 'web'] });
    // WHEN
    const dependsOn = objectOf(platform, 'dev', 'Kustomization', 'dev-worker').spec.dependsOn;
    // THEN
    expect(dependsOn).toEqual([{ name: 'dev-db' }, { name: 'dev-web' }]);
    expect(mapOf(platform, 'dev', 'Kustomization', () => true)).not.toHaveProperty('dev-config');
    expect(collectWarnings(platform).filter((w) => w.id === 'GP-W-GITOPS-001').map((w) => w.message)).toEqual([
      "app 'config' has no objects in environment 'dev', so no Flux Kustomization is generated for it",
      "app 'config' has no objects in environment 'prod', so no Flux Kustomization is generated for it",
    ]);
  });

  it('points the GitRepository at the repository and branch, and each Kustomization at its dist folder', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux(), { distDir: 'deploy/out', url: 'git@github.com:acme/platform.git' });
    // WHEN
    const source = objectOf(platform, 'dev', 'GitRepository', 'acme-dev');
    const web = objectOf(platform, 'dev', 'Kustomization', 'dev-web');
    // THEN
    expect(source.metadata.namespace).toBe('flux-system');
    expect(source.spec).toEqual({
      url: 'ssh://git@github.com/acme/platform.git',
      ref: { branch: 'develop' },
      interval: '5m',
      ignore: '/*\n!/deploy/\n/deploy/*\n!/deploy/out/\n/deploy/out/*\n!/deploy/out/dev/\n',
    });
    expect(objectOf(platform, 'prod', 'GitRepository', 'acme-prod').spec.ref).toEqual({ branch: 'main' });
    expect(web.spec).toEqual({
      interval: '10m',
      retryInterval: '1m',
      timeout: '5m',
      path: './deploy/out/dev/web',
      prune: true,
      wait: true,
      sourceRef: { kind: 'GitRepository', name: 'acme-dev' },
      dependsOn: [{ name: 'dev-api' }],
    });
    expect(web.spec.targetNamespace).toBeUndefined();
    expect(objectOf(platform, 'dev', 'Kustomization', 'dev-root').spec.path).toBe('./deploy/out/dev/flux');
  });

  it('creates the app namespaces with Pod Security labels', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    // WHEN
    const namespace = objectOf(platform, 'dev', 'Namespace', 'dev-web');
    // THEN
    expect(namespace.metadata).toEqual({
      name: 'dev-web',
      labels: {
        'app.kubernetes.io/managed-by': 'gitplane',
        'app.kubernetes.io/part-of': 'acme',
        'gitplane.dev/environment': 'dev',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    });
  });

  it('creates a shared namespace once and never a system namespace', () => {
    const platform = threeAppPlatform(Reconciler.flux(), { dev: { namespaces: NamespaceScheme.shared('media-dev') }, prod: { namespaces: NamespaceScheme.shared('default') } });
    expect(Object.keys(mapOf(platform, 'dev', 'Namespace', (o) => o))).toEqual(['media-dev']);
    expect(Object.keys(mapOf(platform, 'prod', 'Namespace', (o) => o))).toEqual([]);
  });

  it('keeps objects of a protected environment when a Kustomization or Namespace is deleted', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    // WHEN
    const policy = (env: string) => mapOf(platform, env, 'Kustomization', (o) => o.spec.deletionPolicy);
    // THEN
    expect(policy('dev')).toEqual({ 'dev-api': undefined, 'dev-db': undefined, 'dev-web': undefined, 'dev-root': 'Orphan' });
    expect(policy('prod')).toEqual({ 'prod-api': 'Orphan', 'prod-db': 'Orphan', 'prod-web': 'Orphan', 'prod-root': 'Orphan' });
    expect(mapOf(platform, 'prod', 'Kustomization', (o) => o.spec.prune)).toEqual({ 'prod-api': true, 'prod-db': true, 'prod-web': true, 'prod-root': true });
    expect(objectOf(platform, 'prod', 'Namespace', 'prod-db').metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(objectOf(platform, 'dev', 'Namespace', 'dev-db').metadata.annotations).toBeUndefined();
  });

  it('retains stateful objects with the prune-disabled annotation', () => {
    expect(Reconciler.flux().retainAnnotations()).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  it('sends events to a Provider per notification target, with the webhook in a Secret the user creates', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux(), {
      dev: { notifications: [NotificationTarget.msteams('Dev Team'), NotificationTarget.webhook('ops')] },
    });
    // WHEN
    const providers = mapOf(platform, 'dev', 'Provider', (o) => o.spec);
    const alert = objectOf(platform, 'prod', 'Alert', 'prod-slack-media-deploys');
    // THEN
    expect(objectOf(platform, 'prod', 'Provider', 'prod-slack-media-deploys').spec).toEqual({
      type: 'slack', channel: 'media-deploys', secretRef: { name: 'slack-media-deploys-webhook' },
    });
    expect(providers).toEqual({
      'dev-msteams-dev-team-04da8ef3': { type: 'msteams', secretRef: { name: 'msteams-dev-team-b2cec4cc-webhook' } },
      'dev-webhook-ops': { type: 'generic', secretRef: { name: 'webhook-ops-webhook' } },
    });
    expect(alert.spec).toEqual({
      providerRef: { name: 'prod-slack-media-deploys' },
      eventSeverity: 'info',
      eventSources: [
        { kind: 'GitRepository', name: 'acme-prod' },
        { kind: 'Kustomization', name: 'prod-api' },
        { kind: 'Kustomization', name: 'prod-db' },
        { kind: 'Kustomization', name: 'prod-root' },
        { kind: 'Kustomization', name: 'prod-web' },
      ],
      eventMetadata: { environment: 'prod', platform: 'acme' },
    });
    expect(mapOf(platform, 'dev', 'Alert', (o) => o.spec.eventSeverity)).toEqual({ 'dev-msteams-dev-team-04da8ef3': 'error', 'dev-webhook-ops': 'error' });
    // No secret value anywhere: only the name of the Secret to create.
    expect(JSON.stringify(reconcilerObjects(platform))).not.toMatch(/hooks\.slack\.com|https:\/\/[^"]*webhook/);
  });

  it('generates no Provider or Alert without notification targets', () => {
    const platform = threeAppPlatform(Reconciler.flux());
    expect(mapOf(platform, 'dev', 'Provider', (o) => o)).toEqual({});
    expect(mapOf(platform, 'dev', 'Alert', (o) => o)).toEqual({});
  });

  it('removes spec.replicas of HPA-scaled workloads that set it', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux());
    platform.addApp('batch', (app) => { scaledDeployment(app, 'batch'); });
    // WHEN
    const patches = mapOf(platform, 'prod', 'Kustomization', (o) => o.spec.patches);
    // THEN
    expect(patches['prod-api']).toEqual([{
      patch: '- op: remove\n  path: /spec/replicas\n',
      target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'api', namespace: 'prod-api' },
    }]);
    // A JSON patch removing a missing field would fail the build, so none when replicas is not set.
    expect(patches['prod-batch']).toBeUndefined();
  });

  it('applies its props', () => {
    // GIVEN
    const platform = threeAppPlatform(Reconciler.flux({
      namespace: 'gitops',
      sourceInterval: '1m',
      interval: '30m',
      timeout: '10m',
      retryInterval: '2m',
      wait: false,
      prune: false,
      gitSecretName: 'platform-deploy-key',
      eventSeverity: FluxEventSeverity.ERROR,
      ignoreHpaReplicas: false,
      podSecurity: PodSecurityLevel.BASELINE,
    }));
    // WHEN
    const api = objectOf(platform, 'prod', 'Kustomization', 'prod-api');
    const source = objectOf(platform, 'prod', 'GitRepository', 'acme-prod');
    // THEN
    expect(api.metadata.namespace).toBe('gitops');
    expect(api.spec).toMatchObject({ interval: '30m', timeout: '10m', retryInterval: '2m', wait: false, prune: false });
    expect(api.spec.patches).toBeUndefined();
    expect(source.spec).toMatchObject({ interval: '1m', secretRef: { name: 'platform-deploy-key' } });
    expect(objectOf(platform, 'prod', 'Alert', 'prod-slack-media-deploys').spec.eventSeverity).toBe('error');
    expect(objectOf(platform, 'prod', 'Namespace', 'prod-api').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  it('is deterministic', () => {
    expect(byFile(threeAppPlatform(Reconciler.flux()))).toEqual(byFile(threeAppPlatform(Reconciler.flux())));
  });

  it('fails if a duration is invalid, listing every problem', () => {
    expect(() => Reconciler.flux({ interval: '10 minutes', timeout: '5' })).toThrow(
      `[Reconciler.flux()] 'interval' ("10 minutes") must be a duration such as "30s", "5m" or "1h30m"; `
      + `'timeout' ("5") must be a duration such as "30s", "5m" or "1h30m"`);
  });

  it('fails if an app uses the flux folder', () => {
    const platform = threeAppPlatform(Reconciler.flux());
    platform.addApp('flux', (app) => { configMap(app, 'x'); });
    expect(() => reconcilerObjects(platform)).toThrow("[dev] app 'flux' uses the folder dev/flux/, which the Flux reconciler writes its objects to");
  });

  it('fails if a notification target is listed twice', () => {
    const platform = threeAppPlatform(Reconciler.flux(), { dev: { notifications: [NotificationTarget.slack('#a'), NotificationTarget.slack('a')] } });
    expect(() => reconcilerObjects(platform)).toThrow(`[dev] 'notifications' names slack "a" twice. Fix: list each notification target once`);
  });
});
