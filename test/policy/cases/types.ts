import { KubeObject } from '../../../lib/core/manifest';

/**
 * Kyverno-test style fixtures: for a rule, sets of objects that pass and sets that fail. The first
 * object of a set is the one under test; the others are the context cross-object rules need.
 */
export interface FailCase {
  readonly objects: readonly KubeObject[];
  /** The JSON path one finding must name. */
  readonly path: string;
}

export interface RuleCases {
  readonly rule: string;
  readonly pass: readonly (readonly KubeObject[])[];
  readonly fail: readonly FailCase[];
}

export function fails(path: string, ...objects: KubeObject[]): FailCase {
  return { path, objects };
}
