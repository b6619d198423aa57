import { describe, expect, it } from 'vitest';
import { KubeObject } from '../../../lib/core/manifest';
import { stringify } from 'yaml';
import { scanObjects, scanYamlText, toPolicyFinding } from '../../../lib/policy/secrets';
import { FORMATS } from './formats';
import { CHARSETS, Prng } from './prng';

/** How the scanner walks objects: paths, key context, base64, embedded documents, allow-list, output shape. */

const rng = new Prng(77);
const generate = (id: string, variant = 0) => FORMATS.find((f) => f.id === id)!.generate(rng, variant);
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const configMap = (data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'shop' },
  data,
  ...extra,
});
const scan = (object: KubeObject) => scanObjects([{ object }]);
const brief = (object: KubeObject) => scan(object).map((f) => [f.ruleId, f.path, f.encoding ?? '']);

describe('scanObjects', () => {
  it('catches a token in a ConfigMap value and prints the path with a quoted key', () => {
    // GIVEN a ConfigMap whose app.env holds a GitHub token
    const token = generate('github-token');
    // WHEN scanned THEN the finding names the rule, the object and the field
    expect(scan(configMap({ 'app.env': `GITHUB_TOKEN=${token.value}\n` }))).toEqual([
      expect.objectContaining({ ruleId: 'SEC-006', severity: 'error', object: 'ConfigMap/shop/cfg', path: '.data["app.env"]' }),
    ]);
  });

  it('catches a token in binaryData after decoding it, and marks the encoding', () => {
    const token = generate('npm-token');
    expect(brief(configMap({}, { binaryData: { '.npmrc': b64(`//registry.npmjs.org/:_authToken=${token.value}\n`) } }))).toEqual([
      ['SEC-010', '.binaryData[".npmrc"]', 'base64'],
    ]);
  });

  it('catches base64 inside base64, and base64 runs inside a command line', () => {
    const key = generate('google-api-key');
    expect(brief(configMap({ nested: b64(b64(`apiKey: ${key.value}`)) }))).toEqual([['SEC-012', '.data.nested', 'base64']]);
    const command = `echo ${b64(`export GOOGLE_API_KEY=${key.value}`)} | base64 -d > /tmp/env && . /tmp/env`;
    expect(brief(configMap({ 'run.sh': command }))).toEqual([['SEC-012', '.data["run.sh"]', 'base64']]);
  });

  it('ignores base64 that decodes to binary or to harmless text', () => {
    expect(scan(configMap({}, { binaryData: { 'blob.bin': rng.bytes(256).toString('base64'), 'readme.txt': b64('no secrets in here, promise') } }))).toEqual([]);
  });

  it('uses the previous argument as the name of a value: --client-secret <value>', () => {
    const object: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: { template: { spec: { containers: [{ name: 'api', image: 'api:1', args: ['serve', '--client-secret', rng.chars(28, CHARSETS.password)] }] } } },
    };
    expect(brief(object)).toEqual([['SEC-019', '.spec.template.spec.containers[0].args[2]', '']]);
  });

  it('catches a secret used as a map key and never prints the key', () => {
    // GIVEN a map keyed by a Slack token
    const token = generate('slack-token');
    const findings = scan(configMap({ [token.value]: 'allowed' }));

    // THEN the path redacts the key
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([['SEC-008', '.data["<redacted key>"]']]);
    expect(JSON.stringify(findings)).not.toContain(token.value.slice(5, 20));
  });

  it('counts several matches of one rule in one field', () => {
    const ids = [generate('aws-access-key-id', 0), generate('aws-access-key-id', 0)].map((p) => p.value);
    const [finding] = scan(configMap({ 'keys.txt': ids.join('\n') }));
    expect(finding).toMatchObject({ ruleId: 'SEC-003' });
    expect(finding.hint).toContain('2 matches in this field');
  });

  it('reports the SEC-002 error and drops the generic warning on the same env var', () => {
    const object: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: { template: { spec: { containers: [{ name: 'api', image: 'api:1', env: [{ name: 'SESSION_SECRET', value: rng.chars(30, CHARSETS.password) }] }] } } },
    };
    expect(brief(object)).toEqual([['SEC-002', '.spec.template.spec.containers[0].env[0].value', '']]);
  });

  it('lets a format rule speak for the characters it matched instead of the generic rule', () => {
    const stripe = generate('stripe-key', 0);
    expect(brief(configMap({ 'app.properties': `stripe.secret-key=${stripe.value}` }))).toEqual([['SEC-011', '.data["app.properties"]', '']]);
  });

  it('skips SealedSecret ciphertext but scans its plaintext template data', () => {
    const token = generate('sendgrid-key');
    const object: KubeObject = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'mail' },
      spec: { encryptedData: { 'api-key': `AgB${rng.chars(700, CHARSETS.base64)}` }, template: { data: { 'config.yaml': `sendgrid: ${token.value}` } } },
    };
    expect(brief(object)).toEqual([['SEC-017', '.spec.template.data["config.yaml"]', '']]);
  });

  it('skips ExternalSecret store references but scans literal template data', () => {
    const token = generate('gitlab-token');
    const object: KubeObject = {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'ci' },
      spec: {
        data: [{ secretKey: 'password', remoteRef: { key: 'prod/ci/password', property: 'password' } }],
        target: { template: { data: { '.netrc': `machine gitlab.example.com password ${token.value}` } } },
      },
    };
    expect(brief(object)).toEqual([['SEC-007', '.spec.target.template.data[".netrc"]', '']]);
  });

  it('skips digests in annotations unless the annotation names a credential', () => {
    const hex = rng.chars(64, CHARSETS.hex);
    const object = configMap({}, { metadata: { name: 'cfg', annotations: { 'checksum/secret': hex, 'example.com/commit': hex.slice(0, 40), 'example.com/webhook-secret': hex } } });
    expect(brief(object)).toEqual([['SEC-019', '.metadata.annotations["example.com/webhook-secret"]', '']]);
  });

  it('ignores numbers, booleans and nulls', () => {
    expect(scan(configMap({}, { spec: { replicas: 3, enabled: true, password: null } }))).toEqual([]);
  });

  it('carries the construct path and the file, and orders findings by input and field', () => {
    const a = configMap({ z: generate('npm-token').value, a: generate('jwt').value });
    const b = { ...configMap({ k: generate('sendgrid-key').value }), metadata: { name: 'other' } };
    const findings = scanObjects([
      { object: a, constructPath: 'prod/shop/cfg', file: 'dist/prod/shop/configmap-cfg.yaml' },
      { object: b },
    ]);
    expect(findings.map((f) => [f.object, f.path, f.constructPath ?? '', f.file ?? ''])).toEqual([
      ['ConfigMap/shop/cfg', '.data.z', 'prod/shop/cfg', 'dist/prod/shop/configmap-cfg.yaml'],
      ['ConfigMap/shop/cfg', '.data.a', 'prod/shop/cfg', 'dist/prod/shop/configmap-cfg.yaml'],
      ['ConfigMap/other', '.data.k', '', ''],
    ]);
  });

  it('converts to the policy engine finding shape', () => {
    const [finding] = scan(configMap({}, { binaryData: { t: b64(generate('npm-token').value) } }));
    expect(toPolicyFinding(finding)).toEqual({
      ruleId: 'SEC-010',
      severity: 'error',
      title: 'npm access token',
      message: expect.stringMatching(/^npm access token in \.binaryData\.t \(base64-decoded\)\. /),
      object: 'ConfigMap/shop/cfg',
      path: '.binaryData.t',
    });
  });
});

