import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { FileDigest, sameContent } from './dist-digest';
import { FileTree } from './layout';

/** What a write changed. */
export interface WriteResult {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
}

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
  writeFile(file: string, content: string): void;
  link(existing: string, target: string): void;
  rename(from: string, to: string): void;
  /** Removes a folder and everything below it (default: fs.rmSync recursive). */
  removeTree?(dir: string): void;
}

const nodeFs: WriterFs = {
  writeFile: (file, content) => fs.writeFileSync(file, content, { mode: 0o644 }),
  link: (existing, target) => {
    try {
      fs.linkSync(existing, target);
    } catch {
      fs.copyFileSync(existing, target); // file systems without hard links
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
};

/** Sibling folders the writer uses; dot-prefixed and git-ignored. */
export function stagingDirs(outDir: string): { staging: string; previous: string } {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  return {
    staging: path.join(parent, `.${base}.gitplane-staging`),
    previous: path.join(parent, `.${base}.gitplane-previous`),
  };
}

/** What an interrupted write left beside `outDir`, if anything. */
export interface InterruptedWrite {
  /** `outDir` is gone: a run died between the two renames of the swap; `previous` holds the old tree. */
  readonly outMissing: boolean;
  /** Leftover folders that exist (absolute paths). */
  readonly leftovers: string[];
}

/** Looks for the folders an interrupted write leaves behind; undefined when there are none. */
export function findInterruptedWrite(outDir: string): InterruptedWrite | undefined {
  const { staging, previous } = stagingDirs(outDir);
  const leftovers = [previous, staging].filter((dir) => fs.existsSync(dir));
  if (leftovers.length === 0) return undefined;
  return { outMissing: !fs.existsSync(outDir) && leftovers.includes(previous), leftovers };
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

/**
 * Restores the state an interrupted write left behind. The only window in which `outDir` is not a
 * complete tree is between the two renames of the swap; if a run died there, the previous tree is
 * put back (that run failed, so the old tree is the right one). Leftover staging is discarded.
 * Returns true when something had to be recovered.
 */
export function recoverInterruptedWrite(outDir: string, ops: WriterFs = nodeFs): boolean {
  const { staging, previous } = stagingDirs(outDir);
  let recovered = false;
  if (fs.existsSync(previous)) {
    if (fs.existsSync(outDir)) removeOwnedTree(previous, ops);
    else fs.renameSync(previous, outDir);
    recovered = true;
  }
  if (fs.existsSync(staging)) {
    removeOwnedTree(staging, ops);
    recovered = true;
  }
  return recovered;
}

/**
 * Makes `outDir` hold exactly `files`, atomically: the new tree is staged beside `outDir` (unchanged
 * files as hard links, so they are not rewritten), then swapped in with two renames. Any failure
 * before the swap leaves `outDir` untouched; a kill during the swap is undone by
 * `recoverInterruptedWrite`, which runs first. Nothing changed means nothing is written at all.
 * `current` describes the files in `outDir` by size and hash (readTreeDigests), not by their text.
 */
export function writeTree(outDir: string, files: FileTree, current: ReadonlyMap<string, FileDigest>, ops: WriterFs = nodeFs): WriteResult {
  const written: string[] = [];
  const removed = [...current.keys()].filter((file) => !files.has(file));
  const same = new Set<string>();
  for (const [file, content] of files) {
    if (sameContent(current.get(file), content)) same.add(file);
    else written.push(file);
  }
  const unchanged = same.size;
  if (written.length === 0 && removed.length === 0 && fs.existsSync(outDir)) return { written, removed, unchanged };

  const { staging, previous } = stagingDirs(outDir);
  removeOwnedTree(staging, ops);
  try {
    fs.mkdirSync(staging, { recursive: true });
    const made = new Set<string>();
    for (const [file, content] of files) {
      const dir = path.posix.dirname(file);
      if (!made.has(dir)) {
        fs.mkdirSync(path.join(staging, dir), { recursive: true });
        made.add(dir);
      }
      if (same.has(file)) ops.link(path.join(outDir, file), path.join(staging, file));
      else ops.writeFile(path.join(staging, file), content);
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  if (fs.existsSync(outDir)) {
    ops.rename(outDir, previous);
    try {
      ops.rename(staging, outDir);
    } catch (error) {
      fs.renameSync(previous, outDir);
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    try {
      removeOwnedTree(previous, ops);
    } catch {
      // The new tree is in place; the old one left beside it is removed (or named) by the next run.
    }
  } else {
    fs.mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
    ops.rename(staging, outDir);
  }
  return { written, removed, unchanged };
}
