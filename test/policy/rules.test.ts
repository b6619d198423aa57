import { describe, expect, it } from 'vitest';
import { objectRef } from '../../lib/core/manifest';
import { allRules, evaluate } from '../../lib/policy';
import { ALL_CASES } from './cases';
import { ackCdnSet, ackQueue, pod, pvc, webApp, xpCdnSet, xpQueue } from './fixtures';

/** Runs one rule alone (under `prod`, which includes every rule) on a set of objects. */
function run(rule: string, objects: readonly unknown[]) {
  return evaluate(objects.map((object) => ({ object: object as never, file: 'fixture.yaml' })), { profile: 'prod', only: [rule] });
}

describe('rule fixtures', () => {
  it('cover every rule with at least one passing and two failing sets', () => {
    const covered = new Map(ALL_CASES.map((c) => [c.rule, c]));
    const missing = allRules.filter((rule) => {
      const cases = covered.get(rule.id);
      return !cases || cases.pass.length < 1 || cases.fail.length < 2;
    });
    expect(missing.map((rule) => rule.id)).toEqual([]);
    expect([...covered.keys()].filter((id) => !allRules.some((rule) => rule.id === id))).toEqual([]);
  });

  describe.each(ALL_CASES.map((c) => [c.rule, c] as const))('%s', (ruleId, cases) => {
    it.each(cases.pass.map((objects, index) => [index, objects] as const))('passes set %i', (_index, objects) => {
      // WHEN
      const report = run(ruleId, objects);
      // THEN
      expect(report.findings).toEqual([]);
    });

    it.each(cases.fail.map((c, index) => [index, c] as const))('fails set %i', (_index, { objects, path }) => {
      // WHEN
      const report = run(ruleId, objects);
      const subject = objectRef(objects[0]);
      const own = report.findings.filter((f) => f.object === subject);
      // THEN
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((f) => f.ruleId === ruleId)).toBe(true);
      expect(own.map((f) => f.path)).toContain(path);
      for (const finding of own) {
        expect(finding.message).not.toMatch(/[\r\n]/);
        expect(finding.message.length).toBeGreaterThan(20);
        expect(finding.file).toBe('fixture.yaml');
      }
      expect(report.hasErrors(true)).toBe(true);
    });
  });
});

describe('compliant fixtures', () => {
  it.each([
    ['pod', [pod()]],
    ['web app', webApp()],
    ['crossplane cdn', xpCdnSet()],
    ['ack cdn', ackCdnSet()],
    ['queues and claims', [xpQueue(), ackQueue(), pvc()]],
  ] as const)('%s passes every rule of the prod profile', (_name, objects) => {
    const report = evaluate(objects.map((object) => ({ object })), { profile: 'prod' });
    expect(report.findings).toEqual([]);
  });
});

describe('rule metadata', () => {
  it('has unique, stable-looking ids and one-line texts', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of allRules) {
      expect(rule.id).toMatch(/^(PSS-[BR]-\d{3}|K8S-\d{3}|AVL-\d{3}|AWS-(S3|CF|SQS|IAM)-\d{3}|DEL-\d{3}|POL-\d{3})$/);
      for (const text of [rule.title, rule.rationale, rule.fix]) expect(text).not.toMatch(/\n/);
      expect(rule.profiles.length).toBeGreaterThan(0);
      for (const mirror of rule.mirrors) expect(mirror).toMatch(/^(pss|kyverno|kube-linter|checkov|aws-securityhub|pluto):\S+$/);
    }
  });

  it('has at least 30 rules', () => {
    expect(allRules.length).toBeGreaterThanOrEqual(30);
  });
});
