import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GitplaneError, isUserError } from '../core/errors';
import { KubeObject, SynthesizedObject } from '../core/manifest';
import { rendered, whileTreeIsRead } from '../core/render';
import { Environment } from '../platform/environment';
import { Platform } from '../platform/platform';
import { applyWaivers } from '../policy/waivers';
import { jsonPatchError } from './json-patch-error';

/** Every problem that `node.addValidation` hooks found in the tree, reported together. */
export class TreeValidationError extends GitplaneError {
  constructor(public readonly problems: readonly { constructPath: string; message: string }[]) {
    super(problems.map((p) => `[${p.constructPath}] ${p.message}`).join('\n'));
  }
}

/**
 * Runs every construct's validations once for the whole tree (cdk8s' own file layouts repeat this
 * per chart, which makes large apps quadratic).
 */
export function validateTree(root: IConstruct, constructs: readonly IConstruct[] = root.node.findAll()): void {
  const problems: { constructPath: string; message: string }[] = [];
  for (const construct of constructs) {
    for (const message of construct.node.validate()) problems.push({ constructPath: construct.node.path, message });
  }
  if (problems.length > 0) throw new TreeValidationError(problems);
}

/**
 * Turns the platform into plain objects, each tagged with its environment, its folder (the app
 * chart's id, or the reconciler's) and the construct path that produced it.
 */
export function collectObjects(platform: Platform): SynthesizedObject[] {
  prepareTree(platform);
  return platform.environments.flatMap((environment) => collectEnvironment(platform, environment));
}

/**
 * Completes the tree before anything is read from it: the reconcilers' objects and sync waves
 * (`prepare`), waivers and every construct's validations. One walk of the tree serves waivers and
 * validation; neither adds constructs.
 */
export function prepareTree(platform: Platform): void {
  try {
    platform.prepare();
    const constructs = platform.node.findAll();
    applyWaivers(platform, constructs); // before toJson: waivers become annotations reviewers see in the YAML
    validateTree(platform, constructs);
  } catch (error) {
    throw asPatchProblem(error, platform);
  }
}

/**
 * The objects of one environment of a prepared tree (see prepareTree), in the order of its own
 * findAll(). Environments are collected one at a time so a caller can finish with one (and let its
 * rendered objects go) before rendering the next.
 */
export function collectEnvironment(platform: Platform, environment: Environment): SynthesizedObject[] {
  try {
    // From here on the tree is only read: one span, so an object that another one's rendering reads
    // too (a workload's ports, read by its NetworkPolicy) is rendered once.
    return whileTreeIsRead(() => {
      const objects: SynthesizedObject[] = [];
      for (const construct of environment.node.findAll()) {
        if (!(construct instanceof ApiObject)) continue;
        objects.push({
          environment: environment.envName,
          app: folderOf(construct, environment),
          constructPath: construct.node.path,
          object: rendered(construct) as KubeObject,
        });
      }
      return objects;
    });
  } catch (error) {
    throw asPatchProblem(error, platform);
  }
}

/**
 * toJson() runs in several places (sync waves read rendered objects too): whichever call hit a bad
 * addJsonPatch, the construct and the patch are named.
 */
function asPatchProblem(error: unknown, platform: Platform): unknown {
  return isUserError(error) ? error : patchProblem(platform) ?? error;
}

/** The first ApiObject whose `addJsonPatch` patches do not fit it, as a ValidationError. */
function patchProblem(platform: Platform): GitplaneError | undefined {
  for (const construct of platform.node.findAll()) {
    const problem = construct instanceof ApiObject ? jsonPatchError(construct) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

/** The folder of an object: the path of its closest chart below the environment (`web`, `argocd`). */
function folderOf(construct: ApiObject, environment: Environment): string {
  const chart = Chart.of(construct);
  if (chart === (environment as unknown)) return '_environment';
  const envDepth = environment.node.scopes.length;
  return chart.node.scopes.slice(envDepth).map((s) => s.node.id).join('/');
}
