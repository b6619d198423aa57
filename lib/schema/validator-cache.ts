/**
 * A disk cache of compiled schema validators. Compiling the Kubernetes and CRD schemas with ajv takes
 * seconds on every `validate`; ajv can emit a compiled validator as standalone JavaScript, which loads
 * in milliseconds. Each entry is keyed by a SHA-256 of the SOURCE it derives from, so a warm run loads
 * no schema and normalizes nothing: a built-in kind by its definition id, a CRD version by a hash of its
 * schema as written; plus everything that turns a source into code: gitplane's version and the code of
 * its schema modules (a development checkout changes code without changing the version), the versions
 * of ajv, kubernetes-models and yaml, ajv's options and the names of the custom formats (whose code is
 * not in the entry: it is passed in when the entry loads). A changed input is a different key, so an
 * entry is never stale; an unreadable or broken entry is compiled again and replaced.
 *
 * Location: `$GITPLANE_CACHE_DIR` when set, else `node_modules/.cache/gitplane/validators` next to the
 * installed ajv, else the OS temp folder. `GITPLANE_CACHE_DIR=off` disables the cache.
 */
import type Ajv from 'ajv';
import type { Format, ValidateFunction } from 'ajv';
import * as crypto from 'crypto';
import { createHash } from 'crypto';
import { installedVersion } from '../core/package-version';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { CodeCache, writeAtomically } from './code-cache';

/** The free variable through which cached code reaches the custom formats. */
export const FORMATS_VARIABLE = 'gitplaneFormats';

/** SHA-256 of bytes or text, in hex; one call, without a Hash object where Node has `crypto.hash`. */
export function sha256(data: string | Buffer): string {
  return oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

/** The versions of gitplane and of the packages that produce or feed the compiled code. */
function toolVersions(): string[] {
  const versionOf = (name: string): string => installedVersion(name) ?? 'unknown';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [require('../../package.json').version, versionOf('ajv'), versionOf('kubernetes-models'), versionOf('yaml')];
}

/** The TypeScript sources of the schema modules; compiled or not, the code that runs is built from them. */
const SCHEMA_SOURCES = path.resolve(__dirname, '../../lib/schema');

/**
 * What every entry depends on besides its source: the tool versions and the text of the schema modules
 * (the TypeScript sources in `codeDir`; where they are not installed, the modules that run), so that
 * the compiled CLI and the sources share entries, and an edited checkout never reads a stale one.
 */
export function toolFingerprint(versions: readonly string[] = toolVersions(), codeDir = SCHEMA_SOURCES): string {
  const hash = createHash('sha256').update(JSON.stringify(versions));
  const [dir, extension] = fs.existsSync(codeDir) ? [codeDir, '.ts'] : [__dirname, path.extname(__filename)];
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(extension)).sort()) {
    hash.update('\0').update(file).update('\0').update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex');
}

let ajvRuntime: NodeJS.Require | undefined;

/** `require` as seen from ajv, for the runtime modules that generated code needs. */
function ajvRequire(): NodeJS.Require {
  ajvRuntime ??= createRequire(require.resolve('ajv'));
  return ajvRuntime;
}

let chosen: { readonly configured: string | undefined; readonly dir: string | undefined } | undefined;

/** The cache folder, or undefined when caching is off; chosen once per process (per setting). */
export function validatorCacheDir(): string | undefined {
  const configured = process.env.GITPLANE_CACHE_DIR;
  if (!chosen || chosen.configured !== configured) chosen = { configured, dir: chooseCacheDir(configured) };
  return chosen.dir;
}

function chooseCacheDir(configured: string | undefined): string | undefined {
  if (configured === 'off') return undefined;
  const nodeModules = path.resolve(path.dirname(require.resolve('ajv/package.json')), '..');
  const candidates = configured
    ? [path.resolve(configured, 'validators')]
    : [path.join(nodeModules, '.cache', 'gitplane', 'validators'), () => path.join(os.tmpdir(), `gitplane-validators-${userTag()}`)];
  for (const candidate of candidates) {
    const dir = typeof candidate === 'string' ? candidate : candidate();
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // read-only install: try the next place
    }
  }
  return undefined;
}

function userTag(): string {
  try {
    return String(os.userInfo().uid);
  } catch {
    return 'user';
  }
}

