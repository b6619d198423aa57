import { GitplaneError, ProblemList, show } from '../core/errors';
import { hostnameProblems } from '../core/names';
import { closest } from '../core/nearest';

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

/** One named image of an app (`app.image(repository, { name })`): its tag and, where pinned, its digest. */
export interface ImageSettings {
  /** Image tag, e.g. a release version or a git SHA. Never `latest`. */
  readonly tag?: string;
  /** Image digest (`sha256:<64 hex>`) pinning what the tag pointed to when it was reviewed. */
  readonly digest?: string;
}

/**
 * The settings every app has, which an environment may override per app. Apps add settings of
 * their own shape through `platform.addApp(name, build, { defaults })`. An app reads them through
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
  /**
   * Further images of the app by name, for workloads that do not run the app's main image, e.g.
   * `{ cleanup: { tag: '3.8.1' } }` read by `app.image('ghcr.io/acme/cleanup', { name: 'cleanup' })`.
   * Overrides replace one image at a time.
   */
  readonly images?: Readonly<Record<string, ImageSettings>>;
}

export const APP_SETTING_KEYS: readonly (keyof AppSettings)[] = ['replicas', 'imageTag', 'imageDigest', 'resources', 'hosts', 'images'];
const IMAGE_SETTING_KEYS: readonly (keyof ImageSettings)[] = ['tag', 'digest'];

/** A Kubernetes resource quantity (`100m`, `1.5`, `256Mi`, `1e3`, `2G`). */
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
/** An OCI image tag: up to 128 word characters, dots and dashes, not starting with either. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Validates one settings object; `where` names its source, e.g. `overrides for app 'web'`.
 * `customKeys` are the app's own settings (the keys of its defaults); any other key is a typo.
 */
export function settingsProblems(settings: AppSettings, where: string, customKeys: readonly string[] = []): string[] {
  const problems = new ProblemList();
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return [`${where}: settings must be an object such as { replicas: 2 } (found ${show(settings)})`];
  }
  const known = [...APP_SETTING_KEYS, ...customKeys];
  for (const key of Object.keys(settings).filter((k) => !known.includes(k))) {
    const near = closest(key, known);
    problems.add(near !== undefined
      ? `${where}: unknown setting '${key}'; did you mean '${near}'?`
      : `${where}: unknown setting '${key}' (known: ${known.join(', ')})`);
  }
  // The common settings' kinds first: the checks below rely on them (stack code may be untyped).
  const kinds: Record<keyof AppSettings, string> = { replicas: 'a number', imageTag: 'a string', imageDigest: 'a string', resources: 'an object', hosts: 'a list', images: 'an object' };
  for (const [key, kind] of Object.entries(kinds)) {
    const value = (settings as Record<string, unknown>)[key];
    if (value !== undefined && kindOf(value) !== kind) problems.add(`${where}: '${key}' must be ${kind} (found ${kindOf(value)})`);
  }
  for (const [name, image] of Object.entries(isObject(settings.images) ? settings.images : {})) {
    if (kindOf(image) !== 'an object') problems.add(`${where}: 'images.${name}' must be an object such as { tag: '1.2.3' } (found ${kindOf(image)})`);
  }
  if (!problems.isEmpty) return [...problems.problems];
  const { replicas, imageTag, imageDigest, resources, hosts, images } = settings;
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
  for (const [name, image] of Object.entries(images ?? {})) {
    for (const key of Object.keys(image ?? {}).filter((k) => !IMAGE_SETTING_KEYS.includes(k as keyof ImageSettings))) {
      problems.add(`${where}: unknown setting 'images.${name}.${key}' (allowed: ${IMAGE_SETTING_KEYS.join(', ')})`);
    }
    if (image?.tag !== undefined) {
      problems.check(IMAGE_TAG.test(image.tag), `${where}: 'images.${name}.tag' (${show(image.tag)}) is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)`);
      problems.check(image.tag !== 'latest', `${where}: 'images.${name}.tag' must not be "latest"; pin a version or a git SHA so every sync deploys what was reviewed`);
    }
    if (image?.digest !== undefined) {
      problems.check(IMAGE_DIGEST.test(image.digest), `${where}: 'images.${name}.digest' (${show(image.digest)}) must look like "sha256:" followed by 64 lowercase hex digits`);
    }
  }
  return [...problems.problems];
}

