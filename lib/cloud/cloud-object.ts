import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Environment } from '../platform/environment';

/**
 * One Kubernetes object a renderer produces: plain data. `id` is the construct id of the ApiObject
 * (public API: changing it renames the object), so it must be stable across renders.
 */
export interface RenderedObject {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Legacy Crossplane managed resources are cluster-scoped; the others live in the app's namespace. */
  readonly clusterScoped: boolean;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly spec: Record<string, unknown>;
}

/**
 * Adds one ApiObject per rendered object under `scope`. The set of objects and their metadata are
 * fixed now; each `spec` is rendered again when the object is synthesized, so things added to the
 * model later (a CDN granting itself read access to a bucket) still reach the manifest.
 */
export function addRenderedObjects(scope: Construct, render: () => readonly RenderedObject[]): ApiObject[] {
  return render().map((first) => {
    if (first.clusterScoped) reserveClusterName(scope, first);
    const object = new ApiObject(scope, first.id, {
      apiVersion: first.apiVersion,
      kind: first.kind,
      metadata: {
        name: first.name,
        ...(first.annotations && Object.keys(first.annotations).length > 0 ? { annotations: { ...first.annotations } } : {}),
      },
      spec: Lazy.any({ produce: () => specOf(render(), first.id) }),
    });
    // cdk8s gives every object the chart's namespace; a cluster-scoped object must not have one.
    if (first.clusterScoped) object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    return object;
  });
}

function specOf(objects: readonly RenderedObject[], id: string): Record<string, unknown> {
  const found = objects.find((o) => o.id === id);
  if (!found) throw new Error(`renderer no longer produces object '${id}'`);
  return found.spec;
}

/** Cluster-scoped names taken in each environment: `apiVersion kind name` -> construct path. */
const clusterNames = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Cluster-scoped objects share one name space per cluster, whatever app declares them, and their
 * files live in different app folders, so the file layout cannot see two of them collide: two
 * constructs naming the same object would silently fight over one resource.
 */
function reserveClusterName(scope: Construct, object: RenderedObject): void {
  const environment = scope.node.scopes.find(Environment.isEnvironment) ?? scope.node.root;
  const taken = clusterNames.get(environment) ?? new Map<string, string>();
  clusterNames.set(environment, taken);
  const key = `${object.apiVersion.split('/')[0]} ${object.kind} ${object.name}`;
  const owner = taken.get(key);
  if (owner !== undefined && owner !== scope.node.path) {
    throw new ValidationError(scope.node.path,
      `the cluster-scoped ${object.kind} '${object.name}' is already declared by ${owner}`,
      'give one of them another name (the \'name\' prop, or a different physical name)');
  }
  taken.set(key, scope.node.path);
}
