import { GitplaneError } from '../core/errors';
import { apiGroup, objectRef, SynthesizedObject } from '../core/manifest';
import { toYaml } from './serialize';

/** Relative file path (POSIX separators) → file content. */
export type FileTree = Map<string, string>;

/** Two objects would be written to the same file. */
export class PathCollisionError extends GitplaneError {}

/**
 * `<env>/<app>/<kind>-<name>.yaml`, lower-case. Kind and name together identify an object within a
 * folder; the namespace is left out because an app's objects share one. A cloud object's kind also
 * names its controller and scope (`queue.ack-...`, `queue.xp-...`, `queue.xpm-...`): an ACK Queue and a
 * Crossplane Queue of one name are different objects to the reconcilers (one is pruned, the other
 * adopts the AWS resource), so a flavor or scope switch shows as a rename in a plain git diff, and an
 * IAM Role or Policy never shares a file name with an RBAC Role or a Kyverno Policy.
 */
export function filePathOf(item: SynthesizedObject): string {
  const group = apiGroup(String(item.object.apiVersion ?? ''));
  const qualifier = cloudQualifier(group);
  const kind = `${item.object.kind.toLowerCase()}${qualifier ? `.${qualifier}` : ''}`;
  const name = String(item.object.metadata?.name ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `${item.environment}/${item.app}/${kind}-${name}.yaml`;
}

/**
 * `ack` for ACK (`<service>.services.k8s.aws`), `xp` for Crossplane's cluster-scoped Upbound AWS
 * resources (`<service>.aws.upbound.io`), `xpm` for its namespaced ones (`<service>.aws.m.upbound.io`).
 */
export function cloudQualifier(group: string): string | undefined {
  if (/^[a-z0-9]+\.services\.k8s\.aws$/.test(group)) return 'ack';
  if (/^[a-z0-9]+\.aws\.m\.upbound\.io$/.test(group)) return 'xpm';
  if (/^[a-z0-9]+\.aws\.upbound\.io$/.test(group)) return 'xp';
  return undefined;
}

/**
 * Lays objects out one per file. Two objects mapping to one path are an error naming both
 * construct paths, never a silent overwrite. The result is sorted by path.
 */
export function layoutFiles(objects: readonly SynthesizedObject[]): FileTree {
  const plan = planFiles(objects);
  assertNoCollisions(plan.collisions);
  return serializeFiles(plan);
}

/** Which object each file holds, and the files two objects claim (one line each). */
export interface FilePlan {
  readonly owners: ReadonlyMap<string, SynthesizedObject>;
  readonly collisions: readonly string[];
}

/** The file of every object; the first object claiming a path keeps it. */
export function planFiles(objects: readonly SynthesizedObject[]): FilePlan {
  const owners = new Map<string, SynthesizedObject>();
  const collisions: string[] = [];
  for (const item of objects) {
    const path = filePathOf(item);
    const previous = owners.get(path);
    if (previous) {
      collisions.push(`${path}: ${objectRef(previous.object)} [${previous.constructPath}] and ${objectRef(item.object)} [${item.constructPath}]`);
      continue;
    }
    owners.set(path, item);
  }
  return { owners, collisions };
}

/** Throws one error listing every collision (see planFiles). */
export function assertNoCollisions(collisions: readonly string[]): void {
  if (collisions.length > 0) {
    throw new PathCollisionError(`two objects map to the same file: ${collisions.join('; ')}`,
      'give one of them a different name (or move it to another app)');
  }
}

/** The YAML text of every planned file, sorted by path. */
export function serializeFiles(plan: FilePlan): FileTree {
  return new Map(serializedFiles(plan));
}

/** The planned files sorted by path, each serialized only when iterated (its text can go right after). */
export function* serializedFiles(plan: FilePlan): Generator<[string, string]> {
  for (const path of [...plan.owners.keys()].sort(compareStrings)) {
    const item = plan.owners.get(path)!;
    yield [path, toYaml(item.object, item.constructPath)];
  }
}

/**
 * Trees of disjoint folders (one per environment, `<env>/...`) as one tree sorted by path. Within
 * a tree paths are sorted, and no environment's `<env>/` starts another's, so ordering the trees by
 * their first path orders every path.
 */
export function joinTrees(trees: readonly FileTree[]): FileTree {
  const joined: FileTree = new Map();
  for (const tree of inPathOrder(trees, (t) => t.keys().next().value)) {
    for (const [path, text] of tree) joined.set(path, text);
  }
  return joined;
}

/** Non-empty trees ordered by their first path (see joinTrees). */
export function inPathOrder<T extends { readonly size: number }>(trees: readonly T[], firstPath: (tree: T) => string | undefined): T[] {
  return trees.filter((tree) => tree.size > 0).sort((a, b) => compareStrings(firstPath(a)!, firstPath(b)!));
}

/** Code-unit order: independent of locale, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
