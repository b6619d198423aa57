import { KubeObject } from '../../lib/core/manifest';
import { collectObjects } from '../../lib/synth/collect';
import { Platform } from '../../lib/platform';

/** Every object the platform synthesizes, as plain manifests. */
export function manifestsOf(platform: Platform): KubeObject[] {
  return collectObjects(platform).map((o) => o.object);
}

/** The single object of `kind` (and `name`, when given); fails the test if there is not exactly one. */
export function findOne(objects: readonly KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  return found[0];
}
