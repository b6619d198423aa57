import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AppChart, Platform } from '../../lib/platform';
import { messageOf } from '../helpers/errors';
import { manifestsOf } from '../helpers/manifests';
import { NoReconciler } from '../helpers/platform';

/** Two environments, so per-environment overrides can be told apart. */
function twoEnvironments(apps: Record<string, object> = {}): Platform {
  return new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [
      { name: 'dev', reconciler: new NoReconciler(), apps: apps as never },
      { name: 'prod', reconciler: new NoReconciler() },
    ],
  });
}

interface CdnSettings {
  readonly cdnHost: string;
  readonly certificateArn?: string;
  readonly wafIds: string[];
}

describe('typed app settings', () => {
  it('gives every environment the defaults of the app\'s own shape with its overrides applied', () => {
    // GIVEN
    const platform = twoEnvironments();
    const seen: Record<string, unknown> = {};
    // WHEN
    platform.addApp('media', (app) => {
      seen[app.environment.envName] = { host: app.settings.cdnHost, waf: app.settings.wafIds, replicas: app.settings.replicas };
    }, {
      defaults: { cdnHost: 'media.acme.example', wafIds: ['waf-prod'], replicas: 3 },
      environments: { dev: { cdnHost: 'media.dev.acme.example', wafIds: [], replicas: 1 } },
    });
    // THEN
    expect(seen).toEqual({
      dev: { host: 'media.dev.acme.example', waf: [], replicas: 1 },
      prod: { host: 'media.acme.example', waf: ['waf-prod'], replicas: 3 },
    });
  });

  it('type-checks overrides against the defaults (wrong keys and types are compile errors)', () => {
    const platform = twoEnvironments();
    const build = (app: AppChart<CdnSettings>): string => app.settings.cdnHost;
    platform.addApp('ok', build, { defaults: { cdnHost: 'a.example', wafIds: [] }, environments: { dev: { cdnHost: 'b.example' } } });
    // The lines below must not compile: `npm test` runs tsc first, which fails on an unused @ts-expect-error.
    // @ts-expect-error a key the app does not have
    expect(() => platform.addApp('typo', build, { defaults: { cdnHost: 'a.example', wafIds: [] }, environments: { dev: { cdnHots: 'b' } } })).toThrow();
    // @ts-expect-error a value of the wrong type
    expect(() => platform.addApp('kind', build, { defaults: { cdnHost: 'a.example', wafIds: [] }, environments: { dev: { wafIds: 'waf-1' } } })).toThrow();
  });

  it('fails at runtime (stacks run without type-checking) on an unknown override, naming the nearest setting', () => {
    const platform = twoEnvironments();
    const message = messageOf(() => platform.addApp('media', (app) => { void app.settings.cdnHost; },
      { defaults: { cdnHost: 'a.example' }, environments: { dev: { cdnHots: 'b.example' } as never } }));
    expect(message).toBe("[dev/media] overrides for app 'media' in environment 'dev': unknown setting 'cdnHots'; did you mean 'cdnHost'? " +
      "Fix: override only settings that app 'media' has in its defaults, with values of the same kind");
  });

  it('fails at runtime on an override whose kind differs from the default', () => {
    const platform = twoEnvironments();
    const cases: [object, string][] = [
      [{ wafIds: 'waf-1' }, "'wafIds' is a string but the app's default is a list"],
      [{ cdnHost: 42 }, "'cdnHost' is a number but the app's default is a string"],
      [{ alias: 'x.example' }, "'alias' is a string but the app's default is an object"],
      [{ enabled: 'yes' }, "'enabled' is a string but the app's default is a boolean"],
    ];
    cases.forEach(([override, expected], i) => {
      const run = () => platform.addApp(`app-${i}`, () => undefined,
        { defaults: { wafIds: [], cdnHost: 'a', alias: { host: 'y' }, enabled: true }, environments: { dev: override as never } });
      expect(messageOf(run)).toContain(expected);
    });
  });

  it('fails if an override of an app setting is never read, as for the common settings', () => {
    const platform = twoEnvironments();
    platform.addApp('media', () => undefined, { defaults: { cdnHost: 'a.example' }, environments: { prod: { cdnHost: 'b.example' } } });
    expect(messageOf(() => manifestsOf(platform))).toContain("[prod/media] environment 'prod' overrides 'cdnHost' but the app never reads app.settings.cdnHost");
  });

  it('fails if addApp names an environment that does not exist', () => {
    const platform = twoEnvironments();
    expect(messageOf(() => platform.addApp('media', () => undefined, { defaults: { replicas: 1 }, environments: { prdo: { replicas: 2 } } })))
      .toContain("'environments' names environment 'prdo', which is not defined; did you mean 'prod'? (defined: dev, prod)");
  });

  it('fails if an environment and addApp both override the same setting', () => {
    const platform = twoEnvironments({ web: { replicas: 2 } });
    expect(messageOf(() => platform.addApp('web', (app) => { void app.settings.replicas; }, { environments: { dev: { replicas: 3 } } })))
      .toContain("'replicas' is set both in addApp's 'environments' and in the environment's 'apps'; keep one");
  });

  it('keeps validating the common settings wherever they are set', () => {
    const platform = twoEnvironments();
    expect(messageOf(() => platform.addApp('web', () => undefined, { environments: { dev: { replicas: -1, imageTag: 'latest' } } })))
      .toMatch(/'replicas' \(-1\) must be a whole number.*'imageTag' must not be "latest"/);
    // An environment's own 'apps' overrides hold only the common settings, so a typo there is caught at once.
    expect(messageOf(() => twoEnvironments({ web: { replica: 2 } })))
      .toContain("overrides for app 'web': unknown setting 'replica'; did you mean 'replicas'?");
  });
});

