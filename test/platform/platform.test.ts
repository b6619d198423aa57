import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Platform, Protection, syncWaves } from '../../lib/platform';
import { manifestsOf } from '../helpers/manifests';
import { NoReconciler, testPlatform } from '../helpers/platform';

const configMap = (scope: ApiObject['node']['scope'] & object, id: string) =>
  new ApiObject(scope as never, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id } });

describe('Platform', () => {
  it('instantiates an app once per environment, in its own namespace', () => {
    // GIVEN
    const platform = new Platform({
      name: 'acme',
      repository: { url: 'https://github.com/acme/platform.git' },
      environments: [
        { name: 'dev', reconciler: new NoReconciler() },
        { name: 'prod', reconciler: new NoReconciler(), protection: Protection.PROTECTED },
      ],
    });
    // WHEN
    platform.addApp('web', (app) => { configMap(app, `settings-${app.environment.envName}`); });
    // THEN
    const objects = manifestsOf(platform);
    expect(objects.map((o) => [o.metadata.name, o.metadata.namespace])).toEqual([
      ['settings-dev', 'dev-web'],
      ['settings-prod', 'prod-web'],
    ]);
    expect(objects[0].metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'acme', 'gitplane.dev/environment': 'dev' });
    expect(platform.environment('prod').isProtected).toBe(true);
  });

  it('applies environment overrides over app defaults', () => {
    // GIVEN
    const platform = testPlatform({ apps: { web: { replicas: 5 } } });
    const seen: unknown[] = [];
    // WHEN
    platform.addApp('web', (app) => { seen.push(app.settings.replicas, app.settings.imageTag); }, { defaults: { replicas: 2, imageTag: '1.0.0' } });
    // THEN
    expect(seen).toEqual([5, '1.0.0']);
  });

  it('derives sync waves from dependsOn and cross-app construct dependencies', () => {
    // GIVEN
    const platform = testPlatform();
    platform.addApp('db', (app) => { configMap(app, 'db'); });
    platform.addApp('api', (app) => { configMap(app, 'api'); }, { dependsOn: ['db'] });
    platform.addApp('web', (app) => { configMap(app, 'web').node.addDependency(app.app('api')); });
    platform.addApp('docs', (app) => { configMap(app, 'docs'); });
    // WHEN
    const waves = syncWaves(platform.environment('test'));
    // THEN
    expect(Object.fromEntries([...waves].map(([app, wave]) => [app.appName, wave]))).toEqual({ api: 1, db: 0, docs: 0, web: 2 });
  });

  it('fails if apps depend on each other in a cycle', () => {
    const platform = testPlatform();
    platform.addApp('a', (app) => { configMap(app, 'a'); });
    platform.addApp('b', (app) => { app.node.addDependency(app.app('a')); app.app('a').node.addDependency(app); });
    expect(() => syncWaves(platform.environment('test'))).toThrow(/apps depend on each other in a cycle: a -> b -> a|b -> a -> b/);
  });

  it('fails if an environment overrides an app that does not exist', () => {
    const platform = testPlatform({ apps: { wbe: { replicas: 2 } } });
    platform.addApp('web', () => undefined);
    expect(() => manifestsOf(platform)).toThrow("[test] 'apps' overrides app 'wbe', which the platform does not define (defined: web)");
  });

  it('fails if an override is never read by the app', () => {
    const platform = testPlatform({ apps: { web: { replicas: 3 } } });
    platform.addApp('web', () => undefined);
    expect(() => manifestsOf(platform)).toThrow("[test/web] environment 'test' overrides 'replicas' but the app never reads app.settings.replicas");
  });

  it('fails if settings are invalid, listing every problem', () => {
    expect(() => testPlatform({ apps: { web: { replicas: -1, imageTag: 'latest', hosts: ['Not A Host'] } } }))
      .toThrow(/'replicas' \(-1\) must be a whole number.*'imageTag' must not be "latest".*'hosts\[0\]' \("Not A Host"\) must be a DNS name/);
  });

  it('fails if names are not DNS labels', () => {
    expect(() => testPlatform({ name: 'Prod_1' })).toThrow(/'name' \("Prod_1"\) must be a DNS label/);
    const platform = testPlatform();
    expect(() => platform.addApp('Web', () => undefined)).toThrow(/\[<platform>\/apps\/Web\] 'app name' \("Web"\) must be a DNS label/);
  });

  it('fails if dependsOn names an app that is not added yet', () => {
    const platform = testPlatform();
    expect(() => platform.addApp('web', () => undefined, { dependsOn: ['api'] })).toThrow(/'dependsOn' names app 'api', which is not added yet/);
  });

  it('fails if an image is requested without a tag', () => {
    const platform = testPlatform();
    expect(() => platform.addApp('web', (app) => { app.image('ghcr.io/acme/web'); }))
      .toThrow("[test/web] no 'imageTag' is set for app 'web' in environment 'test'. Fix: set defaults.imageTag in platform.addApp or apps.web.imageTag in the environment");
  });
});

describe('dependencies between constructs of one app', () => {
  it('fails if they form a cycle, naming it', () => {
    // GIVEN two and three constructs that depend on each other in a circle
    const cases: [string[], string][] = [
      [['web', 'worker'], 'web -> worker -> web'],
      [['a', 'b', 'c'], 'a -> b -> c -> a'],
    ];
    for (const [ids, cycle] of cases) {
      const platform = testPlatform();
      platform.addApp('app', (app) => {
        const objects = ids.map((id) => configMap(app, id));
        objects.forEach((object, i) => object.node.addDependency(objects[(i + 1) % objects.length]));
      });
      // WHEN / THEN
      expect(() => manifestsOf(platform)).toThrow(`[test/app] constructs of app 'app' depend on each other in a cycle: ${cycle}. Fix: remove one of the dependencies`);
    }
  });

  it('accepts dependencies without a cycle, also across nesting', () => {
    const platform = testPlatform();
    platform.addApp('app', (app) => {
      const [a, b, c] = ['a', 'b', 'c'].map((id) => configMap(app, id));
      a.node.addDependency(b, c);
      b.node.addDependency(c);
    });
    expect(manifestsOf(platform)).toHaveLength(3);
  });
});