describe('encodings beyond padded base64', () => {
  const token = (): string => generate('github-token', 0).value;

  it.each([
    ['unpadded base64', (s: string) => b64(s).replace(/=+$/, ''), 'base64'],
    ['base64url', (s: string) => Buffer.from(`x?>${s}`).toString('base64url'), 'base64'],
    ['hex', (s: string) => Buffer.from(s).toString('hex'), 'hex'],
    ['upper-case hex in a command', (s: string) => `echo ${Buffer.from(s).toString('hex').toUpperCase()} | xxd -r -p`, 'hex'],
    ['percent-encoding', (s: string) => `https://example.com/cb?t=${encodeURIComponent(`token=${s}&x=~!`)}`, 'percent'],
  ] as const)('finds a token hidden by %s and names the encoding', (_label, encode, encoding) => {
    // GIVEN a GitHub token, encoded
    const value = encode(token());
    // WHEN scanned THEN the GitHub rule reports it with the encoding
    expect(brief(configMap({ blob: value }))).toEqual([['SEC-006', '.data.blob', encoding]]);
  });

  it('finds a percent-encoded URL password and a hex-encoded connection string', () => {
    const url = encodeURIComponent(`postgres://app:${rng.chars(20, CHARSETS.alnum)}@db:5432/app`);
    const ado = Buffer.from(`Server=db;Database=app;User Id=sa;Password=${rng.chars(16, CHARSETS.alnum)};`).toString('hex');
    expect(brief(configMap({ url, ado }))).toEqual([
      ['SEC-015', '.data.url', 'percent'],
      ['SEC-030', '.data.ado', 'hex'],
    ]);
  });

  it('judges leniently decoded text only by self-identifying formats, never by name and entropy', () => {
    // GIVEN random text hex-encoded under a sensitive name, and a hex-encoded AWS secret key without its id
    const object = configMap({ password: Buffer.from(`pw=${rng.chars(30, CHARSETS.alnum)}`).toString('hex') });
    // THEN the decoded text adds no finding (the hex value itself is what the generic rule judges)
    expect(brief(object).filter(([, , encoding]) => encoding !== '')).toEqual([]);
  });

  it('ignores hex digests, random base64url and plain percent-encoded text', () => {
    expect(scan(configMap({
      digest: rng.chars(64, CHARSETS.hex),
      verifier: rng.bytes(32).toString('base64url'),
      redirect: encodeURIComponent('/welcome?lang=en&theme=dark'),
    }))).toEqual([]);
  });
});

