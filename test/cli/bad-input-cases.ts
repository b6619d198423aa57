/**
 * The bad-input contract as data: every user mistake below must end with exit code 1, one line per
 * problem on stderr (`error: ` + the construct path or flag + what is wrong + ` Fix: ` + how to fix
 * it), no stack trace, and an untouched dist/. `bad-input.test.ts` runs each case against a project
 * whose dist/ was synthesized from the valid baseline in `bad-input-kit.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { journalText } from '../../lib/synth';

export type Category =
  | 'invalid props'
  | 'platform model'
  | 'dangling references'
  | 'duplicate names'
  | 'policy violations'
  | 'plaintext secrets'
  | 'broken stack code'
  | 'bad flags'
  | 'bad config'
  | 'stuck states'
  | 'machine faults';

export interface BadInputCase {
  readonly name: string;
  readonly category: Category;
  /** TypeScript source of the project's stacks/main.ts (`@lib`, `@test` resolve into this repo). Default: the baseline. */
  readonly stacks?: string;
  /** CLI arguments. Default: `['synth']`. */
  readonly argv?: readonly string[];
  /** The `"gitplane"` section of package.json, written as given (default: the baseline's). */
  readonly config?: unknown;
  /** The whole package.json text, for JSON that does not parse. */
  readonly packageJson?: string;
  /** Extra files relative to the project root (manifests for `policy check`, `validate`). */
  readonly files?: Readonly<Record<string, string>>;
  /** Breaks the project folder further, after the files are written (a fault of the machine or a crash). */
  readonly arrange?: (dir: string) => void;
  readonly expect: {
    /** Exit code (see lib/cli/exit-codes.ts). */
    readonly code: number;
    /** What one error line must contain (a string) or match (a RegExp). */
    readonly message: string | RegExp;
    /** The construct path (`[dev/bad/web]`), flag (`--out`) or file the same line must name. */
    readonly names: string;
    /** A planted secret that must appear nowhere in stdout or stderr. */
    readonly secret?: string;
  };
}

const IMPORTS = `import {
  AssetBucket, BucketEncryption, Cdn, CdnOrigin, CloudFlavor, CronJob, DisruptionBudget, Duration, ExternalSecret, Job,
  NamespaceScheme, Platform, Probe, Protection, Queue, Reconciler, SealedSecret, SecretStore, SecretValue, WebService,
  Worker, WorkloadServiceAccount,
} from '@lib';
import { acme, ApiObject, environments, IMAGE, JsonPatch } from '@test/cli/bad-input-kit';
`;

/** A stacks module whose buildPlatform() runs `body`. */
export function stacks(body: string): string {
  return `${IMPORTS}\nexport function buildPlatform() {\n${body}\n}\n`;
}

/** The baseline plus app `bad` built by `builder` (a statement list using `app`). */
export function withApp(builder: string, app = 'bad'): string {
  return stacks(`  return acme((platform) => platform.addApp('${app}', (app) => {\n    ${builder}\n  }));`);
}

/** The baseline with `app` holding one raw object with these props (an `ApiObject` expression's props). */
function rawObject(props: string, id = 'obj'): string {
  return withApp(`new ApiObject(app, '${id}', ${props});`);
}

/** A pod spec that passes the restricted profile; `extra` is spliced into the container, `podExtra` into the spec. */
function podSpec(extra = '', podExtra = '', image = 'IMAGE'): string {
  return `{
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      automountServiceAccountToken: false,
      ${podExtra}
      containers: [{
        name: 'app', image: ${image},
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
        livenessProbe: { httpGet: { path: '/live', port: 8080 } },
        ${extra}
      }],
    }`;
}

/** A raw Pod `pod` with a restricted-clean spec changed by `extra`/`podExtra`. */
function rawPod(extra = '', podExtra = '', image = 'IMAGE'): string {
  return rawObject(`{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', labels: { 'app.kubernetes.io/name': 'pod' } }, spec: ${podSpec(extra, podExtra, image)} }`, 'pod');
}

// Planted secrets. Each is built from pieces so this file itself holds no scannable secret.
const AWS_KEY_ID = ['AKIA', 'QX7T', 'R2ZL', 'M4NB', 'K6PW'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'r4Nd0mT0k3nV4lu3', 'Xq9Zp2Lw8Kd5Jm7Hc3Fb'].join('');
const DB_PASSWORD = ['Tr0ub4dor', '&3-', 'horse-staple'].join('');
const PRIVATE_KEY_BODY = ['MIIEowIBAAKCAQEA', 'q7Zb3J9kXyV2mN8pL5cR1tH4wG6sD0fA', 'Lk2Rm9Tq4Wv7Yx1Zb5Nc8Pd3Gf6Hj0Ks'].join('');

