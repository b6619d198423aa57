import { BUCKET_FIELDS, DISTRIBUTION_FIELDS, DeclaredResource, FieldChange, LiveField, OAC_FIELDS, ResourceKind } from './model';
import { sameValue } from './normalize';

/** gitplane's own ownership tags: an adopted (observe-only) resource does not carry them yet. */
export const OWNERSHIP_TAGS = ['gitplane:environment', 'gitplane:app'];

/** Fields are reported in this order (the order of the AWS console and the docs). */
const FIELD_ORDER: Record<ResourceKind, readonly string[]> = {
  Bucket: BUCKET_FIELDS,
  Distribution: DISTRIBUTION_FIELDS,
  OriginAccessControl: OAC_FIELDS,
};

/**
 * The differences between what is declared and what is live, one entry per field that differs or
 * could not be read. Values are already normalized, so equal meaning compares equal.
 */
export function compareFields(declared: DeclaredResource, live: Readonly<Record<string, LiveField>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELD_ORDER[declared.kind].filter((f) => f in declared.fields)) {
    const declaredValue = declared.fields[field];
    const found = live[field];
    if (!found) continue;
    if (found.unknown) {
      changes.push({ field, status: 'unknown', declared: declaredValue, reason: found.reason });
      continue;
    }
    let want = declaredValue;
    let have = found.value;
    if (field === 'origins') have = withoutUndeclaredOac(want, have);
    if (field === 'tags' && declared.observeOnly) [want, have] = [withoutOwnershipTags(want), withoutOwnershipTags(have)];
    if (!sameValue(want, have)) changes.push({ field, status: 'changed', declared: declaredValue, live: found.value });
  }
  return changes;
}

/**
 * A Crossplane origin names its origin access control by reference (the id exists only after
 * creation), so its id is compared on the OriginAccessControl resource, not on the origin.
 */
function withoutUndeclaredOac(declared: unknown, live: unknown): unknown {
  if (!Array.isArray(declared) || !Array.isArray(live)) return live;
  return live.map((o: Record<string, unknown>) => {
    const mine = declared.find((d: Record<string, unknown>) => d.id === o.id);
    if (mine && !('originAccessControlId' in mine)) {
      const { originAccessControlId: _ignored, ...rest } = o;
      return rest;
    }
    return o;
  });
}

function withoutOwnershipTags(tags: unknown): unknown {
  if (!tags || typeof tags !== 'object') return tags;
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !OWNERSHIP_TAGS.includes(k)));
}
