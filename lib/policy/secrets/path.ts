import { at } from '../rules/support/paths';

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

/** How a map key that is itself a secret is printed, so the path never repeats it. */
export const REDACTED_KEY = '<redacted key>';

/**
 * A field path as findings print it (`.spec.template.spec.containers[0].env[2].value`,
 * `.data["app.env"]`), the same shape the policy engine uses. Keys in `redactedKeys` were found to be
 * secrets themselves and are replaced by a marker.
 */
export function formatPath(segments: readonly PathSegment[], redactedKeys?: ReadonlySet<string>): string {
  let path = '';
  for (const segment of segments) {
    path = at(path, typeof segment === 'string' && redactedKeys?.has(segment) ? REDACTED_KEY : segment);
  }
  return path === '' ? '.' : path;
}
