import { describe, expect, it } from 'vitest';
import { AdmissionPolicies, kyvernoExportable, rulesForProfile, allRules } from '../../lib/policy';
import { Protection } from '../../lib/platform';
import { manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';

describe('AdmissionPolicies', () => {
  it("exports the environment's profile as cluster-scoped Kyverno ClusterPolicies", () => {
    // GIVEN a protected environment (profile prod)
    const platform = testPlatform({ protection: Protection.PROTECTED });
    // WHEN
    platform.addApp('policies', (app) => { new AdmissionPolicies(app, 'kyverno'); });
    // THEN
    const objects = manifestsOf(platform);
    const expected = kyvernoExportable(rulesForProfile(allRules, 'prod')).map((r) => r.id);
    expect(objects.map((o) => o.metadata.labels?.['gitplane.dev/rule-id'])).toEqual(expected);
    for (const policy of objects) {
      expect(policy).toMatchObject({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy' });
      expect(policy.metadata.namespace).toBeUndefined();
    }
  });

  it('takes a profile and a failure action', () => {
    const platform = testPlatform();
    platform.addApp('policies', (app) => { new AdmissionPolicies(app, 'kyverno', { profile: 'baseline', failureAction: 'Audit' }); });
    const objects = manifestsOf(platform);
    expect(objects.length).toBe(kyvernoExportable(rulesForProfile(allRules, 'baseline')).length);
    expect(objects.length).toBeLessThan(kyvernoExportable(rulesForProfile(allRules, 'restricted')).length);
    const actions = objects.flatMap((o) => ((o.spec as { rules: { validate: { failureAction: string } }[] }).rules).map((r) => r.validate.failureAction));
    expect(new Set(actions)).toEqual(new Set(['Audit']));
  });
});
