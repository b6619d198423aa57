/**
 * The one typed model of declared and live AWS state that plan, drift and import share. Declared
 * state comes from plain manifests (Crossplane or ACK, any flavor); live state from read-only SDK
 * calls. Both are normalized into the same field values, so comparing them is flavor-blind.
 */

/** The configuration fields of a bucket that plan compares, in print order. */
export const BUCKET_FIELDS = [
  'versioning', 'publicAccessBlock', 'ownershipControls', 'encryption', 'policy', 'lifecycle', 'cors', 'tags', 'objectLock',
] as const;
export type BucketField = typeof BUCKET_FIELDS[number];

/** The configuration fields of a distribution that plan compares, in print order. */
export const DISTRIBUTION_FIELDS = [
  'aliases', 'comment', 'enabled', 'defaultRootObject', 'priceClass', 'httpVersion', 'ipv6', 'viewerCertificate',
  'webAclId', 'origins', 'defaultCacheBehavior', 'cacheBehaviors', 'logging', 'geoRestriction', 'tags',
] as const;
export type DistributionField = typeof DISTRIBUTION_FIELDS[number];

/** The fields of an Origin Access Control. */
export const OAC_FIELDS = ['originType', 'signingBehavior', 'signingProtocol'] as const;
export type OacField = typeof OAC_FIELDS[number];

/** Field values are plain JSON (normalized: sorted where order does not matter, defaults filled in). */
export type FieldValue = unknown;

/** What the controller does with the real resource when its object leaves Git. */
export type RemovalBehavior = 'delete' | 'orphan';

export type ResourceKind = 'Bucket' | 'Distribution' | 'OriginAccessControl';

/** A cloud resource as the manifests declare it. */
export interface DeclaredResource {
  readonly kind: ResourceKind;
  readonly flavor: 'crossplane' | 'ack';
  readonly env: string;
  readonly app: string;
  /** The object that declares it, `Kind/name` or `Kind/namespace/name`. */
  readonly objectRef: string;
  /** Bucket name, distribution id (when known) or OAC name. */
  readonly physicalName?: string;
  /** How plan finds a resource that has no known id yet (a distribution: its aliases). */
  readonly region: string;
  readonly removal: RemovalBehavior;
  /** Observe-only (Crossplane `managementPolicies: [Observe]`, ACK `adoption-policy`): adopting, never writing. */
  readonly observeOnly: boolean;
  /** The fields the manifests set, already normalized. */
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/** A field that could not be read; `unsupported` when the server lacks the API (not a failure). */
export interface UnknownField { readonly unknown: true; readonly reason: string; readonly unsupported?: boolean }

export type LiveField = { readonly unknown?: false; readonly value: FieldValue } | UnknownField;

/** What a live read found. */
export type LiveResource =
  | { readonly status: 'missing' }
  | { readonly status: 'foreign'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string }
  | {
    readonly status: 'found';
    /** The id AWS assigned (distribution id, OAC id), for the user to write into the stacks. */
    readonly id?: string;
    readonly fields: Readonly<Record<string, LiveField>>;
  };

export type PlanAction = 'create' | 'update' | 'no-change' | 'conflict' | 'unknown';

export interface FieldChange {
  readonly field: string;
  /** `changed` when both sides hold a value; `unknown` when the live side could not be read. */
  readonly status: 'changed' | 'unknown';
  readonly declared?: FieldValue;
  readonly live?: FieldValue;
  readonly reason?: string;
}

export interface ResourcePlan {
  readonly env: string;
  readonly app: string;
  readonly kind: ResourceKind;
  readonly flavor: 'crossplane' | 'ack';
  readonly objectRef: string;
  readonly physicalName: string;
  readonly action: PlanAction;
  /** Differences (update), unreadable fields (any action), or nothing. */
  readonly fields: readonly FieldChange[];
  /** Why the action is conflict or unknown. */
  readonly reason?: string;
  /** An id that exists only after creation, found live (e.g. the distribution id to pin in the stacks). */
  readonly liveId?: string;
  readonly removal: RemovalBehavior;
  readonly observeOnly: boolean;
}

export interface CloudPlan {
  readonly resources: readonly ResourcePlan[];
  readonly summary: Readonly<Record<PlanAction, number>>;
}
