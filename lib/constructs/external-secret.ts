import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ProblemList, ValidationError, propsFix, show } from '../core/errors';
import { dnsSubdomainProblems } from '../core/names';
import { rejectUnknownOptions, unknownPropProblems } from '../core/props';
import { AppChart } from '../platform/app-chart';
import { EXTERNAL_SECRET_PROPS, PARAMETER_STORE_OPTIONS, SECRETS_MANAGER_OPTIONS, VAULT_OPTIONS } from './prop-keys';
import { SECRET_KEY, SecretSource, secretNameFromId } from './secret-source';

/** The External Secrets Operator store an ExternalSecret reads from. */
export class SecretStore {
  /**
   * A `ClusterSecretStore` the platform team installed, e.g. `SecretStore.cluster('aws-secrets-manager')`
   * or `SecretStore.cluster('vault')`.
   */
  public static cluster(name: string): SecretStore {
    return SecretStore.create('ClusterSecretStore', name);
  }

  /** A `SecretStore` in the app's own namespace. */
  public static namespaced(name: string): SecretStore {
    return SecretStore.create('SecretStore', name);
  }

  private static create(kind: 'ClusterSecretStore' | 'SecretStore', name: string): SecretStore {
    const problems = dnsSubdomainProblems('name', name);
    const factory = `SecretStore.${kind === 'SecretStore' ? 'namespaced' : 'cluster'}`;
    if (problems.length > 0) throw new ValidationError(factory, problems, `pass the name of the ${kind} as it exists in the cluster, e.g. ${factory}('aws-secrets-manager')`);
    return new SecretStore(kind, name);
  }

  private constructor(public readonly kind: 'ClusterSecretStore' | 'SecretStore', public readonly name: string) {}
}

export interface SecretsManagerOptions {
  /**
   * A key of the secret's JSON value, e.g. `password` for `{"username": ..., "password": ...}`.
   * @default - the whole secret string
   */
  readonly property?: string;
  /**
   * A version stage such as `AWSPREVIOUS`.
   * @default - AWSCURRENT
   */
  readonly versionStage?: string;
}

export interface ParameterStoreOptions {
  /**
   * A key of the parameter's JSON value.
   * @default - the whole value
   */
  readonly property?: string;
}

export interface VaultOptions {
  /**
   * A key of the secret, e.g. `password`.
   * @default - the whole secret as JSON
   */
  readonly property?: string;
  /**
   * KV v2 version number.
   * @default - the latest version
   */
  readonly version?: string;
}

/**
 * Where one value of an ExternalSecret lives in the external store. It is a reference: the value
 * itself never appears in the construct tree or in Git.
 */
export class SecretValue {
  /** A secret in AWS Secrets Manager: `SecretValue.fromSecretsManager('prod/db', { property: 'password' })`. */
  public static fromSecretsManager(secretId: string, options: SecretsManagerOptions = {}): SecretValue {
    rejectUnknownOptions('SecretValue.fromSecretsManager', SECRETS_MANAGER_OPTIONS, options, `correct the options quoted here in SecretValue.fromSecretsManager(...)`);
    return SecretValue.create('fromSecretsManager', secretId, options.property, options.versionStage);
  }

  /** A parameter in AWS Systems Manager Parameter Store, e.g. `/prod/db/password`. */
  public static fromParameterStore(name: string, options: ParameterStoreOptions = {}): SecretValue {
    rejectUnknownOptions('SecretValue.fromParameterStore', PARAMETER_STORE_OPTIONS, options, `correct the options quoted here in SecretValue.fromParameterStore(...)`);
    return SecretValue.create('fromParameterStore', name, options.property, undefined);
  }

  /** A secret in HashiCorp Vault (path relative to the store's mount), e.g. `SecretValue.fromVault('prod/db', { property: 'password' })`. */
  public static fromVault(path: string, options: VaultOptions = {}): SecretValue {
    rejectUnknownOptions('SecretValue.fromVault', VAULT_OPTIONS, options, `correct the options quoted here in SecretValue.fromVault(...)`);
    return SecretValue.create('fromVault', path, options.property, options.version);
  }

  private static create(factory: string, key: string, property: string | undefined, version: string | undefined): SecretValue {
    const problems = new ProblemList();
    problems.check(typeof key === 'string' && key.length > 0 && !/\s/.test(key), `the key (${show(key)}) must be a non-empty name without whitespace`);
    if (property !== undefined) problems.check(property.length > 0 && !/\s/.test(property), `'property' (${show(property)}) must be a non-empty name without whitespace`);
    if (version !== undefined) problems.check(version.length > 0 && !/\s/.test(version), `the version (${show(version)}) must not be empty or contain whitespace`);
    problems.throwIfAny(`SecretValue.${factory}`, `pass the secret's name in the store, e.g. SecretValue.${factory}('prod/db', { property: 'password' })`);
    return new SecretValue(key, property, version);
  }

