import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/core/errors';
import {
  allRules, checkManifests, DEFAULT_PROFILE, evaluate, formatJson, formatText, parseProfile, PolicyItem, profileByEnvironment, rulesForProfile, WAIVERS_ANNOTATION,
} from '../../lib/policy';
import { ackDistribution, ackOac, configMap, deployment, edit, pdb, pod, service, xpBucket } from './fixtures';

const ids = (profile: 'baseline' | 'restricted' | 'prod') => rulesForProfile(allRules, profile).map((rule) => rule.id);

describe('profiles', () => {
  it('nest: baseline within restricted within prod', () => {
    expect(ids('restricted')).toEqual(expect.arrayContaining(ids('baseline')));
    expect(ids('prod')).toEqual(expect.arrayContaining(ids('restricted')));
    expect(ids('prod')).toEqual(allRules.map((rule) => rule.id));
  });

  it('put Pod Security baseline in baseline, restricted controls from restricted, availability and deletion only in prod', () => {
    expect(ids('baseline').filter((id) => id.startsWith('PSS-R-'))).toEqual([]);
    expect(ids('baseline')).toEqual(expect.arrayContaining(['PSS-B-001', 'PSS-B-010', 'K8S-016', 'AWS-S3-001', 'AWS-S3-002', 'AWS-SQS-002']));
    expect(ids('restricted')).toEqual(expect.arrayContaining(['PSS-R-001', 'K8S-001', 'AWS-CF-005']));
    expect(ids('restricted').filter((id) => /^(AVL|DEL)-/.test(id))).toEqual([]);
    expect(ids('prod')).toEqual(expect.arrayContaining(['AVL-001', 'AVL-002', 'AVL-003', 'DEL-001', 'DEL-002', 'DEL-003']));
  });

  it('default to restricted', () => {
    expect(DEFAULT_PROFILE).toBe('restricted');
  });

  it('select the profile per environment', () => {
    // GIVEN a single-replica Deployment in dev and in prod
    const single = deployment((d) => { d.spec.replicas = 1; });
    const items: PolicyItem[] = [{ object: single, environment: 'dev' }, { object: single, environment: 'prod' }];
    // WHEN
    const report = evaluate(items, { profile: profileByEnvironment({ prod: 'prod' }), only: ['AVL-001'] });
    // THEN only the prod copy is held to the prod rules
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].ruleId).toBe('AVL-001');
  });

  it('baseline lets a hardening gap through that restricted reports', () => {
    const object = pod((p) => { delete p.spec.containers[0].securityContext.runAsNonRoot; delete p.spec.securityContext.runAsNonRoot; });
    expect(evaluate([{ object }], { profile: 'baseline' }).findings).toEqual([]);
    expect(evaluate([{ object }], { profile: 'restricted' }).findings.map((f) => f.ruleId)).toEqual(['PSS-R-001']);
  });

  it('fails if the profile name is unknown', () => {
    expect(() => parseProfile('strict')).toThrow(UsageError);
    expect(() => parseProfile('strict')).toThrow('--profile "strict" is not a policy profile. Fix: use one of baseline, restricted, prod');
  });
});

describe('evaluate', () => {
  it('names rule, construct path, file, object and field of each finding', () => {
    const object = pod((p) => { p.spec.containers[0].securityContext.privileged = true; });
    const report = evaluate([{ object, constructPath: 'prod/web/api/Resource', file: 'dist/prod/web/pod-api.yaml' }], { profile: 'baseline' });
    expect(report.findings).toEqual([{
      ruleId: 'PSS-B-001',
      severity: 'error',
      title: 'Containers must not be privileged',
      message: `container "app" sets 'securityContext.privileged' to true; remove it or set it to false`,
      constructPath: 'prod/web/api/Resource',
      file: 'dist/prod/web/pod-api.yaml',
      object: 'Pod/web/api',
      path: '.spec.containers[0].securityContext.privileged',
    }]);
  });

  it('fails on warnings only with strict', () => {
    const object = pod((p) => { p.spec.containers[0].image = 'ghcr.io/acme/app:1.4.2'; });
    const report = evaluate([{ object }], { profile: 'restricted' });
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['K8S-003', 'warn']]);
    expect(report.counts).toEqual({ errors: 0, warnings: 1, waived: 0, total: 1 });
    expect(report.hasErrors()).toBe(false);
    expect(report.hasErrors(true)).toBe(true);
  });

  it('honours waiver annotations on plain manifests', () => {
    const object = edit(pod((p) => { p.spec.containers[0].image = 'ghcr.io/acme/app:1.4.2'; }), (p) => {
      p.metadata.annotations = { [WAIVERS_ANNOTATION]: JSON.stringify({ 'K8S-003': 'digest pinned by the release pipeline' }) };
    });
    const report = evaluate([{ object }], { profile: 'restricted' });
    expect(report.findings[0].waived).toEqual({ reason: 'digest pinned by the release pipeline' });
    expect(report.hasErrors(true)).toBe(false);
  });

  it('checks objects from any source, including raw custom kinds, and skips non-objects', () => {
    const report = evaluate([{ object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } }, { object: null as never }], { profile: 'prod' });
    expect(report.findings).toEqual([]);
    expect(report.checked).toBe(1);
  });

  it('fails if --only names an unknown rule', () => {
    expect(() => evaluate([], { profile: 'prod', only: ['K8S-404'] })).toThrow('unknown policy rule id "K8S-404". Fix: run \'gitplane policy list\' for the ids');
  });

  it('relates thousands of objects across kinds (services, budgets, config maps)', () => {
    // GIVEN 1500 apps of four objects each, all in one namespace
    const items: PolicyItem[] = [];
    for (let i = 0; i < 1500; i++) {
      const name = `app${i}`;
      const app = deployment((d) => { d.spec.template.spec.volumes.push({ name: 'cfg', configMap: { name } }); }, name);
      items.push({ object: app }, { object: service(undefined, name) }, { object: pdb(undefined, name) }, { object: configMap(name) });
    }
    // WHEN
    const report = evaluate(items, { profile: 'prod' });
    // THEN (its speed is measured by npm run bench, where synth runs the engine on 11,000 objects)
    expect(report.findings).toEqual([]);
    expect(report.checked).toBe(6000);
  }, 30_000);

  it('is deterministic: findings in input order, then rule order', () => {
    const items = [
      { object: service((s) => { s.spec.type = 'NodePort'; }) },
      { object: pod((p) => { p.spec.hostNetwork = true; p.metadata.namespace = 'default'; }) },
    ];
    const first = evaluate(items, { profile: 'restricted' }).findings.map((f) => `${f.object} ${f.ruleId}`);
    expect(first).toEqual(['Service/web/api K8S-008', 'Service/web/api K8S-012', 'Pod/default/api PSS-B-002', 'Pod/default/api K8S-007']);
    expect(evaluate(items, { profile: 'restricted' }).findings.map((f) => `${f.object} ${f.ruleId}`)).toEqual(first);
  });
});

