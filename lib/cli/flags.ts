import { UsageError } from '../core/errors';

/** The option types yargs knows for the command being run (`yargs.getOptions()`). */
export interface FlagTypes {
  readonly boolean: readonly string[];
  readonly string: readonly string[];
  readonly number: readonly string[];
  readonly array: readonly string[];
}

/** How to fill in each flag that takes a value, for the "needs a value" message. */
const EXAMPLES: Record<string, string> = {
  app: 'the stacks entry module, e.g. --app stacks/main.ts',
  out: 'a folder, e.g. --out dist',
  dir: 'a folder of manifests, e.g. --dir dist',
  schemas: 'a folder of CRD files, e.g. --schemas ../shared/crds',
  profile: 'a policy profile, e.g. --profile restricted',
  timeout: 'a number of seconds, e.g. --timeout 300',
};

/**
 * Checks the flags as typed, before any command runs. yargs reads `--out` at the end of the line as
 * '', `--schemas` alone as an empty list, `--strict=maybe` as false and `--timeout x` as NaN; each
 * of those is a usage error naming the flag instead.
 */
export function checkFlagValues(argv: readonly string[], types: FlagTypes, parsed: Record<string, unknown>): void {
  const booleans = new Set(types.boolean);
  const takesValue = new Set([...types.string, ...types.number, ...types.array]);
  const typedFlags = new Set<string>(); // positionals share the option tables; only typed flags count
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') break;
    const flag = /^--([^=]+)(?:=(.*))?$/s.exec(token);
    if (!flag) continue;
    const [, name, inline] = flag;
    typedFlags.add(name);
    if (booleans.has(name) && inline !== undefined && !/^(true|false)$/.test(inline)) {
      throw new UsageError(`--${name} takes no value other than true or false, got ${JSON.stringify(inline)}`,
        `write --${name} (or --${name}=false, or leave it out)`, `--${name}`);
    }
    if (!takesValue.has(name)) continue;
    const value = inline ?? argv[i + 1];
    if (value === undefined || value.trim() === '' || (inline === undefined && isFlag(value))) throw needsValue(name);
  }
  const arrays = new Set(types.array);
  for (const name of [...types.string, ...types.number].filter((n) => typedFlags.has(n) && !arrays.has(n))) {
    if (Array.isArray(parsed[name])) {
      throw new UsageError(`--${name} was given ${(parsed[name] as unknown[]).length} times`, `pass it once, e.g. ${EXAMPLES[name]?.replace(/^.*e\.g\. /, '') ?? `--${name} <value>`}`, `--${name}`);
    }
  }
  for (const name of types.number.filter((n) => typedFlags.has(n))) {
    const value = parsed[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new UsageError(`--${name} must be a number, got ${JSON.stringify(typed(argv, name) ?? String(value))}`, `pass ${EXAMPLES[name] ?? `--${name} 1`}`, `--${name}`);
    }
  }
  for (const name of [...types.string, ...types.array].filter((n) => typedFlags.has(n))) {
    const value = parsed[name];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.some((v) => typeof v !== 'string' || v.trim() === '')) throw needsValue(name);
  }
}

function needsValue(name: string): UsageError {
  return new UsageError(`--${name} needs a value`, `pass ${EXAMPLES[name] ?? `a value after --${name}`}`, `--${name}`);
}

/** `--json`, `-h`: a token that is a flag rather than a value (`-1` and `-` are values). */
function isFlag(token: string): boolean {
  return /^-[^\d-]|^--./.test(token);
}

/** The value of `--name` as typed, for messages. */
function typed(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * Whether the output is JSON (`--json` or `--json=true`, the last one wins), read from the raw
 * arguments so errors found before or while parsing are printed as JSON too.
 */
export function wantsJson(argv: readonly string[]): boolean {
  let json = false;
  for (const token of argv) {
    if (token === '--') break;
    if (token === '--json' || token === '--json=true') json = true;
    else if (token === '--no-json' || token === '--json=false') json = false;
  }
  return json;
}
