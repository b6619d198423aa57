import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AppChart, Platform, syncWaves } from '../../lib/platform';
import { WebService } from '../../lib/constructs';
import { messageOf } from '../helpers/errors';
import { manifestsOf } from '../helpers/manifests';
import { NoReconciler, testPlatform } from '../helpers/platform';

const configMap = (app: AppChart, id: string) => new ApiObject(app, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id } });

function twoEnvironments(): Platform {
  return new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'dev', reconciler: new NoReconciler() }, { name: 'prod', reconciler: new NoReconciler() }],
  });
}

describe('app handles', () => {
  it('give later apps the exports of the same environment, typed, and record the dependency', () => {
    // GIVEN an app exporting an object
    const platform = twoEnvironments();
    const storage = platform.addApp('storage', (app) => ({ queue: configMap(app, 'queue') }));
    // WHEN a later app uses it through the handle
    const used: string[] = [];
    platform.addApp('worker', (app) => {
      const { queue } = storage.in(app); // typed: ApiObject, no cast
      used.push(`${app.environment.envName}:${queue.node.path}`);
    });
    // THEN each environment got its own export, and the worker syncs after storage
    expect(used).toEqual(['dev:dev/storage/queue', 'prod:prod/storage/queue']);
    for (const env of ['dev', 'prod']) {
      const waves = syncWaves(platform.environment(env));
      expect(Object.fromEntries([...waves].map(([app, wave]) => [app.appName, wave]))).toEqual({ storage: 0, worker: 1 });
    }
  });

  it('resolve from any construct inside the consuming app', () => {
    const platform = testPlatform();
    const storage = platform.addApp('storage', (app) => configMap(app, 'queue'));
    platform.addApp('worker', (app) => {
      const inner = configMap(app, 'inner');
      expect(storage.in(inner).node.path).toBe('test/storage/queue');
      expect(app.declaredDependencies).toEqual(['storage']);
    });
  });

  it('fails if the consuming app was added before the exporting app', () => {
    const platform = testPlatform();
    let early: AppChart | undefined;
    platform.addApp('web', (app) => { early = app; });
    const storage = platform.addApp('storage', (app) => configMap(app, 'queue'));
    expect(messageOf(() => storage.in(early!))).toBe("[test/web] app 'web' was added before app 'storage', so it cannot use its exports " +
      "(an app may only depend on apps added before it). Fix: add 'storage' before 'web'");
  });

  it('fails if the consumer belongs to another platform or is not inside an app', () => {
    const first = testPlatform();
    const storage = first.addApp('storage', (app) => configMap(app, 'queue'));
    const second = testPlatform();
    second.addApp('storage', () => undefined);
    second.addApp('web', (app) => {
      expect(messageOf(() => storage.in(app))).toContain("[test/web] app 'storage' belongs to another Platform");
    });
    expect(messageOf(() => storage.in(first.environment('test')))).toContain('this construct must be created inside an app');
  });
});

describe('app handles across environments', () => {
  it('cannot smuggle another environment\'s export into a workload: the consumer refuses it', () => {
    // GIVEN an api in dev and prod
    const platform = twoEnvironments();
    const api = platform.addApp('api', (app) => ({ service: new WebService(app, 'api', { image: 'ghcr.io/acme/api:1.0.0' }) }));
    const charts: Record<string, AppChart> = {};
    // WHEN dev's web connects to the api of prod (taken through prod's chart)
    const message = messageOf(() => platform.addApp('web', (app) => {
      charts[app.environment.envName] = app;
      if (app.environment.envName === 'prod') {
        new WebService(charts.dev, 'web', { image: 'ghcr.io/acme/web:1.0.0' }).connectTo(api.in(app).service);
      }
    }));
    // THEN
    expect(message).toContain("cannot connect to prod/api/api: it is in environment 'prod' and this workload is in 'dev'");
  });
});

describe('construct cycles between workloads', () => {
  it('name the workloads', () => {
    const platform = testPlatform();
    platform.addApp('shop', (app) => {
      const web = new WebService(app, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
      const worker = new WebService(app, 'worker', { image: 'ghcr.io/acme/worker:1.0.0' });
      web.connectTo(worker);
      worker.connectTo(web);
    });
    expect(messageOf(() => manifestsOf(platform))).toContain("constructs of app 'shop' depend on each other in a cycle: web -> worker -> web");
  });
});