export interface ValidatorCache {
  /**
   * The validator for `key` (from `keyOf`): loaded from disk when present, else built by `compile`
   * (which must compile with `ajv()`, an ajv created with `code.source`) and stored. `ajv` is called
   * only on a miss: a warm run creates no ajv at all.
   */
  get(key: string, ajv: () => Ajv, compile: () => ValidateFunction): ValidateFunction;
  /** Keeps V8's compiled form of the code that ran without one; called once validation is done. */
  saveCompiledCode(): void;
}

let fingerprint: string | undefined;

/** The key of one compiled unit or stored value; `parts` name its source and the options it is made with. */
export function keyOf(...parts: unknown[]): string {
  fingerprint ??= toolFingerprint();
  return sha256(JSON.stringify([fingerprint, ...parts]));
}

export function createValidatorCache(formats: Readonly<Record<string, Format>>, dir = validatorCacheDir()): ValidatorCache | undefined {
  if (!dir) return undefined;
  const formatNames = Object.keys(formats).sort().join(',');
  const codeCache = new CodeCache();
  /** Runs an entry's code; undefined when it does not give a validator. */
  const run = (code: string, file: string): ValidateFunction | undefined => {
    try {
      const module = { exports: {} as { default?: ValidateFunction } };
      // The entry is code ajv generated from a schema, stored by this cache; it requires only ajv's runtime.
      codeCache.run(code, file.replace(/\.js$/, '.v8'), { require: ajvRequire(), module, exports: module.exports, [FORMATS_VARIABLE]: formats });
      const validate = module.exports.default ?? (module.exports as unknown as ValidateFunction);
      return typeof validate === 'function' ? validate : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    get(key, ajv, compile) {
      const file = path.join(dir, `${sha256(key + formatNames)}.js`);
      const stored = readText(file);
      const cached = stored === undefined ? undefined : run(stored, file);
      if (cached) return cached;
      const validate = compile();
      const code = standalone(ajv(), validate);
      if (code === undefined) return validate;
      writeAtomically(file, code);
      // Validating with the stored code from the first run on lets its compiled form be kept too.
      return run(code, file) ?? validate;
    },
    saveCompiledCode: () => codeCache.save(),
  };
}

function standalone(ajv: Ajv, validate: ValidateFunction): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standaloneCode = require('ajv/dist/standalone').default as (ajv: Ajv, refs: ValidateFunction) => string;
    return standaloneCode(ajv, validate);
  } catch {
    return undefined; // a schema ajv cannot emit as code still validates, uncached
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A JSON value stored under `key` (from `keyOf`), or computed by `compute` and stored. An entry that is
 * unreadable, not JSON, or not of the expected shape (`accept`) is computed again and replaced. A value
 * that JSON would change (non-finite numbers, -0, non-plain objects) is returned but never stored.
 */
export function cachedJson<T>(key: string, compute: () => T, accept: (value: unknown) => value is T, dir = validatorCacheDir()): T {
  if (!dir) return compute();
  const file = path.join(dir, `${key}.json`);
  try {
    const stored: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (accept(stored)) return stored;
  } catch {
    // absent or unreadable: compute and store
  }
  const value = compute();
  const json = faithfulJson(value);
  if (json !== undefined) writeAtomically(file, json);
  return value;
}

/**
 * The documents of a CRD file, parsed once per distinct file content: parsing YAML is the slowest step
 * after compiling (a 1.4 MB CRD takes ~0.3 s), JSON.parse of the same data is ten times faster.
 */
export function cachedDocuments(text: string, parse: () => unknown[], dir = validatorCacheDir()): unknown[] {
  return cachedJson(keyOf('crd-documents', sha256(text)), parse, Array.isArray, dir);
}

/**
 * A hash of a schema as written, to key what is compiled from it; undefined when JSON would not tell
 * it apart from another one (then what is made from it is not cached).
 */
export function digestOf(value: unknown): string | undefined {
  const json = faithfulJson(value);
  return json === undefined ? undefined : sha256(json);
}

/** JSON text that parses back to an equal value, or undefined when JSON would change the value. */
function faithfulJson(value: unknown): string | undefined {
  let faithful = true;
  const json = JSON.stringify(value, (_key, child: unknown) => {
    if (typeof child === 'number' && (!Number.isFinite(child) || Object.is(child, -0))) faithful = false;
    else if (child === undefined || typeof child === 'bigint' || typeof child === 'function' || typeof child === 'symbol') faithful = false;
    else if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      const proto = Object.getPrototypeOf(child);
      if (proto !== Object.prototype && proto !== null) faithful = false;
    }
    return child;
  });
  return faithful ? json : undefined;
}
