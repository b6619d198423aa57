import { KubeObject } from '../../../lib/core/manifest';
import { CHARSETS, Prng, wrap } from './prng';

/**
 * Values that look like secrets and are not: digests, UUIDs, ARNs, hashes, generated names, AWS
 * documentation keys, SealedSecret ciphertext, ExternalSecret keys, harmless base64, placeholders,
 * references and names that only describe a secret. None of them may block a synth.
 */

export interface Lookalike {
  readonly label: string;
  readonly object: KubeObject;
}

const { hex, base64, k8sHash, alnum } = CHARSETS;
const AWS_EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function meta(name: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  return { name, namespace: 'lookalikes', ...extra };
}

function deployment(name: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name),
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/app:2.1.0', ...container }], ...extra } },
    },
  };
}

const env = (name: string, entries: readonly [string, string][]): KubeObject => deployment(name, { env: entries.map(([n, value]) => ({ name: n, value })) });
const configMap = (name: string, data: Record<string, string>, binaryData?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta(name),
  data,
  ...(binaryData ? { binaryData } : {}),
});
const annotated = (name: string, annotations: Record<string, string>, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name, { annotations, labels }),
  spec: { selector: { app: name }, ports: [{ port: 80 }] },
});
const custom = (name: string, kind: string, apiVersion: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion, kind, metadata: meta(name), spec });

