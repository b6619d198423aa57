import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/core/errors';
import { KubeObject } from '../../lib/core/manifest';
import { applyWaivers, evaluate, Policy, WAIVERS_ANNOTATION, waiversOf } from '../../lib/policy';
import { deployment, edit, labels, pod } from './fixtures';

/** A construct holding a Deployment whose container writes to its root filesystem, plus a raw Pod. */
class Api extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const spec = edit(deployment(), (d) => { delete d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem; });
    new ApiObject(this, 'Deployment', spec);
    new ApiObject(this, 'Debug', edit(pod(), (p) => { p.metadata.name = 'debug'; delete p.spec.containers[0].securityContext.readOnlyRootFilesystem; }));
  }
}

function synth(chart: Chart): KubeObject[] {
  return Testing.synth(chart) as KubeObject[];
}

function waiverOf(object: KubeObject): Record<string, string> | undefined {
  const raw = object.metadata.annotations?.[WAIVERS_ANNOTATION];
  return raw === undefined ? undefined : JSON.parse(raw);
}

describe('Policy.of(construct).waive', () => {
  it('annotates every ApiObject under the construct and nothing else', () => {
    // GIVEN
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    new ApiObject(chart, 'Other', edit(pod(), (p) => { p.metadata.name = 'other'; }));
    // WHEN
    Policy.of(api).waive('K8S-001', 'writes to /tmp via emptyDir only');
    // THEN
    const [deploy, debug, other] = synth(chart);
    expect(waiverOf(deploy)).toEqual({ 'K8S-001': 'writes to /tmp via emptyDir only' });
    expect(waiverOf(debug)).toEqual({ 'K8S-001': 'writes to /tmp via emptyDir only' });
    expect(waiverOf(other)).toBeUndefined();
  });

  it('lists the waived finding as waived and does not fail', () => {
    // GIVEN
    const chart = Testing.chart();
    Policy.of(new Api(chart, 'api')).waive('K8S-001', 'writes to /tmp via emptyDir only');
    // WHEN
    const report = evaluate(synth(chart).map((object) => ({ object, constructPath: 'test/api' })), { profile: 'restricted', only: ['K8S-001'] });
    // THEN
    expect(report.findings).toHaveLength(2);
    for (const finding of report.findings) {
      expect(finding.ruleId).toBe('K8S-001');
      expect(finding.waived).toEqual({ reason: 'writes to /tmp via emptyDir only' });
    }
    expect(report.counts).toEqual({ errors: 0, warnings: 0, waived: 2, total: 2 });
    expect(report.hasErrors(true)).toBe(false);
  });

  it('keeps other rules failing', () => {
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    Policy.of(api).waive('K8S-001', 'writes to /tmp via emptyDir only');
    new ApiObject(api, 'Late', edit(pod(), (p) => { p.metadata.name = 'late'; p.spec.hostNetwork = true; }));
    applyWaivers(chart);
    const report = evaluate(synth(chart).map((object) => ({ object })), { profile: 'restricted', only: ['K8S-001', 'PSS-B-002'] });
    expect(report.findings.filter((f) => f.ruleId === 'PSS-B-002').map((f) => f.waived)).toEqual([undefined]);
    expect(report.hasErrors()).toBe(true);
  });

  it('covers ApiObjects added after the waiver once applyWaivers runs', () => {
    // GIVEN
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    Policy.of(api).waive('K8S-001', 'writes to /tmp via emptyDir only');
    new ApiObject(api, 'Late', edit(pod(), (p) => { p.metadata.name = 'late'; }));
    // WHEN
    applyWaivers(chart);
    // THEN
    const late = synth(chart).find((o) => o.metadata.name === 'late')!;
    expect(waiverOf(late)).toEqual({ 'K8S-001': 'writes to /tmp via emptyDir only' });
  });

  it('copies the waiver into pod templates so admission sees it on the Pods', () => {
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    Policy.of(api).waive('K8S-001', 'writes to /tmp via emptyDir only');
    applyWaivers(chart);
    applyWaivers(chart);
    const deploy = synth(chart).find((o) => o.kind === 'Deployment') as KubeObject & { spec: { template: { metadata: { annotations: Record<string, string>; labels: Record<string, string> } } } };
    expect(JSON.parse(deploy.spec.template.metadata.annotations[WAIVERS_ANNOTATION])).toEqual({ 'K8S-001': 'writes to /tmp via emptyDir only' });
    expect(deploy.spec.template.metadata.labels).toEqual(labels());
  });

  it('merges waivers of nested scopes, nearest reason first, keys sorted', () => {
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    Policy.of(chart).waive('PSS-R-001', 'outer reason').waive('K8S-001', 'outer reason');
    Policy.of(api).waive('K8S-001', 'inner reason');
    const [deploy] = synth(chart);
    expect(deploy.metadata.annotations?.[WAIVERS_ANNOTATION]).toBe('{"K8S-001":"inner reason","PSS-R-001":"outer reason"}');
    expect(waiversOf(api.node.findChild('Deployment'))).toEqual({ 'K8S-001': 'inner reason', 'PSS-R-001': 'outer reason' });
    expect(Policy.of(api).waivers).toEqual({ 'K8S-001': 'inner reason', 'PSS-R-001': 'outer reason' });
  });

  it('accepts secret scanner rule ids', () => {
    const chart = Testing.chart();
    expect(() => Policy.of(new Api(chart, 'api')).waive('SEC-001', 'documented test credential')).not.toThrow();
  });

  it('fails if reason is empty', () => {
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    for (const reason of ['', '   ']) {
      expect(() => Policy.of(api).waive('K8S-001', reason)).toThrow(ValidationError);
      expect(() => Policy.of(api).waive('K8S-001', reason)).toThrow(/^\[test\/api\] waiving policy rule "K8S-001" needs a reason\. Fix: say why/);
    }
    expect(synth(chart)[0].metadata.annotations?.[WAIVERS_ANNOTATION]).toBeUndefined();
  });

  it('fails if the rule id is unknown', () => {
    const chart = Testing.chart();
    const api = new Api(chart, 'api');
    expect(() => Policy.of(api).waive('K8S-999', 'typo')).toThrow(/^\[test\/api\] cannot waive unknown policy rule "K8S-999"\. Fix: use a rule id listed by 'gitplane policy list'/);
  });
});
