import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GitplaneError, isUserError } from '../core/errors';
import { KubeObject, SynthesizedObject } from '../core/manifest';
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
export function validateTree(root: IConstruct): void {
  const problems: { constructPath: string; message: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const message of construct.node.validate()) problems.push({ constructPath: construct.node.path, message });
  }
  if (problems.length > 0) throw new TreeValidationError(problems);
}

/**
 * Turns the platform into plain objects, each tagged with its environment, its folder (the app
 * chart's id, or the reconciler's) and the construct path that produced it.
 */
export function collectObjects(platform: Platform): SynthesizedObject[] {
  try {
    return collect(platform);
  } catch (error) {
    // toJson() runs in several places (sync waves read rendered objects too): whichever call hit a
    // bad addJsonPatch, the construct and the patch are named.
    throw isUserError(error) ? error : patchProblem(platform) ?? error;
  }
}

function collect(platform: Platform): SynthesizedObject[] {
  platform.prepare();
  applyWaivers(platform); // before toJson: waivers become annotations reviewers see in the YAML
  validateTree(platform);
  const objects: SynthesizedObject[] = [];
  for (const environment of platform.environments) {
    for (const construct of environment.node.findAll()) {
      if (!(construct instanceof ApiObject)) continue;
      objects.push({
        environment: environment.envName,
        app: folderOf(construct, environment),
        constructPath: construct.node.path,
        object: construct.toJson() as KubeObject,
      });
    }
  }
  return objects;
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
