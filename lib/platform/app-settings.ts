import { ProblemList, show } from '../core/errors';
import { hostnameProblems } from '../core/names';

/** CPU and memory as Kubernetes quantities, e.g. `{ cpu: '250m', memory: '256Mi' }`. */
export interface ResourceQuantities {
  readonly cpu?: string;
  readonly memory?: string;
}

/** Container resources. Limits without requests are allowed; Kubernetes then copies them to requests. */
export interface ResourceSettings {
  readonly requests?: ResourceQuantities;
  readonly limits?: ResourceQuantities;
}

/**
 * The settings an environment may override per app. An app reads them through
 * `app.settings`; an override the app never reads is an error, so it can never be silently ignored.
 */
export interface AppSettings {
  /** Replica count (or minimum replicas when autoscaling). */
  readonly replicas?: number;
  /** Image tag, e.g. a release version or a git SHA. Never `latest`. */
  readonly imageTag?: string;
  /**
   * Image digest (`sha256:<64 hex>`) pinning the exact image the tag pointed to when it was
   * reviewed; `app.image()` appends it, so a re-pushed tag can never change what runs.
   */
  readonly imageDigest?: string;
  /** Container resources. */
  readonly resources?: ResourceSettings;
  /** Public hostnames served by the app. */
  readonly hosts?: string[];
}

export const APP_SETTING_KEYS: readonly (keyof AppSettings)[] = ['replicas', 'imageTag', 'imageDigest', 'resources', 'hosts'];

/** A Kubernetes resource quantity (`100m`, `1.5`, `256Mi`, `1e3`, `2G`). */
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
/** An OCI image tag: up to 128 word characters, dots and dashes, not starting with either. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Validates one settings object; `where` names its source, e.g. `overrides for app 'web'`. */
export function settingsProblems(settings: AppSettings, where: string): string[] {
  const problems = new ProblemList();
  const unknown = Object.keys(settings).filter((k) => !APP_SETTING_KEYS.includes(k as keyof AppSettings));
  for (const key of unknown) {
    problems.add(`${where}: unknown setting '${key}' (allowed: ${APP_SETTING_KEYS.join(', ')})`);
  }
  const { replicas, imageTag, imageDigest, resources, hosts } = settings;
  if (replicas !== undefined) {
    problems.check(Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000,
      `${where}: 'replicas' (${show(replicas)}) must be a whole number from 0 to 1000`);
  }
  if (imageTag !== undefined) {
    problems.check(IMAGE_TAG.test(imageTag), `${where}: 'imageTag' (${show(imageTag)}) is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)`);
    problems.check(imageTag !== 'latest', `${where}: 'imageTag' must not be "latest"; pin a version or a git SHA so every sync deploys what was reviewed`);
  }
  if (imageDigest !== undefined) {
    problems.check(IMAGE_DIGEST.test(imageDigest), `${where}: 'imageDigest' (${show(imageDigest)}) must look like "sha256:" followed by 64 lowercase hex digits`);
  }
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources?.[kind] ?? {})) {
      if (name !== 'cpu' && name !== 'memory') {
        problems.add(`${where}: unknown resource '${kind}.${name}' (allowed: cpu, memory)`);
      } else if (typeof value !== 'string' || !QUANTITY.test(value)) {
        problems.add(`${where}: '${kind}.${name}' (${show(value)}) is not a Kubernetes quantity such as "250m" or "512Mi"`);
      }
    }
  }
  for (const [i, host] of (hosts ?? []).entries()) {
    for (const p of hostnameProblems(`hosts[${i}]`, host)) problems.add(`${where}: ${p}`);
  }
  return [...problems.problems];
}

/** True for a valid Kubernetes quantity string. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * Settings with read tracking: the app chart reports overrides nobody read, because an override
 * that silently does nothing is worse than an error.
 */
export class TrackedSettings implements AppSettings {
  private readonly read = new Set<keyof AppSettings>();

  constructor(private readonly defaults: AppSettings, private readonly overrides: AppSettings) {}

  public get replicas(): number | undefined { return this.get('replicas'); }
  public get imageTag(): string | undefined { return this.get('imageTag'); }
  public get imageDigest(): string | undefined { return this.get('imageDigest'); }
  public get resources(): ResourceSettings | undefined { return this.get('resources'); }
  public get hosts(): string[] | undefined { return this.get('hosts'); }

  /** Overrides set by the environment that the app never read. */
  public get unreadOverrides(): (keyof AppSettings)[] {
    return APP_SETTING_KEYS.filter((k) => this.overrides[k] !== undefined && !this.read.has(k));
  }

  private get<K extends keyof AppSettings>(key: K): AppSettings[K] {
    this.read.add(key);
    return this.overrides[key] ?? this.defaults[key];
  }
}
