import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ProblemList, propsFix, show } from '../core/errors';
import { dnsSubdomainProblems } from '../core/names';
import { unknownPropProblems } from '../core/props';
import { AppChart } from '../platform/app-chart';
import { SEALED_SECRET_PROPS } from './prop-keys';
import { SECRET_KEY, SecretSource, secretNameFromId } from './secret-source';

/**
 * What a sealed value is bound to (kubeseal `--scope`). The controller refuses to unseal a value in
 * another name or namespace than its scope allows, so a copied ciphertext is useless elsewhere.
 */
export enum SealedSecretScope {
  /** Bound to the Secret's name and namespace. The default, and the safest. */
  STRICT = 'strict',
  /** Bound to the namespace; the Secret may be renamed. */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Unsealable under any name in any namespace. */
  CLUSTER_WIDE = 'cluster-wide',
}

export interface SealedSecretProps {
  /**
   * Ciphertext per key, as kubeseal prints it (`kubeseal --raw` or the `encryptedData` of
   * `kubeseal -o yaml`). Each environment's cluster has its own sealing key, so the values differ per
   * environment: pass them per environment from the app builder.
   */
  readonly encryptedData: Record<string, string>;
  /**
   * Name of the Secret (and of the SealedSecret). With the strict scope the values must have been
   * sealed for exactly this name and the app's namespace.
   * @default - the construct id in kebab-case
   */
  readonly secretName?: string;
  /**
   * The scope the values were sealed with.
   * @default SealedSecretScope.STRICT
   */
  readonly scope?: SealedSecretScope;
  /**
   * Type of the unsealed Secret, e.g. `kubernetes.io/tls`.
   * @default 'Opaque'
   */
  readonly secretType?: string;
}

/**
 * A Secret committed as ciphertext that only the cluster's Sealed Secrets controller can decrypt
 * (`bitnami.com/v1alpha1`). Values are checked to look like kubeseal output, so a plaintext or merely
 * base64-encoded value is rejected before it reaches Git.
 */
export class SealedSecret extends SecretSource {
  public readonly secretName: string;
  public readonly keys: readonly string[];
  /** The namespace the Secret is unsealed in (the app's). */
  public readonly namespace: string;
  public readonly scope: SealedSecretScope;
  /** The `SealedSecret` object. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: SealedSecretProps) {
    super(scope, id);
    const app = AppChart.of(this);
    const problems = new ProblemList();
    for (const p of unknownPropProblems(SEALED_SECRET_PROPS, props)) problems.add(p);
    const secretName = props.secretName ?? secretNameFromId(id);
    for (const p of dnsSubdomainProblems('secretName', secretName)) problems.add(p);
    const sealScope = props.scope ?? SealedSecretScope.STRICT;
    problems.check(Object.values(SealedSecretScope).includes(sealScope), `'scope' (${show(sealScope)}) must be a SealedSecretScope`);
    const entries = Object.entries(props.encryptedData ?? {});
    problems.check(entries.length > 0, `'encryptedData' must hold at least one key sealed with kubeseal`);
    for (const [key, value] of entries) {
      problems.check(SECRET_KEY.test(key), `'encryptedData' key ${show(key)} is not a valid Secret key (letters, digits, '-', '_', '.')`);
      const problem = ciphertextProblem(value);
      if (problem) problems.add(`'encryptedData.${key}' is not kubeseal output: ${problem}`);
    }
    if (props.secretType !== undefined) problems.check(/^[A-Za-z0-9./-]+$/.test(props.secretType), `'secretType' (${show(props.secretType)}) is not a Secret type such as "Opaque" or "kubernetes.io/tls"`);

    this.secretName = secretName;
    this.namespace = app.namespace ?? '';
    this.scope = sealScope;
    problems.throwIfAny(this.node.path, problems.problems.some((p) => p.includes('not kubeseal output')) ? `seal each value: ${this.sealCommand()}` : propsFix('SealedSecret', id));

    this.keys = entries.map(([key]) => key);
    const annotations: Record<string, string> = {};
    if (sealScope === SealedSecretScope.NAMESPACE_WIDE) annotations['sealedsecrets.bitnami.com/namespace-wide'] = 'true';
    if (sealScope === SealedSecretScope.CLUSTER_WIDE) annotations['sealedsecrets.bitnami.com/cluster-wide'] = 'true';
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: secretName, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
      spec: {
        encryptedData: Object.fromEntries(entries),
        template: {
          metadata: { name: secretName, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
          type: props.secretType ?? 'Opaque',
        },
      },
    });
  }

  /** The kubeseal command that seals one value (read from stdin) for this secret's name, namespace and scope. */
  public sealCommand(): string {
    const target = this.scope === SealedSecretScope.CLUSTER_WIDE ? '' : ` --namespace ${this.namespace}`;
    const name = this.scope === SealedSecretScope.STRICT ? ` --name ${this.secretName}` : '';
    return `echo -n "$VALUE" | kubeseal --raw --scope ${this.scope}${target}${name} --from-file=/dev/stdin`;
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** RSA-OAEP ciphertext sizes of 2048-, 3072- and 4096-bit sealing keys (kubeseal's default is 4096). */
const RSA_SIZES = [256, 384, 512];
/** AES-GCM tag after the session-key-encrypted payload. */
const GCM_TAG = 16;
const MIN_LENGTH = 2 + RSA_SIZES[0] + GCM_TAG;

/**
 * Why `value` cannot be kubeseal output, or undefined when it looks like it. kubeseal writes
 * base64 of: a 2-byte big-endian length of the RSA-encrypted session key, that key, then the
 * AES-GCM ciphertext of the value (with its 16-byte tag). The value itself is never echoed.
 */
export function ciphertextProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'it is empty';
  if (/\s/.test(value)) return 'it contains whitespace; kubeseal output is one base64 string';
  if (!BASE64.test(value)) return `it is not base64 (${value.length} characters of what looks like a plaintext value)`;
  const bytes = Buffer.from(value, 'base64');
  if (looksLikeText(bytes)) return 'it decodes to readable text: it is a base64-encoded plaintext value, not ciphertext';
  if (bytes.length < MIN_LENGTH) {
    return `it is ${bytes.length} bytes after base64 decoding; kubeseal output is at least ${MIN_LENGTH}`;
  }
  const keyLength = bytes.readUInt16BE(0);
  if (!RSA_SIZES.includes(keyLength)) {
    return `it does not start with the length of an RSA-encrypted session key (found ${keyLength}; expected ${RSA_SIZES.join(', ')})`;
  }
  if (bytes.length < 2 + keyLength + GCM_TAG) {
    return `it is ${bytes.length} bytes after base64 decoding, too short for a ${keyLength * 8}-bit sealing key`;
  }
  return undefined;
}

/** True when the bytes are UTF-8 text without control characters (other than tab and newlines). */
function looksLikeText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes) === false) return false; // not valid UTF-8
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text);
}
