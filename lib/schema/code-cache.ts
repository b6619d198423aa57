/**
 * Runs the code of a cached validator with V8's code cache of it, kept beside the entry: a warm
 * `validate` loads several megabytes of generated code, and parsing and compiling it again takes longer
 * than reading V8's compiled form. V8 checks that a code cache fits the source and its own version and
 * flags (and rejects it otherwise); the payload's SHA-256, stored in front of it, guards against a
 * damaged file, which V8 would not detect. A missing, damaged or rejected code cache is made again from
 * the code after the run (`save`), so that it holds every function the validation compiled.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as vm from 'vm';

const DIGEST_BYTES = 32;

export class CodeCache {
  private readonly unsaved = new Map<string, vm.Script>();

  /**
   * Evaluates `code` as the body of a function of `args` (by name) and returns what it returns; the
   * code cache for it is read from, and later saved to, `cacheFile`.
   */
  public run(code: string, cacheFile: string, args: Readonly<Record<string, unknown>>): unknown {
    const cachedData = readCodeCache(cacheFile);
    const script = new vm.Script(`(function (${Object.keys(args).join(', ')}) {\n${code}\n})`, { filename: cacheFile, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) this.unsaved.set(cacheFile, script);
    const run = script.runInThisContext() as (...values: unknown[]) => unknown;
    return run(...Object.values(args));
  }

  /** Writes the code caches that were missing or unusable; a failure to write is no error. */
  public save(): void {
    for (const [file, script] of this.unsaved) {
      const payload = script.createCachedData();
      writeAtomically(file, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
    }
    this.unsaved.clear();
  }
}

function readCodeCache(file: string): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const payload = stored.subarray(DIGEST_BYTES);
  const intact = stored.length > DIGEST_BYTES && createHash('sha256').update(payload).digest().equals(stored.subarray(0, DIGEST_BYTES));
  return intact ? payload : undefined;
}

/** Writes through a temporary file and a rename: a concurrent reader sees the whole file or none. */
export function writeAtomically(file: string, content: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
