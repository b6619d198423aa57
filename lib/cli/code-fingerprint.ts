import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Relative imports and requires, type-only ones too (cheaper to include than to tell apart). */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * A SHA-256 of the code of `entry` and of every module of the same package it imports, directly or
 * through others (relative imports only; packages are named by version by the caller). Read from the
 * TypeScript sources when they are installed beside the compiled modules, as `lib/` is beside `build/`,
 * else from the modules that run. Files are hashed in path order, each with its path relative to the
 * package, so that a change to any of them, a file added to the closure or one moved, changes the hash.
 */
export function codeFingerprint(entry: string, packageRoot: string): string {
  const files = importClosure(entry);
  const hash = createHash('sha256');
  for (const file of [...files.keys()].sort()) {
    const text = files.get(file) as Buffer;
    hash.update(`${path.relative(packageRoot, file).split(path.sep).join('/')} ${text.length}\0`).update(text);
  }
  return hash.digest('hex');
}

function importClosure(entry: string): Map<string, Buffer> {
  const extension = path.extname(entry);
  const files = new Map<string, Buffer>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    const text = fs.readFileSync(file);
    files.set(file, text);
    for (const match of text.toString('utf8').matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1]);
      const resolved = [`${target}${extension}`, path.join(target, `index${extension}`), target].find(isFile);
      if (resolved && !files.has(resolved)) pending.push(resolved);
    }
  }
  return files;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false; // absent, or a path through a file
  }
}
