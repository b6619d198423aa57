/**
 * Runs the code of a cached validator with V8's code cache of it, kept beside the entry: a warm
 * `validate` loads several megabytes of generated code, and parsing and compiling it again takes longer
 * than reading V8's compiled form. V8 checks that a code cache fits the source and its own version and
 * flags (and rejects it otherwise), but of the source only its length; the SHA-256 of the source and
 * the payload together, stored in front of it, guards against a damaged cache file and against an
 * entry changed in place to code of the same length, neither of which V8 would detect. A missing, damaged or rejected code cache is made again from
 * the code after the run (`save`), so that it holds every function the validation compiled.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as vm from 'vm';

const DIGEST_BYTES = 32;

export class CodeCache {
  private readonly unsaved = new Map<string, { readonly script: vm.Script; readonly source: string }>();

  /**
   * Evaluates `code` as the body of a function of `args` (by name) and returns what it returns; the
   * code cache for it is read from, and later saved to, `cacheFile`.
   */
  public run(code: string, cacheFile: string, args: Readonly<Record<string, unknown>>): unknown {
    const source = `(function (${Object.keys(args).join(', ')}) {\n${code}\n})`;
    const cachedData = readCodeCache(cacheFile, source);
    const script = new vm.Script(source, { filename: cacheFile, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) this.unsaved.set(cacheFile, { script, source });
    const run = script.runInThisContext() as (...values: unknown[]) => unknown;
    return run(...Object.values(args));
  }

  /** Writes the code caches that were missing or unusable; a failure to write is no error. */
  public save(): void {
    for (const [file, { script, source }] of this.unsaved) {
      const payload = script.createCachedData();
      writeAtomically(file, Buffer.concat([digestOf(source, payload), payload]));
    }
    this.unsaved.clear();
  }
}

function digestOf(source: string, payload: Buffer): Buffer {
  return createHash('sha256').update(source).update(payload).digest();
}

function readCodeCache(file: string, source: string): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const payload = stored.subarray(DIGEST_BYTES);
  const intact = stored.length > DIGEST_BYTES && digestOf(source, payload).equals(stored.subarray(0, DIGEST_BYTES));
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
