import { SynthesizedObject } from '../core/manifest';
import { collectWarnings, ConstructWarning } from '../core/warnings';
import type { Environment } from '../platform/environment';
import { Platform } from '../platform/platform';
import type { PolicyReport } from '../policy';
import { collectEnvironment, prepareTree } from './collect';
import { assertNoClashes, identityClashes } from './identity';
import { assertNoCollisions, FilePlan, FileTree, joinTrees, planFiles, serializeFiles } from './layout';
import { assertAcknowledged, assertPolicyPasses, checkEnvironment, mergeReports } from './policy-gate';

/** The in-memory result of synthesizing a platform: nothing has touched the disk yet. */
export interface Synthesis extends SynthesisSummary {
  readonly objects: SynthesizedObject[];
  readonly files: FileTree;
}

/** What a synthesis found besides its objects and files. */
export interface SynthesisSummary {
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

/** One environment's objects and the files they lay out to (`<env>/...`). */
export interface EnvironmentSynthesis {
  readonly environment: string;
  readonly objects: readonly SynthesizedObject[];
  /** Each object's file; `serializedFiles(plan)` or `serializeFiles(plan)` gives their text. */
  readonly plan: FilePlan;
}

export interface EnvironmentStreamOptions extends SynthesizeOptions {
  /**
   * Receives each environment, in the platform's order, as soon as it is synthesized. The synthesis
   * as a whole may still fail afterwards (a later environment's policy error, say): keep what you
   * receive until synthesizeEnvironments returns.
   */
  readonly onEnvironment: (environment: EnvironmentSynthesis) => void;
  /**
   * Remove each environment's constructs from the tree once it is synthesized, so their memory can
   * be reclaimed before the next environment is rendered. The platform cannot be synthesized again:
   * only for a caller that owns it and drops it afterwards (the CLI's stack worker). An object that
   * reads another environment's constructs while it renders still can; one that searches another
   * environment's tree (findAll) would find it empty, which no gitplane construct does.
   * @default false
   */
  readonly releaseEnvironments?: boolean;
  /**
   * A full garbage collection, called where much memory was just let go: after an environment's
   * constructs are released, and after its objects and files were handed to onEnvironment.
   */
  readonly collectGarbage?: () => void;
}

/**
 * Builds every environment, validates once, enforces policy, and serializes every object. Pure:
 * writes nothing, and throws when validation or policy fails.
 */
export function synthesize(platform: Platform, options: SynthesizeOptions = {}): Synthesis {
  const objects: SynthesizedObject[] = [];
  const trees: FileTree[] = [];
  const summary = synthesizeEnvironments(platform, {
    ...options,
    onEnvironment: (environment) => {
      for (const object of environment.objects) objects.push(object);
      trees.push(serializeFiles(environment.plan));
    },
  });
  return { ...summary, objects, files: joinTrees(trees) };
}

/**
 * `synthesize`, one environment at a time: an environment's objects are rendered, checked by
 * policy (which looks within one environment, see checkEnvironment) and laid out as files before the
 * next one is rendered, so at most one environment's rendered objects are alive at once.
 *
 * The errors and their order are those of synthesizing everything at once: a rendering error stops
 * at once; otherwise every environment is visited and the first of these throws, listing all its
 * cases: duplicate objects, blocking policy findings, unacknowledged warnings (strict), two objects
 * in one file.
 */
export function synthesizeEnvironments(platform: Platform, options: EnvironmentStreamOptions): SynthesisSummary {
  const strict = options.strict ?? false;
  prepareTree(platform);
  // Warnings are added while the tree is built and prepared; rendering only reads it (see render.ts).
  const warnings = collectWarnings(platform);
  const found: Found = { clashes: [], collisions: [], reports: [] };
  for (const environment of platform.environments) {
    synthesizeEnvironment(platform, environment, options, found);
    // The environment's objects and text are unreferenced once its step returns.
    options.collectGarbage?.();
  }
  const { clashes, collisions, reports } = found;
  assertNoClashes(clashes);
  const policy = mergeReports(reports);
  assertPolicyPasses(policy, strict);
  if (strict) assertAcknowledged(warnings);
  assertNoCollisions(collisions);
  return { warnings, policy, environments: platform.environments.length, apps: platform.apps.length };
}

/** What blocks a synthesis, gathered over all environments before any of it is thrown. */
interface Found {
  readonly clashes: string[];
  readonly collisions: string[];
  readonly reports: PolicyReport[];
}

function synthesizeEnvironment(platform: Platform, environment: Environment, options: EnvironmentStreamOptions, found: Found): void {
  const objects = collectEnvironment(platform, environment);
  // Its objects are plain data from here on: the constructs can go before policy and layout run.
  if (options.releaseEnvironments) {
    environment._release();
    options.collectGarbage?.();
  }
  found.clashes.push(...identityClashes(objects));
  found.reports.push(checkEnvironment(objects, environment.policy));
  const plan = planFiles(objects);
  found.collisions.push(...plan.collisions);
  options.onEnvironment({ environment: environment.envName, objects, plan });
}