export const CASES: readonly BadInputCase[] = [
  // ---------------------------------------------------------------------------------------------
  // invalid props
  // ---------------------------------------------------------------------------------------------
  {
    name: 'WebService image tagged latest',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: 'ghcr.io/acme/web:latest' });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'image' ("ghcr.io/acme/web:latest") uses the tag "latest"` },
  },
  {
    name: 'check with an invalid prop',
    category: 'invalid props',
    argv: ['check'],
    stacks: withApp(`new Worker(app, 'worker', { image: IMAGE, replicas: -3 });`),
    expect: { code: 1, names: '[dev/bad/worker]', message: `'replicas' (-3) must be a whole number from 0 to 1000. Fix: correct the props quoted here in new Worker(scope, 'worker', {...})` },
  },
  {
    name: 'WebService image without a tag',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: 'ghcr.io/acme/web' });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'image' ("ghcr.io/acme/web") has no tag` },
  },
  {
    name: 'WebService image not a reference',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: 'GHCR.io/Acme/Web App:1.0' });`),
    expect: { code: 1, names: '[dev/bad/web]', message: 'is not a valid image reference' },
  },
  {
    name: 'WebService port 0',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, port: 0 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'port' (0) must be a whole number from 1 to 65535` },
  },
  {
    name: 'WebService port 70000',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, port: 70000 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'port' (70000) must be a whole number from 1 to 65535` },
  },
  {
    name: 'WebService servicePort negative',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, servicePort: -80 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'servicePort' (-80) must be a whole number from 1 to 65535` },
  },
  {
    name: 'WebService minReplicas > maxReplicas',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, autoscaling: { minReplicas: 5, maxReplicas: 3 } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'minReplicas' (5) must be <= 'maxReplicas' (3)` },
  },
  {
    name: 'WebService negative replicas',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, replicas: -1 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'replicas' (-1) must be a whole number from 0 to 1000` },
  },
  {
    name: 'WebService autoscaling target CPU 0',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, autoscaling: { maxReplicas: 4, targetCpuUtilization: 0 } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'targetCpuUtilization' (0) must be a whole number from 1 to 1000` },
  },
  {
    name: 'WebService readiness probe path without a slash',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, readiness: Probe.httpGet('healthz') });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'readiness' path ("healthz") must start with '/'` },
  },
  {
    name: 'WebService liveness probe period 0',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, liveness: Probe.httpGet('/healthz', { periodSeconds: 0 }) });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'liveness.periodSeconds' (0) must be a whole number from 1 to 3600` },
  },
  {
    name: 'WebService ingress host not a DNS name',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['Shop_Front.example.com'] } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'ingress.hosts[0]' ("Shop_Front.example.com") must be a DNS name` },
  },
  {
    name: 'WebService ingress host not fully qualified',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['shop'] } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'ingress.hosts[0]' ("shop") must be a fully qualified hostname` },
  },
  {
    name: 'WebService ingress without hosts',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, ingress: {} });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'ingress.hosts' is empty` },
  },
  {
    name: 'WebService clusterIssuer without TLS',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['shop.example.com'], tls: false, clusterIssuer: 'letsencrypt' } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `has no effect with 'ingress.tls' false` },
  },
  {
    name: 'WebService resources quantity "lots"',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, resources: { requests: { memory: 'lots' } } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'resources.requests.memory' ("lots") is not a Kubernetes quantity` },
  },
  {
    name: 'WebService CPU limit below request',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, resources: { requests: { cpu: '500m' }, limits: { cpu: '250m' } } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'resources.requests.cpu' ("500m") must be <= 'resources.limits.cpu' ("250m")` },
  },
  {
    name: 'WebService name not a DNS label',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, name: 'Web_Front' });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'name' ("Web_Front") must be a DNS label` },
  },
  {
    name: 'WebService runs as root',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, runAsUser: 0 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'runAsUser' (0) must be a whole number from 1 to 2147483647; 0 is root` },
  },
  {
    name: 'WebService env var name invalid',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, env: { 'LOG-LEVEL': 'debug' } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `environment variable "LOG-LEVEL" from 'env' is not a valid name` },
  },
  {
    name: 'WebService disruption budget blocks drains',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) });`),
    expect: { code: 1, names: '[dev/bad/web]', message: `'disruptionBudget.minAvailable' (2) must be < the replica count (2)` },
  },
  {
    name: 'WebService several problems are reported together on one line',
    category: 'invalid props',
    stacks: withApp(`new WebService(app, 'web', { image: 'ghcr.io/acme/web:latest', port: 0, runAsUser: 0 });`),
    expect: { code: 1, names: '[dev/bad/web]', message: /uses the tag "latest".*; 'runAsUser' \(0\).*; 'port' \(0\) must be .*\. Fix: correct the props quoted here in new WebService\(scope, 'web', \{\.\.\.\}\)$/ },
  },
  {
    name: 'Worker image tagged latest',
    category: 'invalid props',
    stacks: withApp(`new Worker(app, 'worker', { image: 'ghcr.io/acme/worker:latest' });`),
    expect: { code: 1, names: '[dev/bad/worker]', message: `'image' ("ghcr.io/acme/worker:latest") uses the tag "latest"` },
  },
  {
    name: 'Worker fractional replicas',
    category: 'invalid props',
    stacks: withApp(`new Worker(app, 'worker', { image: IMAGE, replicas: 1.5 });`),
    expect: { code: 1, names: '[dev/bad/worker]', message: `'replicas' (1.5)` },
  },
  {
    name: 'Worker HTTP liveness probe without a port',
    category: 'invalid props',
    stacks: withApp(`new Worker(app, 'worker', { image: IMAGE, liveness: Probe.httpGet('/healthz') });`),
    expect: { code: 1, names: '[dev/bad/worker]', message: `'liveness' needs a port` },
  },
  {
    name: 'Worker terminationGracePeriodSeconds negative',
    category: 'invalid props',
    stacks: withApp(`new Worker(app, 'worker', { image: IMAGE, terminationGracePeriodSeconds: -5 });`),
    expect: { code: 1, names: '[dev/bad/worker]', message: `'terminationGracePeriodSeconds' (-5) must be a whole number from 0 to 86400` },
  },
  {
    name: 'Job backoffLimit negative',
    category: 'invalid props',
    stacks: withApp(`new Job(app, 'migrate', { image: IMAGE, backoffLimit: -1 });`),
    expect: { code: 1, names: '[dev/bad/migrate]', message: `'backoffLimit' (-1) must be a whole number from 0 to 1000` },
  },
  {
    name: 'Job restartPolicy Always',
    category: 'invalid props',
    stacks: withApp(`new Job(app, 'migrate', { image: IMAGE, restartPolicy: 'Always' });`),
    expect: { code: 1, names: '[dev/bad/migrate]', message: `'restartPolicy' ("Always") must be one of` },
  },
  {
    name: 'Job activeDeadlineSeconds 0',
    category: 'invalid props',
    stacks: withApp(`new Job(app, 'migrate', { image: IMAGE, activeDeadlineSeconds: 0 });`),
    expect: { code: 1, names: '[dev/bad/migrate]', message: `'activeDeadlineSeconds' (0) must be a whole number from 1` },
  },
  {
    name: 'CronJob schedule minute 61',
    category: 'invalid props',
    stacks: withApp(`new CronJob(app, 'nightly', { image: IMAGE, schedule: '61 * * * *' });`),
    expect: { code: 1, names: '[dev/bad/nightly]', message: `'schedule' ("61 * * * *"): minute "61" is out of range 0-59` },
  },
  {
    name: 'CronJob schedule with four fields',
    category: 'invalid props',
    stacks: withApp(`new CronJob(app, 'nightly', { image: IMAGE, schedule: '0 2 * *' });`),
    expect: { code: 1, names: '[dev/bad/nightly]', message: `'schedule' ("0 2 * *")` },
  },
  {
    name: 'CronJob unknown time zone',
    category: 'invalid props',
    stacks: withApp(`new CronJob(app, 'nightly', { image: IMAGE, schedule: '0 2 * * *', timeZone: 'Mars/Olympus_Mons' });`),
    expect: { code: 1, names: '[dev/bad/nightly]', message: `'timeZone' ("Mars/Olympus_Mons")` },
  },
  {
    name: 'CronJob name longer than 52 characters',
    category: 'invalid props',
    stacks: withApp(`new CronJob(app, 'nightly', { image: IMAGE, schedule: '0 2 * * *', name: 'a'.repeat(53) });`),
    expect: { code: 1, names: '[dev/bad/nightly]', message: 'is 53 characters; the limit is 52' },
  },
  {
    name: 'CronJob unknown concurrency policy',
    category: 'invalid props',
    stacks: withApp(`new CronJob(app, 'nightly', { image: IMAGE, schedule: '0 2 * * *', concurrencyPolicy: 'Sometimes' });`),
    expect: { code: 1, names: '[dev/bad/nightly]', message: `'concurrencyPolicy' ("Sometimes") must be one of` },
  },
  {
    name: 'ExternalSecret with empty data',
    category: 'invalid props',
    stacks: withApp(`new ExternalSecret(app, 'db', { store: SecretStore.cluster('aws-secrets-manager'), data: {} });`),
    expect: { code: 1, names: '[dev/bad/db]', message: `'data' must name at least one key` },
  },
  {
    name: 'ExternalSecret with a plain string value',
    category: 'invalid props',
    stacks: withApp(`new ExternalSecret(app, 'db', { store: SecretStore.cluster('aws-secrets-manager'), data: { password: '${DB_PASSWORD}' } });`),
    expect: { code: 1, names: '[dev/bad/db]', message: `'data.password' must be a SecretValue reference`, secret: DB_PASSWORD },
  },
  {
    name: 'ExternalSecret with an invalid store name',
    category: 'invalid props',
    stacks: withApp(`new ExternalSecret(app, 'db', { store: SecretStore.cluster('AWS Secrets'), data: { password: SecretValue.fromSecretsManager('prod/db') } });`),
    expect: { code: 1, names: 'SecretStore.cluster', message: `'name' ("AWS Secrets") must be a DNS name` },
  },
  {
    name: 'SealedSecret with a plaintext value',
    category: 'invalid props',
    stacks: withApp(`new SealedSecret(app, 'db', { encryptedData: { password: '${DB_PASSWORD}' } });`),
    expect: { code: 1, names: '[dev/bad/db]', message: `'encryptedData.password' is not kubeseal output`, secret: DB_PASSWORD },
  },
  {
    name: 'SealedSecret with a base64-encoded plaintext value',
    category: 'invalid props',
    stacks: withApp(`new SealedSecret(app, 'db', { encryptedData: { password: Buffer.from('${DB_PASSWORD}').toString('base64') } });`),
    expect: { code: 1, names: '[dev/bad/db]', message: 'it decodes to readable text', secret: DB_PASSWORD },
  },
  {
    name: 'AssetBucket name with upper-case letters',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'Acme-Assets' });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: `'bucketName' ("Acme-Assets") contains "A"` },
  },
  {
    name: 'AssetBucket name too short',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'ab' });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: `'bucketName' ("ab") is 2 characters; bucket names have 3 to 63` },
  },
  {
    name: 'AssetBucket name like an IP address',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: '192.168.10.12' });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: 'must not look like an IP address' },
  },
  {
    name: 'AssetBucket name with the xn-- prefix',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'xn--acme-assets' });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: 'must not start with "xn--", which AWS reserves' },
  },
  {
    name: 'AssetBucket name breaking several rules: all in one message',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'xn--A' });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: /^error: \[dev\/bad\/assets\] 'bucketName' \("xn--A"\) contains "A"; .*; 'bucketName' \("xn--A"\) must end with a lower-case letter or digit; 'bucketName' \("xn--A"\) must not start with "xn--", which AWS reserves\. Fix: / },
  },
  {
    name: 'AssetBucket expiration not whole days',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'acme-dev-assets', noncurrentVersionExpiration: Duration.hours(36) });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: `'noncurrentVersionExpiration' (1 day 12 hours) must be a whole number of days` },
  },
  {
    name: 'AssetBucket tag key reserved by AWS',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'acme-dev-assets', tags: { 'aws:team': 'media' } });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: `tag key "aws:team" must not start with "aws:"` },
  },
  {
    name: 'AssetBucket CORS write from any origin',
    category: 'invalid props',
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'acme-dev-assets', cors: [{ allowedOrigins: ['*'], allowedMethods: ['PUT'] }] });`),
    expect: { code: 1, names: '[dev/bad/assets]', message: `'cors[0]' allows PUT from any origin ("*")` },
  },
  {
    name: 'Cdn aliases without certificateArn',
    category: 'invalid props',
    stacks: withApp(`new Cdn(app, 'cdn', { origin: CdnOrigin.fromHttp('origin.example.com'), aliases: ['media.example.com'] });`),
    expect: { code: 1, names: '[dev/bad/cdn]', message: `'aliases' (["media.example.com"]) need 'certificateArn'` },
  },
  {
    name: 'Cdn certificate outside us-east-1',
    category: 'invalid props',
    stacks: withApp(`new Cdn(app, 'cdn', { origin: CdnOrigin.fromHttp('origin.example.com'), aliases: ['media.example.com'], certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1f0c9e52-5a7d-4c3b-8e26-94b1d0a7c3f8' });`),
    expect: { code: 1, names: '[dev/bad/cdn]', message: `'certificateArn' is in eu-west-1; CloudFront only uses ACM certificates from us-east-1` },
  },
  {
    name: 'Cdn HTTP origin with a scheme',
    category: 'invalid props',
    stacks: withApp(`new Cdn(app, 'cdn', { origin: CdnOrigin.fromHttp('https://origin.example.com') });`),
    expect: { code: 1, names: 'CdnOrigin.fromHttp', message: `'host' ("https://origin.example.com") must be a host name without a scheme` },
  },
  {
    name: 'Queue fifo without the .fifo suffix',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { fifo: true, queueName: 'render-jobs' });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `'queueName' ("render-jobs") must end in ".fifo" because 'fifo' is true` },
  },
  {
    name: 'Queue .fifo suffix on a standard queue',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { queueName: 'render-jobs.fifo' });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `ends in ".fifo", which only FIFO queues may` },
  },
  {
    name: 'Queue maxReceiveCount 0',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { deadLetterQueue: { maxReceiveCount: 0 } });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `'deadLetterQueue.maxReceiveCount' (0) must be a whole number from 1 to 1000` },
  },
  {
    name: 'Queue maxReceiveCount 5000',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { deadLetterQueue: { maxReceiveCount: 5000 } });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `'deadLetterQueue.maxReceiveCount' (5000) must be a whole number from 1 to 1000` },
  },
  {
    name: 'Queue visibility timeout longer than 12 hours',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { visibilityTimeout: Duration.hours(13) });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `'visibilityTimeout' (13 hours) must be between 0 seconds and 12 hours` },
  },
  {
    name: 'Queue retention longer than 14 days',
    category: 'invalid props',
    stacks: withApp(`new Queue(app, 'jobs', { retentionPeriod: Duration.days(15) });`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `'retentionPeriod' (15 days) must be between` },
  },
  {
    name: 'cloud resource in an environment without cloud',
    category: 'invalid props',
    stacks: stacks(`  const platform = new Platform({ name: 'acme', repository: { url: 'https://github.com/acme/platform.git' },
    environments: environments().map((env) => ({ ...env, cloud: env.name === 'dev' ? undefined : env.cloud })) });
  platform.addApp('web', (app) => { new WebService(app, 'web', { image: IMAGE }); });
  platform.addApp('bad', (app) => { new Queue(app, 'jobs'); });
  return platform;`),
    expect: { code: 1, names: '[dev/bad/jobs]', message: `Queue is a cloud resource, but environment 'dev' has no cloud flavor` },
  },
  {
    name: 'Flux reconciler interval not a duration',
    category: 'invalid props',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], reconciler: Reconciler.flux({ interval: 'soon' }) }] });`),
    expect: { code: 1, names: 'Reconciler.flux()', message: /'interval' \("soon"\).*\. Fix: correct the props quoted here in Reconciler\.flux\(\{\.\.\.\}\)$/ },
  },
  {
    name: 'Argo CD notification trigger not a trigger name',
    category: 'invalid props',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[1], reconciler: Reconciler.argoCd({ notificationTriggers: [{ name: 'On Sync Failed' }] }) }] });`),
    expect: { code: 1, names: 'Reconciler.argoCd()', message: `'notificationTriggers' contains "On Sync Failed", which is not a trigger name` },
  },
  {
    name: 'CloudFlavor account id not 12 digits',
    category: 'invalid props',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ name: 'dev', reconciler: Reconciler.flux(), cloud: CloudFlavor.ack({ accountId: '1234' }) }] });`),
    expect: { code: 1, names: 'CloudFlavor.ack', message: `'accountId' ("1234") must be a 12-digit AWS account id` },
  },

  // ---------------------------------------------------------------------------------------------
  // platform model
  // ---------------------------------------------------------------------------------------------
  {
    name: 'platform name not a DNS label',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { name: 'Acme Corp' });`),
    expect: { code: 1, names: '[<platform>]', message: `'name' ("Acme Corp") must be a DNS label` },
  },
  {
    name: 'repository URL not a clone URL',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { repository: { url: 'ftp://github.com/acme/platform' } });`),
    expect: { code: 1, names: '[<platform>]', message: `'repository.url' ("ftp://github.com/acme/platform") must be an https://, ssh:// or git@ clone URL` },
  },
  {
    name: 'repository branch invalid',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { repository: { url: 'https://github.com/acme/platform.git', branch: 'release..1' } });`),
    expect: { code: 1, names: '[<platform>]', message: `'repository.branch' ("release..1") is not a valid git branch or tag name` },
  },
  {
    name: 'environment with both a branch and a tag',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ name: 'dev', reconciler: Reconciler.flux(), branch: 'main', tag: 'v1.2.3' }] });`),
    expect: { code: 1, names: '[dev]', message: `'branch' ("main") and 'tag' ("v1.2.3") are both set; an environment follows one or the other` },
  },
  {
    name: 'no environments',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [] });`),
    expect: { code: 1, names: '[<platform>]', message: `'environments' must name at least one environment` },
  },
  {
    name: 'duplicate environment names',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [...environments(), environments()[0]] });`),
    expect: { code: 1, names: '[<platform>]', message: `environment 'dev' is defined twice` },
  },
  {
    name: 'environment name not a DNS label',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], name: 'Dev' }] });`),
    expect: { code: 1, names: '[Dev]', message: `'name' ("Dev") must be a DNS label` },
  },
  {
    name: 'environment region invalid',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], region: 'europe' }] });`),
    expect: { code: 1, names: '[dev]', message: `'region' ("europe") is not an AWS region such as "eu-west-1"` },
  },
  {
    name: 'environment policy profile unknown',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], policy: 'strict' }] });`),
    expect: { code: 1, names: '[dev]', message: `'policy' ("strict") must be one of "baseline", "restricted", "prod"` },
  },
  {
    name: 'duplicate app names',
    category: 'platform model',
    stacks: withApp(`new WebService(app, 'web2', { image: IMAGE });`, 'web'),
    expect: { code: 1, names: '[<platform>/apps/web]', message: `app 'web' is added twice; app names must be unique` },
  },
  {
    name: 'app named like an environment',
    category: 'platform model',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE });`, 'prod'),
    expect: { code: 1, names: '[<platform>/apps/prod]', message: `app 'prod' has the name of an environment` },
  },
  {
    name: 'app name not a DNS label',
    category: 'platform model',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE });`, 'Bad_App'),
    expect: { code: 1, names: '[<platform>/apps/Bad_App]', message: `'app name' ("Bad_App") must be a DNS label` },
  },
  {
    name: 'dependsOn an unknown app',
    category: 'platform model',
    stacks: stacks(`  return acme((platform) => platform.addApp('bad', (app) => { new WebService(app, 'web', { image: IMAGE }); }, { dependsOn: ['database'] }));`),
    expect: { code: 1, names: '[<platform>/apps/bad]', message: `'dependsOn' names app 'database', which is not added yet` },
  },
  {
    name: 'overrides for an undefined app',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], apps: { wbe: { replicas: 3 } } }] });`),
    expect: { code: 1, names: '[dev]', message: `'apps' overrides app 'wbe', which the platform does not define` },
  },
  {
    name: 'override the app never reads',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], apps: { web: { hosts: ['shop.example.com'] } } }] });`),
    expect: { code: 1, names: '[dev/web]', message: `environment 'dev' overrides 'hosts' but the app never reads app.settings.hosts` },
  },
  {
    name: 'override replicas out of range',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], apps: { web: { replicas: -2 } } }] });`),
    expect: { code: 1, names: '[dev]', message: `overrides for app 'web': 'replicas' (-2) must be a whole number from 0 to 1000` },
  },
  {
    name: 'override with an unknown setting',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], apps: { web: { replica: 2 } } }] });`),
    expect: { code: 1, names: '[dev]', message: `overrides for app 'web': unknown setting 'replica'` },
  },
  {
    name: 'imageTag latest in app defaults',
    category: 'platform model',
    stacks: stacks(`  return acme((platform) => platform.addApp('bad', (app) => { new WebService(app, 'web', { image: app.image('ghcr.io/acme/web') }); }, { defaults: { imageTag: 'latest' } }));`),
    expect: { code: 1, names: '[<platform>/apps/bad]', message: `defaults: 'imageTag' must not be "latest"` },
  },
  {
    name: 'imageTag with invalid characters',
    category: 'platform model',
    stacks: stacks(`  return acme((platform) => platform.addApp('bad', (app) => { new WebService(app, 'web', { image: app.image('ghcr.io/acme/web') }); }, { defaults: { imageTag: 'v1 final' } }));`),
    expect: { code: 1, names: '[<platform>/apps/bad]', message: `defaults: 'imageTag' ("v1 final") is not a valid image tag` },
  },
  {
    name: 'imageDigest not a sha256 digest',
    category: 'platform model',
    stacks: stacks(`  return acme((platform) => platform.addApp('bad', (app) => { new WebService(app, 'web', { image: app.image('ghcr.io/acme/web') }); }, { defaults: { imageTag: '1.0.0', imageDigest: 'sha256:abc' } }));`),
    expect: { code: 1, names: '[<platform>/apps/bad]', message: `defaults: 'imageDigest' ("sha256:abc") must look like "sha256:" followed by 64 lowercase hex digits` },
  },
  {
    name: 'app.image() without an imageTag',
    category: 'platform model',
    stacks: withApp(`new WebService(app, 'web', { image: app.image('ghcr.io/acme/web') });`),
    expect: { code: 1, names: '[dev/bad]', message: `no 'imageTag' is set for app 'bad' in environment 'dev'` },
  },
  {
    name: 'namespace from NamespaceScheme.custom not a DNS label',
    category: 'platform model',
    stacks: stacks(`  return acme(() => undefined, { environments: [{ ...environments()[0], namespaces: NamespaceScheme.custom((env, app) => env.toUpperCase() + '_' + app) }] });`),
    expect: { code: 1, names: '[dev/web]', message: `'namespace (custom)' ("DEV_web") must be a DNS label` },
  },
  {
    name: 'dependency cycle between apps',
    category: 'platform model',
    stacks: stacks(`  return acme((platform) => {
    platform.addApp('a', (app) => { new WebService(app, 'a', { image: IMAGE }); });
    platform.addApp('b', (app) => {
      const b = new WebService(app, 'b', { image: IMAGE });
      b.connectTo(WebService.find(app.app('a'), 'a'));
      app.app('a').node.addDependency(b);
    });
  });`),
    expect: { code: 1, names: '[dev]', message: 'apps depend on each other in a cycle: a -> b -> a' },
  },

  // ---------------------------------------------------------------------------------------------
  // dangling references
  // ---------------------------------------------------------------------------------------------
  {
    name: 'connectTo a service in another environment',
    category: 'dangling references',
    stacks: stacks(`  return acme((platform) => platform.addApp('bad', (app) => {
    const other = platform.environments.find((e) => e !== app.environment)!;
    const api = WebService.find(other.tryFindApp('web')!, 'web');
    new WebService(app, 'front', { image: IMAGE }).connectTo(api);
  }));`),
    expect: { code: 1, names: '[dev/bad/front]', message: `cannot connect to prod/web/web: it is in environment 'prod' and this workload is in 'dev'` },
  },
  {
    name: 'app.app() names an app that does not exist',
    category: 'dangling references',
    stacks: withApp(`new WebService(app, 'front', { image: IMAGE }).connectTo(WebService.find(app.app('api'), 'api'));`),
    expect: { code: 1, names: '[dev/bad]', message: `app 'api' is not defined in environment 'dev'` },
  },
  {
    name: 'WebService.find names a service that does not exist',
    category: 'dangling references',
    stacks: withApp(`new WebService(app, 'front', { image: IMAGE }).connectTo(WebService.find(app.app('web'), 'api'));`),
    expect: { code: 1, names: '[dev/web]', message: `no WebService named "api" here (found: web)` },
  },
  {
    name: 'a workload uses a bucket of another environment',
    category: 'dangling references',
    stacks: stacks(`  const buckets: AssetBucket[] = [];
  return acme((platform) => platform.addApp('bad', (app) => {
    buckets.push(new AssetBucket(app, 'assets', { bucketName: 'acme-' + app.environment.envName + '-assets' }));
    new Worker(app, 'worker', { image: IMAGE }).uses(buckets[0]);
  }));`),
    expect: { code: 1, names: '[prod/bad/worker]', message: `cannot consume dev/bad/assets: it belongs to environment 'dev', not 'prod'` },
  },
  {
    name: 'a workload connects to itself',
    category: 'dangling references',
    stacks: withApp(`const web = new WebService(app, 'front', { image: IMAGE }); web.connectTo(web);`),
    expect: { code: 1, names: '[dev/bad/front]', message: 'a workload cannot connect to itself' },
  },
  {
    name: 'exposeAsEnv names a key the secret does not have',
    category: 'dangling references',
    stacks: withApp(`const web = new WebService(app, 'front', { image: IMAGE });
    const db = new ExternalSecret(app, 'db', { store: SecretStore.cluster('aws-secrets-manager'), data: { password: SecretValue.fromSecretsManager('prod/db') } });
    db.exposeAsEnv(web, { DB_USER: 'username' });`),
    expect: { code: 1, names: '[dev/bad/front]', message: `'env.DB_USER' names key "username", which Secret "db" does not have (keys: password)` },
  },

  // ---------------------------------------------------------------------------------------------
  // duplicate names
  // ---------------------------------------------------------------------------------------------
  {
    name: 'two ConfigMaps with one name in one app',
    category: 'duplicate names',
    stacks: withApp(`new ApiObject(app, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
    new ApiObject(app, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '2' } });`),
    expect: { code: 1, names: '[dev/bad/second]', message: "ConfigMap/dev-bad/settings in environment 'dev' is defined by [dev/bad/first] and [dev/bad/second]" },
  },
  {
    name: 'two WebServices with one name',
    category: 'duplicate names',
    stacks: withApp(`new WebService(app, 'front', { image: IMAGE, name: 'shop' }); new WebService(app, 'back', { image: IMAGE, name: 'shop' });`),
    expect: { code: 1, names: '[dev/bad/back/Resource]', message: "Deployment/dev-bad/shop in environment 'dev' is defined by [dev/bad/front/Resource] and [dev/bad/back/Resource]" },
  },
  {
    name: 'two apps in one shared namespace define the same object',
    category: 'duplicate names',
    stacks: stacks(`  return acme((platform) => {
    for (const name of ['shop', 'cart']) {
      platform.addApp(name, (app) => { new ApiObject(app, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: name } }); });
    }
  }, { environments: [{ name: 'dev', reconciler: Reconciler.flux(), namespaces: NamespaceScheme.shared('store') }] });`),
    expect: { code: 1, names: '[dev/cart/settings]', message: "ConfigMap/store/settings in environment 'dev' is defined by [dev/shop/settings] and [dev/cart/settings]" },
  },
  {
    name: 'two objects whose names differ only in case',
    category: 'duplicate names',
    stacks: withApp(`new ApiObject(app, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Settings' }, data: { a: '1' } });
    new ApiObject(app, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '2' } });`),
    expect: { code: 1, names: '[dev/bad/second]', message: 'two objects map to the same file' },
  },
  {
    name: 'an app named like the reconciler folder',
    category: 'duplicate names',
    stacks: withApp(`new ApiObject(app, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev-web' } });`, 'flux'),
    expect: { code: 1, names: '[dev]', message: `app 'flux' uses the folder dev/flux/, which the Flux reconciler writes its objects to` },
  },
  {
    name: 'two constructs with one id',
    category: 'duplicate names',
    stacks: withApp(`new WebService(app, 'front', { image: IMAGE }); new Worker(app, 'front', { image: IMAGE });`),
    expect: { code: 1, names: 'front', message: `There is already a Construct with name 'front'` },
  },

  // ---------------------------------------------------------------------------------------------
  // policy violations (raw cdk8s ApiObjects, checked at synth)
  // ---------------------------------------------------------------------------------------------
  {
    name: 'privileged container',
    category: 'policy violations',
    stacks: rawPod(`securityContext: { privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },`),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-B-001 Pod\/dev-bad\/pod \.spec\.containers\[0\]\.securityContext\.privileged: .*sets 'securityContext\.privileged' to true/ },
  },
  {
    name: 'hostPath volume',
    category: 'policy violations',
    stacks: rawPod('', `volumes: [{ name: 'host', hostPath: { path: '/var/run/docker.sock' } }],`),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-B-00\d Pod\/dev-bad\/pod \.spec\.volumes\[0\]\.hostPath/ },
  },
  {
    name: 'hostNetwork',
    category: 'policy violations',
    stacks: rawPod('', 'hostNetwork: true,'),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-B-002 Pod\/dev-bad\/pod \.spec\.hostNetwork/ },
  },
  {
    name: 'runAsNonRoot false',
    category: 'policy violations',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: ${podSpec().replace('runAsNonRoot: true, runAsUser', 'runAsNonRoot: false, runAsUser').replace(`runAsNonRoot: true, capabilities`, 'capabilities')} }`, 'pod'),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-R-\d+ Pod\/dev-bad\/pod \.spec\.securityContext\.runAsNonRoot/ },
  },
  {
    name: 'added capability',
    category: 'policy violations',
    stacks: rawPod(`securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } },`),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-B-\d+ Pod\/dev-bad\/pod \.spec\.containers\[0\]\.securityContext\.capabilities\.add/ },
  },
  {
    name: 'image tagged latest in a raw Pod',
    category: 'policy violations',
    stacks: rawPod('', '', `'ghcr.io/acme/web:latest'`),
    expect: { code: 1, names: '[dev/bad/pod]', message: /K8S-\d+ Pod\/dev-bad\/pod \.spec\.containers\[0\]\.image/ },
  },
  {
    name: 'container without resource requests',
    category: 'policy violations',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: ${podSpec().replace(`resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },`, '')} }`, 'pod'),
    expect: { code: 1, names: '[dev/bad/pod]', message: /K8S-\d+ Pod\/dev-bad\/pod \.spec\.containers\[0\]\.resources/ },
  },
  {
    name: 'Service selecting no pods',
    category: 'policy violations',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'orphan' }, spec: { selector: { 'app.kubernetes.io/name': 'nothing' }, ports: [{ port: 80, targetPort: 8080 }] } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /K8S-\d+ Service\/dev-bad\/orphan \.spec\.selector/ },
  },
  {
    name: 'LoadBalancer Service without the exposure annotation',
    category: 'policy violations',
    stacks: withApp(`new WebService(app, 'shop', { image: IMAGE });
    new ApiObject(app, 'lb', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop-lb' }, spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop-' + app.environment.envName }, ports: [{ port: 443, targetPort: 8080 }] } });`),
    expect: { code: 1, names: '[dev/bad/lb]', message: /K8S-010 Service\/dev-bad\/shop-lb \.metadata\.annotations\["gitplane\.dev\/exposure"\]: Service of type LoadBalancer/ },
  },
  {
    name: 'NodePort Service',
    category: 'policy violations',
    stacks: withApp(`new WebService(app, 'shop', { image: IMAGE });
    new ApiObject(app, 'np', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop-np' }, spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop-' + app.environment.envName }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } });`),
    expect: { code: 1, names: '[dev/bad/np]', message: /K8S-\d+ Service\/dev-bad\/shop-np \.spec\.type/ },
  },
  {
    name: 'object in the default namespace',
    category: 'policy violations',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /K8S-\d+ ConfigMap\/default\/settings \.metadata\.namespace/ },
  },
  {
    name: 'removed API version',
    category: 'policy violations',
    stacks: rawObject(`{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /K8S-01[67] PodDisruptionBudget\/dev-bad\/web \.apiVersion/ },
  },
  {
    name: 'single-replica web service without a PodDisruptionBudget in a protected environment',
    category: 'policy violations',
    stacks: withApp(`new WebService(app, 'shop', { image: IMAGE, replicas: 1 });`),
    expect: { code: 1, names: '[prod/bad/shop', message: /AVL-00\d Deployment\/prod-bad\/shop/ },
  },
  {
    name: 'several findings: each on its own line',
    category: 'policy violations',
    stacks: rawPod(`securityContext: { privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },`, `hostNetwork: true, volumes: [{ name: 'host', hostPath: { path: '/' } }],`),
    expect: { code: 1, names: '[dev/bad/pod]', message: /PSS-B-002 Pod\/dev-bad\/pod \.spec\.hostNetwork/ },
  },
  {
    name: 'synth --strict with an unacknowledged warning',
    category: 'policy violations',
    argv: ['synth', '--strict'],
    stacks: withApp(`new AssetBucket(app, 'assets', { bucketName: 'assets.' + app.environment.envName + '.example.com' });`),
    expect: { code: 1, names: '--strict', message: "2 unacknowledged warning(s) with --strict; nothing was written. Fix: fix them or acknowledge each with Warnings.of(construct).acknowledge('<id>', '<reason>')" },
  },
  {
    name: 'check with a policy violation in the stacks',
    category: 'policy violations',
    argv: ['check'],
    stacks: rawPod('', 'hostNetwork: true,'),
    expect: { code: 1, names: '[prod/bad/pod]', message: /PSS-B-002 Pod\/prod-bad\/pod \.spec\.hostNetwork: / },
  },
  {
    name: 'policy check of hand-written YAML with a privileged Pod',
    category: 'policy violations',
    argv: ['policy', 'check', 'pods'],
    files: {
      'pods/debug.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: tools}\nspec:\n  containers:\n  - name: shell\n    image: ghcr.io/acme/shell:1.0.0\n    securityContext: {privileged: true}\n',
    },
    expect: { code: 1, names: 'pods/debug.yaml', message: /^error: policy check failed: \d+ finding\(s\) in pods\/debug\.yaml\. Fix: / },
  },
  {
    name: 'policy check --strict of YAML with only warnings',
    category: 'policy violations',
    argv: ['policy', 'check', 'dist', '--strict'],
    files: {
      'dist/dev/web/pod-tagged.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: tagged, namespace: dev-web}\nspec:\n  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: app\n    image: ghcr.io/acme/app:1.4.2\n    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}\n    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}\n',
    },
    expect: { code: 1, names: 'dist/dev/web/pod-tagged.yaml', message: 'finding(s) (--strict: warnings count) in dist/dev/web/pod-tagged.yaml' },
  },
  {
    name: 'waiver without a reason',
    category: 'policy violations',
    stacks: withApp(`const { Policy } = require('@lib'); Policy.of(new WebService(app, 'shop', { image: IMAGE })).waive('PSS-R-001', '');`),
    expect: { code: 1, names: '[dev/bad/shop]', message: 'waive' },
  },
  {
    name: 'waiver of an unknown rule',
    category: 'policy violations',
    stacks: withApp(`const { Policy } = require('@lib'); Policy.of(new WebService(app, 'shop', { image: IMAGE })).waive('PSS-X-999', 'legacy');`),
    expect: { code: 1, names: '[dev/bad/shop]', message: 'cannot waive unknown policy rule "PSS-X-999"' },
  },

  // ---------------------------------------------------------------------------------------------
  // plaintext secrets (the scanner runs at synth; the secret must never be printed)
  // ---------------------------------------------------------------------------------------------
  {
    name: 'v1 Secret with data',
    category: 'plaintext secrets',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from('${DB_PASSWORD}').toString('base64') } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /SEC-\d+ Secret\/dev-bad\/db/, secret: DB_PASSWORD },
  },
  {
    name: 'v1 Secret with stringData',
    category: 'plaintext secrets',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: '${DB_PASSWORD}' } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /SEC-\d+ Secret\/dev-bad\/db/, secret: DB_PASSWORD },
  },
  {
    name: 'DB_PASSWORD with a literal value via addEnv',
    category: 'plaintext secrets',
    stacks: withApp(`new WebService(app, 'shop', { image: IMAGE }).addEnv('DB_PASSWORD', '${DB_PASSWORD}');`),
    expect: { code: 1, names: '[dev/bad/shop]', message: `environment variable "DB_PASSWORD" from addEnv("DB_PASSWORD") is named like a credential, but its value would be committed in plain text`, secret: DB_PASSWORD },
  },
  {
    name: 'API token as a plain env prop',
    category: 'plaintext secrets',
    stacks: withApp(`new Worker(app, 'sync', { image: IMAGE, env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } });`),
    expect: { code: 1, names: '[dev/bad/sync]', message: `environment variable "GITHUB_TOKEN" from 'env' is named like a credential`, secret: GITHUB_TOKEN },
  },
  {
    name: 'AWS access key id in a ConfigMap value',
    category: 'plaintext secrets',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws' }, data: { 'config.ini': '[default]\\nregion = eu-west-1\\nkey = ${AWS_KEY_ID}\\n' } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /SEC-\d+ ConfigMap\/dev-bad\/aws \.data\["config\.ini"\]|SEC-\d+ ConfigMap\/dev-bad\/aws \.data/, secret: AWS_KEY_ID },
  },
  {
    name: 'GitHub token inside an ingress host (quoted by the prop error)',
    category: 'plaintext secrets',
    stacks: withApp(`new WebService(app, 'web', { image: IMAGE, ingress: { hosts: ['deploy:${GITHUB_TOKEN}@example.com'] } });`),
    expect: { code: 1, names: '[dev/bad/web]', message: '(redacted, looks like a GitHub token)', secret: GITHUB_TOKEN },
  },
  {
    name: 'GitHub token inside an image reference (quoted by the prop error)',
    category: 'plaintext secrets',
    argv: ['check'],
    stacks: withApp(`new Worker(app, 'sync', { image: 'deploy:${GITHUB_TOKEN}@ghcr.io/acme/sync:1.0' });`),
    expect: { code: 1, names: '[dev/bad/sync]', message: '(redacted, looks like a GitHub token)', secret: GITHUB_TOKEN },
  },
  {
    name: 'AWS key id as the --app value',
    category: 'plaintext secrets',
    argv: ['synth', '--app', `stacks/${AWS_KEY_ID}.ts`],
    expect: { code: 1, names: '--app', message: 'does not exist', secret: AWS_KEY_ID },
  },
  {
    name: 'GitHub token in an annotation',
    category: 'plaintext secrets',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ci', annotations: { 'acme.io/notes': 'deploy with ${GITHUB_TOKEN}' } }, data: { a: '1' } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /SEC-\d+ ConfigMap\/dev-bad\/ci \.metadata\.annotations/, secret: GITHUB_TOKEN },
  },
  {
    name: 'private key in a ConfigMap',
    category: 'plaintext secrets',
    stacks: rawObject(`{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tls' }, data: { 'tls.key': '-----BEGIN RSA PRIVATE KEY-----\\n${PRIVATE_KEY_BODY}\\n-----END RSA PRIVATE KEY-----\\n' } }`),
    expect: { code: 1, names: '[dev/bad/obj]', message: /SEC-\d+ ConfigMap\/dev-bad\/tls/, secret: PRIVATE_KEY_BODY },
  },
  {
    name: 'password in a container command line',
    category: 'plaintext secrets',
    stacks: withApp(`new Job(app, 'migrate', { image: IMAGE, args: ['--db-url', 'postgres://admin:${DB_PASSWORD}@db.internal:5432/app'] });`),
    expect: { code: 1, names: '[dev/bad/migrate', message: /SEC-\d+ Job\/dev-bad\/migrate/, secret: DB_PASSWORD },
  },

  // ---------------------------------------------------------------------------------------------
  // broken stack code
  // ---------------------------------------------------------------------------------------------
  {
    name: 'syntax error',
    category: 'broken stack code',
    stacks: 'export function buildPlatform( { return 1 }\n',
    expect: { code: 1, names: 'stacks/main.ts:1:', message: 'stack code does not compile' },
  },
  {
    name: 'runtime TypeError',
    category: 'broken stack code',
    stacks: stacks(`  const settings: any = undefined;\n  return acme(() => settings.web.replicas);`),
    expect: { code: 1, names: 'stacks/main.ts:', message: `stack code threw TypeError: Cannot read properties of undefined (reading 'web')` },
  },
  {
    name: 'module does not export a Platform',
    category: 'broken stack code',
    stacks: 'export function buildPlatform() { return { name: "acme" }; }\n',
    expect: { code: 1, names: '"stacks/main.ts"', message: 'does not export a gitplane Platform' },
  },
  {
    name: 'module exports nothing',
    category: 'broken stack code',
    stacks: 'export {};\n',
    expect: { code: 1, names: '"stacks/main.ts"', message: 'does not export a gitplane Platform' },
  },
  {
    name: 'buildPlatform is async',
    category: 'broken stack code',
    stacks: stacks('  return Promise.resolve(acme());').replace('export function', 'export async function'),
    expect: { code: 1, names: '"stacks/main.ts"', message: 'does not export a gitplane Platform' },
  },
  {
    name: 'stack code throws a plain Error',
    category: 'broken stack code',
    stacks: stacks(`  throw new Error('no settings for region eu-west-9');`),
    expect: { code: 1, names: 'stacks/main.ts:', message: 'stack code threw Error: no settings for region eu-west-9' },
  },
  {
    name: 'stack code throws a string',
    category: 'broken stack code',
    stacks: stacks(`  throw 'unfinished';`),
    expect: { code: 1, names: 'stack code', message: 'unfinished' },
  },
  {
    name: 'stack code imports a missing module',
    category: 'broken stack code',
    stacks: `import { settings } from './settings';\n${stacks('  return acme(() => settings);')}`,
    expect: { code: 1, names: './settings', message: `Cannot find module './settings'` },
  },
  {
    name: 'stack code imports a missing package',
    category: 'broken stack code',
    stacks: `import { thing } from 'left-pad-xyz';\n${stacks('  return acme(() => thing);')}`,
    expect: { code: 1, names: 'left-pad-xyz', message: `Cannot find module 'left-pad-xyz'` },
  },

  {
    name: 'addJsonPatch adds below a field that does not exist',
    category: 'broken stack code',
    stacks: withApp(`new ApiObject(app, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }).addJsonPatch(JsonPatch.add('/spec/template/x', 1));`),
    expect: { code: 1, names: '[dev/bad/cm]', message: `addJsonPatch #1 JsonPatch.add("/spec/template/x", ...) does not fit the ConfigMap: /spec does not exist in the object` },
  },
  {
    name: 'addJsonPatch removes a field that does not exist',
    category: 'broken stack code',
    argv: ['check'],
    stacks: withApp(`const cm = new ApiObject(app, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    cm.addJsonPatch(JsonPatch.add('/metadata/labels', {}));
    cm.addJsonPatch(JsonPatch.remove('/data/password'));`),
    expect: { code: 1, names: '[dev/bad/cm]', message: 'addJsonPatch #2 JsonPatch.remove("/data/password") does not fit the ConfigMap: /data does not exist' },
  },
  {
    name: 'addJsonPatch moves from a field that does not exist',
    category: 'broken stack code',
    stacks: withApp(`new ApiObject(app, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } }).addJsonPatch(JsonPatch.move('/data/nope/x', '/data/c'));`),
    expect: { code: 1, names: '[dev/bad/cm]', message: 'JsonPatch.move("/data/nope/x", "/data/c") does not fit the ConfigMap' },
  },
  {
    name: 'a custom construct throws while rendering',
    category: 'broken stack code',
    stacks: withApp(`class Broken extends ApiObject { public toJson(): any { throw new RangeError('no size for tier gold'); } }
    new Broken(app, 'broken', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken' } });`),
    expect: { code: 1, names: 'stacks/main.ts:', message: 'stack code threw RangeError: no size for tier gold' },
  },

  // ---------------------------------------------------------------------------------------------
  // bad flags
  // ---------------------------------------------------------------------------------------------
  {
    name: 'unknown flag',
    category: 'bad flags',
    argv: ['synth', '--outdir', 'x'],
    expect: { code: 1, names: '--outdir', message: 'unknown flag --outdir' },
  },
  {
    name: 'unknown flag written with =',
    category: 'bad flags',
    argv: ['synth', '--stric=true'],
    expect: { code: 1, names: '--stric', message: 'unknown flag --stric' },
  },
  {
    name: 'unknown command',
    category: 'bad flags',
    argv: ['synht'],
    expect: { code: 1, names: '"synht"', message: 'unknown command or argument "synht"' },
  },
  {
    name: 'no command',
    category: 'bad flags',
    argv: [],
    expect: { code: 1, names: 'gitplane synth', message: 'name a command' },
  },
  {
    name: '--out without a value',
    category: 'bad flags',
    argv: ['synth', '--out'],
    expect: { code: 1, names: '--out', message: '--out needs a value. Fix: pass a folder, e.g. --out dist' },
  },
  {
    name: '--app without a value',
    category: 'bad flags',
    argv: ['synth', '--app'],
    expect: { code: 1, names: '--app', message: '--app needs a value. Fix: pass the stacks entry module, e.g. --app stacks/main.ts' },
  },
  {
    name: '--out naming the project folder',
    category: 'bad flags',
    argv: ['synth', '--out', '.'],
    expect: { code: 1, names: '--out', message: '--out "." is the project folder or contains it' },
  },
  {
    name: '--out naming a parent of the project',
    category: 'bad flags',
    argv: ['check', '--out', '../'],
    expect: { code: 1, names: '--out', message: '--out "../" is the project folder or contains it' },
  },
  {
    name: '--app naming a missing file',
    category: 'bad flags',
    argv: ['synth', '--app', 'stacks/nope.ts'],
    expect: { code: 1, names: '--app', message: 'the app module "stacks/nope.ts" does not exist' },
  },
  {
    name: 'policy without a subcommand',
    category: 'bad flags',
    argv: ['policy'],
    expect: { code: 1, names: 'gitplane policy', message: 'gitplane policy needs at least 1 argument(s), got 0. Fix: see gitplane policy --help' },
  },
  {
    name: 'policy check with no path',
    category: 'bad flags',
    argv: ['policy', 'check'],
    expect: { code: 1, names: 'gitplane policy check', message: 'gitplane policy check needs at least 1 argument(s), got 0. Fix: see gitplane policy check --help' },
  },
  {
    name: 'policy check --profile nope',
    category: 'bad flags',
    argv: ['policy', 'check', 'dist', '--profile', 'nope'],
    expect: { code: 1, names: '--profile', message: '--profile "nope" is not a policy profile' },
  },
  {
    name: 'policy list --profile nope',
    category: 'bad flags',
    argv: ['policy', 'list', '--profile', 'nope'],
    expect: { code: 1, names: '--profile', message: '--profile "nope" is not a policy profile' },
  },
  {
    name: 'policy check of a path that does not exist',
    category: 'bad flags',
    argv: ['policy', 'check', 'manifests/pod.yaml'],
    expect: { code: 1, names: '"manifests/pod.yaml"', message: 'path "manifests/pod.yaml" does not exist' },
  },
  {
    name: 'policy check of a file that is not YAML',
    category: 'bad flags',
    argv: ['policy', 'check', 'manifests'],
    files: { 'manifests/pod.yaml': 'kind: Pod\nmetadata: {name: [unclosed\n' },
    expect: { code: 1, names: 'manifests/pod.yaml', message: /^error: manifests\/pod\.yaml: not valid YAML at line \d+: .+\. Fix: / },
  },
  {
    name: 'validate --schemas naming a missing folder',
    category: 'bad flags',
    argv: ['validate', '--schemas', 'crds'],
    expect: { code: 1, names: '--schemas', message: '"crds"' },
  },
  {
    name: 'validate --dir naming a missing folder',
    category: 'bad flags',
    argv: ['validate', '--dir', 'out'],
    expect: { code: 1, names: '--dir', message: 'manifest folder "out" does not exist' },
  },
  {
    name: 'validate --dir with a file that is not YAML',
    category: 'bad flags',
    argv: ['validate', '--dir', 'manifests'],
    files: { 'manifests/pod.yaml': 'kind: Pod\nmetadata: {name: [unclosed\n' },
    expect: { code: 1, names: 'manifests/pod.yaml', message: 'not valid YAML' },
  },

  {
    name: '--out .. (the parent of the project)',
    category: 'bad flags',
    argv: ['synth', '--out', '..'],
    expect: { code: 1, names: '--out', message: '--out ".." is the project folder or contains it' },
  },
  {
    name: '--out / (the root of the file system)',
    category: 'bad flags',
    argv: ['synth', '--out', '/'],
    expect: { code: 1, names: '--out', message: '--out "/" is the root of the file system' },
  },
  {
    name: '--out naming the project folder by its absolute path',
    category: 'bad flags',
    argv: ['synth', '--out', '$PWD'],
    expect: { code: 1, names: '--out', message: 'is the project folder or contains it' },
  },
  {
    name: '--out naming a parent of the project by its absolute path',
    category: 'bad flags',
    argv: ['check', '--out', '$PWD/stacks/../..'],
    expect: { code: 1, names: '--out', message: 'is the project folder or contains it' },
  },
  {
    name: '--out naming the project through a path that climbs back',
    category: 'bad flags',
    argv: ['synth', '--out=stacks/..'],
    expect: { code: 1, names: '--out', message: '--out "stacks/.." is the project folder or contains it' },
  },
  {
    name: "--app ''",
    category: 'bad flags',
    argv: ['synth', '--app', ''],
    expect: { code: 1, names: '--app', message: '--app needs a value' },
  },
  {
    name: '--out followed by another flag',
    category: 'bad flags',
    argv: ['check', '--out', '--git'],
    expect: { code: 1, names: '--out', message: '--out needs a value' },
  },
  {
    name: '--out= with nothing after it',
    category: 'bad flags',
    argv: ['synth', '--out='],
    expect: { code: 1, names: '--out', message: '--out needs a value' },
  },
  {
    name: 'validate --schemas without a value',
    category: 'bad flags',
    argv: ['validate', '--schemas'],
    expect: { code: 1, names: '--schemas', message: '--schemas needs a value' },
  },
  {
    name: 'validate --dir without a value',
    category: 'bad flags',
    argv: ['validate', '--dir', '--schemas', 'x'],
    expect: { code: 1, names: '--dir', message: '--dir needs a value' },
  },
  {
    name: 'policy check --profile without a value',
    category: 'bad flags',
    argv: ['policy', 'check', 'dist', '--profile'],
    expect: { code: 1, names: '--profile', message: '--profile needs a value' },
  },
  {
    name: "policy check ''",
    category: 'bad flags',
    argv: ['policy', 'check', ''],
    expect: { code: 1, names: 'gitplane policy check', message: 'was given an empty path' },
  },
  {
    name: '--strict=maybe',
    category: 'bad flags',
    argv: ['synth', '--strict=maybe'],
    expect: { code: 1, names: '--strict', message: '--strict takes no value other than true or false, got "maybe"' },
  },
  {
    name: '--git=1 on check',
    category: 'bad flags',
    argv: ['check', '--git=1'],
    expect: { code: 1, names: '--git', message: 'got "1"' },
  },
  {
    name: '--debug=yes',
    category: 'bad flags',
    argv: ['validate', '--debug=yes'],
    expect: { code: 1, names: '--debug', message: 'takes no value other than true or false' },
  },
  {
    name: '--audit=no on policy kyverno',
    category: 'bad flags',
    argv: ['policy', 'kyverno', '--audit=no'],
    expect: { code: 1, names: '--audit', message: 'got "no"' },
  },
  {
    name: '--out given twice',
    category: 'bad flags',
    argv: ['synth', '--out', 'a', '--out', 'b'],
    expect: { code: 1, names: '--out', message: '--out was given 2 times. Fix: pass it once, e.g. --out dist' },
  },
  {
    name: '--timeout given twice',
    category: 'bad flags',
    argv: ['check', '--timeout', '5', '--timeout=6'],
    expect: { code: 1, names: '--timeout', message: '--timeout was given 2 times' },
  },
  {
    name: '--timeout without a value',
    category: 'bad flags',
    argv: ['synth', '--timeout'],
    expect: { code: 1, names: '--timeout', message: '--timeout needs a value' },
  },
  {
    name: '--timeout abc',
    category: 'bad flags',
    argv: ['synth', '--timeout', 'abc'],
    expect: { code: 1, names: '--timeout', message: '--timeout must be a number, got "abc"' },
  },
  {
    name: '--timeout 0',
    category: 'bad flags',
    argv: ['check', '--timeout', '0'],
    expect: { code: 1, names: '--timeout', message: '--timeout must be a whole number of seconds from 1 to 86400, got 0' },
  },
  {
    name: '--timeout -5',
    category: 'bad flags',
    argv: ['synth', '--timeout=-5'],
    expect: { code: 1, names: '--timeout', message: 'got -5' },
  },
  {
    name: 'a binary file in a --schemas folder',
    category: 'bad flags',
    argv: ['validate', '--schemas', 'crds'],
    arrange: (dir) => fs.writeFileSync(path.join(dir, 'crds/widgets.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff])),
    files: { 'crds/README.md': 'not read' },
    expect: { code: 1, names: 'crds/widgets.yaml', message: 'is not a text file' },
  },
  {
    name: 'a file that is not YAML in a --schemas folder',
    category: 'bad flags',
    argv: ['validate', '--schemas', 'crds'],
    files: { 'crds/widgets.yaml': 'apiVersion: [unclosed\n  kind: {\n' },
    expect: { code: 1, names: 'crds/widgets.yaml', message: 'is not valid YAML or JSON' },
  },
  {
    name: 'a broken JSON file among good ones in a nested --schemas folder',
    category: 'bad flags',
    argv: ['validate', '--schemas', 'crds'],
    files: { 'crds/a/ok.yaml': 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n', 'crds/b/widgets.json': '{"kind": "Widget", ' },
    expect: { code: 1, names: 'crds/b/widgets.json', message: 'is not valid YAML or JSON' },
  },

  // ---------------------------------------------------------------------------------------------
  // bad config (package.json "gitplane")
  // ---------------------------------------------------------------------------------------------
  {
    name: 'gitplane section is not an object',
    category: 'bad config',
    config: 'stacks/main.ts',
    expect: { code: 1, names: '"gitplane"', message: 'package.json "gitplane" must be an object, got "stacks/main.ts"' },
  },
  {
    name: 'gitplane section is an array',
    category: 'bad config',
    config: ['stacks/main.ts'],
    expect: { code: 1, names: '"gitplane"', message: 'package.json "gitplane" must be an object' },
  },
  {
    name: 'unknown key',
    category: 'bad config',
    config: { app: 'stacks/main.ts', outDir: 'dist' },
    expect: { code: 1, names: '"gitplane.outDir"', message: 'package.json "gitplane.outDir" is not a known setting' },
  },
  {
    name: 'outdir of the wrong type',
    category: 'bad config',
    config: { app: 'stacks/main.ts', outdir: 42 },
    expect: { code: 1, names: '"gitplane.outdir"', message: 'package.json "gitplane.outdir" must be a non-empty string, got 42' },
  },
  {
    name: 'strict of the wrong type',
    category: 'bad config',
    config: { app: 'stacks/main.ts', strict: 'yes' },
    expect: { code: 1, names: '"gitplane.strict"', message: 'package.json "gitplane.strict" must be a boolean, got "yes"' },
  },
  {
    name: 'outdir naming the project folder',
    category: 'bad config',
    config: { app: 'stacks/main.ts', outdir: './' },
    expect: { code: 1, names: '"gitplane.outdir"', message: 'package.json "gitplane.outdir" "./" is the project folder or contains it' },
  },
  {
    name: 'app empty',
    category: 'bad config',
    config: { app: ' ' },
    expect: { code: 1, names: '"gitplane.app"', message: 'package.json "gitplane.app" must be a non-empty string' },
  },
  {
    name: 'app pointing to a missing file',
    category: 'bad config',
    config: { app: 'stacks/index.ts' },
    expect: { code: 1, names: '"gitplane.app"', message: 'the app module "stacks/index.ts" does not exist' },
  },
  {
    name: 'package.json is not valid JSON',
    category: 'bad config',
    packageJson: '{ "name": "demo", "gitplane": { "app": "stacks/main.ts", } }\n',
    expect: { code: 1, names: 'package.json', message: 'package.json is not valid JSON' },
  },
  {
    name: 'bad config fails check too',
    category: 'bad config',
    argv: ['check'],
    config: { app: 'stacks/main.ts', outdir: false },
    expect: { code: 1, names: '"gitplane.outdir"', message: 'package.json "gitplane.outdir" must be a non-empty string, got false' },
  },
  {
    name: 'bad config fails policy check --strict lookup',
    category: 'bad config',
    argv: ['policy', 'check', 'dist'],
    config: { strict: 1 },
    expect: { code: 1, names: '"gitplane.strict"', message: 'package.json "gitplane.strict" must be a boolean, got 1' },
  },

  {
    name: 'timeout of the wrong type',
    category: 'bad config',
    config: { app: 'stacks/main.ts', timeout: '120' },
    expect: { code: 1, names: '"gitplane.timeout"', message: 'package.json "gitplane.timeout" must be a whole number of seconds from 1 to 86400, got "120"' },
  },
  {
    name: 'timeout zero',
    category: 'bad config',
    argv: ['check'],
    config: { timeout: 0 },
    expect: { code: 1, names: '"gitplane.timeout"', message: 'got 0' },
  },
  {
    name: 'timeout a fraction',
    category: 'bad config',
    config: { timeout: 0.5 },
    expect: { code: 1, names: '"gitplane.timeout"', message: 'got 0.5' },
  },
  {
    name: 'outdir naming the root of the file system',
    category: 'bad config',
    config: { outdir: '/' },
    expect: { code: 1, names: '"gitplane.outdir"', message: 'package.json "gitplane.outdir" "/" is the root of the file system' },
  },
  {
    name: 'outdir naming a parent, absolute',
    category: 'bad config',
    argv: ['check'],
    config: { outdir: '/tmp' },
    expect: { code: 1, names: '"gitplane.outdir"', message: 'is the project folder or contains it' },
  },

  // ---------------------------------------------------------------------------------------------
  // stuck states: stack code that never returns or ends the process, an interrupted synth
  // ---------------------------------------------------------------------------------------------
  {
    name: 'buildPlatform never returns',
    category: 'stuck states',
    config: { app: 'stacks/main.ts', timeout: 3 },
    stacks: stacks('  for (;;) { /* spins */ }'),
    expect: { code: 1, names: 'building the platform (buildPlatform() in stacks/main.ts)', message: 'stack code did not finish within 3 s' },
  },
  {
    name: 'the stacks module never finishes loading',
    category: 'stuck states',
    argv: ['check', '--timeout', '1'],
    stacks: `${stacks('  return acme();')}\nwhile (Date.now() > 0) { /* spins at import */ }\n`,
    expect: { code: 1, names: 'loading stacks/main.ts', message: 'stack code did not finish within 1 s' },
  },
  {
    name: 'a construct never finishes rendering',
    category: 'stuck states',
    argv: ['synth', '--timeout=3'],
    stacks: withApp(`class Spin extends ApiObject { public toJson(): any { for (;;) { /* spins */ } } }
    new Spin(app, 'spin', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'spin' } });`),
    expect: { code: 1, names: 'synthesizing the platform from stacks/main.ts', message: 'stack code did not finish within 3 s' },
  },
  {
    name: 'stack code calls process.exit(0) while loading',
    category: 'stuck states',
    argv: ['check'],
    stacks: `${stacks('  return acme();')}\nprocess.exit(0);\n`,
    expect: { code: 1, names: 'stacks/main.ts', message: 'stack code called process.exit(0) while loading stacks/main.ts' },
  },
  {
    name: 'stack code calls process.exit(3) in buildPlatform',
    category: 'stuck states',
    stacks: stacks('  process.exit(3);'),
    expect: { code: 1, names: 'buildPlatform() in stacks/main.ts', message: 'stack code called process.exit(3) while building the platform' },
  },
  {
    name: 'stack code calls process.exit() while rendering',
    category: 'stuck states',
    argv: ['check'],
    stacks: withApp(`class Quit extends ApiObject { public toJson(): any { process.exit(); } }
    new Quit(app, 'quit', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'quit' } });`),
    expect: { code: 1, names: 'stacks/main.ts', message: 'stack code called process.exit(0) while synthesizing' },
  },
  {
    name: 'check after a synth died between the two renames (dist/ missing)',
    category: 'stuck states',
    argv: ['check'],
    arrange: (dir) => fs.renameSync(path.join(dir, 'dist'), path.join(dir, '.dist.gitplane-previous')),
    expect: { code: 1, names: '.dist.gitplane-previous/', message: 'dist/ is missing: a synth was interrupted' },
  },
  {
    name: 'validate after a synth died between the two renames (dist/ missing)',
    category: 'stuck states',
    argv: ['validate'],
    arrange: (dir) => {
      fs.renameSync(path.join(dir, 'dist'), path.join(dir, '.dist.gitplane-previous'));
      fs.mkdirSync(path.join(dir, '.dist.gitplane-staging'));
    },
    expect: { code: 1, names: '.dist.gitplane-previous/', message: 'Fix: run npm run synth' },
  },
  {
    name: 'check --out after a synth of that folder died (custom folder missing)',
    category: 'stuck states',
    argv: ['check', '--out', 'out'],
    arrange: (dir) => fs.cpSync(path.join(dir, 'dist'), path.join(dir, '.out.gitplane-previous'), { recursive: true }),
    expect: { code: 1, names: '.out.gitplane-previous/', message: 'out/ is missing: a synth was interrupted' },
  },
  {
    name: 'policy check dist after a synth died between the two renames',
    category: 'stuck states',
    argv: ['policy', 'check', 'dist'],
    arrange: (dir) => fs.renameSync(path.join(dir, 'dist'), path.join(dir, '.dist.gitplane-previous')),
    expect: { code: 1, names: '.dist.gitplane-previous/', message: 'dist/ is missing: a synth was interrupted' },
  },
  {
    name: 'validate while a synth\'s committed change is half-applied (dist/ incomplete)',
    category: 'stuck states',
    argv: ['validate'],
    arrange: halfApplied,
    expect: { code: 1, names: '.dist.gitplane-journal', message: 'dist/ is incomplete: a synth was interrupted while applying its change' },
  },
  {
    name: 'policy check dist while a synth\'s committed change is half-applied',
    category: 'stuck states',
    argv: ['policy', 'check', 'dist'],
    arrange: halfApplied,
    expect: { code: 1, names: '.dist.gitplane-journal', message: 'Fix: run npm run synth: it completes that change first' },
  },

  // ---------------------------------------------------------------------------------------------
  // machine faults: the file system says no
  // ---------------------------------------------------------------------------------------------
  {
    name: 'dist is a regular file (synth)',
    category: 'machine faults',
    arrange: (dir) => {
      fs.rmSync(path.join(dir, 'dist'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'dist'), 'not a folder\n');
    },
    expect: { code: 1, names: 'dist/', message: 'dist/ is a file, not a folder' },
  },
  {
    name: 'dist is a regular file (check)',
    category: 'machine faults',
    argv: ['check'],
    arrange: (dir) => {
      fs.rmSync(path.join(dir, 'dist'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'dist'), 'not a folder\n');
    },
    expect: { code: 1, names: 'dist/', message: 'dist/ is a file, not a folder' },
  },
  {
    name: 'validate --dir naming a regular file',
    category: 'machine faults',
    argv: ['validate', '--dir', 'package.json'],
    expect: { code: 1, names: '--dir', message: 'package.json/ is a file, not a folder' },
  },
  {
    name: '--out below a regular file (ENOTDIR)',
    category: 'machine faults',
    argv: ['synth', '--out', 'package.json/out'],
    expect: { code: 1, names: 'package.json/out', message: 'is a file where a folder is expected (ENOTDIR)' },
  },
  {
    name: '--out below a regular file, absolute (ENOTDIR)',
    category: 'machine faults',
    argv: ['synth', '--out', '$PWD/stacks/main.ts/dist'],
    expect: { code: 1, names: 'stacks/main.ts/dist', message: '(ENOTDIR). Fix: ' },
  },
  {
    name: 'the write lock is a folder',
    category: 'machine faults',
    argv: ['synth'],
    stacks: stacks(`  return acme((platform) => platform.addApp('extra', (app) => { new ApiObject(app, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } }); }));`),
    arrange: (dir) => fs.mkdirSync(path.join(dir, '.dist.gitplane-lock')),
    expect: { code: 1, names: '.dist.gitplane-lock', message: 'is not a file; synth uses that name for its write lock' },
  },

];

/** Names of cases that also run through the real binary (a subprocess), as a user sees them. */
export const BIN_CASES: readonly string[] = [
  'WebService image tagged latest',
  'privileged container',
  'AWS access key id in a ConfigMap value',
  'runtime TypeError',
  '--out without a value',
  'outdir of the wrong type',
  'stack code calls process.exit(0) while loading',
  'buildPlatform never returns',
  '--out / (the root of the file system)',
  'dist is a regular file (check)',
];

/** What a synth killed after committing its change leaves: the journal, and a file still staged for dist/. */
function halfApplied(dir: string): void {
  const file = fs.readdirSync(path.join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.yaml'))!;
  const staged = path.join(dir, '.dist.gitplane-staging', 'tree', file);
  fs.mkdirSync(path.dirname(staged), { recursive: true });
  fs.writeFileSync(staged, `${fs.readFileSync(path.join(dir, 'dist', file), 'utf8')}# next\n`);
  fs.writeFileSync(path.join(dir, '.dist.gitplane-journal'), journalText({ write: [file], remove: [] }));
}
