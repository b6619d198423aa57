import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { CONFIG_HASH_ANNOTATION, DisruptionBudget, Probe, WebService } from '../../lib/constructs';
import { isUserError, ValidationError } from '../../lib/core/errors';
import { syncWaves } from '../../lib/platform';
import { findOne, manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { allMetadataKeys, containerOf, dig, IMAGE, messageOf, podSpecOf, propsFix, synthApp } from './support';

describe('WebService', () => {
  it('synthesizes a Deployment, a Service and a PodDisruptionBudget with secure defaults', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE }));
    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'PodDisruptionBudget/web', 'Service/web']);
    expect(objects).toMatchSnapshot();
  });

  it('runs non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp and no token', () => {
    // GIVEN / WHEN
    const deployment = findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE })), 'Deployment');
    // THEN
    const pod = podSpecOf(deployment);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBeUndefined();
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(containerOf(deployment).securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true,
    });
    expect(containerOf(deployment).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(containerOf(deployment).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
  });

  it('names every object after the service and selects pods by name and instance labels', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => new WebService(app, 'Frontend', { name: 'web', image: IMAGE, ingress: { hosts: ['www.example.com'] } }));
    // THEN
    const selector = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-test' };
    expect(new Set(objects.map((o) => o.metadata.name))).toEqual(new Set(['web']));
    expect(findOne(objects, 'Deployment').spec).toMatchObject({ selector: { matchLabels: selector } });
    expect(findOne(objects, 'Service').spec).toMatchObject({ selector });
    expect(findOne(objects, 'PodDisruptionBudget').spec).toMatchObject({ selector: { matchLabels: selector } });
    expect(findOne(objects, 'Deployment').metadata.labels).toMatchObject({
      ...selector, 'app.kubernetes.io/component': 'web', 'app.kubernetes.io/version': '1.4.2', 'app.kubernetes.io/part-of': 'acme',
    });
  });

  it('writes no cdk8s.io label or annotation anywhere', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => {
      const web = new WebService(app, 'web', {
        image: IMAGE, env: { A: '1' }, autoscaling: { maxReplicas: 4 }, ingress: { hosts: ['www.example.com'], clusterIssuer: 'letsencrypt' },
      });
      web.addSecretEnv('TOKEN', 'web-token', 'token');
    });
    // THEN
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io');
    expect(allMetadataKeys(objects).filter((key) => key.includes('cdk8s'))).toEqual([]);
  });

  it('keeps names and the selector when the construct moves to another parent', () => {
    // GIVEN
    const before = synthApp((app) => new WebService(app, 'web', { image: IMAGE }));
    // WHEN
    const after = synthApp((app) => new WebService(new Construct(new Construct(app, 'Wrapper'), 'Frontend'), 'web', { image: IMAGE }));
    // THEN
    expect(findOne(after, 'Deployment').spec).toMatchObject({ selector: dig(findOne(before, 'Deployment'), 'spec.selector') });
    expect(after.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(before.map((o) => `${o.kind}/${o.metadata.name}`));
    expect(after).toEqual(before);
  });

  describe('replicas', () => {
    it('defaults to 2, then app.settings.replicas, then the prop', () => {
      const replicasOf = (objects: ReturnType<typeof synthApp>) => dig(findOne(objects, 'Deployment'), 'spec.replicas');
      expect(replicasOf(synthApp((app) => new WebService(app, 'web', { image: IMAGE })))).toBe(2);
      expect(replicasOf(synthApp((app) => new WebService(app, 'web', { image: IMAGE }), {}, { apps: { web: { replicas: 4 } } }))).toBe(4);
      expect(replicasOf(synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 3 }), { defaults: { replicas: 4 } }))).toBe(3);
    });

    it('adds no PodDisruptionBudget for a single replica', () => {
      const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 1 }));
      expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'Service']);
    });

    it('takes an explicit disruption budget', () => {
      const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 4, disruptionBudget: DisruptionBudget.minAvailable('50%') }));
      expect(findOne(objects, 'PodDisruptionBudget').spec).toEqual({
        minAvailable: '50%',
        selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-test' } },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      });
      expect(synthApp((app) => new WebService(app, 'web', { image: IMAGE, disruptionBudget: DisruptionBudget.none() })).map((o) => o.kind))
        .toEqual(['Deployment', 'Service']);
    });
  });

  describe('spreading', () => {
    it('spreads replicated pods across zones and nodes, best effort, selecting its own pods', () => {
      // GIVEN / WHEN
      const spec = podSpecOf(findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 3 })), 'Deployment'));
      // THEN
      const selector = { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-test' } };
      expect(spec.topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      ]);
    });

    it('does not spread a single replica, or when turned off', () => {
      const single = podSpecOf(findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 1 })), 'Deployment'));
      const off = podSpecOf(findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 3, spread: false })), 'Deployment'));
      expect(single.topologySpreadConstraints).toBeUndefined();
      expect(off.topologySpreadConstraints).toBeUndefined();
    });
  });

  describe('autoscaling', () => {
    it('adds an autoscaling/v2 HPA and leaves spec.replicas to it', () => {
      // GIVEN / WHEN
      const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE, autoscaling: { minReplicas: 3, maxReplicas: 10, targetMemoryUtilization: 80 } }));
      // THEN
      expect(findOne(objects, 'Deployment').spec).not.toHaveProperty('replicas');
      const hpa = findOne(objects, 'HorizontalPodAutoscaler', 'web');
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec).toEqual({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 3,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        ],
      });
    });

    it('takes minReplicas from replicas or app.settings.replicas when not given', () => {
      const minOf = (objects: ReturnType<typeof synthApp>) => dig(findOne(objects, 'HorizontalPodAutoscaler'), 'spec.minReplicas');
      expect(minOf(synthApp((app) => new WebService(app, 'web', { image: IMAGE, autoscaling: { maxReplicas: 9 } }), {}, { apps: { web: { replicas: 5 } } }))).toBe(5);
      expect(minOf(synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 3, autoscaling: { maxReplicas: 9 } })))).toBe(3);
    });

    it('fails if minReplicas is greater than maxReplicas', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, autoscaling: { minReplicas: 5, maxReplicas: 3 } }))))
        .toBe("[test/web/web] 'minReplicas' (5) must be <= 'maxReplicas' (3)" + propsFix('WebService', 'web'));
    });

    it('fails if both replicas and minReplicas are set', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 2, autoscaling: { minReplicas: 3, maxReplicas: 6 } }))))
        .toBe("[test/web/web] 'replicas' (2) has no effect when 'autoscaling.minReplicas' (3) is set; remove 'replicas'" + propsFix('WebService', 'web'));
    });
  });

  describe('ingress', () => {
    it('routes the hosts from app.settings to the service, with TLS and a cert-manager issuer', () => {
      // GIVEN / WHEN
      const objects = synthApp(
        (app) => new WebService(app, 'web', { image: IMAGE, ingress: { clusterIssuer: 'letsencrypt', className: 'nginx' } }),
        { defaults: { hosts: ['www.example.com', 'example.com'] } },
      );
      // THEN
      const ingress = findOne(objects, 'Ingress', 'web');
      expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
      expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
      const backend = { service: { name: 'web', port: { name: 'http' } } };
      expect(ingress.spec).toEqual({
        ingressClassName: 'nginx',
        rules: ['www.example.com', 'example.com'].map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })),
        tls: [{ hosts: ['www.example.com', 'example.com'], secretName: 'web-tls' }],
      });
    });

    it('serves plain HTTP on a path when tls is false', () => {
      const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['www.example.com'], tls: false, path: '/api' } }));
      const ingress = findOne(objects, 'Ingress');
      expect(ingress.metadata.annotations).toBeUndefined();
      expect(ingress.spec).not.toHaveProperty('tls');
      expect(ingress.spec).toMatchObject({ rules: [{ http: { paths: [{ path: '/api' }] } }] });
    });

    it('prefers ingress.hosts over app.settings.hosts and does not read the setting', () => {
      const platform = testPlatform({ apps: { web: { hosts: ['env.example.com'] } } });
      platform.addApp('web', (app) => { new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['prop.example.com'] } }); });
      expect(messageOf(() => manifestsOf(platform))).toContain("overrides 'hosts' but the app never reads app.settings.hosts");
    });

    it('fails if there are no hosts', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, ingress: {} }))))
        .toBe("[test/web/web] 'ingress.hosts' is empty and app.settings.hosts is not set; pass ingress.hosts or set hosts in the app's defaults" + propsFix('WebService', 'web'));
    });

    it('fails if a host is not a hostname', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['localhost', 'Bad Host'] } }))))
        .toBe("[test/web/web] 'ingress.hosts[0]' (\"localhost\") must be a fully qualified hostname such as \"www.example.com\"; " +
          "'ingress.hosts[1]' (\"Bad Host\") must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'" + propsFix('WebService', 'web'));
    });
  });

  describe('ports and probes', () => {
    it('probes /readyz and /healthz on the named port by default', () => {
      const container = containerOf(findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE })), 'Deployment'));
      expect(container.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 'http' } });
      expect(container.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' } });
      expect(container).not.toHaveProperty('startupProbe');
    });

    it('takes custom ports and probes', () => {
      // GIVEN / WHEN
      const objects = synthApp((app) => new WebService(app, 'web', {
        image: IMAGE,
        port: 3000,
        servicePort: 8080,
        readiness: Probe.httpGet('/ready', { periodSeconds: 5, timeoutSeconds: 2 }),
        liveness: Probe.tcpSocket(),
        startup: Probe.httpGet('/started', { failureThreshold: 30, port: 9000 }),
      }));
      // THEN
      const container = containerOf(findOne(objects, 'Deployment'));
      expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5, timeoutSeconds: 2 });
      expect(container.livenessProbe).toEqual({ tcpSocket: { port: 'http' } });
      expect(container.startupProbe).toEqual({ httpGet: { path: '/started', port: 9000 }, failureThreshold: 30 });
      expect(findOne(objects, 'Service').spec).toEqual({
        ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
        selector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-test' },
      });
    });

    it('fails if a probe is invalid', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', {
        image: IMAGE, readiness: Probe.httpGet('ready'), liveness: Probe.exec([], { periodSeconds: 0 }),
      })))).toBe("[test/web/web] 'readiness' path (\"ready\") must start with '/'; 'liveness' command must not be empty; " +
        "'liveness.periodSeconds' (0) must be a whole number from 1 to 3600" + propsFix('WebService', 'web'));
    });

    it('fails if a port is out of range', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, port: 0, servicePort: 70000 }))))
        .toBe("[test/web/web] 'port' (0) must be a whole number from 1 to 65535; 'servicePort' (70000) must be a whole number from 1 to 65535" + propsFix('WebService', 'web'));
    });
  });

  describe('env', () => {
    it('stores plain settings in a ConfigMap named after the service and reads them with envFrom', () => {
      // GIVEN / WHEN
      const objects = synthApp((app) => {
        const web = new WebService(app, 'web', { image: IMAGE, env: { LOG_LEVEL: 'info' } });
        web.addEnv('FEATURE_X', 'on');
        web.addEnvFromValues({ BUCKET: 'assets-prod', QUEUE_URL: 'https://sqs.example/q' });
      });
      // THEN
      expect(findOne(objects, 'ConfigMap', 'web').data).toEqual({ BUCKET: 'assets-prod', FEATURE_X: 'on', LOG_LEVEL: 'info', QUEUE_URL: 'https://sqs.example/q' });
      const deployment = findOne(objects, 'Deployment');
      expect(containerOf(deployment).envFrom).toEqual([{ configMapRef: { name: 'web' } }]);
      expect(containerOf(deployment)).not.toHaveProperty('env');
    });

    it('rolls the pods when a setting changes, through a hash of the ConfigMap', () => {
      const hashOf = (value: string) => {
        const deployment = findOne(synthApp((app) => new WebService(app, 'web', { image: IMAGE, env: { LOG_LEVEL: value } })), 'Deployment');
        return (deployment.spec as any).template.metadata.annotations[CONFIG_HASH_ANNOTATION];
      };
      expect(hashOf('info')).toMatch(/^[0-9a-f]{16}$/);
      expect(hashOf('info')).toBe(hashOf('info'));
      expect(hashOf('debug')).not.toBe(hashOf('info'));
    });

    it('reads secrets by reference and mounts them read-only', () => {
      // GIVEN / WHEN
      const objects = synthApp((app) => {
        const web = new WebService(app, 'web', { image: IMAGE });
        web.addSecretEnv('DB_PASSWORD', 'web-db', 'password');
        web.mountSecret('web-tls-client', '/etc/tls');
      });
      // THEN
      const deployment = findOne(objects, 'Deployment');
      expect(containerOf(deployment).env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-db', key: 'password' } } }]);
      expect(containerOf(deployment).volumeMounts).toContainEqual({ name: 'secret-web-tls-client', mountPath: '/etc/tls', readOnly: true });
      expect(podSpecOf(deployment).volumes).toContainEqual({ name: 'secret-web-tls-client', secret: { secretName: 'web-tls-client' } });
      expect(objects.map((o) => o.kind)).not.toContain('ConfigMap');
    });

    it('fails if a variable is set twice', () => {
      expect(messageOf(() => synthApp((app) => {
        const web = new WebService(app, 'web', { image: IMAGE, env: { API_URL: 'x' } });
        web.addSecretEnv('API_URL', 'web-api', 'url');
      }))).toBe('[test/web/web] environment variable "API_URL" from addSecretEnv("API_URL") is already set by \'env\'; each variable may be set once. ' +
        'Fix: give each variable a valid name, set it once, and keep secrets in a Secret (addSecretEnv or exposeAsEnv)');
    });

    it('fails if a variable name is invalid', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, env: { '1BAD': 'x', 'ALSO-BAD': 'y' } }))))
        .toBe('[test/web/web] environment variable "1BAD" from \'env\' is not a valid name (letters, digits and \'_\', not starting with a digit); ' +
          'environment variable "ALSO-BAD" from \'env\' is not a valid name (letters, digits and \'_\', not starting with a digit)' + propsFix('WebService', 'web'));
    });
  });

  describe('connectTo', () => {
    it('injects the URL of a service in another app and orders the apps in sync waves', () => {
      // GIVEN
      const platform = testPlatform();
      platform.addApp('api', (app) => { new WebService(app, 'api', { image: 'ghcr.io/acme/api:2.0.0' }); });
      // WHEN
      platform.addApp('web', (app) => {
        const web = new WebService(app, 'web', { image: IMAGE });
        web.connectTo(WebService.find(app.app('api'), 'api'));
        web.connectTo(WebService.find(app.app('api'), 'api'), { envVar: 'BACKEND' });
      });
      // THEN
      const objects = manifestsOf(platform);
      expect(findOne(objects, 'ConfigMap', 'web').data).toEqual({
        API_URL: 'http://api.test-api.svc.cluster.local:80',
        BACKEND: 'http://api.test-api.svc.cluster.local:80',
      });
      const waves = syncWaves(platform.environment('test'));
      expect(Object.fromEntries([...waves].map(([app, wave]) => [app.appName, wave]))).toEqual({ api: 0, web: 1 });
    });

    it('fails if the service is in another environment', () => {
      // GIVEN
      const platform = testPlatform({ name: 'prod' });
      let api: WebService | undefined;
      platform.addApp('api', (app) => { api = new WebService(app, 'api', { image: IMAGE }); });
      const other = testPlatform({ name: 'dev' });
      // WHEN / THEN
      expect(messageOf(() => other.addApp('web', (app) => new WebService(app, 'web', { image: IMAGE }).connectTo(api!))))
        .toBe("[dev/web/web] cannot connect to prod/api/api: it is in environment 'prod' and this workload is in 'dev'. " +
          'Fix: connect to the service of the same environment, e.g. via app.app(name) in the builder');
    });

    it('fails if the service cannot be found', () => {
      const platform = testPlatform();
      platform.addApp('api', () => undefined);
      expect(messageOf(() => platform.addApp('web', (app) => WebService.find(app.app('api'), 'api'))))
        .toBe('[test/api] no WebService named "api" here (found: none). Fix: create it before the workloads that connect to it (add its app first)');
    });
  });

  describe('validation', () => {
    it('fails if the image is not pinned', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: 'ghcr.io/acme/web:latest' }))))
        .toBe('[test/web/web] \'image\' ("ghcr.io/acme/web:latest") uses the tag "latest"; pin a version or a digest so every sync deploys what was reviewed' + propsFix('WebService', 'web'));
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: 'nginx' }))))
        .toBe('[test/web/web] \'image\' ("nginx") has no tag, which means "latest"; pin a version such as "nginx:1.0.0" or a digest, ' +
          'or use app.image("nginx") to take the environment\'s image tag' + propsFix('WebService', 'web'));
    });

    it('fails if the name is not a DNS label', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'Web_1', { image: IMAGE }))))
        .toBe('[test/web/Web_1] \'name\' ("Web_1") must be a DNS label: lowercase letters, digits and \'-\', starting and ending with a letter or digit' + propsFix('WebService', 'Web_1'));
    });

    it('fails if the disruption budget would block node drains', () => {
      expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) }))))
        .toBe("[test/web/web] 'disruptionBudget.minAvailable' (2) must be < the replica count (2), or node drains block for good; use DisruptionBudget.maxUnavailable(1)" + propsFix('WebService', 'web'));
    });

    it('fails listing every problem at once, as a ValidationError carrying the construct path', () => {
      // GIVEN
      let error: unknown;
      // WHEN
      try {
        synthApp((app) => new WebService(app, 'web', { image: 'nginx:latest', replicas: -1, port: 80.5, resources: { requests: { memory: 'lots' } } }));
      } catch (e) {
        error = e;
      }
      // THEN
      expect(error).toBeInstanceOf(ValidationError);
      expect(isUserError(error)).toBe(true);
      expect((error as ValidationError).constructPath).toBe('test/web/web');
      expect((error as ValidationError).problems).toEqual([
        '\'image\' ("nginx:latest") uses the tag "latest"; pin a version or a digest so every sync deploys what was reviewed',
        '\'resources.requests.memory\' ("lots") is not a Kubernetes quantity such as "250m" or "512Mi"',
        "'replicas' (-1) must be a whole number from 0 to 1000",
        "'port' (80.5) must be a whole number from 1 to 65535",
      ]);
    });
  });
});
