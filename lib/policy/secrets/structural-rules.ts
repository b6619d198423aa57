import { KubeObject } from '../../core/manifest';
import { PROFILE_NAMES, RuleMetadata } from '../rule';
import { list, record } from '../rules/support/paths';
import { podSpecOf } from '../rules/support/pods';
import { isPlaceholder, isReference } from './allow-list';
import { decodeWholeBase64 } from './encoding';
import { PathSegment } from './path';
import { isSensitiveName } from './sensitive-names';
import { SecretRuleMetadata } from './token-rule';

/**
 * Rules on the shape of an object rather than on a value's format: a Secret that carries its values,
 * and a container env var named like a credential with a literal value.
 */

const SECRET_ALTERNATIVES =
  "Use gitplane's ExternalSecret (External Secrets Operator) to reference the value in a secret store, or SealedSecret (Bitnami) to commit only ciphertext; rotate the values already committed.";

export const secretWithData: SecretRuleMetadata = {
  id: 'SEC-001',
  formats: ['v1 Secret with non-empty data or stringData (placeholders such as ${VAR} excepted)'],
  severity: 'error',
  title: 'Kubernetes Secret with values in git',
  rationale: 'The values of a v1 Secret are only base64-encoded: everyone who can read the repository, its clones and its history can read them.',
  fix: SECRET_ALTERNATIVES,
  mirrors: ['gitleaks:kubernetes-secret-yaml'],
  profiles: PROFILE_NAMES,
};

export const sensitiveEnvLiteral: SecretRuleMetadata = {
  id: 'SEC-002',
  formats: ['container env var named like a credential (DB_PASSWORD, API_TOKEN, ...) with a literal value'],
  severity: 'error',
  title: 'Sensitive env var with a literal value',
  rationale: 'An env var named like a password, token or key with a literal value puts the secret in the manifest, in git and in `kubectl describe` output.',
  fix: 'Use valueFrom.secretKeyRef to a Secret made by an ExternalSecret or a SealedSecret (or mount it as a file); if the value is not secret, rename the variable.',
  mirrors: ['kube-linter:env-var-secret'],
  profiles: PROFILE_NAMES,
};

export const STRUCTURAL_RULES: readonly SecretRuleMetadata[] = [secretWithData, sensitiveEnvLiteral];

/** A structural rule's verdict on one field. */
export interface StructuralHit {
  readonly rule: RuleMetadata;
  readonly path: readonly PathSegment[];
  readonly hint: string;
}

/** Booleans, numbers and durations are settings, not credentials, whatever the variable is called. */
const SETTING = /^(?:true|false|yes|no|on|off|-?\d+(?:\.\d+)?(?:ms|s|m|h|d)?)$/i;

/**
 * True when an env var (or any name/value pair) holds a literal credential by its name: not empty, not
 * a placeholder, not a reference (ARN, mounted file path) and not a setting.
 */
export function isLiteralCredential(name: string, value: string): boolean {
  const v = value.trim();
  return v.length > 0 && isSensitiveName(name) && !isPlaceholder(v) && !isReference(v) && !SETTING.test(v);
}

export function checkStructure(object: KubeObject): StructuralHit[] {
  return [...checkSecret(object), ...checkEnv(object)];
}

/**
 * A v1 Secret with a non-empty value in `data` or `stringData`. Values that are only a `${VAR}`
 * placeholder (Flux post-build substitution) carry nothing, and a service-account-token Secret without
 * data is filled in by the cluster.
 */
function checkSecret(object: KubeObject): StructuralHit[] {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1') return [];
  const hits: StructuralHit[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const values = record(object[field]);
    if (!values) continue;
    let count = 0;
    for (const value of Object.values(values)) {
      if (typeof value !== 'string' || value.trim() === '') continue;
      const plain = field === 'data' ? decodeWholeBase64(value, true) ?? value : value;
      if (!isPlaceholder(plain)) count++;
    }
    if (count === 0) continue;
    const name = JSON.stringify(object.metadata?.name ?? '');
    hits.push({
      rule: secretWithData,
      path: [field],
      hint: `Secret ${name} would commit ${count} value(s) of .${field} in plain text (base64 is an encoding, not encryption). ${SECRET_ALTERNATIVES}`,
    });
  }
  return hits;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Container env vars with a sensitive name and a literal `value` (a `valueFrom` is fine). */
function checkEnv(object: KubeObject): StructuralHit[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const base = pod.path.slice(1).split('.');
  const hits: StructuralHit[] = [];
  for (const kind of CONTAINER_LISTS) {
    list(pod.spec[kind]).forEach((entry, ci) => {
      const container = record(entry);
      list(container?.env).forEach((envEntry, ei) => {
        const env = record(envEntry);
        if (!env || typeof env.name !== 'string' || typeof env.value !== 'string') return;
        if (!isLiteralCredential(env.name, env.value)) return;
        const containerName = typeof container?.name === 'string' ? container.name : `#${ci}`;
        hits.push({
          rule: sensitiveEnvLiteral,
          path: [...base, kind, ci, 'env', ei, 'value'],
          hint: `Env var ${JSON.stringify(env.name)} of container ${JSON.stringify(containerName)} has a literal value. ${sensitiveEnvLiteral.fix}`,
        });
      });
    });
  }
  return hits;
}
