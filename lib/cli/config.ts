import * as fs from 'fs';
import * as path from 'path';
import { UsageError, show } from '../core/errors';

/** Project settings, read from the `"gitplane"` key of package.json. Flags override them. */
export interface ProjectConfig {
  /** The stacks entry module, relative to the project root. */
  readonly app: string;
  /** The output folder, relative to the project root. */
  readonly outdir: string;
  /** Fail on unacknowledged warnings. */
  readonly strict: boolean;
  /** Seconds stack code may run before it is stopped. */
  readonly timeout: number;
}

export const DEFAULT_CONFIG: ProjectConfig = { app: 'stacks/main.ts', outdir: 'dist', strict: false, timeout: 120 };

const KEYS: Record<keyof ProjectConfig, 'string' | 'boolean' | 'number'> = { app: 'string', outdir: 'string', strict: 'boolean', timeout: 'number' };
const TYPE_NAMES = { string: 'non-empty string', boolean: 'boolean', number: 'whole number of seconds from 1 to 86400' };

/**
 * Reads `package.json#gitplane` in `root`. A missing key means defaults; a wrong type or unknown
 * key is a usage error naming the key and the fix.
 */
export function loadConfig(root: string): ProjectConfig {
  const file = path.join(root, 'package.json');
  if (!fs.existsSync(file)) return DEFAULT_CONFIG;
  let pkg: { gitplane?: unknown };
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`package.json is not valid JSON (${(error as Error).message})`, 'fix the syntax of package.json');
  }
  const section = pkg.gitplane;
  if (section === undefined) return DEFAULT_CONFIG;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new UsageError(`package.json "gitplane" must be an object, got ${show(section)}`, 'write it as { "app": "stacks/main.ts", "outdir": "dist" }');
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(section)) {
    const type = KEYS[key as keyof ProjectConfig];
    if (!type) {
      throw new UsageError(`package.json "gitplane.${key}" is not a known setting`, `use one of: ${Object.keys(KEYS).join(', ')}`);
    }
    const bad = typeof value !== type || (type === 'string' && (value as string).trim() === '')
      || (type === 'number' && (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 86_400));
    if (bad) {
      throw new UsageError(`package.json "gitplane.${key}" must be a ${TYPE_NAMES[type]}, got ${show(value)}`,
        `set it like "${key}": ${show(DEFAULT_CONFIG[key as keyof ProjectConfig])}`);
    }
    if (key === 'outdir') outFolder(root, value as string, 'package.json "gitplane.outdir"');
    config[key] = value;
  }
  return config as unknown as ProjectConfig;
}

/**
 * The output folder (`--out`, or `"outdir"` in package.json; `source` names which) may not be the
 * project folder, one that contains it (`..`, `/`, `$HOME`, written relative or absolute), or the
 * root of the file system: synth owns its output folder and removes every file there that it did
 * not write. Checked before anything is locked or written.
 */
export function outFolder(root: string, value: string, source: string): string {
  const resolved = realish(path.resolve(root, value));
  const project = realish(path.resolve(root));
  const isRoot = path.dirname(resolved) === resolved;
  if (isRoot || resolved === project || project.startsWith(resolved + path.sep)) {
    const what = isRoot ? 'is the root of the file system' : 'is the project folder or contains it';
    const flag = source.startsWith('--') ? source : undefined;
    throw new UsageError(`${source} ${JSON.stringify(value)} ${what}; synth would delete every file in it that it did not write`,
      flag ? `pass a folder of its own, e.g. ${flag} dist` : 'set a folder of its own, e.g. "outdir": "dist"', flag);
  }
  return value;
}

/** The real path of `file`, or of its closest existing parent joined with the rest (symlinks resolved). */
function realish(file: string): string {
  const rest: string[] = [];
  let current = file;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return file;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}