/** True for a valid Kubernetes quantity string. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'an object';
}

/** `typeof`, telling arrays and null apart: what a setting's override must share with its default. */
function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Problems with an app's overrides against its defaults: an override of one of the app's own
 * settings must have the default's kind (TypeScript checks this at compile time; stack code run
 * without type-checking gets it here).
 */
export function overrideKindProblems(defaults: object, overrides: object, where: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const fallback = (defaults as Record<string, unknown>)[key];
    if (APP_SETTING_KEYS.includes(key as keyof AppSettings) || value === undefined || fallback === undefined) continue;
    if (kindOf(value) !== kindOf(fallback)) problems.push(`${where}: '${key}' is ${kindOf(value)} but the app's default is ${kindOf(fallback)}`);
  }
  return problems;
}

/** Keys that libraries probe on any object (promises, JSON, test matchers); reading them is not a typo. */
const PROBED_KEYS: ReadonlySet<string> = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

/**
 * Settings with read tracking: the app chart reports overrides nobody read, because an override
 * that silently does nothing is worse than an error. Every key of the defaults and overrides is
 * a getter; an override replaces the default's value whole, except `images`, replaced per image.
 */
export class TrackedSettings {
  /** The settings object the app reads (`app.settings`). */
  public readonly view: AppSettings & Record<string, unknown>;
  private readonly read = new Set<string>();

  /**
   * `settingKeys` are every key the app's settings have in any environment; reading any other
   * (a typo in untyped stack code) throws instead of returning undefined. `where` names the app.
   */
  constructor(private readonly defaults: AppSettings & object, private readonly overrides: AppSettings & object,
    settingKeys: readonly string[] = [], where = 'the app') {
    const view: Record<string, unknown> = {};
    const keys = new Set([...APP_SETTING_KEYS, ...Object.keys(defaults), ...Object.keys(overrides), ...settingKeys]);
    for (const key of keys) {
      Object.defineProperty(view, key, { enumerable: true, get: () => (key === 'images' ? this.images() : this.get(key)) });
    }
    const known = [...keys];
    this.view = new Proxy(Object.freeze(view), {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && !(prop in target) && !PROBED_KEYS.has(prop)) {
          const near = closest(prop, known, { prefixes: true });
          throw new GitplaneError(`app.settings.${prop} is not a setting of ${where}${near ? `; did you mean '${near}'?` : ` (settings: ${known.join(', ')})`}`,
            `read one of its settings, or add '${prop}' to the defaults in platform.addApp`);
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as AppSettings & Record<string, unknown>;
  }

  /** Overrides set by the environment that the app never read, e.g. `replicas` or `images.cleanup`. */
  public get unreadOverrides(): string[] {
    const overrides = this.overrides as Record<string, unknown>;
    const unread = Object.keys(overrides).filter((k) => k !== 'images' && overrides[k] !== undefined && !this.read.has(k));
    for (const name of Object.keys(this.overrides.images ?? {})) {
      if (!this.read.has(`images.${name}`)) unread.push(`images.${name}`);
    }
    return unread;
  }

  private get(key: string): unknown {
    this.read.add(key);
    return (this.overrides as Record<string, unknown>)[key] ?? (this.defaults as Record<string, unknown>)[key];
  }

  private images(): Readonly<Record<string, ImageSettings>> {
    const merged = { ...this.defaults.images, ...this.overrides.images };
    const view: Record<string, ImageSettings> = {};
    for (const name of Object.keys(merged)) {
      Object.defineProperty(view, name, { enumerable: true, get: () => { this.read.add(`images.${name}`); return merged[name]; } });
    }
    return Object.freeze(view);
  }
}
