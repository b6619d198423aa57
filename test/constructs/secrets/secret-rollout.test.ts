import { createHash } from 'crypto';
import { describe, expect, it } from 'vitest';
import { CONFIG_HASH_ANNOTATION, CronJob, ExternalSecret, RELOADER_SECRETS_ANNOTATION, SealedSecret, SecretStore, SecretValue, WebService, Worker } from '../../../lib/constructs';
import { AppChart } from '../../../lib/platform';
import { findOne } from '../../helpers/manifests';
import { testPlatform } from '../../helpers/platform';
import { IMAGE, messageOf, synthApp } from '../support';
import { fakeSealed } from './support';

/** The api app: a web service reading a database password and a mounted TLS secret. */
function api(options: { rollOnSecretChange?: boolean; dbVersion?: string; tlsSeed?: string } = {}) {
  return (app: AppChart) => {
    const web = new WebService(app, 'api', { image: IMAGE, rollOnSecretChange: options.rollOnSecretChange });
    const db = new ExternalSecret(app, 'db-credentials', {
      store: SecretStore.cluster('aws-secrets-manager'),
      data: { password: SecretValue.fromSecretsManager('prod/db', { property: 'password', versionStage: options.dbVersion }) },
    });
    const tls = new SealedSecret(app, 'tls', { encryptedData: { 'tls.key': fakeSealed(options.tlsSeed ?? 'tls') } });
    db.exposeAsEnv(web, { DB_PASSWORD: 'password' });
    tls.mountInto(web, '/etc/tls');
  };
}

const deploymentOf = (build: (app: AppChart) => void) => findOne(synthApp(build), 'Deployment');
const hashOf = (build: (app: AppChart) => void): string | undefined => (deploymentOf(build) as any).spec.template.metadata.annotations?.[CONFIG_HASH_ANNOTATION]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('secret rotation', () => {
  it('names the Secrets the pods read in Stakater Reloader\'s annotation, when asked', () => {
    // Reloader reads `secret.reloader.stakater.com/reload` from the workload's own metadata (not the
    // pod template) and rolls it when one of the named Secrets' data changes (Reloader docs,
    // "Annotation Reference"); an ExternalSecret refresh rewrites the Secret's data.
    expect(deploymentOf(api({ rollOnSecretChange: true })).metadata.annotations?.[RELOADER_SECRETS_ANNOTATION]).toBe('db-credentials,tls');
    expect(deploymentOf(api()).metadata.annotations?.[RELOADER_SECRETS_ANNOTATION]).toBeUndefined();
  });

  it('includes secrets referenced after construction and by addSecretEnv', () => {
    const deployment = deploymentOf((app) => {
      const worker = new Worker(app, 'w', { image: IMAGE, rollOnSecretChange: true });
      worker.addSecretEnv('TOKEN', 'zeta-token', 'token');
      worker.mountSecret('alpha-certs', '/etc/certs');
    });
    expect(deployment.metadata.annotations?.[RELOADER_SECRETS_ANNOTATION]).toBe('alpha-certs,zeta-token');
  });

  it('rolls the pods when a secret\'s definition changes in Git, without Reloader', () => {
    // A new version stage or a re-sealed value does not change the pod template by itself, so
    // Kubernetes would not roll the Deployment; the hash in the template does.
    const base = hashOf(api());
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(api())).toBe(base);
    expect(hashOf(api({ dbVersion: 'AWSPREVIOUS' }))).not.toBe(base);
    expect(hashOf(api({ tlsSeed: 'rotated' }))).not.toBe(base);
  });

  it('does not roll the pods when only the metadata of the secret object changes (sync waves, waivers)', () => {
    const annotated = (app: AppChart) => {
      api()(app);
      (app.node.findChild('db-credentials') as ExternalSecret).resource.metadata.addAnnotation('argocd.argoproj.io/sync-wave', '3');
    };
    expect(hashOf(annotated)).toBe(hashOf(api()));
  });

  it('keeps the hash of workloads without secrets as it was (the ConfigMap data alone)', () => {
    const withEnv = (app: AppChart) => { new WebService(app, 'web', { image: IMAGE, env: { A: '1' } }); };
    expect(hashOf(withEnv)).toBe(createHash('sha256').update(JSON.stringify([['A', '1']])).digest('hex').slice(0, 16));
    expect(hashOf((app) => { new WebService(app, 'web', { image: IMAGE }); })).toBeUndefined();
  });

  it('fails if a workload reads a secret of another app, whose namespace it cannot read', () => {
    const platform = testPlatform();
    const secrets = platform.addApp('secrets', (app) => new ExternalSecret(app, 'db', { store: SecretStore.cluster('s'), data: { p: SecretValue.fromSecretsManager('db') } }));
    const message = messageOf(() => platform.addApp('web', (app) => {
      secrets.in(app).exposeAsEnv(new CronJob(app, 'c', { image: IMAGE, schedule: '@daily' }), { P: 'p' });
    }));
    expect(message).toBe("[test/web/c] cannot read Secret \"db\" of test/secrets/db: it is in namespace 'test-secrets' and the workload runs in 'test-web'. " +
      'Fix: declare the secret in the same app (and environment) as the workload that reads it');
  });
});
