import type { ApiObject } from 'cdk8s';

/**
 * Renderings of the current span. Module state, because a Lazy inside `toJson()` (a NetworkPolicy
 * reading its workload's ports) has no way to receive it; spans are opened only by synth steps (the
 * reconcilers' bind, collect) and closed before those return, even when rendering throws.
 */
let renderings: Map<ApiObject, unknown> | undefined;

/**
 * Rendering an ApiObject (`toJson()`: cdk8s resolves every Lazy and copies, sorts and sanitizes the
 * whole object) is most of the cost of a synth, and several readers need the same rendering: sync
 * waves read every object's references, a NetworkPolicy reads the ports of its workload's pod
 * template, the reconcilers read each HPA and its target, collect keeps every object.
 *
 * An object renders to the same JSON as long as nothing in the tree changes, so inside
 * `whileTreeIsRead(read)` the first rendering of each object is kept and `rendered(object)` returns it.
 * The caller promises that `read` (and every Lazy it resolves) writes nothing to the tree: no
 * construct, annotation, label, patch or dependency is added until it returns; that is what keeps the
 * shared rendering equal to a fresh one. Outside such a span `rendered` is plain `toJson()`.
 *
 * (A cache kept across mutations would need to know everything a rendering depends on: a
 * NetworkPolicy's ports follow a port renamed by an `addJsonPatch` on the workload, a pod template's
 * hash follows the specs of the secrets it reads. Spans in which nothing is written need no such
 * knowledge, and each synth phase is one: the reconcilers read before they write, collect only reads.)
 *
 * The rendering is shared between readers: treat it as read-only.
 */
export function whileTreeIsRead<T>(read: () => T): T {
  if (renderings) return read(); // already inside a span: the tree is not written until the outer one ends
  renderings = new Map();
  try {
    return read();
  } finally {
    renderings = undefined;
  }
}

/** The object's `toJson()`, rendered once per `whileTreeIsRead` span. */
export function rendered(object: ApiObject): unknown {
  if (!renderings) return object.toJson();
  let json = renderings.get(object);
  if (json === undefined) {
    json = object.toJson();
    renderings.set(object, json);
  }
  return json;
}
