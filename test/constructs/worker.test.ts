import { describe, expect, it } from 'vitest';
import { CONFIG_HASH_ANNOTATION, DisruptionBudget, Probe, WebService, Worker } from '../../lib/constructs';
import { syncWaves } from '../../lib/platform';
import { findOne, manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { containerOf, dig, IMAGE, messageOf, propsFix, synthApp } from './support';

describe('Worker', () => {
  it('synthesizes a Deployment and a PodDisruptionBudget, without a Service or probes', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => new Worker(app, 'consumer', { image: IMAGE }));
    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/consumer', 'PodDisruptionBudget/consumer']);
    const container = containerOf(findOne(objects, 'Deployment'));
    expect(container).not.toHaveProperty('ports');
    expect(container).not.toHaveProperty('readinessProbe');
    expect(container).not.toHaveProperty('livenessProbe');
    expect(objects).toMatchSnapshot();
  });

  it('labels its objects with component worker and selects pods by name labels', () => {
    const deployment = findOne(synthApp((app) => new Worker(app, 'consumer', { image: IMAGE })), 'Deployment');
    expect(deployment.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/name': 'consumer' });
    expect(deployment.spec).toMatchObject({ selector: { matchLabels: { 'app.kubernetes.io/name': 'consumer', 'app.kubernetes.io/instance': 'consumer-test' } } });
  });

  it('runs a single replica without a disruption budget when asked', () => {
    const objects = synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, replicas: 1 }));
    expect(objects.map((o) => o.kind)).toEqual(['Deployment']);
    expect(dig(findOne(objects, 'Deployment'), 'spec.replicas')).toBe(1);
  });

  it('reads app.settings.replicas and scales with an autoscaler', () => {
    const objects = synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, autoscaling: { maxReplicas: 8, targetCpuUtilization: 60 } }), {}, { apps: { web: { replicas: 3 } } });
    expect(findOne(objects, 'Deployment').spec).not.toHaveProperty('replicas');
    expect(findOne(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 8, metrics: [{ resource: { target: { averageUtilization: 60 } } }] });
    expect(findOne(objects, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1 });
  });

  it('takes liveness and startup probes', () => {
    const container = containerOf(findOne(synthApp((app) => new Worker(app, 'consumer', {
      image: IMAGE,
      liveness: Probe.exec(['/app/healthcheck'], { periodSeconds: 30 }),
      startup: Probe.httpGet('/started', { port: 9090, failureThreshold: 20 }),
    })), 'Deployment'));
    expect(container.livenessProbe).toEqual({ exec: { command: ['/app/healthcheck'] }, periodSeconds: 30 });
    expect(container.startupProbe).toEqual({ httpGet: { path: '/started', port: 9090 }, failureThreshold: 20 });
  });

  it('consumes plain settings and another app\'s service', () => {
    // GIVEN
    const platform = testPlatform();
    platform.addApp('api', (app) => { new WebService(app, 'api', { image: IMAGE }); });
    // WHEN
    platform.addApp('jobs', (app) => {
      const worker = new Worker(app, 'consumer', { image: IMAGE, env: { CONCURRENCY: '4' } });
      worker.connectTo(WebService.find(app.app('api'), 'api'));
    });
    // THEN
    const objects = manifestsOf(platform);
    expect(findOne(objects, 'ConfigMap', 'consumer').data).toEqual({ API_URL: 'http://api.test-api.svc.cluster.local:80', CONCURRENCY: '4' });
    expect((findOne(objects, 'Deployment', 'consumer').spec as any).template.metadata.annotations).toHaveProperty([CONFIG_HASH_ANNOTATION]);
    expect(Object.fromEntries([...syncWaves(platform.environment('test'))].map(([app, wave]) => [app.appName, wave]))).toEqual({ api: 0, jobs: 1 });
  });

  it('fails if an HTTP liveness probe names no port', () => {
    expect(messageOf(() => synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, liveness: Probe.httpGet('/healthz') }))))
      .toBe("[test/web/consumer] 'liveness' needs a port: this workload has no container port, so pass { port: 8080 }" + propsFix('Worker', 'consumer'));
  });

  it('fails if the disruption budget allows no eviction', () => {
    expect(messageOf(() => synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, disruptionBudget: DisruptionBudget.maxUnavailable(0) }))))
      .toBe("[test/web/consumer] 'disruptionBudget.maxUnavailable' (0) would block every node drain; allow at least 1 pod" + propsFix('Worker', 'consumer'));
    expect(messageOf(() => synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, disruptionBudget: DisruptionBudget.minAvailable('100%') }))))
      .toBe("[test/web/consumer] 'disruptionBudget.minAvailable' (\"100%\") would block every node drain; use DisruptionBudget.maxUnavailable(1)" + propsFix('Worker', 'consumer'));
  });

  it('fails if autoscaling bounds are invalid', () => {
    expect(messageOf(() => synthApp((app) => new Worker(app, 'consumer', { image: IMAGE, autoscaling: { minReplicas: 0, maxReplicas: 2000, targetCpuUtilization: 0 } }))))
      .toBe("[test/web/consumer] 'minReplicas' (0) must be a whole number from 1 to 1000; 'maxReplicas' (2000) must be a whole number from 1 to 1000; " +
        "'targetCpuUtilization' (0) must be a whole number from 1 to 1000" + propsFix('Worker', 'consumer'));
  });
});
