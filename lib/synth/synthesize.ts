import { SynthesizedObject } from '../core/manifest';
import { collectWarnings, ConstructWarning } from '../core/warnings';
import { Platform } from '../platform/platform';
import type { PolicyReport } from '../policy';
import { collectObjects } from './collect';
import { assertUniqueIdentities } from './identity';
import { FileTree, layoutFiles } from './layout';
import { assertAcknowledged, enforcePolicy } from './policy-gate';

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
   * Fail on policy warnings and unacknowledged construct warnings too (the CLI's `--strict`).
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
  const warnings = collectWarnings(platform);
  if (options.strict) assertAcknowledged(warnings);
  const files = layoutFiles(objects);
  return {
    objects,
    files,
    policy,
    warnings,
    environments: platform.environments.length,
    apps: platform.apps.length,
  };
}
