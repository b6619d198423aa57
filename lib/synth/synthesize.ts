import { SynthesizedObject } from '../core/manifest';
import { collectWarnings, ConstructWarning } from '../core/warnings';
import type { PolicyProfile } from '../platform/contracts';
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

/** Everything synth reads from the construct tree, as plain data. */
export interface CollectedPlatform {
  readonly objects: SynthesizedObject[];
  readonly warnings: ConstructWarning[];
  /** The policy profile of each environment, by environment name. */
  readonly profiles: ReadonlyMap<string, PolicyProfile>;
  readonly environments: number;
  readonly apps: number;
}

/**
 * Builds every environment, validates once, enforces policy, and serializes every object. Pure:
 * writes nothing, and throws before serializing when validation or policy fails.
 */
export function synthesize(platform: Platform, options: SynthesizeOptions = {}): Synthesis {
  return synthesizeCollected(collectPlatform(platform), options);
}

/**
 * The first half of `synthesize`: builds every environment, validates the tree and renders every
 * object. Nothing after it reads the construct tree, so a caller that keeps no other reference to
 * the platform lets the garbage collector reclaim the tree (a third of the heap at scale) before
 * policy and serialization run.
 */
export function collectPlatform(platform: Platform): CollectedPlatform {
  return {
    objects: collectObjects(platform),
    warnings: collectWarnings(platform),
    profiles: new Map(platform.environments.map((env) => [env.envName, env.policy])),
    environments: platform.environments.length,
    apps: platform.apps.length,
  };
}

/** The second half of `synthesize`: identities, policy and the file layout of collected objects. */
export function synthesizeCollected(collected: CollectedPlatform, options: SynthesizeOptions = {}): Synthesis {
  const { objects, warnings } = collected;
  assertUniqueIdentities(objects);
  const policy = enforcePolicy(objects, collected.profiles, options.strict ?? false);
  if (options.strict) assertAcknowledged(warnings);
  const files = layoutFiles(objects);
  return { objects, files, policy, warnings, environments: collected.environments, apps: collected.apps };
}
