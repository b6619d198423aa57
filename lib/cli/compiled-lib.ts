import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';

/**
 * When the CLI runs compiled (build/), stacks that import gitplane's TypeScript sources (`../lib`, or
 * the package's `lib/index.ts`) get the compiled modules instead: one copy of gitplane per process,
 * and no second transform of the whole library through tsx. bin.js runs build/ only while it matches
 * lib/, so the two are the same code.
 */
export function shareCompiledLib(): void {
  if (!__filename.endsWith('.js') || redirected) return;
  const build = path.resolve(__dirname, '..');
  const lib = path.resolve(build, '..', 'lib');
  if (!fs.existsSync(path.join(lib, 'index.ts'))) return;
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const resolved = resolve.call(this, request, ...rest);
    if (!resolved.endsWith('.ts') || !resolved.startsWith(lib + path.sep)) return resolved;
    const compiled = path.join(build, path.relative(lib, resolved)).replace(/\.ts$/, '.js');
    return fs.existsSync(compiled) ? compiled : resolved;
  };
  redirected = true;
}

let redirected = false;
