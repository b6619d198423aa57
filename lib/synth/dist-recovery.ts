import * as fs from 'fs';
import { nodeFs, removeOwnedTree, writerPaths, WriterFs } from './dist-folders';
import { applyJournal, readJournal } from './dist-journal';

/** What an interrupted write left beside `outDir`, if anything. */
export interface InterruptedWrite {
  /**
   * What the output folder holds now. `whole`: a complete tree (only leftovers to discard). `partial`:
   * a run died while applying a committed change, so the folder mixes old and new files until the
   * journal is applied. `missing`: a run of an earlier release died between the two renames of its
   * swap, and the previous tree waits beside the folder.
   */
  readonly state: 'whole' | 'partial' | 'missing';
  /** What exists beside it (absolute paths): the previous tree, the journal, the staging folder. */
  readonly leftovers: string[];
}

/**
 * Looks for what an interrupted write leaves behind; undefined when there is nothing. Every command
 * that reads the output folder asks this first (see checkOutputFolder in the CLI).
 */
export function findInterruptedWrite(outDir: string): InterruptedWrite | undefined {
  const { staging, journal, previous } = writerPaths(outDir);
  const leftovers = [previous, journal, staging].filter((entry) => fs.existsSync(entry));
  if (leftovers.length === 0) return undefined;
  const state = leftovers.includes(previous) && !fs.existsSync(outDir) ? 'missing' : leftovers.includes(journal) ? 'partial' : 'whole';
  return { state, leftovers };
}

/**
 * Brings the output folder back to a whole tree, whatever moment a run was killed at. Before the
 * commit point (the rename of the journal) the folder was not touched: the staging folder is
 * discarded. After it, the committed change is applied to the end (the write it began is finished),
 * then the journal and staging folder are removed. A previous tree left by an earlier release's swap
 * is put back when the folder is missing (that run failed) and discarded otherwise. Returns true when
 * something had to be recovered.
 */
export function recoverInterruptedWrite(outDir: string, ops: WriterFs = nodeFs): boolean {
  const { staging, journal, previous } = writerPaths(outDir);
  let recovered = false;
  if (fs.existsSync(previous)) {
    if (fs.existsSync(outDir)) removeOwnedTree(previous, ops);
    else fs.renameSync(previous, outDir);
    recovered = true;
  }
  if (fs.existsSync(journal)) {
    applyJournal(outDir, staging, readJournal(journal), ops);
    fs.rmSync(journal, { force: true });
    recovered = true;
  }
  if (fs.existsSync(staging)) {
    removeOwnedTree(staging, ops);
    recovered = true;
  }
  return recovered;
}
