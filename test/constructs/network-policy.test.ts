import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { CronJob, WebService, Worker } from '../../lib/constructs';
import { WorkloadNetworkPolicy } from '../../lib/constructs/network-policy';
import { NetworkIsolation } from '../../lib/platform';
import { manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { IMAGE } from './support';

const isolated = (options = {}) => testPlatform({ network: NetworkIsolation.perWorkload(options) });
const policiesOf = (objects: ReturnType<typeof manifestsOf>) =>
  Object.fromEntries(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.spec as any])); // eslint-disable-line @typescript-eslint/no-explicit-any
const HTTP = [{ port: 'http', protocol: 'TCP' }];
const ns = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

describe('NetworkIsolation.perWorkload', () => {
  it('admits only the consumers that connect, the ingress controllers, and the allowed namespaces', () => {
    // GIVEN api (no Ingress), web (Ingress) connecting to api, and a worker connecting to api
    const platform = isolated({ ingressControllerNamespaces: ['ingress-nginx'], allowFromNamespaces: ['monitoring'] });
    platform.addApp('api', (app) => { new WebService(app, 'api', { image: IMAGE }); });
    platform.addApp('web', (app) => {
      const web = new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['www.example.com'] } });
      web.connectTo(WebService.find(app.app('api'), 'api'));
    });
    platform.addApp('jobs', (app) => {
      new Worker(app, 'renderer', { image: IMAGE }).connectTo(WebService.find(app.app('api'), 'api'));
    });
    // WHEN
    const policies = policiesOf(manifestsOf(platform));
    // THEN
    const selector = (name: string) => ({ matchLabels: { 'app.kubernetes.io/instance': `${name}-test`, 'app.kubernetes.io/name': name } });
    expect(policies['test-api/api']).toEqual({
      podSelector: selector('api'),
      policyTypes: ['Ingress'],
      // allowFromNamespaces opens only the ports the workload declares (its named http port), never
      // every port: a NetworkPolicy rule without `ports` matches all ports and protocols.
      ingress: [
        { from: [ns('monitoring'), { ...ns('test-jobs'), podSelector: selector('renderer') }, { ...ns('test-web'), podSelector: selector('web') }], ports: HTTP },
      ],
    });
    expect(policies['test-web/web'].ingress).toEqual([{ from: [ns('ingress-nginx'), ns('monitoring')], ports: HTTP }]);
    // A worker declares no port: nothing to reach, so the allowed namespaces get no rule at all.
    expect(policies['test-jobs/renderer'].ingress).toBeUndefined();
  });

  it.each([
    ['a Deployment', (containers: object[]) => ({ template: { spec: { containers } } })],
    ['a CronJob', (containers: object[]) => ({ jobTemplate: { spec: { template: { spec: { containers } } } } })],
  ])('opens to allowFromNamespaces exactly the ports the containers of %s declare', (_, specOf) => {
    // GIVEN a workload whose pod template declares a named TCP port, an unnamed TCP port and a UDP port in two containers
    const isolation = NetworkIsolation.perWorkload({ allowFromNamespaces: ['monitoring', 'ops'] });
    const platform = testPlatform({ network: isolation });
    platform.addApp('api', (app) => {
      const workload = new Construct(app, 'api');
      new ApiObject(workload, 'Resource', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
        spec: specOf([
          { name: 'api', image: IMAGE, ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090 }] },
          { name: 'dns', image: IMAGE, ports: [{ containerPort: 5353, protocol: 'UDP' }] },
        ]),
      });
      new WorkloadNetworkPolicy(workload, 'NetworkPolicy', { name: 'api', labels: {}, selector: { app: 'api' }, isolation });
    });
    // WHEN
    const policy = policiesOf(manifestsOf(platform))['test-api/api'];
    // THEN one rule, only on the declared ports
    expect(policy.ingress).toEqual([{
      from: [ns('monitoring'), ns('ops')],
      ports: [{ port: 9090, protocol: 'TCP' }, { port: 'http', protocol: 'TCP' }, { port: 5353, protocol: 'UDP' }],
    }]);
  });

  it('follows the ports of the rendered workload, also when a patch renames one', () => {
    // GIVEN a web service whose container port is renamed and a second one added through the escape hatch
    const platform = isolated({ allowFromNamespaces: ['monitoring'] });
    platform.addApp('api', (app) => {
      const api = new WebService(app, 'api', { image: IMAGE });
      api.resource.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/ports/0/name', 'web'));
      api.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports/-', { name: 'metrics', containerPort: 9090 }));
    });
    // WHEN
    const policy = policiesOf(manifestsOf(platform))['test-api/api'];
    // THEN the allowed namespace reaches the ports the Deployment declares in the end
    expect(policy.ingress).toEqual([{ from: [ns('monitoring')], ports: [{ port: 'metrics', protocol: 'TCP' }, { port: 'web', protocol: 'TCP' }] }]);
  });

  it('denies all ingress to a workload nobody connects to', () => {
    const platform = isolated();
    platform.addApp('batch', (app) => { new CronJob(app, 'cleanup', { image: IMAGE, schedule: '@daily' }); });
    expect(policiesOf(manifestsOf(platform))['test-batch/cleanup']).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'cleanup-test', 'app.kubernetes.io/name': 'cleanup' } },
      policyTypes: ['Ingress'],
    });
  });

  it('adds no NetworkPolicy by default', () => {
    const platform = testPlatform();
    platform.addApp('api', (app) => { new WebService(app, 'api', { image: IMAGE }); });
    expect(manifestsOf(platform).map((o) => o.kind)).not.toContain('NetworkPolicy');
  });

  it('fails if a namespace is not a DNS label', () => {
    expect(() => NetworkIsolation.perWorkload({ ingressControllerNamespaces: ['Ingress_NGINX'] }))
      .toThrow(/^\[NetworkIsolation\.perWorkload\] 'ingressControllerNamespaces\[0\]' \("Ingress_NGINX"\) must be a DNS label/);
  });
});
