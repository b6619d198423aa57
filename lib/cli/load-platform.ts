import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError, isUserError, UsageError } from '../core/errors';
import { Platform } from '../platform/platform';
import { shareCompiledLib } from './compiled-lib';

/** Stack code that failed to compile or threw something other than a gitplane error. */
export class StackCodeError extends GitplaneError {
  constructor(message: string, public readonly original: unknown) {
    super(message, 'fix the stack code (run with --debug for the stack trace)');
  }
}

let tsxRegistered = false;

/**
 * Loads the stacks entry module and returns its platform. The module exports `buildPlatform()`
 * (or a default function) returning a Platform, or a `platform` instance.
 */
export function loadPlatform(root: string, appFile: string, onBuilding: () => void = () => undefined): Platform {
  const file = path.resolve(root, appFile);
  if (!fs.existsSync(file)) {
    throw new UsageError(`the app module "${appFile}" does not exist`, 'pass --app <file> or set "gitplane.app" in package.json', '--app');
  }
  if (!tsxRegistered) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('tsx/cjs/api').register();
    shareCompiledLib(); // after tsx, so it sees where tsx resolved a source file to
    process.setSourceMapsEnabled(true); // so locations in messages are lines of the .ts source
    tsxRegistered = true;
  }
  forgetProjectModules(root);
  let exports: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(file);
  } catch (error) {
    throw asUserError(error, root);
  }
  const factory = exports.buildPlatform ?? exports.default;
  let platform: unknown = exports.platform;
  if (typeof factory === 'function') {
    onBuilding();
    try {
      platform = factory();
    } catch (error) {
      throw asUserError(error, root);
    }
  }
  if (!Platform.isPlatform(platform)) {
    throw new UsageError(`"${appFile}" does not export a gitplane Platform`, 'export function buildPlatform(): Platform { ... } from it');
  }
  return platform;
}

/**
 * Drops the project's own modules (not its dependencies) from the require cache, so a second load
 * in the same process (tests, a watch loop) sees edited stack code.
 */
function forgetProjectModules(root: string): void {
  const prefix = root + path.sep;
  for (const id of Object.keys(require.cache)) {
    if (id.startsWith(prefix) && !id.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[id];
  }
}

/**
 * An error thrown while synthesizing (after buildPlatform() returned) is the stack code's when it was
 * thrown from a file of the project outside gitplane's own lib/ (a lazy value, a custom construct's
 * toJson); then it becomes one line with the location. Anything else is returned as undefined.
 */
export function stackCodeError(error: unknown, root: string): Error | undefined {
  if (isUserError(error)) return error;
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const gitplaneLib = path.resolve(__dirname, '..') + path.sep;
  const fromStacks = stack.split('\n').slice(1).some((line) => line.includes(root + path.sep) && !line.includes(`${path.sep}node_modules${path.sep}`) && !line.includes(gitplaneLib));
  return fromStacks ? asUserError(error, root) : undefined;
}

/** Gitplane errors pass through; compile errors and exceptions become one line with a location. */
function asUserError(error: unknown, root: string): Error {
  if (isUserError(error)) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const relative = (text: string) => text.split(root + path.sep).join('');
  const compile = /Transform failed with \d+ errors?:\s*\n?(.*)/.exec(err.message);
  if (compile) return new StackCodeError(`stack code does not compile: ${relative(compile[1].trim())}`, error);
  const frame = (err.stack ?? '').split('\n').find((line) => line.includes(root) && !line.includes('node_modules'));
  const location = frame ? /\(?([^()\s]+:\d+:\d+)\)?\s*$/.exec(frame.trim()) : null;
  const where = location ? ` at ${relative(location[1])}` : '';
  const firstLine = err.message.split('\n')[0];
  return new StackCodeError(`stack code threw ${err.name}: ${firstLine}${where}`, error);
}
