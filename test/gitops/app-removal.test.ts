import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CloudFlavor } from '../../lib/cloud/flavor';
import { apiGroup, KubeObject } from '../../lib/core/manifest';
import { Reconciler } from '../../lib/gitops';
import { NamespaceScheme, Platform } from '../../lib/platform';
import { collectObjects } from '../../lib/synth/collect';
import { byFile } from './helpers';

/**
 * When an app leaves an unprotected Argo CD environment, the root app prunes its Application (last,
 * `PruneLast=true`) in the same sync that applies the new AppProject (wave -1). The resources
 * finalizer then deletes only the live objects the project still permits: `getPermittedAppLiveObjects`
 * (controller/appcontroller.go) drops every object for which `AppProject.IsLiveResourcePermitted` is
 * false, i.e. whose group/kind is not in `clusterResourceWhitelist` (cluster-scoped; matched with
 * `filepath.Match` on group and kind, `isResourceInList`) or whose namespace is not a permitted
 * destination (namespaced; destination namespaces are globs). Anything not permitted is silently
 * orphaned. So the project after the removal must still permit every object of the removed app.
 */
type Project = { clusterResourceWhitelist: { group: string; kind: string }[]; destinations: { namespace: string }[] };

/** `filepath.Match` for the patterns gitplane writes (`*` within one segment; groups and namespaces have no `/`). */
const matches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(value);

/** Argo CD's IsLiveResourcePermitted for a project without namespace white- or blacklists. */
function permitted(project: Project, object: KubeObject): boolean {
  const namespace = object.metadata.namespace;
  if (!namespace) {
    return project.clusterResourceWhitelist.some((item) => matches(item.kind, object.kind) && matches(item.group, apiGroup(object.apiVersion)));
  }
  return project.destinations.some((d) => matches(d.namespace, namespace));
}

interface Case {
  readonly name: string;
  readonly scheme?: NamespaceScheme;
  readonly cloud?: boolean;
}

function platformWith(apps: string[], c: Case): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{
      name: 'dev', reconciler: Reconciler.argoCd(),
      ...(c.scheme ? { namespaces: c.scheme } : {}),
      ...(c.cloud ? { cloud: CloudFlavor.crossplane() } : {}),
    }],
  });
  for (const name of apps) {
    platform.addApp(name, (app) => {
      new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config` } });
      new ApiObject(app, 'deploy', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: {} });
      if (c.cloud) {
        // Crossplane's classic managed resources are cluster-scoped.
        new ApiObject(app, 'bucket', { apiVersion: 's3.aws.upbound.io/v1beta2', kind: 'Bucket', metadata: { name: `dev-${name}-files`, namespace: undefined } });
        if (name === 'reports') {
          new ApiObject(app, 'queue', { apiVersion: 'sqs.aws.upbound.io/v1beta1', kind: 'Queue', metadata: { name: 'dev-reports-jobs', namespace: undefined } });
          new ApiObject(app, 'versioning', { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'BucketVersioning', metadata: { name: 'dev-reports-files', namespace: undefined } });
        }
      }
    });
  }
  return platform;
}

describe('removing an app from an unprotected Argo CD environment', () => {
  it.each<Case>([
    { name: 'per-app namespaces' },
    { name: 'one shared namespace', scheme: NamespaceScheme.shared('acme') },
    { name: 'a custom scheme <app>-<env>', scheme: NamespaceScheme.custom((env, app) => `${app}-${env}`) },
    { name: 'Crossplane cloud objects, some of kinds no other app uses', cloud: true },
  ])('leaves every object of the removed app permitted, so the finalizer deletes it ($name)', (c) => {
    // GIVEN an environment with apps, and the same environment after `reports` was removed
    const before = collectObjects(platformWith(['api', 'reports', 'web'], c));
    const after = byFile(platformWith(['api', 'web'], c));
    const project = after['dev/argocd/appproject-acme-dev.yaml'] as KubeObject & { spec: Project };
    // WHEN the removed app's Application is finalized against the new project
    const removed = before.filter((o) => o.app === 'reports').map((o) => o.object);
    // THEN nothing is orphaned
    expect(removed.length).toBeGreaterThan(1);
    expect(removed.filter((o) => !permitted(project.spec, o)).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    // and the Application carried the resources finalizer, so deleting it deletes them
    const application = before.find((o) => o.object.kind === 'Application' && o.object.metadata.name === 'dev-reports')!;
    expect(application.object.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  it('never lets the namespace pattern admit the Argo CD namespace or a system namespace', () => {
    // GIVEN schemes whose pattern would reach the Argo CD namespace
    const platform = new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [
        { name: 'ops', reconciler: Reconciler.argoCd({ namespace: 'ops-argocd' }) },
        { name: 'dev', reconciler: Reconciler.argoCd(), namespaces: NamespaceScheme.custom((_env, app) => app) },
        { name: 'qa', reconciler: Reconciler.argoCd(), namespaces: NamespaceScheme.custom((_env, app) => `kube-${app}`) },
      ],
    });
    platform.addApp('api', (app) => { new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api' } }); });
    // WHEN
    const files = byFile(platform);
    const destinations = (file: string) => (files[file] as KubeObject & { spec: Project }).spec.destinations.map((d) => d.namespace);
    // THEN each namespace is listed by name instead
    expect(destinations('ops/argocd/appproject-acme-ops.yaml')).toEqual(['ops-api']);
    expect(destinations('dev/argocd/appproject-acme-dev.yaml')).toEqual(['api']);
    expect(destinations('qa/argocd/appproject-acme-qa.yaml')).toEqual(['kube-api']); // kube-* would admit kube-system
  });
});
