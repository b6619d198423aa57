import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';

/** Another synth is writing the same output folder. */
export class WriteLockedError extends GitplaneError {}

/**
 * Runs `write` holding an exclusive lock on `outDir` (see acquireWriteLock).
 */
export function withWriteLock<T>(outDir: string, write: () => T): T {
  const release = acquireWriteLock(outDir);
  try {
    return write();
  } finally {
    release();
  }
}

/**
 * Takes an exclusive lock on `outDir` (a `.<dir>.gitplane-lock` file beside it, created with O_EXCL and
 * holding the owner's pid) and returns the function that releases it. Two synths writing at once would
 * share the staging folder, and one could commit the other's half-written change; `gitplane synth`
 * holds the lock from its first read of the folder to its write, so the folder cannot change between
 * the two. A lock whose owner is no longer alive (a killed run) is taken over.
 */
export function acquireWriteLock(outDir: string): () => void {
  const lock = lockFile(outDir);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  acquire(lock);
  return () => fs.rmSync(lock, { force: true });
}

export function lockFile(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.gitplane-lock`);
}

function acquire(lock: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!fs.lstatSync(lock).isFile()) {
        throw new WriteLockedError(`${path.basename(lock)} beside the output folder is not a file; synth uses that name for its write lock; nothing was written`,
          `remove it (rm -r ${path.basename(lock)}) and run synth again`);
      }
      const owner = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new WriteLockedError(`another gitplane synth (pid ${owner}) is writing ${path.basename(lock).replace(/^\.|\.gitplane-lock$/g, '')}/; nothing was written`,
          `wait for it to finish, or delete ${path.basename(lock)} if no synth is running`);
      }
      fs.rmSync(lock, { force: true }); // stale: its owner died
    }
  }
  throw new WriteLockedError(`could not lock ${path.basename(lock)}`, 'run synth again');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
