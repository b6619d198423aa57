import * as path from 'path';
import { GitplaneError } from '../core/errors';

/** A fault of the machine (full disk, permissions, a file where a folder belongs), said as one line with a fix. */
export class SystemError extends GitplaneError {
  constructor(message: string, fix: string, public readonly original: unknown) {
    super(message, fix);
  }
}

type Describe = (where: string, target: string) => { problem: string; fix: string };

/** One entry per class of system error: what it means for the path, and what the user can do. */
const CLASSES: Record<string, Describe> = {
  ENOSPC: (where) => ({ problem: `${where}: the disk is full (ENOSPC)`, fix: 'free space on that disk (or pick an --out on another one) and run the command again' }),
  EDQUOT: (where) => ({ problem: `${where}: the disk quota is used up (EDQUOT)`, fix: 'free space within your quota and run the command again' }),
  EACCES: (where, target) => ({ problem: `${where}: permission denied (EACCES)`, fix: `give your user access to it (ls -ld ${quote(target)}), or pick an --out you own` }),
  EPERM: (where, target) => ({ problem: `${where}: operation not permitted (EPERM)`, fix: `check its owner and flags (ls -ld ${quote(target)}), or pick an --out you own` }),
  ENOTDIR: (where) => ({ problem: `${where}: part of this path is a file where a folder is expected (ENOTDIR)`, fix: 'move that file away, or pick another --out / --dir' }),
  EISDIR: (where) => ({ problem: `${where} is a folder where a file is expected (EISDIR)`, fix: 'move that folder away, or name a file' }),
  EROFS: (where) => ({ problem: `${where}: the file system is read-only (EROFS)`, fix: 'run on a writable checkout, or pick an --out on a writable disk' }),
  EMFILE: (where) => ({ problem: `${where}: too many open files (EMFILE)`, fix: 'raise the limit of open files (ulimit -n 4096) and run the command again' }),
  ENFILE: (where) => ({ problem: `${where}: the system ran out of file handles (ENFILE)`, fix: 'close other programs or raise fs.file-max, then run the command again' }),
  ENAMETOOLONG: (where) => ({ problem: `${where}: the path is too long for the file system (ENAMETOOLONG)`, fix: 'use a shorter --out or project path' }),
  ELOOP: (where) => ({ problem: `${where}: too many levels of symbolic links (ELOOP)`, fix: 'replace the symbolic link loop with a real folder' }),
  EBUSY: (where) => ({ problem: `${where} is busy (EBUSY): another program holds it`, fix: 'close the program using it (an editor, a file watcher) and run the command again' }),
  EIO: (where) => ({ problem: `${where}: input/output error (EIO)`, fix: 'check the disk (dmesg) and run the command again' }),
};

/**
 * Turns a Node.js system error into one user-facing line naming the path (relative to `cwd` when
 * inside it) and a fix; returns undefined for anything else (a bug stays a bug).
 */
export function describeSystemError(error: unknown, cwd: string): SystemError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, path: file, dest, syscall } = error as NodeJS.ErrnoException & { dest?: string };
  const describe = typeof code === 'string' ? CLASSES[code] : undefined;
  if (!describe) return undefined;
  const where = file ? shown(file, cwd) + (dest ? ` -> ${shown(dest, cwd)}` : '') : `a ${syscall ?? 'file operation'}`;
  const { problem, fix } = describe(where, file ? shown(file, cwd) : '.');
  return new SystemError(problem, fix, error);
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function quote(where: string): string {
  return /^[\w./-]+$/.test(where) ? where : JSON.stringify(where);
}
