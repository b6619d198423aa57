import * as fs from 'fs';
import * as path from 'path';
import { FileDigest, sameContent } from './dist-digest';
import { FileTree } from './layout';

/** What a write changed. */
export interface WriteResult {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
}

/**
 * File operations the writer uses; tests replace some of them to inject failures (a full disk,
 * an exception half-way) and prove `dist/` is left as it was.
 */
export interface WriterFs {
  writeFile(file: string, content: string): void;
  link(existing: string, target: string): void;
  rename(from: string, to: string): void;
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

/**
 * Restores the state an interrupted write left behind. The only window in which `outDir` is not a
 * complete tree is between the two renames of the swap; if a run died there, the previous tree is
 * put back (that run failed, so the old tree is the right one). Leftover staging is discarded.
 * Returns true when something had to be recovered.
 */
export function recoverInterruptedWrite(outDir: string): boolean {
  const { staging, previous } = stagingDirs(outDir);
  let recovered = false;
  if (fs.existsSync(previous)) {
    if (fs.existsSync(outDir)) fs.rmSync(previous, { recursive: true, force: true });
    else fs.renameSync(previous, outDir);
    recovered = true;
  }
  if (fs.existsSync(staging)) {
    fs.rmSync(staging, { recursive: true, force: true });
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
  fs.rmSync(staging, { recursive: true, force: true });
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
    fs.rmSync(previous, { recursive: true, force: true });
  } else {
    fs.mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
    ops.rename(staging, outDir);
  }
  return { written, removed, unchanged };
}
