import { dump, DumpOptions } from 'js-yaml';

/**
 * YAML for the plain JSON trees gitplane emits, byte for byte what js-yaml's `dump(value, DUMP_OPTIONS)`
 * writes, several times faster: block style with keys sorted and sequences indented by two, `{}` and
 * `[]` for empty collections. The structure is written here; the text of each scalar (which quoting a
 * string needs, how a number is spelled) is still js-yaml's own, asked once per distinct string.
 * Anything outside that shape (a multi-line string, which js-yaml writes as an indented block scalar;
 * a key longer than 1024 characters, which it writes as an explicit `? key`; a value that is not JSON)
 * makes the whole object go through js-yaml, so the output never depends on which path ran.
 */

export const DUMP_OPTIONS: DumpOptions = { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: "'" };

/** js-yaml writes a key longer than this (as written) as an explicit `? key` pair. */
const MAX_IMPLICIT_KEY = 1024;

/** Thrown inside the fast writer when a value needs js-yaml's full dumper. */
class NeedsFullDumper extends Error {}

/** Scalar text per distinct string; names and labels repeat across thousands of objects. */
const scalarCache = new Map<string, string>();
const SCALAR_CACHE_LIMIT = 200_000;

function stringScalar(value: string): string {
  let text = scalarCache.get(value);
  if (text === undefined) {
    if (value.includes('\n')) throw new NeedsFullDumper();
    // A single-line string is written the same way at any depth, as a key or as a value.
    text = dump(value, DUMP_OPTIONS).slice(0, -1);
    if (scalarCache.size >= SCALAR_CACHE_LIMIT) scalarCache.clear();
    scalarCache.set(value, text);
  }
  return text;
}

function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return stringScalar(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // Safe integers print as themselves; everything else (-0, floats, exponents) as js-yaml spells it.
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : dump(value, DUMP_OPTIONS).slice(0, -1);
    default:
      if (value === null) return 'null';
      throw new NeedsFullDumper();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const INDENTS: string[] = [];
function newline(level: number): string {
  return INDENTS[level] ??= '\n' + ' '.repeat(2 * level);
}

/** A value after `key:` or `- `: collections start on their own lines (or inline when `compact`). */
function node(value: unknown, level: number, compact: boolean): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : sequence(value, level, compact);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? '{}' : mapping(value, keys, level, compact);
  }
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new NeedsFullDumper();
  return scalar(value);
}

function mapping(value: Record<string, unknown>, keys: string[], level: number, compact: boolean): string {
  keys.sort();
  let out = '';
  for (const key of keys) {
    const child = value[key];
    if (child === undefined) continue; // js-yaml skips the pair
    const keyText = stringScalar(key);
    if (keyText.length > MAX_IMPLICIT_KEY) throw new NeedsFullDumper();
    if (!compact || out !== '') out += newline(level);
    const text = node(child, level + 1, false);
    out += keyText + (text.charCodeAt(0) === 10 ? ':' : ': ') + text;
  }
  return out === '' ? '{}' : out;
}

function sequence(value: readonly unknown[], level: number, compact: boolean): string {
  let out = '';
  for (const item of value) {
    if (!compact || out !== '') out += newline(level);
    // js-yaml writes a hole or undefined in a sequence as null.
    const text = node(item === undefined ? null : item, level + 1, true);
    out += (text.charCodeAt(0) === 10 ? '-' : '- ') + text;
  }
  return out;
}

let fallbacks = 0;

/** How many documents went through js-yaml's full dumper so far (tests check the fast path runs). */
export function fullDumperCount(): number {
  return fallbacks;
}

/** The YAML document for `value`, ending in a newline: identical to js-yaml's `dump(value, DUMP_OPTIONS)`. */
export function dumpBlockYaml(value: unknown): string {
  try {
    return node(value, 0, true) + '\n';
  } catch (error) {
    if (!(error instanceof NeedsFullDumper)) throw error;
    fallbacks++;
    return dump(value, DUMP_OPTIONS);
  }
}
