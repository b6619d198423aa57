/**
 * Reading untyped manifests safely and naming fields the way findings print them:
 * `.spec.template.spec.containers[0].securityContext.runAsNonRoot`,
 * `.metadata.annotations["gitplane.dev/exposure"]`.
 */

export type Json = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `base` extended by one key or index. */
export function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** `base` extended by several keys, e.g. `atPath('.spec', 'securityContext', 'privileged')`. */
export function atPath(base: string, ...keys: (string | number)[]): string {
  return keys.reduce<string>((path, key) => at(path, key), base);
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or undefined when it is anything else. */
export function record(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value as an array, or empty when it is anything else. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Walks `keys` down from `value`; undefined as soon as a step is missing. */
export function dig(value: unknown, ...keys: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/**
 * Upbound v1beta1 kinds wrap single blocks in one-element arrays, v1beta2 uses plain objects.
 * Returns the block and the path suffix to reach it, so rules read both shapes.
 */
export function single(value: unknown, path: string): { value: Json; path: string } | undefined {
  if (Array.isArray(value)) return isRecord(value[0]) ? { value: value[0], path: at(path, 0) } : undefined;
  return isRecord(value) ? { value, path } : undefined;
}

/** Renders a value for a message: strings quoted, everything else as JSON, never multi-line. */
export function quote(value: unknown): string {
  if (value === undefined) return 'unset';
  return JSON.stringify(value);
}
