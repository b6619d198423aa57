import { describe, expect, it } from 'vitest';
import { WebService } from '../../../lib/constructs';
import { ciphertextProblem, SealedSecret, SealedSecretScope } from '../../../lib/constructs/sealed-secret';
import { createValidator } from '../../../lib/schema';
import { findOne } from '../../helpers/manifests';
import { CRDS_DIR, HAS_CRDS } from '../../helpers/crds';
import { containerOf, IMAGE, messageOf, propsFix, synthApp } from '../support';
import { fakeSealed } from './support';

const PASSWORD = fakeSealed('password');
const USERNAME = fakeSealed('username', 5);

describe('SealedSecret', () => {
  it('synthesizes a strict-scope SealedSecret in the app namespace', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => { new SealedSecret(app, 'DbCredentials', { encryptedData: { password: PASSWORD, username: USERNAME } }); });
    // THEN
    expect(objects).toMatchSnapshot();
    expect(findOne(objects, 'SealedSecret')).toMatchObject({
      apiVersion: 'bitnami.com/v1alpha1',
      metadata: { name: 'db-credentials', namespace: 'test-web' },
      spec: { encryptedData: { password: PASSWORD, username: USERNAME }, template: { metadata: { name: 'db-credentials' }, type: 'Opaque' } },
    });
    expect(findOne(objects, 'SealedSecret').metadata.annotations).toBeUndefined();
  });

  it('marks namespace-wide and cluster-wide scopes, and tells how to seal for its scope', () => {
    // GIVEN
    const secrets: SealedSecret[] = [];
    // WHEN
    const objects = synthApp((app) => {
      secrets.push(new SealedSecret(app, 'Strict', { encryptedData: { a: PASSWORD } }));
      secrets.push(new SealedSecret(app, 'Ns', { encryptedData: { a: PASSWORD }, scope: SealedSecretScope.NAMESPACE_WIDE, secretType: 'kubernetes.io/tls' }));
      secrets.push(new SealedSecret(app, 'Cluster', { encryptedData: { a: PASSWORD }, scope: SealedSecretScope.CLUSTER_WIDE }));
    });
    // THEN
    expect(findOne(objects, 'SealedSecret', 'ns').metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect((findOne(objects, 'SealedSecret', 'ns') as any).spec.template.type).toBe('kubernetes.io/tls');
    expect(findOne(objects, 'SealedSecret', 'cluster').metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
    expect(secrets.map((s) => s.sealCommand())).toEqual([
      'echo -n "$VALUE" | kubeseal --raw --scope strict --namespace test-web --name strict --from-file=/dev/stdin',
      'echo -n "$VALUE" | kubeseal --raw --scope namespace-wide --namespace test-web --from-file=/dev/stdin',
      'echo -n "$VALUE" | kubeseal --raw --scope cluster-wide --from-file=/dev/stdin',
    ]);
  });

  it('feeds keys to a workload as env vars', () => {
    const objects = synthApp((app) => {
      const secret = new SealedSecret(app, 'Api', { encryptedData: { token: PASSWORD } });
      secret.exposeAsEnv(new WebService(app, 'web', { image: IMAGE }), { API_TOKEN: 'token' });
    });
    expect(containerOf(findOne(objects, 'Deployment')).env).toEqual([{ name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }]);
  });

  it('accepts output of 2048-bit sealing keys', () => {
    expect(ciphertextProblem(fakeSealed('x', 1, 256))).toBeUndefined();
  });

  it.skipIf(!HAS_CRDS)('is valid against the Sealed Secrets CRD', () => {
    const validator = createValidator({ schemaDirs: [CRDS_DIR] });
    const objects = synthApp((app) => { new SealedSecret(app, 'Db', { encryptedData: { password: PASSWORD }, scope: SealedSecretScope.NAMESPACE_WIDE }); });
    const report = validator.validateAll(objects.map((object) => ({ object })));
    expect(report.findings).toEqual([]);
    expect(report.unknownKinds).toEqual([]);
  });

  it('fails if a value is plaintext, without echoing it', () => {
    // GIVEN / WHEN
    const message = messageOf(() => synthApp((app) => { new SealedSecret(app, 'Db', { encryptedData: { password: 'hunter2!' } }); }));
    // THEN
    expect(message).toBe(`[test/web/Db] 'encryptedData.password' is not kubeseal output: it is not base64 (8 characters of what looks like a plaintext value). ` +
      'Fix: seal each value: echo -n "$VALUE" | kubeseal --raw --scope strict --namespace test-web --name db --from-file=/dev/stdin');
    expect(message).not.toContain('hunter2');
  });

  it('fails if a value is merely base64-encoded plaintext', () => {
    const encoded = Buffer.from('correct horse battery staple').toString('base64');
    const message = messageOf(() => synthApp((app) => { new SealedSecret(app, 'Db', { encryptedData: { password: encoded } }); }));
    expect(message).toMatch(/^\[test\/web\/Db\] 'encryptedData.password' is not kubeseal output: it decodes to readable text: it is a base64-encoded plaintext value, not ciphertext\. Fix: /);
    expect(message).not.toContain(encoded);
  });

  it('fails if the ciphertext is too short or lacks the session key header, listing every key', () => {
    // GIVEN
    const short = Buffer.from([0x02, 0x00, 0xff, 0x00, 0x81, 0x9c]).toString('base64');
    const header = Buffer.concat([Buffer.from([0x00, 0x07]), Buffer.from(fakeSealed('x'), 'base64').subarray(2)]).toString('base64');
    // WHEN
    const message = messageOf(() => synthApp((app) => { new SealedSecret(app, 'Db', { encryptedData: { a: short, b: header, 'c d': PASSWORD } }); }));
    // THEN
    expect(message.split('. Fix: ')[0]).toBe('[test/web/Db] ' + [
      `'encryptedData.a' is not kubeseal output: it is 6 bytes after base64 decoding; kubeseal output is at least 274`,
      `'encryptedData.b' is not kubeseal output: it does not start with the length of an RSA-encrypted session key (found 7; expected 256, 384, 512)`,
      `'encryptedData' key "c d" is not a valid Secret key (letters, digits, '-', '_', '.')`,
    ].join('; '));
  });

  it('fails if there is nothing to unseal', () => {
    expect(messageOf(() => synthApp((app) => { new SealedSecret(app, 'Db', { encryptedData: {} }); })))
      .toBe(`[test/web/Db] 'encryptedData' must hold at least one key sealed with kubeseal${propsFix('SealedSecret', 'Db')}`);
  });

  it('explains each kind of non-ciphertext', () => {
    expect(ciphertextProblem('')).toBe('it is empty');
    expect(ciphertextProblem(`${PASSWORD.slice(0, 40)}\n${PASSWORD.slice(40)}`)).toBe('it contains whitespace; kubeseal output is one base64 string');
    expect(ciphertextProblem(fakeSealed('x', 0, 512).slice(0, 400))).toMatch(/^it is 300 bytes after base64 decoding, too short for a 4096-bit sealing key$/);
  });
});
