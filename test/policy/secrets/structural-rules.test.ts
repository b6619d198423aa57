import { describe, expect, it } from 'vitest';
import { KubeObject } from '../../../lib/core/manifest';
import { scanObjects } from '../../../lib/policy/secrets';
import { CHARSETS, Prng } from './prng';

/** SEC-001 (Secret with values) and SEC-002 (sensitive env var with a literal value). */

const rng = new Prng(11);
const password = (): string => rng.chars(20, CHARSETS.password);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secret(extra: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, ...extra };
}

function withEnv(kind: string, env: unknown[], where: 'containers' | 'initContainers' | 'ephemeralContainers' = 'containers'): KubeObject {
  const pod = { spec: { [where]: [{ name: 'app', image: 'app:1', env }] } };
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1';
  const spec =
    kind === 'Pod' ? pod.spec : kind === 'CronJob' ? { schedule: '@daily', jobTemplate: { spec: { template: pod } } } : { template: pod };
  return { apiVersion, kind, metadata: { name: 'w' }, spec };
}

const rules = (object: KubeObject, id: string) => scanObjects([{ object }]).filter((f) => f.ruleId === id);

describe('SEC-001 Secret with values', () => {
  it('catches a Secret with data and points to ExternalSecret and SealedSecret', () => {
    // GIVEN a v1 Secret with two base64 values
    const object = secret({ data: { username: b64('app'), password: b64(password()) } });

    // WHEN scanned
    const [finding, ...rest] = rules(object, 'SEC-001');

    // THEN one error names the field, the count and both alternatives
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', object: 'Secret/shop/db', path: '.data' });
    expect(finding.hint).toContain('2 value(s)');
    expect(finding.hint).toContain('ExternalSecret (External Secrets Operator)');
    expect(finding.hint).toContain('SealedSecret (Bitnami)');
  });

  it('catches stringData and data separately', () => {
    const object = secret({ data: { a: b64(password()) }, stringData: { b: password() } });
    expect(rules(object, 'SEC-001').map((f) => f.path)).toEqual(['.data', '.stringData']);
  });

  it('accepts a service-account-token Secret without data', () => {
    expect(rules(secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 'ci-token', annotations: { 'kubernetes.io/service-account.name': 'ci' } } }), 'SEC-001')).toEqual([]);
  });

  it('accepts empty data and values that are only ${VAR} placeholders (Flux post-build substitution)', () => {
    expect(rules(secret({ data: {}, stringData: { password: '${DB_PASSWORD}', token: '' } }), 'SEC-001')).toEqual([]);
    expect(rules(secret({ data: { password: b64('${DB_PASSWORD}') } }), 'SEC-001')).toEqual([]);
  });

  it('ignores a custom resource that happens to be called Secret', () => {
    expect(rules({ apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: 'b' } }, 'SEC-001')).toEqual([]);
  });
});

describe('SEC-002 sensitive env var with a literal value', () => {
  it('catches a literal password in a Deployment and names the env var, never its value', () => {
    // GIVEN a Deployment whose third env var is a literal password
    const value = password();
    const object = withEnv('Deployment', [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'PORT', value: '8080' }, { name: 'DB_PASSWORD', value }]);

    // WHEN scanned
    const findings = rules(object, 'SEC-002');

    // THEN the error points at the value field
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', path: '.spec.template.spec.containers[0].env[2].value' });
    expect(findings[0].hint).toContain('"DB_PASSWORD"');
    expect(JSON.stringify(findings)).not.toContain(value);
  });

  it.each([
    ['Pod', 'containers', '.spec.containers[0].env[0].value'],
    ['StatefulSet', 'initContainers', '.spec.template.spec.initContainers[0].env[0].value'],
    ['DaemonSet', 'ephemeralContainers', '.spec.template.spec.ephemeralContainers[0].env[0].value'],
    ['Job', 'containers', '.spec.template.spec.containers[0].env[0].value'],
    ['CronJob', 'containers', '.spec.jobTemplate.spec.template.spec.containers[0].env[0].value'],
  ] as const)('catches it in a %s %s', (kind, where, path) => {
    expect(rules(withEnv(kind, [{ name: 'API_TOKEN', value: 'not-so-secret' }], where), 'SEC-002').map((f) => f.path)).toEqual([path]);
  });

  it.each([
    ['valueFrom', { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
    ['${VAR}', { name: 'DB_PASSWORD', value: '${DB_PASSWORD}' }],
    ['$(VAR)', { name: 'DB_PASSWORD', value: '$(ORDERS_DB_PASSWORD)' }],
    ['empty value', { name: 'DB_PASSWORD', value: '' }],
    ['a descriptive name', { name: 'TOKEN_TTL', value: '3600' }],
    ['a secret name', { name: 'SECRET_NAME', value: 'orders-db' }],
    ['a file path', { name: 'DB_PASSWORD', value: '/run/secrets/db-password' }],
    ['an ARN', { name: 'DB_PASSWORD_SECRET', value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf' }],
    ['a boolean', { name: 'REQUIRE_PASSWORD', value: 'true' }],
  ])('accepts %s', (_label, env) => {
    expect(rules(withEnv('Deployment', [env]), 'SEC-002')).toEqual([]);
  });
});
