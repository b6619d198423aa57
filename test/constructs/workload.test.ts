import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  CronJob, imageProblems, Job, parseImage, WebService, Worker, WorkloadServiceAccount,
} from '../../lib/constructs';
import { quantityValue, resolveResources } from '../../lib/constructs/workload-defaults';
import { ProblemList } from '../../lib/core/errors';
import { evaluate } from '../../lib/policy';
import { createValidator } from '../../lib/schema';
import { collectObjects } from '../../lib/synth/collect';
import { findOne } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';
import { containerOf, IMAGE, messageOf, platformWith, podSpecOf, propsFix, synthApp } from './support';

/** One of each workload with most props set, for checks that span all of them. */
function everything(app: Construct): void {
  const web = new WebService(app, 'web', {
    image: IMAGE,
    env: { LOG_LEVEL: 'info' },
    autoscaling: { maxReplicas: 6, targetMemoryUtilization: 75 },
    ingress: { hosts: ['www.example.com'], clusterIssuer: 'letsencrypt', className: 'nginx', annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } },
    serviceAccount: WorkloadServiceAccount.dedicated({ annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/web' } }),
    imagePullSecrets: ['ghcr'],
    terminationGracePeriodSeconds: 45,
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  });
  web.addSecretEnv('DB_PASSWORD', 'web-db', 'password');
  web.mountSecret('web-certs', '/etc/certs');
  const worker = new Worker(app, 'consumer', { image: `ghcr.io/acme/worker@sha256:${'0'.repeat(64)}`, command: ['/app/consume'] });
  worker.connectTo(web);
  new Job(app, 'migrate', { image: IMAGE, args: ['migrate'], backoffLimit: 1 });
  new CronJob(app, 'report', { image: IMAGE, schedule: '0 6 * * *', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 300, suspend: true });
}

describe('Workload (shared by every workload construct)', () => {
  it('produces objects that validate against the Kubernetes 1.28 API, with no unknown fields', () => {
    // GIVEN
    const objects = synthApp(everything);
    // WHEN
    const validator = createValidator();
    const problems = objects.flatMap((o) => validator.validate(o).map((p) => `${o.kind}/${o.metadata.name} ${p.path}: ${p.message}`));
    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/consumer', 'ConfigMap/web', 'CronJob/report', 'Deployment/consumer', 'Deployment/web', 'HorizontalPodAutoscaler/web', 'Ingress/web',
      'Job/migrate', 'PodDisruptionBudget/consumer', 'PodDisruptionBudget/web', 'Service/web', 'ServiceAccount/web',
    ]);
    expect(problems).toEqual([]);
  });

  it('passes the policy engine with its defaults, in the strictest (prod) profile', () => {
    // GIVEN
    const platform = platformWith((app) => {
      new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['www.example.com'] } });
      new Worker(app, 'consumer', { image: IMAGE, env: { QUEUE: 'jobs' } });
      new Job(app, 'migrate', { image: IMAGE });
      new CronJob(app, 'report', { image: IMAGE, schedule: '@daily' });
    });
    // WHEN
    const items = collectObjects(platform).map((o) => ({ object: o.object, constructPath: o.constructPath, environment: o.environment }));
    const report = evaluate(items, { profile: 'prod' });
    // THEN: only the advisory digest-pinning warning remains (tags are pinned, digests are optional)
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect([...new Set(report.findings.map((f) => f.ruleId))]).toEqual(['K8S-003']);
  });

  it('writes no cdk8s.io label, annotation or selector in any object', () => {
    expect(JSON.stringify(synthApp(everything))).not.toMatch(/cdk8s\.io/);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(synthApp(everything))).toBe(JSON.stringify(synthApp(everything)));
  });

  describe('images', () => {
    it('accepts tags, digests and registry ports', () => {
      expect(imageProblems('image', 'ghcr.io/acme/web:1.4.2')).toEqual([]);
      expect(imageProblems('image', 'registry.local:5000/team/web:2024-06-01_abc123')).toEqual([]);
      expect(imageProblems('image', `ghcr.io/acme/web@sha256:${'a'.repeat(64)}`)).toEqual([]);
      expect(imageProblems('image', `ghcr.io/acme/web:1.4.2@sha256:${'a'.repeat(64)}`)).toEqual([]);
      expect(parseImage('registry.local:5000/web')).toEqual({ repository: 'registry.local:5000/web', tag: undefined, digest: undefined });
    });

    it('rejects latest, untagged, malformed references and bad digests', () => {
      expect(imageProblems('image', 'registry.local:5000/web')).toEqual([
        '\'image\' ("registry.local:5000/web") has no tag, which means "latest"; pin a version such as "registry.local:5000/web:1.0.0" or a digest, ' +
        'or use app.image("registry.local:5000/web") to take the environment\'s image tag',
      ]);
      expect(imageProblems('image', 'GHCR.io/Acme/Web:1')).toEqual([
        '\'image\' ("GHCR.io/Acme/Web:1") is not a valid image reference; expected lowercase "registry/repository:tag", such as "ghcr.io/acme/web:1.4.2"',
      ]);
      expect(imageProblems('image', 'web@sha256:abc')).toEqual([
        '\'image\' ("web@sha256:abc") has an invalid digest "sha256:abc"; expected "sha256:" followed by 64 lowercase hex digits',
      ]);
      expect(imageProblems('image', 'web:latest@sha256:' + 'a'.repeat(64))).toHaveLength(1);
    });

    it('puts the version label only on the controller and its pods, so a release changes one object', () => {
      const objects = synthApp((app) => new WebService(app, 'web', { image: IMAGE, env: { A: 'b' } }));
      const versioned = objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/version']).map((o) => o.kind);
      expect(versioned).toEqual(['Deployment']);
      expect((findOne(objects, 'Deployment').spec as any).template.metadata.labels['app.kubernetes.io/version']).toBe('1.4.2');
    });

    it('omits the version label for a digest-only image', () => {
      const deployment = findOne(synthApp((app) => new Worker(app, 'w', { image: `ghcr.io/acme/w@sha256:${'b'.repeat(64)}` })), 'Deployment');
      expect(deployment.metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
    });

    it('takes the environment\'s image tag through app.image()', () => {
      const deployment = findOne(synthApp((app) => new Worker(app, 'w', { image: app.image('ghcr.io/acme/w') }), { defaults: { imageTag: 'abc1234' } }), 'Deployment');
      expect(containerOf(deployment).image).toBe('ghcr.io/acme/w:abc1234');
    });
  });

  describe('resources', () => {
    const resolve = (given: Parameters<typeof resolveResources>[0]) => {
      const problems = new ProblemList();
      return { resolved: resolveResources(given, 'resources', problems), problems: problems.problems };
    };

    it('completes requests and always sets a memory limit, but no CPU limit unless given', () => {
      expect(resolve(undefined).resolved).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi', cpu: undefined } });
      expect(resolve({ requests: { memory: '1Gi' } }).resolved).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi', cpu: undefined } });
      expect(resolve({ limits: { cpu: '2', memory: '2Gi' } }).resolved).toEqual({ requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '2Gi', cpu: '2' } });
    });

    it('compares quantities across units', () => {
      expect(quantityValue('1Gi')).toBe(2 ** 30);
      expect(quantityValue('1500m')).toBe(1.5);
      expect(quantityValue('1e3')).toBe(1000);
      expect(resolve({ requests: { cpu: '1500m' }, limits: { cpu: '1' } }).problems).toEqual([
        "'resources.requests.cpu' (\"1500m\") must be <= 'resources.limits.cpu' (\"1\")",
      ]);
    });

    it('uses app.settings.resources when the props give none', () => {
      const deployment = findOne(synthApp((app) => new Worker(app, 'w', { image: IMAGE }), {}, { apps: { web: { resources: { requests: { cpu: '500m' } } } } }), 'Deployment');
      expect(containerOf(deployment).resources).toEqual({ requests: { cpu: '500m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    });

    it('fails if requests exceed limits, naming the settings they came from', () => {
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }), { defaults: { resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } } })))
        .toBe("[test/web/w] 'app.settings.resources.requests.memory' (\"1Gi\") must be <= 'app.settings.resources.limits.memory' (\"512Mi\")" + propsFix('Worker', 'w'));
    });
  });

  describe('security', () => {
    it('takes user and group ids, a writable root filesystem and no /tmp volume when asked', () => {
      // GIVEN / WHEN
      const deployment = findOne(synthApp((app) => new Worker(app, 'w', {
        image: IMAGE, runAsUser: 2000, runAsGroup: 3000, readOnlyRootFilesystem: false, tmpVolume: false,
      })), 'Deployment');
      // THEN
      expect(podSpecOf(deployment).securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 3000 });
      expect(containerOf(deployment).securityContext.readOnlyRootFilesystem).toBe(false);
      expect(containerOf(deployment)).not.toHaveProperty('volumeMounts');
      expect(podSpecOf(deployment)).not.toHaveProperty('volumes');
    });

    it('creates a dedicated ServiceAccount without a token only when asked', () => {
      // GIVEN / WHEN
      const objects = synthApp((app) => new Worker(app, 'w', {
        image: IMAGE, serviceAccount: WorkloadServiceAccount.dedicated({ annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/w' } }),
      }));
      // THEN
      const account = findOne(objects, 'ServiceAccount', 'w');
      expect(account.automountServiceAccountToken).toBe(false);
      expect(account.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/w' });
      expect(podSpecOf(findOne(objects, 'Deployment'))).toMatchObject({ serviceAccountName: 'w', automountServiceAccountToken: false });
    });

    it('uses an existing ServiceAccount and mounts a token when asked', () => {
      const objects = synthApp((app) => new Worker(app, 'w', { image: IMAGE, serviceAccount: WorkloadServiceAccount.existing('operator'), automountServiceAccountToken: true }));
      expect(objects.map((o) => o.kind)).not.toContain('ServiceAccount');
      expect(podSpecOf(findOne(objects, 'Deployment'))).toMatchObject({ serviceAccountName: 'operator', automountServiceAccountToken: true });
    });

    it('disables service links and adds image pull secrets', () => {
      const pod = podSpecOf(findOne(synthApp((app) => new Worker(app, 'w', { image: IMAGE, imagePullSecrets: ['ghcr'] })), 'Deployment'));
      expect(pod.enableServiceLinks).toBe(false);
      expect(pod.imagePullSecrets).toEqual([{ name: 'ghcr' }]);
    });

    it('fails if the workload would run as root', () => {
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE, runAsUser: 0 }))))
        .toBe("[test/web/w] 'runAsUser' (0) must be a whole number from 1 to 2147483647; 0 is root; " +
          "'runAsGroup' (0) must be a whole number from 1 to 2147483647; 0 is root; 'fsGroup' (0) must be a whole number from 1 to 2147483647; 0 is root" + propsFix('Worker', 'w'));
    });
  });

  describe('secrets', () => {
    it('shares one volume per Secret and shortens long volume names', () => {
      // GIVEN / WHEN
      const longName = `certs.${'x'.repeat(70)}`;
      const deployment = findOne(synthApp((app) => {
        const worker = new Worker(app, 'w', { image: IMAGE });
        worker.mountSecret('certs', '/etc/certs');
        worker.mountSecret('certs', '/var/run/certs');
        worker.mountSecret(longName, '/etc/long');
      }), 'Deployment');
      // THEN
      const volumes = podSpecOf(deployment).volumes.map((v: { name: string }) => v.name);
      expect(volumes).toHaveLength(3);
      expect(volumes.slice(0, 2)).toEqual(['tmp', 'secret-certs']);
      expect(volumes[2]).toMatch(/^secret-certs-x+-[0-9a-f]{8}$/);
      expect(volumes[2].length).toBeLessThanOrEqual(63);
      expect(containerOf(deployment).volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/tmp', '/etc/certs', '/var/run/certs', '/etc/long']);
    });

    it('fails if a mount path is taken or invalid', () => {
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }).mountSecret('certs', '/tmp'))))
        .toBe("[test/web/w] 'path' (\"/tmp\") is already used by volume \"tmp\"; mount the secret elsewhere. " +
          'Fix: correct the arguments quoted here in mountSecret("certs", "/tmp")');
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }).mountSecret('certs', 'etc/certs/'))))
        .toBe("[test/web/w] 'path' (\"etc/certs/\") must be an absolute directory such as \"/etc/secrets/db\", without '..' or a trailing '/'. " +
          'Fix: correct the arguments quoted here in mountSecret("certs", "etc/certs/")');
    });

    it('fails if a secret reference is invalid', () => {
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }).addSecretEnv('TOKEN', 'Bad_Secret', 'a/b'))))
        .toBe("[test/web/w] 'secretName' (\"Bad_Secret\") must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'; " +
          "'key' (\"a/b\") is not a valid Secret key (letters, digits, '-', '_', '.'). " +
          "Fix: pass the name of the Secret and one of its keys, e.g. addSecretEnv('DB_PASSWORD', 'db-credentials', 'password')");
    });
  });

  it('fails if created outside an app', () => {
    const platform = testPlatform();
    expect(messageOf(() => new Worker(platform.environment('test'), 'w', { image: IMAGE })))
      .toBe('[test/w] this construct must be created inside an app. Fix: create it in the builder passed to platform.addApp(name, builder)');
  });

  it('fails if env values added later are not strings', () => {
    expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }).addEnvFromValues({ PORT: 8080 as unknown as string }))))
      .toBe('[test/web/w] environment variable "PORT" from addEnvFromValues("PORT") must be a string (found 8080); use String(value). ' +
        'Fix: give each variable a valid name, set it once, and keep secrets in a Secret (addSecretEnv or exposeAsEnv)');
  });

  it('fails if a variable named like a credential gets a plain value, without printing the value', () => {
    // GIVEN a password that would land in the workload's ConfigMap, in Git
    const password = ['s3cr3t', '-horse-', 'staple'].join('');
    // WHEN
    const message = messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE }).addEnv('DB_PASSWORD', password)));
    // THEN
    expect(message).toBe('[test/web/w] environment variable "DB_PASSWORD" from addEnv("DB_PASSWORD") is named like a credential, ' +
      'but its value would be committed in plain text in ConfigMap "w"; keep it in a secret store and reference it: ' +
      'new ExternalSecret(...).exposeAsEnv(workload, { DB_PASSWORD: \'<key>\' }) or addSecretEnv("DB_PASSWORD", \'<secret>\', \'<key>\'). ' +
      'Fix: give each variable a valid name, set it once, and keep secrets in a Secret (addSecretEnv or exposeAsEnv)');
    expect(message).not.toContain(password);
  });

  it('accepts plain values for names that describe a credential rather than hold one', () => {
    const objects = synthApp((app) => new Worker(app, 'w', {
      image: IMAGE,
      env: { DB_PASSWORD_FILE: '/run/secrets/db', TOKEN_TTL: '3600', SECRET_NAME: 'db-credentials', API_KEY: '' },
    }));
    expect(findOne(objects, 'ConfigMap').data).toEqual({ API_KEY: '', DB_PASSWORD_FILE: '/run/secrets/db', SECRET_NAME: 'db-credentials', TOKEN_TTL: '3600' });
  });
});
