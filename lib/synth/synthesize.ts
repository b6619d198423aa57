import { collectWarnings, ConstructWarning } from '../core/warnings';
import { SynthesizedObject } from '../core/manifest';
import { Platform } from '../platform/platform';
import { collectObjects } from './collect';
import { readTree } from './dist-tree';
import { recoverInterruptedWrite, writeTree, WriterFs, WriteResult } from './dist-writer';
import { FileTree, layoutFiles } from './layout';

/** The in-memory result of synthesizing a platform: nothing has touched the disk yet. */
export interface Synthesis {
  readonly objects: SynthesizedObject[];
  readonly files: FileTree;
  readonly warnings: ConstructWarning[];
  readonly environments: number;
  readonly apps: number;
}

/** Builds every environment, validates once, and serializes every object. Pure: writes nothing. */
export function synthesize(platform: Platform): Synthesis {
  const objects = collectObjects(platform);
  const files = layoutFiles(objects);
  return {
    objects,
    files,
    warnings: collectWarnings(platform),
    environments: platform.environments.length,
    apps: platform.apps.length,
  };
}

/** Writes a synthesis to `outDir` atomically and incrementally (see `writeTree`). */
export function writeSynthesis(synthesis: Synthesis, outDir: string, ops?: WriterFs): WriteResult {
  recoverInterruptedWrite(outDir);
  return writeTree(outDir, synthesis.files, readTree(outDir), ops);
}
