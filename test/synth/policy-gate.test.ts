import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Policy } from '../../lib/policy';
import { PolicyProfile, Protection } from '../../lib/platform';
import { PolicyViolationError, StrictWarningsError, synthesize } from '../../lib/synth';
import { Warnings } from '../../lib/core/warnings';
import { restrictedPodSpec } from '../fixtures/pod-spec';
import { testPlatform } from '../helpers/platform';

/** A pod that runs as root (restricted rule PSS-R-001) but breaks no baseline rule. */
function rootPod(policy?: PolicyProfile, waive = false) {
  const platform = testPlatform({ policy });
  platform.addApp('batch', (app) => {
    const pod = new ApiObject(app, 'pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod' },
      spec: restrictedPodSpec(),
    });
    if (waive) Policy.of(pod).waive('PSS-R-001', 'the image needs root to bind a raw socket');
  });
  return platform;
}

describe('policy at synth', () => {
  it('blocks a restricted violation in the default profile, naming rule, construct, object and field', () => {
    // GIVEN / WHEN
    const error = (() => { try { synthesize(rootPod()); return undefined; } catch (e) { return e; } })();
    // THEN
    expect(error).toBeInstanceOf(PolicyViolationError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe(`[test/batch/pod] PSS-R-001 Pod/test-batch/pod .spec.containers[0].securityContext.runAsNonRoot: container "main" does not set 'runAsNonRoot'; set it to true on the pod or the container`);
    expect(lines[lines.length - 1]).toMatch(/^policy: \d+ finding\(s\) block synth; nothing was written\. Fix: fix each finding above, or waive one with Policy\.of/);
  });

  it("follows the environment's profile: baseline lets the same pod through", () => {
    const { policy } = synthesize(rootPod('baseline'));
    expect(policy.counts.errors).toBe(0);
  });

  it('uses the prod profile in protected environments', () => {
    expect(testPlatform({ protection: Protection.PROTECTED }).environment('test').policy).toBe('prod');
    expect(testPlatform().environment('test').policy).toBe('restricted');
  });

  it('lets a waived finding through, annotated for reviewers and listed as waived', () => {
    // GIVEN / WHEN
    const { policy, files } = synthesize(rootPod(undefined, true));
    // THEN
    expect(policy.findings.filter((f) => f.ruleId === 'PSS-R-001').map((f) => f.waived)).toEqual([{ reason: 'the image needs root to bind a raw socket' }]);
    expect(files.get('test/batch/pod-pod.yaml')).toContain(`gitplane.dev/waivers: '{"PSS-R-001":"the image needs root to bind a raw socket"}'`);
  });

  it('fails on warnings only with strict', () => {
    // GIVEN a pod whose only finding is a warning (an image without a digest)
    const platform = () => {
      const p = testPlatform();
      p.addApp('batch', (app) => {
        new ApiObject(app, 'pod', {
          apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' },
          spec: {
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'main', image: 'ghcr.io/acme/tool:1.0.0',
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            }],
          },
        });
      });
      return p;
    };
    // WHEN / THEN
    expect(synthesize(platform()).policy.counts).toMatchObject({ errors: 0, warnings: 1 });
    expect(() => synthesize(platform(), { strict: true })).toThrow(/K8S-003 Pod\/test-batch\/pod/);
  });
});

describe('strict synthesis in the library', () => {
  /** A construct warning (GP-W-TEST) on a ConfigMap, acknowledged or not. */
  function warned(acknowledge: boolean) {
    const platform = testPlatform();
    platform.addApp('web', (app) => {
      const config = new ApiObject(app, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { a: 'b' } });
      Warnings.of(config).add('GP-W-TEST', 'something to look at');
      if (acknowledge) Warnings.of(config).acknowledge('GP-W-TEST', 'looked at it');
    });
    return platform;
  }

  it('fails on an unacknowledged warning with strict, as the CLI --strict does', () => {
    const error = (() => { try { synthesize(warned(false), { strict: true }); } catch (e) { return e as Error; } return undefined; })();
    expect(error).toBeInstanceOf(StrictWarningsError);
    expect(error?.message).toMatch(/^1 unacknowledged warning\(s\) with --strict; nothing was written\. Fix: /);
    expect((error as StrictWarningsError).warnings.map((w) => `${w.id} ${w.constructPath}`)).toEqual(['GP-W-TEST test/web/config']);
  });

  it('passes an acknowledged warning with strict, and any warning without it', () => {
    expect(synthesize(warned(true), { strict: true }).warnings).toHaveLength(1);
    expect(synthesize(warned(false)).warnings).toHaveLength(1);
  });
});
