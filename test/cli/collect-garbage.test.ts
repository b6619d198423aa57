import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../lib/cli/collect-garbage';
import { runBin, tempProject } from '../helpers/cli';

describe("the stack worker's garbage collection", () => {
  it('reclaims what nothing references any more, on demand', async () => {
    // GIVEN an object only a weak reference still points at
    const collect = garbageCollector();
    let target: number[] | undefined = Array.from({ length: 10000 }, (_, i) => i);
    const ref = new WeakRef(target);
    target = undefined;
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    // WHEN
    collect();
    // THEN
    expect(ref.deref()).toBeUndefined();
  });

  it('is not visible to stack code, which synthesizes as before', () => {
    // GIVEN stack code that records, while its objects render, whether it can see a gc function
    const dir = tempProject(`import { ApiObject, Lazy } from '@lib/../node_modules/cdk8s';
import { rawPlatform } from '@test/fixtures/raw-platform';
export function buildPlatform() {
  const platform = rawPlatform({ apps: 1, environments: ['dev', 'prod'] });
  for (const env of platform.environments) {
    new ApiObject(env.apps[0], 'probe', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe' },
      data: { gc: Lazy.any({ produce: () => typeof (globalThis as { gc?: unknown }).gc }) } });
  }
  return platform;
}
`);
    // WHEN the real executable synthesizes it (the worker collects garbage after dev, before prod renders)
    const result = runBin(['synth'], dir);
    // THEN both environments' probes saw none
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const env of ['dev', 'prod']) {
      expect(fs.readFileSync(path.join(dir, `dist/${env}/app-0/configmap-probe.yaml`), 'utf8')).toContain('gc: undefined');
    }
  });
});
