import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { KubeObject } from '../../lib/core/manifest';
import { IReconciler, NotificationTarget, Platform, Protection } from '../../lib/platform';
import { Reconciler } from '../../lib/gitops';
import { byFile } from './helpers';

/**
 * An environment pinned to a tag moves forward only through Git when everything that reads Git at
 * the environment's branch (the objects applied once by hand, and the root objects that sync the
 * reconciler's folder) never names the tag, and only the apps' sources pin it:
 *
 * - Argo CD: an Application reads `targetRevision`; an app of apps whose own manifest lies inside its
 *   source path manages its own spec (the cluster-bootstrapping "app of apps" pattern; Argo CD never
 *   cascades into a self-referencing app, `isSelfReferencedApp` in controller/appcontroller.go).
 * - Flux: a GitRepository with `ref.tag` checks out that tag (it takes precedence over `ref.branch`,
 *   GitRepository spec.ref docs); a Kustomization applying the folder that holds its own GitRepository
 *   would keep re-reading the tree in which it names the old tag, so the root source follows the branch.
 */
function platformAt(reconciler: IReconciler, prod: { tag?: string; branch?: string; notifications?: NotificationTarget[] }, distDir?: string): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git', branch: 'trunk', ...(distDir ? { distDir } : {}) },
    environments: [{ name: 'prod', reconciler, protection: Protection.PROTECTED, ...prod }],
  });
  platform.addApp('db', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db' } }); });
  platform.addApp('web', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } }); }, { dependsOn: ['db'] });
  return platform;
}

const under = (files: Record<string, KubeObject>, folder: string): Record<string, KubeObject> =>
  Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(folder)));

/** Argo CD's `directory.include` for the brace lists gitplane writes, on a path relative to the source path. */
function included(include: string, relPath: string): boolean {
  const alternatives = include.replace(/^\{|\}$/g, '').split(',');
  return alternatives.some((glob) => new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(relPath));
}

/** The dist/ paths (relative to the repository root) the Argo CD root app of `env` reads. */
function readByRoot(files: Record<string, KubeObject>, env: string, distDir: string): string[] {
  const root = Object.values(files).find((o) => o.kind === 'Application' && o.metadata.name === `${env}-root`) as KubeObject & { spec: any };
  const path: string = root.spec.source.path;
  return Object.keys(files).map((f) => `${distDir}/${f}`)
    .filter((f) => f.startsWith(`${path}/`) && included(root.spec.source.directory.include, f.slice(path.length + 1)))
    .map((f) => f.slice(distDir.length + 1)).sort();
}

const spec = (o: KubeObject) => (o as KubeObject & { spec: any }).spec;

describe('tag-pinned environments (Argo CD)', () => {
  it('leaves bootstrap/ unchanged by a tag bump, and every Application read at the new tag names it', () => {
    // GIVEN prod pinned to release-a, then to release-b
    const a = byFile(platformAt(Reconciler.argoCd(), { tag: 'release-a' }));
    const b = byFile(platformAt(Reconciler.argoCd(), { tag: 'release-b' }));
    // THEN the seed applied by hand is identical, so it never needs applying again
    expect(Object.keys(under(b, 'prod/bootstrap/')).length).toBeGreaterThan(0);
    expect(under(b, 'prod/bootstrap/')).toEqual(under(a, 'prod/bootstrap/'));
    expect(JSON.stringify(under(b, 'prod/bootstrap/'))).not.toContain('release-');
    // every app source names release-b; the root follows the branch the bump is committed to
    const apps = Object.values(b).filter((o) => o.kind === 'Application' && o.metadata.name !== 'prod-root');
    expect(apps.map((o) => spec(o).source.targetRevision)).toEqual(['release-b', 'release-b']);
    expect(spec(b['prod/bootstrap/application-prod-root.yaml']).source.targetRevision).toBe('trunk');
    expect(JSON.stringify(b)).not.toContain('release-a');
  });

  it.each([
    ['a tag', { tag: 'v1.2.0' }, 'dist'],
    ['a branch', { branch: 'release' }, 'dist'],
    ['the repository branch, in a nested dist folder', {}, 'deploy/out'],
  ] as [string, { tag?: string; branch?: string }, string][])('lets the root manage its own spec and every Application, never an app folder (%s)', (_, prod, distDir) => {
    // GIVEN
    const files = byFile(platformAt(Reconciler.argoCd(), prod, distDir === 'dist' ? undefined : distDir));
    // WHEN
    const read = readByRoot(files, 'prod', distDir);
    // THEN the root reads exactly the reconciler's two folders, its own file included
    expect(read).toEqual(Object.keys(files).filter((f) => f.startsWith('prod/bootstrap/') || f.startsWith('prod/argocd/')).sort());
    expect(read).toContain('prod/bootstrap/application-prod-root.yaml');
    expect(spec(files['prod/bootstrap/application-prod-root.yaml']).source.targetRevision).toBe(prod.branch ?? 'trunk');
  });
});

