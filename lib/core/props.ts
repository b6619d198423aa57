import { propsFix, ValidationError } from './errors';
import { closest } from './nearest';

/**
 * The keys a construct's props accept, written once per construct as `const KEYS: PropKeys<FooProps>`:
 * the mapped type makes a missing key and an extra key compile errors, so the list stays in sync
 * with the interface. A key maps to `true`, or to the keys of a nested props object (or of each
 * element of a list of them) that should be checked too.
 */
export type PropKeys<T> = {
  readonly [K in keyof Required<T>]-?: true | NestedKeys<NonNullable<T[K]>>;
};
type NestedKeys<V> = V extends readonly (infer E)[] ? PropKeys<E> : V extends object ? PropKeys<V> : never;

/**
 * Problems for every key of `props` that `keys` does not list, naming the nearest known key:
 * `unknown prop 'replica'; did you mean 'replicas'?`. Stack code run without type-checking (tsx)
 * would otherwise drop a misspelt prop silently. Nested plain objects are checked where `keys`
 * describes them; class instances (Probe, Duration, ...) are not descended into.
 */
export function unknownPropProblems(keys: PropKeys<unknown> | object, props: unknown, prefix = '', noun: 'prop' | 'option' = 'prop'): string[] {
  if (!isPlainObject(props)) return [];
  const known = keys as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(props)) {
    const at = `${prefix}${key}`;
    if (!Object.prototype.hasOwnProperty.call(known, key)) {
      const near = closest(key, Object.keys(known), { prefixes: true });
      problems.push(near !== undefined
        ? `unknown ${noun} '${at}'; did you mean '${prefix}${near}'?`
        : `unknown ${noun} '${at}' (known: ${Object.keys(known).join(', ')})`);
      continue;
    }
    const nested = known[key];
    const value = props[key];
    if (nested === true || typeof nested !== 'object' || nested === null) continue;
    if (Array.isArray(value)) value.forEach((item, i) => problems.push(...unknownPropProblems(nested, item, `${at}[${i}].`, noun)));
    else problems.push(...unknownPropProblems(nested, value, `${at}.`, noun));
  }
  return problems;
}

/** Throws one ValidationError listing every unknown key of a construct's `props` (see `unknownPropProblems`). */
export function rejectUnknownProps(constructPath: string, className: string, id: string, keys: object, props: unknown): void {
  const problems = unknownPropProblems(keys, props);
  if (problems.length > 0) throw new ValidationError(constructPath, problems, propsFix(className, id));
}

/** The same for the options object of a method or factory, e.g. `connectTo(service, { envVar })`. */
export function rejectUnknownOptions(where: string, keys: object, options: unknown, fix: string): void {
  const problems = unknownPropProblems(keys, options, '', 'option');
  if (problems.length > 0) throw new ValidationError(where, problems, fix);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
