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
  if (collisions.length > 0) {
    throw new PathCollisionError(`two objects map to the same file: ${collisions.join('; ')}`,
      'give one of them a different name (or move it to another app)');
  }
  const files: FileTree = new Map();
  for (const path of [...owners.keys()].sort(compareStrings)) {
    const item = owners.get(path)!;
    files.set(path, toYaml(item.object, item.constructPath));
  }
  return files;
}

/** Code-unit order: independent of locale, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