describe('named images', () => {
  const digest = `sha256:${'a'.repeat(64)}`;

  it('gives each workload its own tag and digest per environment, beside the app\'s main image', () => {
    // GIVEN an app with a main image and a cron job image, prod pinning the cron job by digest
    const platform = twoEnvironments();
    const images: string[] = [];
    // WHEN
    platform.addApp('api', (app) => {
      images.push(app.image('ghcr.io/acme/api'), app.image('ghcr.io/acme/cleanup', { name: 'cleanup' }));
    }, {
      defaults: { imageTag: '2.0.0', images: { cleanup: { tag: '1.0.0' }, report: { tag: '0.1.0' } } },
      environments: { prod: { images: { cleanup: { tag: '0.9.0', digest } } } },
    });
    // THEN the override replaces one image, the others keep their defaults
    expect(images).toEqual([
      'ghcr.io/acme/api:2.0.0', 'ghcr.io/acme/cleanup:1.0.0',
      'ghcr.io/acme/api:2.0.0', `ghcr.io/acme/cleanup:0.9.0@${digest}`,
    ]);
  });

  it('fails if a named image is not set, naming the nearest image', () => {
    const platform = twoEnvironments();
    expect(messageOf(() => platform.addApp('api', (app) => { app.image('ghcr.io/acme/cleanup', { name: 'claenup' }); }, { defaults: { images: { cleanup: { tag: '1.0.0' } } } })))
      .toBe("[dev/api] no image 'claenup' in app.settings.images of app 'api' in environment 'dev' (images: cleanup); did you mean 'cleanup'? " +
        'Fix: set defaults.images["claenup"] = { tag: \'1.2.3\' } in platform.addApp("api", ...), or override it per environment');
    expect(messageOf(() => twoEnvironments().addApp('api', (app) => { app.image('ghcr.io/acme/x', { name: 'x' }); }, { defaults: { images: { x: { digest } } } })))
      .toContain("image 'x' of app 'api' in environment 'dev' has no 'tag'");
  });

  it('fails if an image override is never read, and on invalid tags and digests', () => {
    const platform = twoEnvironments();
    platform.addApp('api', (app) => { new ApiObject(app, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { image: app.image('ghcr.io/acme/api') } }); },
      { defaults: { imageTag: '1.0.0', images: { cleanup: { tag: '1.0.0' } } }, environments: { prod: { images: { cleanup: { tag: '1.0.1' } } } } });
    expect(messageOf(() => manifestsOf(platform))).toContain("environment 'prod' overrides 'images.cleanup' but the app never reads app.settings.images.cleanup");
    expect(messageOf(() => twoEnvironments().addApp('api', () => undefined, { defaults: { images: { cleanup: { tag: 'latest', digest: 'sha256:zz', tga: '1' } as never } } })))
      .toMatch(/unknown setting 'images.cleanup.tga'.*'images.cleanup.tag' must not be "latest".*'images.cleanup.digest' \("sha256:zz"\) must look like/);
  });
});

describe('common settings of the wrong kind (untyped stack code)', () => {
  it('are reported, not crashed on', () => {
    const cases: [object, string][] = [
      [{ hosts: 'a.example' }, "'hosts' must be a list (found a string)"],
      [{ replicas: '3' }, "'replicas' must be a number (found a string)"],
      [{ resources: [] }, "'resources' must be an object (found a list)"],
      [{ images: { cleanup: '1.0.0' } }, "'images.cleanup' must be an object such as { tag: '1.2.3' } (found a string)"],
      [{ imageTag: 3 }, "'imageTag' must be a string (found a number)"],
    ];
    for (const [settings, expected] of cases) {
      expect(messageOf(() => twoEnvironments({ web: settings }))).toContain(expected);
      expect(messageOf(() => twoEnvironments().addApp('web', () => undefined, { environments: { prod: settings as never } }))).toContain(expected);
    }
  });
});

describe('reading a setting the app does not have (untyped stack code)', () => {
  it('fails, naming the nearest setting, instead of returning undefined', () => {
    const platform = twoEnvironments();
    const message = messageOf(() => platform.addApp('media', (app) => { void (app.settings as Record<string, unknown>).cdnHots; }, { defaults: { cdnHost: 'a.example' } }));
    expect(message).toBe("app.settings.cdnHots is not a setting of app 'media'; did you mean 'cdnHost'? Fix: read one of its settings, or add 'cdnHots' to the defaults in platform.addApp");
  });

  it('returns undefined for an optional setting (declared undefined in the defaults) and for unset common settings', () => {
    const platform = twoEnvironments();
    const seen: unknown[] = [];
    const defaults: { wafId?: string } = { wafId: undefined };
    platform.addApp('media', (app) => { seen.push(app.settings.wafId, app.settings.replicas, app.settings.images); },
      { defaults, environments: { prod: { wafId: 'waf-1' } } });
    expect(seen).toEqual([undefined, undefined, {}, 'waf-1', undefined, {}]);
  });
});
