import { Duration } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { WebService } from '../../../lib/constructs';
import { ExternalSecret, SecretStore, SecretValue } from '../../../lib/constructs/external-secret';
import { createValidator } from '../../../lib/schema';
import { findOne } from '../../helpers/manifests';
import { CRDS_DIR, HAS_CRDS } from '../../helpers/crds';
import { containerOf, IMAGE, messageOf, podSpecOf, propsFix, synthApp } from '../support';

const dbSecret = (app: any, props: Partial<ConstructorParameters<typeof ExternalSecret>[2]> = {}) => new ExternalSecret(app, 'DbCredentials', {
  store: SecretStore.cluster('aws-secrets-manager'),
  data: {
    username: SecretValue.fromSecretsManager('test/db', { property: 'username' }),
    password: SecretValue.fromSecretsManager('test/db', { property: 'password' }),
  },
  ...props,
});

describe('ExternalSecret', () => {
  it('synthesizes an ExternalSecret that references the store and never holds a value', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => { dbSecret(app); });
    // THEN
    expect(objects).toMatchSnapshot();
    expect(findOne(objects, 'ExternalSecret')).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      metadata: { name: 'db-credentials', namespace: 'test-web' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
        target: { name: 'db-credentials', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data: [
          { secretKey: 'username', remoteRef: { key: 'test/db', property: 'username' } },
          { secretKey: 'password', remoteRef: { key: 'test/db', property: 'password' } },
        ],
      },
    });
  });

  it('reads from Parameter Store, Vault or a namespaced store, with versions, refresh interval and type', () => {
    // GIVEN / WHEN
    const secret = findOne(synthApp((app) => {
      new ExternalSecret(app, 'Registry', {
        secretName: 'registry-credentials',
        store: SecretStore.namespaced('vault'),
        refreshInterval: Duration.minutes(90),
        secretType: 'kubernetes.io/dockerconfigjson',
        data: {
          '.dockerconfigjson': SecretValue.fromVault('ci/registry', { property: 'config', version: '3' }),
          token: SecretValue.fromParameterStore('/test/registry/token'),
          previous: SecretValue.fromSecretsManager('test/registry', { versionStage: 'AWSPREVIOUS' }),
        },
      });
    }), 'ExternalSecret');
    // THEN
    expect((secret as any).spec).toEqual({
      refreshInterval: '1h30m',
      secretStoreRef: { kind: 'SecretStore', name: 'vault' },
      target: { name: 'registry-credentials', creationPolicy: 'Owner', deletionPolicy: 'Retain', template: { type: 'kubernetes.io/dockerconfigjson' } },
      data: [
        { secretKey: '.dockerconfigjson', remoteRef: { key: 'ci/registry', property: 'config', version: '3' } },
        { secretKey: 'token', remoteRef: { key: '/test/registry/token' } },
        { secretKey: 'previous', remoteRef: { key: 'test/registry', version: 'AWSPREVIOUS' } },
      ],
    });
  });

  it('feeds keys to a workload as env vars (secretKeyRef) or mounted files, and orders the workload after it', () => {
    // GIVEN
    let web!: WebService;
    let secret!: ExternalSecret;
    // WHEN
    const objects = synthApp((app) => {
      secret = dbSecret(app);
      web = new WebService(app, 'web', { image: IMAGE });
      secret.exposeAsEnv(web, { DB_PASSWORD: 'password', DB_USER: 'username' });
      secret.mountInto(web, '/etc/secrets/db');
    });
    // THEN
    const container = containerOf(findOne(objects, 'Deployment'));
    expect(container.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
    ]);
    expect(container.volumeMounts).toContainEqual({ name: 'secret-db-credentials', mountPath: '/etc/secrets/db', readOnly: true });
    expect(podSpecOf(findOne(objects, 'Deployment')).volumes).toContainEqual({ name: 'secret-db-credentials', secret: { secretName: 'db-credentials' } });
    expect(web.node.dependencies).toContain(secret);
    expect(secret.envValue('password')).toEqual({ secretName: 'db-credentials', key: 'password' });
  });

  it('works with the workload API directly', () => {
    const objects = synthApp((app) => {
      const secret = dbSecret(app);
      const ref = secret.envValue('password');
      new WebService(app, 'web', { image: IMAGE }).addSecretEnv('DB_PASSWORD', ref.secretName, ref.key);
    });
    expect(containerOf(findOne(objects, 'Deployment')).env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
    ]);
  });

  it.skipIf(!HAS_CRDS)('is valid against the External Secrets CRD', () => {
    const validator = createValidator({ schemaDirs: [CRDS_DIR] });
    const objects = synthApp((app) => {
      dbSecret(app, { refreshInterval: Duration.seconds(0), secretType: 'kubernetes.io/tls' });
      new ExternalSecret(app, 'Other', { store: SecretStore.namespaced('vault'), data: { a: SecretValue.fromVault('x', { version: '2' }) } });
    });
    const report = validator.validateAll(objects.map((object) => ({ object })));
    expect(report.findings).toEqual([]);
    expect(report.unknownKinds).toEqual([]);
  });

  it('fails if a value is a plaintext string instead of a SecretValue reference', () => {
    expect(messageOf(() => synthApp((app) => {
      new ExternalSecret(app, 'Db', { store: SecretStore.cluster('aws-secrets-manager'), data: { password: 'hunter2' as never } });
    }))).toBe(`[test/web/Db] 'data.password' must be a SecretValue reference such as SecretValue.fromSecretsManager('prod/db'); plaintext values are not accepted${propsFix('ExternalSecret', 'Db')}`);
  });

  it('fails if there is no data, a key is invalid or the name is not a DNS name', () => {
    expect(messageOf(() => synthApp((app) => {
      new ExternalSecret(app, 'Db', { secretName: 'Db_Secret', store: SecretStore.cluster('aws-secrets-manager'), data: {} });
    }))).toBe('[test/web/Db] ' + [
      `'secretName' ("Db_Secret") must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'`,
      `'data' must name at least one key, e.g. { password: SecretValue.fromSecretsManager('prod/db', { property: 'password' }) }`,
    ].join('; ') + propsFix('ExternalSecret', 'Db'));
    expect(messageOf(() => synthApp((app) => {
      new ExternalSecret(app, 'Db', { store: SecretStore.cluster('aws-secrets-manager'), data: { 'db password': SecretValue.fromSecretsManager('test/db') } });
    }))).toBe(`[test/web/Db] 'data' key "db password" is not a valid Secret key (letters, digits, '-', '_', '.')${propsFix('ExternalSecret', 'Db')}`);
  });

  it('fails if the store or the remote key is malformed', () => {
    expect(messageOf(() => SecretStore.cluster('AWS Secrets'))).toBe(`[SecretStore.cluster] 'name' ("AWS Secrets") must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'. ` +
      "Fix: pass the name of the ClusterSecretStore as it exists in the cluster, e.g. SecretStore.cluster('aws-secrets-manager')");
    expect(messageOf(() => SecretValue.fromSecretsManager('prod db'))).toBe(`[SecretValue.fromSecretsManager] the key ("prod db") must be a non-empty name without whitespace. ` +
      "Fix: pass the secret's name in the store, e.g. SecretValue.fromSecretsManager('prod/db', { property: 'password' })");
  });

  it('fails if a workload asks for a key the secret does not have', () => {
    expect(messageOf(() => synthApp((app) => { dbSecret(app).envValue('pasword'); })))
      .toBe(`[test/web/DbCredentials] Secret "db-credentials" has no key "pasword" (keys: username, password). Fix: use one of its keys, or add "pasword" to the secret's data`);
    expect(messageOf(() => synthApp((app) => {
      dbSecret(app).exposeAsEnv(new WebService(app, 'web', { image: IMAGE }), { DB_PASSWORD: 'pasword' });
    }))).toBe(`[test/web/web] 'env.DB_PASSWORD' names key "pasword", which Secret "db-credentials" does not have (keys: username, password). ` +
      'Fix: map each variable to a key of Secret "db-credentials": username, password');
  });
});
