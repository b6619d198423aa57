import { collectWarnings, ConstructWarning } from '../core/warnings';
import { SynthesizedObject } from '../core/manifest';
import { Platform } from '../platform/platform';
import { collectObjects } from './collect';
import { readTree } from './dist-tree';
import { recoverInterruptedWrite, writeTree, WriterFs, WriteResult } from './dist-writer';
import { FileTree, layoutFiles } from './layout';
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

/** Writes a synthesis to `outDir` atomically and incrementally (see `writeTree`). */
export function writeSynthesis(synthesis: Synthesis, outDir: string, ops?: WriterFs): WriteResult {
  recoverInterruptedWrite(outDir);
  return writeTree(outDir, synthesis.files, readTree(outDir), ops);
}
