import { GitplaneError } from '../core/errors';
import { objectRef, SynthesizedObject } from '../core/manifest';
import { toYaml } from './serialize';

/** Relative file path (POSIX separators) → file content. */
export type FileTree = Map<string, string>;

/** Two objects would be written to the same file. */
export class PathCollisionError extends GitplaneError {}

/**
 * `<env>/<app>/<kind>-<name>.yaml`, lower-case. Kind and name together identify an object within a
 * folder; the namespace is left out because an app's objects share one.
 */
export function filePathOf(item: SynthesizedObject): string {
  const kind = item.object.kind.toLowerCase();
  const name = String(item.object.metadata?.name ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `${item.environment}/${item.app}/${kind}-${name}.yaml`;
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
