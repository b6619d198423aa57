import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { rendered } from '../../core/render';
import { AppChart } from '../../platform/app-chart';
import { compare } from '../common';

/**
 * Sync waves for the objects of one app, by dependency depth: an object syncs one wave after the
 * deepest object it depends on. An object depends on
 *
 * - what its construct (or any construct above it in the app) depends on, e.g. a workload that uses a
 *   bucket or a secret declared in the same app;
 * - the objects of the app it references by name: the ConfigMaps, Secrets, ServiceAccounts and
 *   PersistentVolumeClaims of a pod template, the ExternalSecret that writes such a Secret, and the
 *   target of a Crossplane-style `...Ref: { name }` (a Distribution after its OriginAccessControl).
 *   `scaleTargetRef` is not a dependency: an HPA must not wait for an unhealthy Deployment.
 *
 * Objects nothing depends on stay in wave 0 and get no annotation, so apps without internal
 * dependencies are unchanged. Argo CD applies a wave only once the previous one is healthy; within a
 * wave it orders by kind. (Across apps the Applications themselves are ordered; Flux has no per-object
 * order inside a Kustomization.)
 */
export function objectWaves(app: AppChart, objects: readonly ApiObject[]): Map<ApiObject, number> {
  const waves = new Map<ApiObject, number>();
  const visiting = new Set<ApiObject>();
  const byReference = referenceIndex(objects);
  const { scopesInApp, objectsUnder } = appScopes(app, objects);
  const dependenciesOf = (object: ApiObject): ApiObject[] => {
    const targets = (scopesInApp.get(object) ?? [])
      .flatMap((scope) => scope.node.dependencies)
      .filter((target) => target.node.scopes.includes(app));
    const byConstruct = targets.flatMap((target) => objectsUnder.get(target) ?? [])
      .filter((o) => o !== object && !scopesInApp.get(o)!.includes(object));
    const byName = referencesOf(object).flatMap((ref) => resolve(byReference, ref)).filter((o) => o !== object);
    return [...byConstruct, ...byName];
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

/**
 * For each object, the constructs from the app chart down to the object itself; for each such
 * construct, the objects at or under it, in the order of `objects`. Worked out once per app, so
 * looking up what a construct dependency stands for stays linear in the size of the app.
 */
function appScopes(app: AppChart, objects: readonly ApiObject[]): {
  scopesInApp: Map<ApiObject, IConstruct[]>;
  objectsUnder: Map<IConstruct, ApiObject[]>;
} {
  const scopesInApp = new Map<ApiObject, IConstruct[]>();
  const objectsUnder = new Map<IConstruct, ApiObject[]>();
  for (const object of objects) {
    const scopes = object.node.scopes;
    const at = scopes.indexOf(app);
    const inApp = at < 0 ? [] : scopes.slice(at);
    scopesInApp.set(object, inApp);
    for (const scope of inApp) {
      const under = objectsUnder.get(scope);
      if (under) under.push(object);
      else objectsUnder.set(scope, [object]);
    }
  }
  return { scopesInApp, objectsUnder };
}

/**
 * A reference key: `<Kind>/<name>`, or `<field>~/<name>` for a `<field>Ref` (lower-cased), which
 * resolves to the objects of that name whose kind the field names: `bucketRef` a Bucket (not the
 * BucketVersioning of the same name), `originAccessControlIdRef` an OriginAccessControl.
 */
type ReferenceKey = string;

function resolve(index: Map<ReferenceKey, ApiObject[]>, ref: ReferenceKey): ApiObject[] {
  const field = /^([^/]*)~\/(.*)$/.exec(ref);
  if (!field) return index.get(ref) ?? [];
  return (index.get(`*/${field[2]}`) ?? []).filter((o) => field[1].startsWith(o.kind.toLowerCase()));
}

/** The objects each reference key resolves to: objects by kind and name, Secrets by the ExternalSecret writing them. */
function referenceIndex(objects: readonly ApiObject[]): Map<ReferenceKey, ApiObject[]> {
  const index = new Map<ReferenceKey, ApiObject[]>();
  const add = (key: ReferenceKey, object: ApiObject) => {
    const list = index.get(key);
    if (list) list.push(object);
    else index.set(key, [object]);
  };
  for (const object of objects) {
    add(`${object.kind}/${object.name}`, object);
    add(`*/${object.name}`, object);
    if (object.kind === 'ExternalSecret') {
      const json = rendered(object) as { spec?: { target?: { name?: string } } };
      add(`Secret/${json.spec?.target?.name ?? object.name}`, object);
    }
  }
  return index;
}

/** Names a pod template (or any spec) refers to, as reference keys. */
function referencesOf(object: ApiObject): ReferenceKey[] {
  const refs = new Set<ReferenceKey>();
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) { for (const item of value) visit(item, key); return; }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const name = typeof record.name === 'string' ? record.name : undefined;
    if (name && (key === 'configMapRef' || key === 'configMapKeyRef' || key === 'configMap')) refs.add(`ConfigMap/${name}`);
    else if (name && (key === 'secretRef' || key === 'secretKeyRef')) refs.add(`Secret/${name}`);
    else if (key === 'secret' && typeof record.secretName === 'string') refs.add(`Secret/${record.secretName}`);
    else if (key === 'persistentVolumeClaim' && typeof record.claimName === 'string') refs.add(`PersistentVolumeClaim/${record.claimName}`);
    else if (name && key.endsWith('Ref') && key !== 'scaleTargetRef' && key !== 'providerConfigRef') refs.add(`${key.slice(0, -3).toLowerCase()}~/${name}`);
    for (const [child, childValue] of Object.entries(record)) {
      if (child === 'serviceAccountName' && typeof childValue === 'string') refs.add(`ServiceAccount/${childValue}`);
      else visit(childValue, child);
    }
  };
  visit((rendered(object) as { spec?: unknown }).spec, 'spec');
  return [...refs];
}
