import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { collectWarnings, ConstructWarning } from '../core/warnings';
import { SynthesizedObject } from '../core/manifest';
import { Platform } from '../platform/platform';
import { collectObjects } from './collect';
import { readTree } from './dist-tree';
import { recoverInterruptedWrite, writeTree, WriterFs, WriteResult } from './dist-writer';
import { assertUniqueIdentities } from './identity';
import { FileTree, layoutFiles } from './layout';
import { isGenerated } from './serialize';
import { withWriteLock } from './write-lock';
import { enforcePolicy } from './policy-gate';
import type { PolicyReport } from '../policy';

/** The in-memory result of synthesizing a platform: nothing has touched the disk yet. */
export interface Synthesis {
  readonly objects: SynthesizedObject[];
  readonly files: FileTree;
  readonly warnings: ConstructWarning[];
  /** Policy and secret-scanner findings that did not block (warnings, waived findings). */
  readonly policy: PolicyReport;
  readonly environments: number;
  readonly apps: number;
}

export interface SynthesizeOptions {
  /**
   * Fail on policy warnings too.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * Builds every environment, validates once, enforces policy, and serializes every object. Pure:
 * writes nothing, and throws before serializing when validation or policy fails.
 */
export function synthesize(platform: Platform, options: SynthesizeOptions = {}): Synthesis {
  const objects = collectObjects(platform);
  assertUniqueIdentities(objects);
  const policy = enforcePolicy(platform, objects, options.strict ?? false);
  const files = layoutFiles(objects);
  return {
    objects,
    files,
    policy,
    warnings: collectWarnings(platform),
    environments: platform.environments.length,
    apps: platform.apps.length,
  };
}

/** The output folder holds files gitplane did not write: replacing it would delete them. */
export class ForeignFilesError extends GitplaneError {}

/**
 * Writes a synthesis to `outDir` atomically and incrementally (see `writeTree`). The folder is
 * gitplane's alone, so stale files are removed; a file without gitplane's header means the folder is
 * someone else's (a wrong --out, a README dropped into dist/), and nothing is touched.
 */
export function writeSynthesis(synthesis: Synthesis, outDir: string, ops?: WriterFs): WriteResult {
  return withWriteLock(outDir, () => writeOwnedTree(synthesis, outDir, ops));
}

function writeOwnedTree(synthesis: Synthesis, outDir: string, ops?: WriterFs): WriteResult {
  recoverInterruptedWrite(outDir);
  const current = readTree(outDir);
  const foreign = [...current].filter(([, content]) => !isGenerated(content)).map(([file]) => file);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new ForeignFilesError(`the output folder ${path.basename(outDir)}/ holds ${foreign.length} file(s) gitplane did not write (${shown}); nothing was written`,
      'point --out (or "gitplane.outdir") at a folder of its own, or move those files out: gitplane removes every file there that it does not write');
  }
  return writeTree(outDir, synthesis.files, current, ops);
}
