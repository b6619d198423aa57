import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';

/** A folder an interrupted or failed synth left beside the output folder could not be removed. */
export class LeftoverFolderError extends GitplaneError {
  constructor(folder: string, cause: unknown) {
    const name = path.basename(folder);
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    super(`${name}/ (left beside ${path.basename(path.dirname(folder)) || '/'}/ by an interrupted synth) cannot be removed (${code}); nothing was written`,
      `remove it by hand (chmod -R u+w ${name} && rm -rf ${name}, with sudo if another user owns files in it), then run synth again`);
  }
}

/**
 * File operations the writer uses; tests replace some of them to inject failures (a full disk,
 * an exception half-way) and prove `dist/` is left as it was.
 */
export interface WriterFs {
  writeFile(file: string, content: Uint8Array): void;
  rename(from: string, to: string): void;
  /** Removes a folder and everything below it (default: fs.rmSync recursive). */
  removeTree?(dir: string): void;
}

export const nodeFs: WriterFs = {
  writeFile: (file, content) => fs.writeFileSync(file, content, { mode: 0o644 }),
  rename: (from, to) => fs.renameSync(from, to),
};

/** What the writer keeps beside the output folder; dot-prefixed and git-ignored (`.dist.gitplane-*`). */
export interface WriterPaths {
  /** The files of a write before they are moved into place (and the journal before it is committed). */
  readonly staging: string;
  /** Present only while a committed change is being applied: what is left to move in and remove. */
  readonly journal: string;
  /** Where earlier releases of gitplane moved the old tree while swapping a new one in. */
  readonly previous: string;
}

export function writerPaths(outDir: string): WriterPaths {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  return {
    staging: path.join(parent, `.${base}.gitplane-staging`),
    journal: path.join(parent, `.${base}.gitplane-journal`),
    previous: path.join(parent, `.${base}.gitplane-previous`),
  };
}

/** Inside the staging folder: the files to move in, and the journal before its commit. */
export function stagedTree(staging: string): string {
  return path.join(staging, 'tree');
}

export function stagedJournal(staging: string): string {
  return path.join(staging, 'journal.json');
}

/**
 * Removes a folder the writer owns. When that fails for permissions (a read-only folder inside the
 * old tree: rm needs write access to each folder it empties), it makes the folders writable and tries
 * again; a folder that still cannot be removed is a LeftoverFolderError naming it.
 */
export function removeOwnedTree(dir: string, ops: WriterFs = nodeFs): void {
  const remove = ops.removeTree ?? ((d: string) => fs.rmSync(d, { recursive: true, force: true }));
  try {
    remove(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw new LeftoverFolderError(dir, error);
    try {
      makeFoldersWritable(dir);
      remove(dir);
    } catch (again) {
      throw new LeftoverFolderError(dir, again);
    }
  }
}

/** u+rwx on `dir` and every folder below it (symlinks are not followed). */
function makeFoldersWritable(dir: string): void {
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return;
  fs.chmodSync(dir, stat.mode | 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeFoldersWritable(path.join(dir, entry.name));
  }
}
