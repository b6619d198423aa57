import { isDeepStrictEqual } from 'util';
import { at, isRecord } from '../policy/rules/support/paths';
import { formatPath, PathSegment } from '../policy/secrets/path';

/**
 * The changed fields of two versions of one object. Maps are compared key by key; lists whose items
 * all carry a unique `name` (containers, env, ports, volumes, volumeMounts, ...: the Kubernetes
 * strategic-merge key) are matched by name, so reordering them is no change; other lists of maps are
 * compared item by item when their length is equal, and lists of scalars as one value.
 */

export interface RawFieldChange {
  /** Display path, with merge-key items as `[name=web]`. */
  readonly path: string;
  /** Index paths on each side, as the secret scanner names fields (`.spec.containers[0].env[2].value`). */
  readonly basePath?: string;
  readonly headPath?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

interface Cursor {
  readonly display: string;
  readonly base?: PathSegment[];
  readonly head?: PathSegment[];
}

export function diffFields(before: unknown, after: unknown): RawFieldChange[] {
  const out: RawFieldChange[] = [];
  walk(before, after, { display: '', base: [], head: [] }, out);
  return out;
}

function walk(before: unknown, after: unknown, cursor: Cursor, out: RawFieldChange[]): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], step(cursor, key, key, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeNames = mergeKeys(before);
    const afterNames = mergeKeys(after);
    if (beforeNames && afterNames) {
      const names = [...new Set([...beforeNames, ...afterNames])];
      for (const name of names) {
        const b = beforeNames.indexOf(name);
        const a = afterNames.indexOf(name);
        walk(b < 0 ? undefined : before[b], a < 0 ? undefined : after[a], step(cursor, `[name=${name}]`, b < 0 ? undefined : b, a < 0 ? undefined : a), out);
      }
      return;
    }
    if (before.length === after.length && before.every(isRecord) && after.every(isRecord)) {
      for (let i = 0; i < before.length; i++) walk(before[i], after[i], step(cursor, i, i, i), out);
      return;
    }
  }
  out.push({
    path: cursor.display === '' ? '.' : cursor.display,
    ...(cursor.base && before !== undefined ? { basePath: formatPath(cursor.base) } : {}),
    ...(cursor.head && after !== undefined ? { headPath: formatPath(cursor.head) } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  });
}

/** Advances the display path and each side's index path (a side that has no such item stops tracking). */
function step(cursor: Cursor, display: string | number, base: PathSegment | undefined, head: PathSegment | undefined): Cursor {
  const shown = typeof display === 'string' && display.startsWith('[name=') ? `${cursor.display}${display}` : at(cursor.display, display);
  return {
    display: shown,
    ...(cursor.base && base !== undefined ? { base: [...cursor.base, base] } : {}),
    ...(cursor.head && head !== undefined ? { head: [...cursor.head, head] } : {}),
  };
}

/** The `name` of every item when all items are maps with a unique string name; otherwise undefined. */
function mergeKeys(items: readonly unknown[]): string[] | undefined {
  if (items.length === 0) return [];
  const names: string[] = [];
  for (const item of items) {
    if (!isRecord(item) || typeof item.name !== 'string') return undefined;
    names.push(item.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}
