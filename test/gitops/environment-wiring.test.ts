import { ApiObject, JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Reconciler } from '../../lib/gitops';
import { IReconciler, Platform } from '../../lib/platform';
import { collectObjects } from '../../lib/synth';

/** An app holding only a cluster-scoped object (a Kyverno ClusterPolicy) next to a normal app. */
function platformWith(reconciler: IReconciler): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'dev', reconciler }],
  });
  platform.addApp('policies', (app) => {
    const policy = new ApiObject(app, 'policy', { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { rules: [] } });
    policy.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  });
  platform.addApp('web', (app) => {
    new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } });
  });
  return platform;
}

describe('apps with only cluster-scoped objects', () => {
  it('get no namespace from Flux', () => {
    const namespaces = collectObjects(platformWith(Reconciler.flux())).filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name);
    expect(namespaces).toEqual(['dev-web']);
  });

  it('do not ask Argo CD to create one', () => {
    const apps = collectObjects(platformWith(Reconciler.argoCd())).filter((o) => o.object.kind === 'Application' && o.app === 'argocd');
    const options = Object.fromEntries(apps.map((o) => [o.object.metadata.name, (o.object.spec as { syncPolicy: { syncOptions: string[] } }).syncPolicy.syncOptions]));
    expect(options['dev-policies']).not.toContain('CreateNamespace=true');
    expect(options['dev-web']).toContain('CreateNamespace=true');
  });
});

describe('git revision', () => {
  const withTag = (reconciler: IReconciler) => new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'prod', reconciler, tag: 'release-2026.11.3' }],
  });

  it('deploys a tag instead of a branch with Flux', () => {
    const platform = withTag(Reconciler.flux());
    platform.addApp('web', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } }); });
    const refs = collectObjects(platform).filter((o) => o.object.kind === 'GitRepository')
      .map((o) => [o.object.metadata.name, (o.object.spec as { ref: unknown }).ref]);
    // The apps read the tag; the root source follows the branch (see tag-pinning.test.ts).
    expect(refs).toEqual([['acme-prod', { branch: 'main' }], ['acme-prod-pinned', { tag: 'release-2026.11.3' }]]);
  });

  it('deploys a tag instead of a branch with Argo CD', () => {
    const platform = withTag(Reconciler.argoCd());
    platform.addApp('web', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } }); });
    const revisions = collectObjects(platform).filter((o) => o.object.kind === 'Application')
      .map((o) => [o.object.metadata.name, (o.object.spec as { source: { targetRevision: string } }).source.targetRevision]);
    expect(revisions).toEqual([['prod-root', 'main'], ['prod-web', 'release-2026.11.3']]);
  });

  it('fails if both a branch and a tag are set, or a name is not a git ref', () => {
    expect(() => new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [{ name: 'prod', reconciler: Reconciler.flux(), branch: 'release', tag: 'v1..2' }],
    })).toThrow(`[prod] 'tag' ("v1..2") is not a valid git branch or tag name; 'branch' ("release") and 'tag' ("v1..2") are both set; an environment follows one or the other`);
  });
});

describe('object sync waves inside an app (Argo CD)', () => {
  it('syncs what a construct depends on first, and leaves apps without internal dependencies alone', () => {
    // GIVEN an app whose worker depends on a secret in the same app, and an app without dependencies
    const platform = new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [{ name: 'prod', reconciler: Reconciler.argoCd() }],
    });
    platform.addApp('api', (app) => {
      const secret = new ApiObject(app, 'secret', { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db' } });
      const worker = new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'worker' } });
      worker.node.addDependency(secret);
    });
    platform.addApp('web', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } }); });
    // WHEN
    const waves = Object.fromEntries(collectObjects(platform).filter((o) => o.app === 'api' || o.app === 'web')
      .map((o) => [`${o.app}/${o.object.metadata.name}`, o.object.metadata.annotations?.['argocd.argoproj.io/sync-wave']]));
    // THEN
    expect(waves).toEqual({ 'api/db': undefined, 'api/worker': '1', 'web/web': undefined });
  });
});