  private constructor(
    /** The key (secret id, parameter name, path) in the store. */
    public readonly key: string,
    public readonly property?: string,
    public readonly version?: string,
  ) {}

  /** @internal the `remoteRef` of an ExternalSecret `data` entry. */
  public _remoteRef(): Record<string, string> {
    return {
      key: this.key,
      ...(this.property !== undefined ? { property: this.property } : {}),
      ...(this.version !== undefined ? { version: this.version } : {}),
    };
  }
}

export interface ExternalSecretProps {
  /** The store to read from, e.g. `SecretStore.cluster('aws-secrets-manager')`. */
  readonly store: SecretStore;
  /**
   * Keys of the Kubernetes Secret and where each value comes from, e.g.
   * `{ password: SecretValue.fromSecretsManager('prod/db', { property: 'password' }) }`.
   */
  readonly data: Record<string, SecretValue>;
  /**
   * Name of the Kubernetes Secret (and of the ExternalSecret).
   * @default - the construct id in kebab-case
   */
  readonly secretName?: string;
  /**
   * How often the operator re-reads the store; `Duration.seconds(0)` reads once.
   * @default Duration.hours(1)
   */
  readonly refreshInterval?: Duration;
  /**
   * Type of the Kubernetes Secret, e.g. `kubernetes.io/dockerconfigjson` for image pull secrets.
   * @default 'Opaque'
   */
  readonly secretType?: string;
}

/**
 * A Kubernetes Secret that the External Secrets Operator fills from an external store (AWS Secrets
 * Manager, Parameter Store, Vault, ...): only references are committed. Consume it with
 * `secret.exposeAsEnv(web, { DB_PASSWORD: 'password' })`, `secret.mountInto(web, '/etc/secrets/db')`,
 * or `web.addSecretEnv('DB_PASSWORD', secret.secretName, 'password')`.
 */
export class ExternalSecret extends SecretSource {
  public readonly secretName: string;
  public readonly keys: readonly string[];
  /** The `ExternalSecret` object (`external-secrets.io/v1`). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    AppChart.of(this);
    const problems = new ProblemList();
    for (const p of unknownPropProblems(EXTERNAL_SECRET_PROPS, props)) problems.add(p);
    const secretName = props.secretName ?? secretNameFromId(id);
    for (const p of dnsSubdomainProblems('secretName', secretName)) problems.add(p);
    problems.check(props.store instanceof SecretStore, `'store' is required: SecretStore.cluster('aws-secrets-manager') or SecretStore.namespaced(name)`);
    const entries = Object.entries(props.data ?? {});
    problems.check(entries.length > 0, `'data' must name at least one key, e.g. { password: SecretValue.fromSecretsManager('prod/db', { property: 'password' }) }`);
    for (const [key, value] of entries) {
      problems.check(SECRET_KEY.test(key), `'data' key ${show(key)} is not a valid Secret key (letters, digits, '-', '_', '.')`);
      problems.check(value instanceof SecretValue,
        `'data.${key}' must be a SecretValue reference such as SecretValue.fromSecretsManager('prod/db'); plaintext values are not accepted`);
    }
    const refresh = (props.refreshInterval ?? Duration.hours(1)).toSeconds({ integral: false });
    problems.check(Number.isInteger(refresh) && refresh >= 0, `'refreshInterval' must be a whole number of seconds, 0 or more`);
    if (props.secretType !== undefined) problems.check(/^[A-Za-z0-9./-]+$/.test(props.secretType), `'secretType' (${show(props.secretType)}) is not a Secret type such as "Opaque" or "kubernetes.io/tls"`);
    problems.throwIfAny(this.node.path, propsFix('ExternalSecret', id));

    this.secretName = secretName;
    this.keys = entries.map(([key]) => key);
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: secretName },
      spec: {
        refreshInterval: goDuration(refresh),
        secretStoreRef: { kind: props.store.kind, name: props.store.name },
        target: {
          name: secretName,
          // The Secret belongs to the ExternalSecret and goes away with it.
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          ...(props.secretType && props.secretType !== 'Opaque' ? { template: { type: props.secretType } } : {}),
        },
        data: entries.map(([secretKey, value]) => ({ secretKey, remoteRef: value._remoteRef() })),
      },
    });
  }
}

/** Seconds as a Go duration: 3600 → `1h`, 90 → `1m30s`, 0 → `0s`. */
function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
