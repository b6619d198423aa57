import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { DistDigests, readDistDigests } from './dist-digest';
import type { WriterFs } from './dist-folders';
import { recoverInterruptedWrite } from './dist-recovery';
import { writeTree, WriteResult } from './dist-writer';
import { EncodedTree } from './encoded-tree';
import type { Synthesis } from './synthesize';
import { withWriteLock } from './write-lock';

/** The output folder holds files gitplane did not write: replacing it would delete them. */
export class ForeignFilesError extends GitplaneError {}

/**
 * Writes a synthesis to `outDir` atomically and incrementally (see `writeTree`), under the write lock,
 * after finishing or discarding what an interrupted write left.
 */
export function writeSynthesis(synthesis: Pick<Synthesis, 'files'>, outDir: string, ops?: WriterFs): WriteResult {
  return withWriteLock(outDir, () => {
    recoverInterruptedWrite(outDir, ops);
    return writeOwnedTree(EncodedTree.encode(synthesis.files), readDistDigests(outDir), ops);
  });
}

/**
 * Writes `next` over the folder `current` describes, for a caller that holds the write lock and has
 * read the folder already (the CLI reads it while the stacks run). The folder is gitplane's alone, so
 * stale files are removed; a file without gitplane's header means the folder is someone else's (a
 * wrong --out, a README dropped into dist/), and nothing is touched.
 */
export function writeOwnedTree(next: EncodedTree, current: DistDigests, ops?: WriterFs): WriteResult {
  const foreign = [...current.files].filter(([, digest]) => !digest.generated).map(([file]) => file);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new ForeignFilesError(`the output folder ${path.basename(current.dir)}/ holds ${foreign.length} file(s) gitplane did not write (${shown}); nothing was written`,
      'point --out (or "gitplane.outdir") at a folder of its own, or move those files out: gitplane removes every file there that it does not write');
  }
  return writeTree(current.dir, next, current.files, ops);
}
