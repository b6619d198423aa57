import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { findInterruptedWrite, recoverInterruptedWrite } from '../synth/dist-writer';
import { withWriteLock } from '../synth/write-lock';
import { printProblem } from './handle-error';
import { CliIo } from './io';

/** The output folder is in a state no command can work with (a file, or missing after a crash). */
export class OutputFolderError extends GitplaneError {}

/**
 * Checks the output folder before a command uses it: it must be a folder, and a synth that was
 * interrupted (its `.dist.gitplane-previous` / `-staging` folders left beside it) is said, with the
 * fix. `synth` repairs it right away (under the write lock); the read-only commands report it, and
 * fail when the output folder itself is missing because of it.
 */
export function checkOutputFolder(io: CliIo, outDir: string, outLabel: string, command: 'synth' | 'check' | 'validate' | 'policy check'): void {
  const stat = fs.statSync(outDir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new OutputFolderError(`${outLabel} is a file, not a folder; gitplane writes the manifests into a folder there`,
      `move that file away (or pick another ${command === 'validate' ? '--dir' : command === 'policy check' ? 'path' : '--out'}), then run npm run synth`);
  }
  const interrupted = findInterruptedWrite(outDir);
  if (!interrupted) return;
  const names = interrupted.leftovers.map((dir) => `${path.basename(dir)}/`).join(' and ');
  if (command === 'synth') {
    withWriteLock(outDir, () => recoverInterruptedWrite(outDir));
    printProblem(io, `warning ${outLabel}: the last synth was interrupted and left ${names} beside it; ` +
      (interrupted.outMissing ? `restored ${outLabel} from it` : 'removed') + ' before writing');
    return;
  }
  if (interrupted.outMissing) {
    throw new OutputFolderError(`${outLabel} is missing: a synth was interrupted while swapping in a new tree and left the previous one in ${names}`,
      'run npm run synth: it puts the previous tree back or writes a new one');
  }
  printProblem(io, `warning ${outLabel}: a synth was interrupted and left ${names} beside it (${outLabel} itself is complete). ` +
    'Fix: run npm run synth, which removes it');
}
