import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { readTreeDigests } from './dist-digest';
import { recoverInterruptedWrite, writeTree, WriterFs, WriteResult } from './dist-writer';
import type { Synthesis } from './synthesize';
import { withWriteLock } from './write-lock';

/** The output folder holds files gitplane did not write: replacing it would delete them. */
export class ForeignFilesError extends GitplaneError {}

/**
 * Writes a synthesis to `outDir` atomically and incrementally (see `writeTree`). The folder is
 * gitplane's alone, so stale files are removed; a file without gitplane's header means the folder is
 * someone else's (a wrong --out, a README dropped into dist/), and nothing is touched.
 */
export function writeSynthesis(synthesis: Pick<Synthesis, 'files'>, outDir: string, ops?: WriterFs): WriteResult {
  return withWriteLock(outDir, () => writeOwnedTree(synthesis, outDir, ops));
}

function writeOwnedTree(synthesis: Pick<Synthesis, 'files'>, outDir: string, ops?: WriterFs): WriteResult {
  recoverInterruptedWrite(outDir, ops);
  const current = readTreeDigests(outDir);
  const foreign = [...current].filter(([, digest]) => !digest.generated).map(([file]) => file);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new ForeignFilesError(`the output folder ${path.basename(outDir)}/ holds ${foreign.length} file(s) gitplane did not write (${shown}); nothing was written`,
      'point --out (or "gitplane.outdir") at a folder of its own, or move those files out: gitplane removes every file there that it does not write');
  }
  return writeTree(outDir, synthesis.files, current, ops);
}
