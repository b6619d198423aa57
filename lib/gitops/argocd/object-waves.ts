import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppChart } from '../../platform/app-chart';
import { compare } from '../common';

/**
 * Sync waves for the objects of one app, from construct dependencies inside the app: a workload that
 * uses a bucket or a secret declared in the same app syncs after it. Objects nothing depends on stay
 * in wave 0 and get no annotation, so apps without internal dependencies are unchanged. (Across apps
 * the Applications themselves are ordered; Flux has no per-object order inside a Kustomization.)
 */
export function objectWaves(app: AppChart, objects: readonly ApiObject[]): Map<ApiObject, number> {
  const waves = new Map<ApiObject, number>();
  const visiting = new Set<ApiObject>();
  const objectsUnder = (construct: IConstruct): ApiObject[] =>
    objects.filter((o) => o === construct || o.node.scopes.includes(construct));
  const dependenciesOf = (object: ApiObject): ApiObject[] => {
    const targets = object.node.scopes
      .filter((scope) => scope === app || scope.node.scopes.includes(app))
      .flatMap((scope) => scope.node.dependencies)
      .filter((target) => target.node.scopes.includes(app));
    return targets.flatMap(objectsUnder).filter((o) => o !== object && !o.node.scopes.includes(object));
  };
  const wave = (object: ApiObject): number => {
    const known = waves.get(object);
    if (known !== undefined) return known;
    if (visiting.has(object)) return 0; // a cycle inside an app: leave the order to Argo CD's kinds
    visiting.add(object);
    const value = Math.max(-1, ...dependenciesOf(object).map(wave)) + 1;
    visiting.delete(object);
    waves.set(object, value);
    return value;
  };
  for (const object of [...objects].sort((a, b) => compare(a.node.path, b.node.path))) wave(object);
  return waves;
}
