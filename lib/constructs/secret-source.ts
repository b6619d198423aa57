import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AppChart } from '../platform/app-chart';
import { ProblemList, ValidationError, show } from '../core/errors';
import { rendered } from '../core/render';

/** Where a Secret key goes into a container: env var `envName` from key `key` of Secret `secretName`. */
export interface SecretKeyRef {
  readonly secretName: string;
  readonly key: string;
}

/**
 * What the secret constructs need from a workload. `Workload` (WebService, Worker, Job, CronJob)
 * satisfies it; it is structural so the secret constructs do not depend on the workload classes.
 */
export interface ISecretConsumer extends IConstruct {
  addSecretEnv(envName: string, secretName: string, key: string): void;
  mountSecret(secretName: string, path: string): void;
  /** Records the secret and the version of its definition, so a change to it rolls the pods. */
  trackSecret?(secretName: string, version: () => string): void;
}

/**
 * A Kubernetes Secret whose values never pass through Git in plain text: written in the cluster by
 * the External Secrets Operator or the Sealed Secrets controller.
 */
export interface ISecretSource extends IConstruct {
  /** Name of the Kubernetes Secret the controller writes. */
  readonly secretName: string;
  /** The keys the Secret will have. */
  readonly keys: readonly string[];
  /** A reference to one key, for `workload.addSecretEnv(name, ref.secretName, ref.key)`. Throws for unknown keys. */
  envValue(key: string): SecretKeyRef;
}

/** Keys of a Kubernetes Secret. */
export const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Base of ExternalSecret and SealedSecret: the consumption API. A workload reads keys as environment
 * variables (`exposeAsEnv`) or all keys as files (`mountInto`), and depends on the secret, so the
 * secret's app syncs first when they live in different apps.
 */
export abstract class SecretSource extends Construct implements ISecretSource {
  public abstract readonly secretName: string;
  public abstract readonly keys: readonly string[];
  /** The object that defines the Secret (ExternalSecret, SealedSecret). */
  public abstract readonly resource: ApiObject;

  /**
   * A short hash of the secret's definition (the ExternalSecret's references, the sealed
   * ciphertext): consumers put it in their pod template hash, so changing it in Git rolls them.
   */
  public get definitionVersion(): string {
    // The spec only: metadata carries annotations (sync waves, waivers) that say nothing about the value.
    const spec = (rendered(this.resource) as { spec?: unknown }).spec ?? null;
    return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
  }

  public envValue(key: string): SecretKeyRef {
    if (!this.keys.includes(key)) {
      throw new ValidationError(this.node.path, `Secret ${show(this.secretName)} has no key ${show(key)} (keys: ${this.keys.join(', ')})`,
        `use one of its keys, or add ${show(key)} to the secret's data`);
    }
    return { secretName: this.secretName, key };
  }

  /**
   * Sets environment variables of `workload` from keys of this secret, e.g.
   * `dbSecret.exposeAsEnv(web, { DB_PASSWORD: 'password', DB_USER: 'username' })`.
   */
  public exposeAsEnv(workload: ISecretConsumer, env: Record<string, string>): void {
    const problems = new ProblemList();
    const entries = Object.entries(env);
    problems.check(entries.length > 0, `'env' must map at least one environment variable to a key of Secret ${show(this.secretName)}`);
    for (const [envName, key] of entries) {
      problems.check(this.keys.includes(key), `'env.${envName}' names key ${show(key)}, which Secret ${show(this.secretName)} does not have (keys: ${this.keys.join(', ')})`);
    }
    problems.throwIfAny(workload.node.path, `map each variable to a key of Secret ${show(this.secretName)}: ${this.keys.join(', ') || '(none)'}`);
    this.assertSameNamespace(workload);
    for (const [envName, key] of entries) workload.addSecretEnv(envName, this.secretName, key);
    this.consumedBy(workload);
  }

  /** Mounts every key of this secret as a read-only file under `path` in `workload`, e.g. `/etc/secrets/db`. */
  public mountInto(workload: ISecretConsumer, path: string): void {
    this.assertSameNamespace(workload);
    workload.mountSecret(this.secretName, path);
    this.consumedBy(workload);
  }

  private consumedBy(workload: ISecretConsumer): void {
    workload.trackSecret?.(this.secretName, () => this.definitionVersion);
    workload.node.addDependency(this);
  }

  /** A pod reads Secrets of its own namespace only: a secret of another app (or environment) would never be found. */
  private assertSameNamespace(workload: ISecretConsumer): void {
    const mine = AppChart.of(this);
    const theirs = AppChart.of(workload);
    if (mine.namespace !== theirs.namespace) {
      throw new ValidationError(workload.node.path,
        `cannot read Secret ${show(this.secretName)} of ${this.node.path}: it is in namespace '${mine.namespace}' and the workload runs in '${theirs.namespace}'`,
        'declare the secret in the same app (and environment) as the workload that reads it');
    }
  }
}

/** A construct id as a Secret name: `DbCredentials` → `db-credentials`. */
export function secretNameFromId(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