export function lookalikes(seed = 7): Lookalike[] {
  const rng = new Prng(seed);
  const sha256 = (): string => rng.chars(64, hex);
  const sha1 = (): string => rng.chars(40, hex);
  const digestImage = (repo: string): string => `${repo}@sha256:${sha256()}`;
  const hashName = (base: string, len: number): string => `${base}-${rng.chars(len, k8sHash)}`;
  const ciphertext = (): string => `AgB${rng.chars(rng.int(600, 760), base64)}==`;
  const items: Lookalike[] = [];
  const add = (label: string, object: KubeObject): void => {
    items.push({ label, object });
  };

  // Image digests
  add('image digest (Deployment)', deployment('digest-1', { image: digestImage('registry.example.com/team/api') }));
  add('image digest (tag and digest)', deployment('digest-2', { image: `ghcr.io/example/worker:1.9.3@sha256:${sha256()}` }));
  add('image digest (init container)', deployment('digest-3', {}, { initContainers: [{ name: 'migrate', image: digestImage('docker.io/library/postgres') }] }));
  add('image digest (CronJob)', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('digest-4'),
    spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: digestImage('public.ecr.aws/example/backup') }] } } } } },
  });
  add('image digest in ConfigMap', configMap('digest-5', { 'images.txt': `api=${digestImage('registry.example.com/api')}\nweb=${digestImage('registry.example.com/web')}\n` }));

  // UUIDs
  add('UUID annotation', annotated('uuid-1', { 'example.com/request-id': rng.uuid() }));
  add('UUID label', annotated('uuid-2', {}, { 'cluster-id': rng.uuid() }));
  add('UUID in ConfigMap data', configMap('uuid-3', { 'tenant-id': rng.uuid(), 'instance-id': rng.uuid() }));
  add('UUID client id in CRD spec', custom('uuid-4', 'OidcClient', 'auth.example.com/v1', { clientId: rng.uuid(), tenantId: rng.uuid() }));
  add('UUID env var', env('uuid-5', [['INSTANCE_ID', rng.uuid()], ['AZURE_CLIENT_ID', rng.uuid()]]));

  // ARNs
  add('IRSA role ARN annotation', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('arn-1', { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-api' } }),
  });
  add('KMS key ARN', configMap('arn-2', { 'kms-key-arn': `arn:aws:kms:eu-west-1:123456789012:key/${rng.uuid()}` }));
  add('Secrets Manager ARN in env', env('arn-3', [['DB_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-AbCdEf']]));
  add('Secrets Manager ARN under a sensitive name', env('arn-4', [['DB_PASSWORD_SECRET', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db/password-x1Y2z3']]));
  add('ARN in CRD spec', custom('arn-5', 'Bucket', 's3.aws.upbound.io/v1beta1', { forProvider: { region: 'eu-west-1', kmsKeyArn: `arn:aws:kms:eu-west-1:123456789012:key/${rng.uuid()}` } }));
  add('SSM parameter ARN in ExternalSecret', {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: meta('arn-6'),
    spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' }, data: [{ secretKey: 'password', remoteRef: { key: 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password' } }] },
  });

  // Hex digests and git SHAs
  add('checksum/config annotation', annotated('hex-1', { 'checksum/config': sha256() }));
  add('checksum/secret annotation', annotated('hex-2', { 'checksum/secret': sha256() }));
  add('git SHA annotation', annotated('hex-3', { 'gitplane.dev/source-revision': sha1() }));
  add('git SHA as Argo CD target revision', custom('hex-4', 'Application', 'argoproj.io/v1alpha1', { source: { repoURL: 'https://github.com/example/platform.git', targetRevision: sha1(), path: 'dist/prod/orders' } }));
  add('sha256 in ConfigMap data', configMap('hex-5', { 'bundle.sha256': sha256(), 'build-sha': sha1() }));
  add('pod-template-hash label', annotated('hex-6', {}, { 'pod-template-hash': rng.chars(10, k8sHash) }));

  // Generated resource names
  add('pod name with hashes', { apiVersion: 'v1', kind: 'Pod', metadata: meta(`web-${rng.chars(10, k8sHash)}-${rng.chars(5, k8sHash)}`), spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
  add('hashed ConfigMap reference', deployment('hashed-2', { envFrom: [{ configMapRef: { name: hashName('app-config', 10) } }] }));
  add('hashed Secret reference', deployment('hashed-3', { envFrom: [{ secretRef: { name: hashName('db-credentials', 10) } }] }));
  add('hashed secret volume', deployment('hashed-4', { volumeMounts: [{ name: 'tls', mountPath: '/tls' }] }, { volumes: [{ name: 'tls', secret: { secretName: hashName('tls-cert', 10) } }] }));
  add('ReplicaSet with hash', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(hashName('web', 10), { labels: { 'pod-template-hash': rng.chars(10, k8sHash) } }),
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });

  // AWS documentation keys
  add('AWS example credentials file', configMap('aws-example-1', { credentials: `[default]\naws_access_key_id = ${AWS_EXAMPLE_KEY_ID}\naws_secret_access_key = ${AWS_EXAMPLE_SECRET}\n` }));
  add('AWS example key id in env', env('aws-example-2', [['AWS_ACCESS_KEY_ID', AWS_EXAMPLE_KEY_ID]]));
  add('AWS example secret key in env', env('aws-example-3', [['AWS_SECRET_ACCESS_KEY', AWS_EXAMPLE_SECRET]]));
  add('AWS example keys in JSON', configMap('aws-example-4', { 'aws.json': JSON.stringify({ accessKeyId: AWS_EXAMPLE_KEY_ID, secretAccessKey: AWS_EXAMPLE_SECRET }) }));

  // SealedSecret ciphertext
  const sealed = (name: string, encryptedData: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: meta(name),
    spec: { encryptedData, template: { metadata: { name, namespace: 'lookalikes' }, type: 'Opaque' }, ...extra },
  });
  add('SealedSecret password', sealed('sealed-1', { password: ciphertext() }));
  add('SealedSecret API token', sealed('sealed-2', { 'api-token': ciphertext(), username: ciphertext() }));
  add('SealedSecret AWS keys', sealed('sealed-3', { aws_access_key_id: ciphertext(), aws_secret_access_key: ciphertext() }));
  add('SealedSecret with template labels', sealed('sealed-4', { '.dockerconfigjson': ciphertext() }, { template: { type: 'kubernetes.io/dockerconfigjson', metadata: { labels: { app: 'registry' } } } }));

  // ExternalSecret keys
  add('ExternalSecret remoteRef', {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: meta('external-1'),
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name: 'orders-db' },
      data: [
        { secretKey: 'DB_PASSWORD', remoteRef: { key: 'prod/orders/db', property: 'password' } },
        { secretKey: 'API_TOKEN', remoteRef: { key: 'prod/orders/api-token', version: 'AWSCURRENT' } },
      ],
    },
  });
  add('ExternalSecret dataFrom', {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: meta('external-2'),
    spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' }, dataFrom: [{ extract: { key: 'prod/payments/stripe-secret-key' } }, { find: { name: { regexp: '^prod/payments/.*token$' } } }] },
  });
  add('ClusterExternalSecret', {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ClusterExternalSecret',
    metadata: { name: 'external-3' },
    spec: { externalSecretSpec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, data: [{ secretKey: 'client-secret', remoteRef: { key: 'shared/oauth', property: 'client_secret' } }] } },
  });

  // Harmless base64 and public key material
  add('binary base64 (PNG)', configMap('b64-1', {}, { 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), rng.bytes(600)]).toString('base64') }));
  add('base64 of a text file', configMap('b64-2', {}, { 'motd.txt': Buffer.from('Welcome to the orders platform.\nSupport: #platform-help\n').toString('base64') }));
  add('base64 of a config without secrets', configMap('b64-3', {}, { 'app.env': Buffer.from('LOG_LEVEL=debug\nDB_PASSWORD=${DB_PASSWORD}\nTOKEN_TTL=3600\n').toString('base64') }));
  add('CA certificate', configMap('b64-4', { 'ca.crt': `-----BEGIN CERTIFICATE-----\n${wrap(Buffer.concat([Buffer.from([0x30, 0x82]), rng.bytes(900)]).toString('base64'), 64)}\n-----END CERTIFICATE-----\n` }));
  add('public keys', configMap('b64-5', {
    'id_ed25519.pub': `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${rng.chars(43, base64)} deploy@example.com`,
    'signing.pub': `-----BEGIN PUBLIC KEY-----\n${wrap(rng.bytes(294).toString('base64'), 64)}\n-----END PUBLIC KEY-----\n`,
  }));
  add('random id under a neutral name', configMap('b64-6', { 'build-id': rng.chars(40, base64), nonce: rng.chars(32, alnum) }));

  // Placeholders
  add('env ${VAR} placeholder', env('placeholder-1', [['DB_PASSWORD', '${DB_PASSWORD}']]));
  add('env $(VAR) dependent variable', env('placeholder-2', [['API_TOKEN', '$(ORDERS_API_TOKEN)']]));
  add('Spring property placeholder', configMap('placeholder-3', { 'application.properties': 'spring.datasource.url=jdbc:postgresql://db:5432/orders\nspring.datasource.password=${DB_PASSWORD}\n' }));
  add('URL with a placeholder password', configMap('placeholder-4', { DATABASE_URL: 'postgres://orders:${DB_PASSWORD}@db.internal:5432/orders', REDIS_URL: 'redis://:<password>@redis:6379/0' }));
  add('Helm template in annotation', annotated('placeholder-5', { 'example.com/api-token': '{{ .Values.apiToken }}' }));
  add('dummy values in .env', configMap('placeholder-6', { '.env': 'API_KEY=changeme\nSECRET_KEY=<redacted>\nDB_PASSWORD="********"\nKEYSTORE_PASSWORD=changeit\n' }));
  add('Flux substitution Secret', { apiVersion: 'v1', kind: 'Secret', metadata: meta('placeholder-7'), stringData: { password: '${DB_PASSWORD}', token: '${API_TOKEN}' } });
  add('service-account-token Secret', {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: meta('placeholder-8', { annotations: { 'kubernetes.io/service-account.name': 'ci' } }),
  });

  // Names that describe a secret without holding one
  add('descriptive env names', env('names-1', [
    ['TOKEN_TTL', '3600'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['SECRET_NAME', 'orders-db-credentials'],
    ['API_KEY_HEADER', 'X-Api-Key'],
    ['TOKEN_URL', 'https://auth.example.com/oauth2/token'],
    ['PASSWORD_FILE', '/run/secrets/db-password'],
    ['MAX_TOKENS', '4096'],
    ['ENABLE_TOKEN_AUTH', 'true'],
  ]));
  add('valueFrom secretKeyRef', deployment('names-2', { env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } }] }));
  add('Helm-style existingSecret', custom('names-3', 'Database', 'db.example.com/v1', { auth: { existingSecret: 'orders-db-credentials', secretKeys: { adminPasswordKey: 'admin-password' } } }));
  add('password policy properties', configMap('names-4', { 'security.properties': 'password.min-length=12\npassword.require-digits=true\ntoken.expiry=15m\nsecret.rotation-days=30\n' }));

  // URLs and other strings that are not credentials
  add('URLs without passwords', configMap('url-1', {
    repo: 'git@github.com:example/platform.git',
    clone: 'https://deploy@git.example.com/example/platform.git',
    db: 'postgres://db.internal:5432/orders?sslmode=require',
    health: 'http://localhost:8080/healthz',
  }));
  add('three dotted parts without a JWT header', configMap('jwt-like-1', {
    cookie: `${Buffer.from('{"typ":"session"}').toString('base64url')}.${Buffer.from('{"user":"guest"}').toString('base64url')}.${rng.chars(43, CHARSETS.base64url)}`,
    version: '1.27.3-eks.20240510',
  }));

  return items;
}
