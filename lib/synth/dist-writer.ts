import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import type { ContentDigest } from './content-digest';
import { nodeFs, removeOwnedTree, stagedJournal, stagedTree, writerPaths, WriterFs } from './dist-folders';
import { applyJournal, Journal, journalText } from './dist-journal';
import type { EncodedTree } from './encoded-tree';

/** What a write changed. */
export interface WriteResult {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
}

/** Applying a committed change failed half-way: the output folder mixes old and new files until synth runs again. */
export class UnfinishedWriteError extends GitplaneError {}

/**
 * Makes `outDir` hold exactly the files of `next`, touching only what differs from `current` (the
 * digests of the files in `outDir`). Nothing changed means nothing is written at all.
 *
 * A first write stages the whole tree beside `outDir` and renames it into place. Later writes are
 * journaled: the changed and new files are staged beside `outDir`, then a journal listing the files
 * to move in and to remove is committed with one rename (the commit point), then applied (each staged
 * file renamed into place, stale files removed) and deleted. Any failure before the commit point
 * leaves `outDir` untouched; after it, `recoverInterruptedWrite` (which every synth runs first)
 * finishes the change, so what stays is always the whole old tree or the whole new one.
 */
export function writeTree(outDir: string, next: EncodedTree, current: ReadonlyMap<string, ContentDigest>, ops: WriterFs = nodeFs): WriteResult {
  const exists = fs.existsSync(outDir);
  const before = exists ? current : new Map<string, ContentDigest>();
  const written = next.paths().filter((file) => !next.matches(file, before.get(file)));
  const removed = [...before.keys()].filter((file) => !next.has(file));
  const result = { written, removed, unchanged: next.size - written.length };
  if (written.length === 0 && removed.length === 0 && exists) return result;

  const { staging, journal } = writerPaths(outDir);
  removeOwnedTree(staging, ops);
  try {
    stageFiles(stagedTree(staging), written, next, ops);
    if (exists) {
      ops.writeFile(stagedJournal(staging), Buffer.from(journalText({ write: written, remove: removed })));
      ops.rename(stagedJournal(staging), journal); // the commit point
    } else {
      ops.rename(stagedTree(staging), outDir);
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (exists) applyCommitted(outDir, { write: written, remove: removed }, ops);
  try {
    removeOwnedTree(staging, ops);
  } catch {
    // The new tree is in place; the staging folder left beside it is removed (or named) by the next run.
  }
  return result;
}

function stageFiles(dir: string, files: readonly string[], next: EncodedTree, ops: WriterFs): void {
  fs.mkdirSync(dir, { recursive: true });
  const made = new Set<string>();
  for (const file of files) {
    const folder = path.posix.dirname(file);
    if (!made.has(folder)) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      made.add(folder);
    }
    ops.writeFile(path.join(dir, file), next.bytesOf(file));
  }
}

/** Applies the journal this run committed, then deletes it: from here on, the change is the output folder's. */
function applyCommitted(outDir: string, change: Journal, ops: WriterFs): void {
  const { staging, journal } = writerPaths(outDir);
  try {
    applyJournal(outDir, staging, change, ops);
  } catch (error) {
    const label = `${path.basename(path.resolve(outDir))}/`;
    const { code, path: where } = error as NodeJS.ErrnoException;
    const cause = `${code ?? (error as Error).message.split('\n')[0]}${where ? ` at ${path.relative(path.dirname(path.resolve(outDir)), where)}` : ''}`;
    throw new UnfinishedWriteError(`${label} holds part of this synth's change: applying it failed after it was committed (${cause})`,
      `fix that cause, then run npm run synth: it first completes the change recorded in ${path.basename(journal)}`);
  }
  fs.rmSync(journal, { force: true });
}
