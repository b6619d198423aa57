import { describe, expect, it } from 'vitest';
import { createValidator } from '../../lib/schema';
import { escapePropertyName, toCelValue } from '../../lib/schema/cel-rules';
import { queue, upboundLikeCrd, writeYaml } from './fixtures';

const validator = createValidator({ schemaDirs: [writeYaml('queues.yaml', [upboundLikeCrd()])] });

describe('x-kubernetes-validations (CEL)', () => {
  it('passes a required-parameter rule when the parameter is set, in forProvider or initProvider', () => {
    expect(validator.validate(queue({ forProvider: { region: 'eu-west-1', name: 'orders' } }))).toEqual([]);
    expect(validator.validate(queue({ forProvider: { region: 'eu-west-1' }, initProvider: { name: 'orders' } }))).toEqual([]);
  });

  it('fails if a required parameter is missing, with the rule message and the rule path', () => {
    // GIVEN managementPolicies left to its schema default ['*']
    const object = queue({ forProvider: { region: 'eu-west-1' } });
    // WHEN / THEN
    expect(validator.validate(object)).toEqual([{ path: '.spec', message: 'spec.forProvider.name is a required parameter' }]);
  });

  it('does not require parameters of an observe-only resource', () => {
    expect(validator.validate(queue({ forProvider: {}, managementPolicies: ['Observe'] }))).toEqual([]);
  });

  it('fails if one-of fields are both set or neither, and reports messageExpression at fieldPath', () => {
    const both = queue({ forProvider: { region: 'r', name: 'n' }, auth: { token: 't', secretRef: 's', limit: 11 } });
    expect(validator.validate(both)).toEqual([
      { path: '.spec.auth', message: 'exactly one of the fields in [token secretRef] must be set' },
      { path: '.spec.auth.limit', message: 'limit must be <= 10, got 11' },
    ]);
    expect(validator.validate(queue({ forProvider: { region: 'r', name: 'n' }, auth: { token: 't', limit: 3 } }))).toEqual([]);
  });

  it('sees declared property names escaped as the API server does, and map keys unescaped', () => {
    // GIVEN values whose declared keys are a CEL keyword or contain '-', '.', '/' or '__', and a map
    const value = toCelValue(
      { namespace: 'prod', 'a-b': 1, 'a.b': 2, 'a/b': 3, a__b: 4, tags: { namespace: 'x', 'a-b': 'y' } },
      { type: 'object', properties: { namespace: {}, 'a-b': { type: 'integer' }, 'a.b': {}, 'a/b': {}, a__b: {}, tags: { type: 'object', additionalProperties: { type: 'string' } } } },
    );
    // THEN (k8s.io/apiserver pkg/cel Escape; Upbound rules read has(self.forProvider.__namespace__))
    expect(value).toEqual({
      __namespace__: 'prod', 'a__dash__b': 1n, 'a__dot__b': 2n, 'a__slash__b': 3n, a__underscores__b: 4n, tags: { namespace: 'x', 'a-b': 'y' },
    });
    expect(escapePropertyName('serviceAccount')).toBe('serviceAccount');
  });

  it('evaluates duration() comparisons', () => {
    const base = { forProvider: { region: 'r', name: 'n' } };
    const report = validator.validateAll([{ object: queue({ ...base, retention: '30s' }) }, { object: queue({ ...base, retention: '2m' }) }]);
    expect(report.findings.map((f) => `${f.path}: ${f.message}`)).toEqual(['.spec.retention: retention must be at least 60s']);
  });

  it('counts rules it cannot check offline instead of ignoring them silently', () => {
    // GIVEN a transition rule (oldSelf) and a rule using a Kubernetes CEL library function
    const object = queue({ forProvider: { region: 'r', name: 'n' }, tier: 'gold', retention: '5m' });
    // WHEN
    const report = validator.validateAll([{ file: 'q.yaml', object }, { file: 'q2.yaml', object }]);
    // THEN
    expect(report.findings).toEqual([]);
    expect(report.cel.skipped).toEqual([
      { rule: 'self == oldSelf', reason: 'transition rule: compares with oldSelf, the live object', count: 2 },
      { rule: 'self.isURL()', reason: expect.stringMatching(/^not supported offline: /), count: 2 },
    ]);
    expect(report.cel.evaluated).toBeGreaterThan(0);
  });

  it('reports a rule that fails to evaluate rather than crashing', () => {
    // GIVEN forProvider missing: has(self.forProvider.name) has no forProvider to look into
    const problems = validator.validate(queue({}));
    expect(problems[0]).toEqual({ path: '.spec.forProvider', message: 'required field "forProvider" is missing' });
    expect(problems.slice(1).map((p) => p.message)).toEqual([
      expect.stringMatching(/^spec\.forProvider\.region is a required parameter \(the rule could not be evaluated: .*forProvider/),
      expect.stringMatching(/^spec\.forProvider\.name is a required parameter \(the rule could not be evaluated: /),
    ]);
  });
});