describe('List objects', () => {
  const list = (kind: string, items: unknown[]): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'wrapped' }, items });
  const secret = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data });

  it('applies the structural rules to each member of a List, naming the member and the path into the list', () => {
    // GIVEN a plaintext v1 Secret wrapped in a List (kubectl, Argo CD and Flux apply each item)
    const object = list('List', [configMap({ a: 'b' }), secret({ password: b64('hunter2') })]);
    // THEN SEC-001 reports the Secret as if it stood alone
    expect(scan(object).map((f) => [f.ruleId, f.object, f.path])).toEqual([['SEC-001', 'Secret/shop/db', '.items[1].data']]);
  });

  it('finds a literal env var in a Deployment inside a DeploymentList, and a token in a nested List', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: { template: { spec: { containers: [{ name: 'api', image: 'api:1', env: [{ name: 'DB_PASSWORD', value: rng.chars(24, CHARSETS.password) }] }] } } },
    };
    const token = generate('npm-token').value;
    const object = list('DeploymentList', [deployment, list('List', [configMap({ npmrc: token })])]);
    expect(scan(object).map((f) => [f.ruleId, f.object, f.path])).toEqual([
      ['SEC-002', 'Deployment/api', '.items[0].spec.template.spec.containers[0].env[0].value'],
      ['SEC-010', 'ConfigMap/shop/cfg', '.items[1].items[0].data.npmrc'],
    ]);
  });

  it('keeps the allow-list of each member: a SealedSecret in a List is still ciphertext', () => {
    const sealed: KubeObject = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'db' },
      spec: { encryptedData: { password: `AgB${rng.chars(700, CHARSETS.base64)}==` } },
    };
    expect(scan(list('List', [sealed]))).toEqual([]);
  });

  it.each(FORMATS.map((f) => [f.id, f] as const))('finds %s in a ConfigMap inside a List, in objects and in YAML text', (_id, format) => {
    const planted = format.generate(rng, 1);
    const object = list('List', [configMap({ [planted.name.toLowerCase()]: planted.value })]);
    const fromObject = scan(object).filter((f) => f.object === 'ConfigMap/shop/cfg');
    const fromText = scanYamlText('dist/list.yaml', stringify(object)).filter((f) => f.object === 'ConfigMap/shop/cfg');
    expect(fromObject.length, format.id).toBeGreaterThan(0);
    expect(fromText.map((f) => f.path)).toEqual(fromObject.map((f) => f.path));
    expect(fromText.every((f) => (f.line ?? 0) > 1)).toBe(true);
  });
});