describe('tag-pinned environments (Flux)', () => {
  const objects = (files: Record<string, KubeObject>, kind: string) => Object.values(files).filter((o) => o.kind === kind);

  it('keeps the root source on the branch and pins only the apps\' source, so a tag bump arrives through Git', () => {
    // GIVEN
    const a = byFile(platformAt(Reconciler.flux(), { tag: 'release-a' }));
    const b = byFile(platformAt(Reconciler.flux(), { tag: 'release-b' }));
    // THEN the root Kustomization and the source it reads are unchanged by the bump
    for (const file of ['prod/flux/gitrepository-acme-prod.yaml', 'prod/flux/kustomization-prod-root.yaml']) expect(b[file]).toEqual(a[file]);
    expect(spec(b['prod/flux/gitrepository-acme-prod.yaml']).ref).toEqual({ branch: 'trunk' });
    expect(spec(b['prod/flux/kustomization-prod-root.yaml']).sourceRef).toEqual({ kind: 'GitRepository', name: 'acme-prod' });
    // the root applies its own folder, which holds both sources
    expect(spec(b['prod/flux/kustomization-prod-root.yaml']).path).toBe('./dist/prod/flux');
    expect(spec(b['prod/flux/gitrepository-acme-prod-pinned.yaml']).ref).toEqual({ tag: 'release-b' });
    // every app reads the pinned source; nothing names the old tag
    const apps = objects(b, 'Kustomization').filter((o) => o.metadata.name !== 'prod-root');
    expect(apps.map((o) => spec(o).sourceRef.name)).toEqual(['acme-prod-pinned', 'acme-prod-pinned']);
    expect(JSON.stringify(b)).not.toContain('release-a');
  });

  it('reports both sources to the notification targets, and only the root source is kept from pruning', () => {
    // GIVEN
    const files = byFile(platformAt(Reconciler.flux(), { tag: 'release-a', notifications: [NotificationTarget.slack('#deploys')] }));
    // THEN an unreadable tag (e.g. not pushed yet) shows up as an event of the pinned source
    const alert = objects(files, 'Alert')[0];
    expect(spec(alert).eventSources.filter((s: { kind: string }) => s.kind === 'GitRepository')).toEqual([
      { kind: 'GitRepository', name: 'acme-prod' }, { kind: 'GitRepository', name: 'acme-prod-pinned' },
    ]);
    // The root source must never be garbage-collected by the root that reads it; the pinned one
    // may go when the environment stops pinning a tag.
    expect(files['prod/flux/gitrepository-acme-prod.yaml'].metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(files['prod/flux/gitrepository-acme-prod-pinned.yaml'].metadata.annotations).toBeUndefined();
  });

  it('uses one source following the branch when no tag is set', () => {
    const files = byFile(platformAt(Reconciler.flux(), { branch: 'release' }));
    expect(objects(files, 'GitRepository').map((o) => [o.metadata.name, spec(o).ref])).toEqual([['acme-prod', { branch: 'release' }]]);
    expect(new Set(objects(files, 'Kustomization').map((o) => spec(o).sourceRef.name))).toEqual(new Set(['acme-prod']));
  });
});

describe('moving to a new repository URL (Argo CD)', () => {
  it('keeps the previous repositories allowed in both projects, next to the new one', () => {
    // GIVEN the repository moved; Applications still naming the old URL must not be rejected meanwhile
    const files = byFile(platformAt(Reconciler.argoCd({ previousRepositories: ['git@github.com:acme/old.git', 'https://github.com/acme/platform.git'] }), {}));
    // THEN
    for (const file of ['prod/argocd/appproject-acme-prod.yaml', 'prod/bootstrap/appproject-acme-prod-gitops.yaml']) {
      expect(spec(files[file]).sourceRepos).toEqual(['https://github.com/acme/platform.git', 'git@github.com:acme/old.git']);
    }
  });

  it('fails if a previous repository is not a URL', () => {
    expect(() => Reconciler.argoCd({ previousRepositories: ['', 'https://x y'] })).toThrow(
      `'previousRepositories[0]' ("") must be a repository URL such as "https://github.com/acme/old-platform.git"; 'previousRepositories[1]' ("https://x y") must be a repository URL`);
  });
});
