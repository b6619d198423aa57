import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { NamespaceScheme, Platform } from '../../lib/platform';
import {
  compareStrings, DuplicateObjectError, EncodedTree, EncodedTreeData, PolicyViolationError, serializedFiles, synthesize, synthesizeEnvironments,
} from '../../lib/synth';
import { realisticPlatform } from '../../bench/realistic-platform';
import { restrictedPodSpec } from '../fixtures/pod-spec';
import { rawPlatform } from '../fixtures/raw-platform';
import { NoReconciler } from '../helpers/platform';

/** A pod that passes the restricted profile, mounting ConfigMap `configMap`. */
function podMounting(app: Construct, configMap: string): ApiObject {
  return new ApiObject(app, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: restrictedPodSpec({ nonRoot: true, configMap }) });
}

function platformOf(environments: string[], namespaces?: NamespaceScheme): Platform {
  return new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: environments.map((name) => ({ name, reconciler: new NoReconciler(), namespaces })),
  });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('synthesis one environment at a time', () => {
  it('writes every path in code-unit order whatever order the environments are declared in', () => {
    // GIVEN environments declared in an order that is not their paths' ('dev-eu/' sorts before 'dev/')
    const platform = rawPlatform({ environments: ['prod', 'dev', 'dev-eu'] });
    // WHEN
    const { files } = synthesize(platform);
    // THEN the joined tree is sorted, and the encoded tree the CLI's worker builds reads the same
    const paths = [...files.keys()];
    expect(paths).toEqual([...paths].sort(compareStrings));
    expect(paths[0].startsWith('dev-eu/')).toBe(true);
    const segments: EncodedTreeData[] = [];
    const again = rawPlatform({ environments: ['prod', 'dev', 'dev-eu'] });
    synthesizeEnvironments(again, { releaseEnvironments: true, onEnvironment: (e) => segments.push(...EncodedTree.encodeEach(serializedFiles(e.plan))) });
    expect(new EncodedTree(segments).toFileTree()).toEqual(files);
  });

  it('releases each environment once rendered, and only when asked', () => {
    // GIVEN a platform of three environments
    const platform = realisticPlatform({ apps: 12 });
    const reference = synthesize(realisticPlatform({ apps: 12 }));
    const seen: { environment: string; released: boolean[] }[] = [];
    // WHEN it is synthesized with release, noting which environments still hold constructs at each step
    const files = new Map<string, string>();
    synthesizeEnvironments(platform, {
      releaseEnvironments: true,
      onEnvironment: (e) => {
        seen.push({ environment: e.environment, released: platform.environments.map((env) => env.node.children.length === 0 && env.apps.length === 0) });
        for (const [file, text] of serializedFiles(e.plan)) files.set(file, text);
      },
    });
    // THEN each environment was released right after its own rendering, not before, and the output is unchanged
    expect(seen).toEqual([
      { environment: 'dev', released: [true, false, false] },
      { environment: 'staging', released: [true, true, false] },
      { environment: 'prod', released: [true, true, true] },
    ]);
    expect(files).toEqual(reference.files);
    // AND without release (the library's synthesize) the platform stays whole and synthesizes again alike
    const kept = realisticPlatform({ apps: 12 });
    const first = synthesize(kept);
    expect(kept.environments.every((env) => env.apps.length === 12)).toBe(true);
    expect(synthesize(kept).files).toEqual(first.files);
  });

  it("checks cross-object rules within each environment: another environment's ConfigMap does not count", () => {
    // GIVEN apps sharing namespace names across environments (separate clusters), and a pod in dev
    // mounting a ConfigMap that only prod defines
    const platform = platformOf(['dev', 'prod'], NamespaceScheme.custom((_env, app) => app));
    platform.addApp('web', (app) => {
      podMounting(app, 'settings');
      if (app.environment.envName === 'prod') {
        new ApiObject(app, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });
      }
    });
    // WHEN
    const error = thrown(() => synthesize(platform));
    // THEN dev's pod is refused (its cluster has no such ConfigMap) and prod's passes
    expect(error).toBeInstanceOf(PolicyViolationError);
    const blocking = (error as PolicyViolationError).report.findings.filter((f) => f.severity === 'error');
    expect(blocking.map((f) => [f.ruleId, f.constructPath])).toEqual([['K8S-013', 'dev/web/pod']]);
  });

  it('reports the problems of every environment together, in the order a whole synthesis would', () => {
    // GIVEN a duplicate object in dev and in prod, and a policy error in dev
    const platform = platformOf(['dev', 'prod']);
    platform.addApp('web', (app) => {
      new ApiObject(app, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'shared' } });
      new ApiObject(app, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'shared' } });
      if (app.environment.envName === 'dev') podMounting(app, 'missing');
    });
    // WHEN
    const duplicate = thrown(() => synthesize(platform));
    // THEN duplicates come first, listing both environments in one error
    expect(duplicate).toBeInstanceOf(DuplicateObjectError);
    expect((duplicate as Error).message).toContain("in environment 'dev'");
    expect((duplicate as Error).message).toContain("in environment 'prod'");
    // AND policy errors of several environments are one error too
    const policy = platformOf(['dev', 'prod']);
    policy.addApp('web', (app) => { podMounting(app, `missing-${app.environment.envName}`); });
    const violation = thrown(() => synthesize(policy));
    expect(violation).toBeInstanceOf(PolicyViolationError);
    expect((violation as PolicyViolationError).report.findings.filter((f) => f.severity === 'error').map((f) => f.constructPath))
      .toEqual(['dev/web/pod', 'prod/web/pod']);
  });
});
