import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { findInterruptedWrite, recoverInterruptedWrite } from '../synth/dist-recovery';
import { withWriteLock } from '../synth/write-lock';
import { printProblem } from './handle-error';
import { CliIo } from './io';

/** The output folder is in a state no command can work with (a file, or incomplete after a crash). */
export class OutputFolderError extends GitplaneError {}

/**
 * Checks the output folder before a command uses it: it must be a folder, and a synth that was
 * interrupted (its `.dist.gitplane-journal` or `-staging` left beside it) is said, with the fix.
 * `synth` repairs it right away (under the write lock): a committed change is completed, anything
 * else discarded. The read-only commands report it, and fail when the folder is
 * not a whole tree because of it (a change half-applied, or a swap of an earlier release cut short).
 */
export function checkOutputFolder(io: CliIo, outDir: string, outLabel: string, command: 'synth' | 'check' | 'validate' | 'policy check' | 'diff'): void {
  const stat = fs.statSync(outDir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    const flag = command === 'validate' ? '--dir' : command === 'policy check' ? 'path' : command === 'diff' ? '"gitplane.outdir"' : '--out';
    throw new OutputFolderError(`${outLabel} is a file, not a folder; gitplane writes the manifests into a folder there`,
      `move that file away (or pick another ${flag}), then run npm run synth`);
  }
  const interrupted = findInterruptedWrite(outDir);
  if (!interrupted) return;
  const names = interrupted.leftovers.map((entry) => `${path.basename(entry)}${entry.endsWith('-journal') ? '' : '/'}`).join(' and ');
  if (command === 'synth') {
    withWriteLock(outDir, () => recoverInterruptedWrite(outDir));
    const done = { missing: `restored ${outLabel} from it`, partial: `completed the change it had begun in ${outLabel}`, whole: 'removed' }[interrupted.state];
    printProblem(io, `warning ${outLabel}: the last synth was interrupted and left ${names} beside it; ${done} before writing`);
    return;
  }
  if (interrupted.state === 'missing') {
    throw new OutputFolderError(`${outLabel} is missing: a synth was interrupted while swapping in a new tree and left the previous one in ${names}`,
      'run npm run synth: it puts the previous tree back or writes a new one');
  }
  if (interrupted.state === 'partial') {
    throw new OutputFolderError(`${outLabel} is incomplete: a synth was interrupted while applying its change and left ${names} beside it`,
      'run npm run synth: it completes that change first');
  }
  printProblem(io, `warning ${outLabel}: a synth was interrupted and left ${names} beside it (${outLabel} itself is complete). ` +
    'Fix: run npm run synth, which removes it');
}