describe('checkManifests', () => {
  it('adds secret scanner findings to the policy findings of the same object', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2-but-much-longer-Zx81' } };
    const report = checkManifests([{ object: secret, file: 'secret.yaml' }], { profile: 'restricted' });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.ruleId.startsWith('SEC-'))).toBe(true);
    expect(checkManifests([{ object: secret }], { profile: 'restricted', secrets: false }).findings).toEqual([]);
  });
});

describe('formatters', () => {
  const report = () => evaluate([
    { object: pod((p) => { p.spec.hostNetwork = true; }), constructPath: 'prod/web/api/Resource', file: 'dist/prod/web/pod-api.yaml' },
    {
      object: edit(xpBucket((b) => { b.spec.deletionPolicy = 'Delete'; }), (b) => { b.metadata.annotations[WAIVERS_ANNOTATION] = '{"DEL-001":"scratch bucket, recreated on demand"}'; }),
      constructPath: 'prod/web/assets/Resource', file: 'dist/prod/web/bucket-assets.yaml',
    },
  ], { profile: 'prod', only: ['PSS-B-002', 'DEL-001'] });

  it('groups text by construct path and shows waivers', () => {
    expect(formatText(report(), { color: false })).toBe([
      'prod/web/api/Resource (dist/prod/web/pod-api.yaml)',
      '  error  PSS-B-002 Pod/web/api .spec.hostNetwork',
      "         'hostNetwork' is true; remove it or set it to false",
      '',
      'prod/web/assets/Resource (dist/prod/web/bucket-assets.yaml)',
      '  waived DEL-001 Bucket/assets .spec.deletionPolicy',
      '         Bucket "assets" has deletionPolicy "Delete", so deleting the claim deletes the resource; set it to "Orphan"',
      '         waived: scratch bucket, recreated on demand',
      '',
      '1 error, 0 warnings, 1 waived (2 objects checked)',
      '',
    ].join('\n'));
  });

  it('groups by file when asked and colors only when asked', () => {
    const text = formatText(report(), { color: false, groupBy: 'file' });
    expect(text.split('\n')[0]).toBe('dist/prod/web/pod-api.yaml');
    expect(text).not.toMatch(/\u001b\[/);
    expect(formatText(report(), { color: true })).toMatch(/\u001b\[31merror \u001b\[0m/);
  });

  it('renders JSON with counts and findings', () => {
    const json = JSON.parse(formatJson(report(), { profile: 'prod' }));
    expect(json.profile).toBe('prod');
    expect(json.counts).toEqual({ errors: 1, warnings: 0, waived: 1, total: 2 });
    expect(json.findings[1]).toMatchObject({ ruleId: 'DEL-001', waived: { reason: 'scratch bucket, recreated on demand' } });
  });

  it('says so when nothing is found', () => {
    expect(formatText(evaluate([{ object: pod() }], { profile: 'prod' }), { color: false })).toBe('No policy findings (1 object checked)\n');
  });
});

describe('duplicates', () => {
  it('reports a pod-level field once even when several containers inherit it', () => {
    const object = pod((p) => {
      p.spec.securityContext.seccompProfile = { type: 'Unconfined' };
      p.spec.containers.push({ ...p.spec.containers[0], name: 'sidecar' });
    });
    const report = evaluate([{ object }], { profile: 'restricted', only: ['PSS-R-004'] });
    expect(report.findings.map((f) => f.path)).toEqual(['.spec.securityContext.seccompProfile.type']);
  });
});

describe('AWS-CF-005 with ACK', () => {
  it('tells to copy the id of the declared OriginAccessControl, since ACK origins cannot reference it', () => {
    const distribution = ackDistribution((d) => { delete d.spec.distributionConfig.origins.items[0].originAccessControlID; });
    const report = evaluate([{ object: distribution }, { object: ackOac() }], { profile: 'restricted', only: ['AWS-CF-005'] });
    expect(report.findings.map((f) => f.message)).toEqual([
      'S3 origin "assets" has no Origin Access Control; set originAccessControlID to the id AWS assigned to OriginAccessControl "assets-oac" (its status.id once ACK has created it)',
    ]);
  });
});
