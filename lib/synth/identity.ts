import { GitplaneError } from '../core/errors';
import { apiGroup, objectRef, SynthesizedObject } from '../core/manifest';
import { compareStrings } from './layout';

/** Two objects of one environment are the same object in the cluster. */
export class DuplicateObjectError extends GitplaneError {}

/**
 * Fails when two objects of one environment have the same group, kind, namespace and name: in
 * different app folders they would not collide on disk, but two Argo CD Applications (or Flux
 * Kustomizations) would fight over one cluster object, e.g. two apps sharing a namespace
 * (`NamespaceScheme.shared`) that both define a Deployment `web`.
 */
export function assertUniqueIdentities(objects: readonly SynthesizedObject[]): void {
  assertNoClashes(identityClashes(objects));
}

/** One line per object that repeats the identity of an earlier one (environment included). */
export function identityClashes(objects: readonly SynthesizedObject[]): string[] {
  const seen = new Map<string, SynthesizedObject>();
  const clashes: string[] = [];
  for (const item of objects) {
    const { object } = item;
    const key = [item.environment, apiGroup(object.apiVersion), object.kind, object.metadata.namespace ?? '', object.metadata.name].join('\u0000');
    const first = seen.get(key);
    if (first) clashes.push(`${objectRef(object)} in environment '${item.environment}' is defined by [${first.constructPath}] and [${item.constructPath}]`);
    else seen.set(key, item);
  }
  return clashes;
}

/** Throws one error listing every clash (see identityClashes), sorted. */
export function assertNoClashes(clashes: readonly string[]): void {
  if (clashes.length > 0) {
    throw new DuplicateObjectError([...clashes].sort(compareStrings).join('; '),
      'rename one of them (its construct id or name prop), or give the apps their own namespaces');
  }
}
