import { ApiObject } from 'cdk8s';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { realisticPlatform } from '../../bench/realistic-platform';
import { ExternalSecret, SecretStore, SecretValue, WebService } from '../../lib/constructs';
import { Platform } from '../../lib/platform';
import { collectObjects } from '../../lib/synth';

/**
 * Rendering an object (`toJson()`) is most of a synth's cost. Each phase renders an object at most
 * once however many readers need it: sync waves (references), a NetworkPolicy (its workload's ports),
 * the reconcilers (HPAs and their targets), a pod template's hash (its secrets' specs) and collect.
 */

/** A platform with every reader: both reconcilers, per-workload NetworkPolicies, HPAs, cloud objects, a secret read by a workload. */
function platformWithEveryReader(): Platform {
  const platform = realisticPlatform({ apps: 12 });
  platform.addApp('secrets-user', (app) => {
    const api = new WebService(app, 'api', { image: app.image('ghcr.io/acme/api'), autoscaling: { minReplicas: 2, maxReplicas: 4 } });
    new ExternalSecret(app, 'db', { store: SecretStore.cluster('aws'), data: { password: SecretValue.fromSecretsManager('prod/db') } })
      .exposeAsEnv(api, { DB_PASSWORD: 'password' });
  }, { defaults: { imageTag: '1.0.0' } });
  return platform;
}

/** How often each object was rendered while `run` ran. */
function rendersDuring(run: () => void): Map<ApiObject, number> {
  const spy = vi.spyOn(ApiObject.prototype, 'toJson');
  try {
    run();
    const counts = new Map<ApiObject, number>();
    for (const object of spy.mock.contexts as ApiObject[]) counts.set(object, (counts.get(object) ?? 0) + 1);
    return counts;
  } finally {
    spy.mockRestore();
  }
}

const renderedMoreThanOnce = (counts: Map<ApiObject, number>) =>
  [...counts].filter(([, n]) => n > 1).map(([object, n]) => `${object.node.path}: ${n}`);

afterEach(() => vi.restoreAllMocks());

describe('rendering objects during synth', () => {
  it('renders each object at most once while the reconcilers read the apps', () => {
    // GIVEN
    const platform = platformWithEveryReader();
    // WHEN
    const renders = rendersDuring(() => platform.prepare());
    // THEN
    expect(renders.size).toBeGreaterThan(100); // sync waves and HPA targets do read rendered objects
    expect(renderedMoreThanOnce(renders)).toEqual([]);
  });

  it('renders each object exactly once while collecting', () => {
    // GIVEN a prepared platform
    const platform = platformWithEveryReader();
    platform.prepare();
    // WHEN
    let collected: ApiObject[] = [];
    const renders = rendersDuring(() => {
      const objects = new Set(collectObjects(platform).map((o) => o.constructPath));
      collected = platform.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && objects.has(c.node.path));
    });
    // THEN every object collected was rendered, and none twice (a NetworkPolicy reads its workload's ports)
    expect(collected.length).toBeGreaterThan(100);
    expect(collected.filter((object) => !renders.has(object))).toEqual([]);
    expect(renderedMoreThanOnce(renders)).toEqual([]);
  });
});
