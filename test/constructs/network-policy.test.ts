import { describe, expect, it } from 'vitest';
import { CronJob, WebService, Worker } from '../../lib/constructs';
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
      ingress: [
        { from: [ns('monitoring')] },
        { from: [{ ...ns('test-jobs'), podSelector: selector('renderer') }, { ...ns('test-web'), podSelector: selector('web') }], ports: HTTP },
      ],
    });
    expect(policies['test-web/web'].ingress).toEqual([{ from: [ns('monitoring')] }, { from: [ns('ingress-nginx')], ports: HTTP }]);
    expect(policies['test-jobs/renderer'].ingress).toEqual([{ from: [ns('monitoring')] }]);
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
