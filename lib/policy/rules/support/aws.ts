import { Annotations } from '../../../core/annotations';
import { apiGroup, KubeObject } from '../../../core/manifest';
import { PolicyItem, RuleContext } from '../../rule';
import { dig, record, text } from './paths';

/**
 * The two cloud flavors as plain objects: Crossplane (Upbound provider-aws, `*.aws.upbound.io` or the
 * namespaced `*.aws.m.upbound.io`,
 * settings split into companion kinds that reference the bucket) and ACK (`*.services.k8s.aws`,
 * settings inline in the AWS API shape).
 */

export type Flavor = 'crossplane' | 'ack';

export type Service = 's3' | 'cloudfront' | 'sqs' | 'iam' | 'eks';

interface AwsGroup {
  readonly flavor: Flavor;
  readonly service: string;
}

const CROSSPLANE_GROUP = /^([a-z0-9]+)\.aws(?:\.m)?\.upbound\.io$/;
const ACK_GROUP = /^([a-z0-9]+)\.services\.k8s\.aws$/;
/** Flavor and service per apiVersion: rules ask this of every object many times, the answer never changes. */
const groupCache = new Map<string, AwsGroup | null>();
const GROUP_CACHE_LIMIT = 10_000;

function awsGroup(apiVersion: string): AwsGroup | null {
  let found = groupCache.get(apiVersion);
  if (found === undefined) {
    const group = apiGroup(apiVersion);
    const crossplane = CROSSPLANE_GROUP.exec(group);
    const ack = crossplane ? null : ACK_GROUP.exec(group);
    found = crossplane ? { flavor: 'crossplane', service: crossplane[1] } : ack ? { flavor: 'ack', service: ack[1] } : null;
    if (groupCache.size >= GROUP_CACHE_LIMIT) groupCache.clear(); // hand-written YAML could hold any number of groups
    groupCache.set(apiVersion, found);
  }
  return found;
}

/** The cloud flavor and service of an object, when it is an AWS claim. */
export function awsKind(object: KubeObject): { flavor: Flavor; service: string; kind: string } | undefined {
  const group = awsGroup(object.apiVersion ?? '');
  return group ? { flavor: group.flavor, service: group.service, kind: object.kind } : undefined;
}

export function isAws(object: KubeObject, service: Service, kind: string, flavor?: Flavor): boolean {
  if (object.kind !== kind) return false;
  const group = awsGroup(object.apiVersion ?? '');
  return group !== null && group.service === service && (!flavor || group.flavor === flavor);
}

/** The AWS name of a bucket: the Crossplane external name, or the ACK `spec.name`, else the object name. */
export function bucketName(object: KubeObject): string {
  const kind = awsKind(object);
  if (kind?.flavor === 'crossplane') return object.metadata?.annotations?.[Annotations.CROSSPLANE_EXTERNAL_NAME] ?? object.metadata?.name;
  return text(dig(object, 'spec', 'name')) ?? object.metadata?.name;
}

/** Every S3 Bucket in the object set, of both flavors, in input order; computed once per evaluation. */
export function buckets(context: RuleContext): readonly PolicyItem[] {
  return context.memo('aws:buckets', () => context.ofKind('Bucket').filter((item) => isAws(item.object, 's3', 'Bucket')));
}

/** The AWS names of every declared S3 Bucket; computed once per evaluation. */
export function bucketNames(context: RuleContext): ReadonlySet<string> {
  return context.memo('aws:bucket-names', () => new Set(buckets(context).map((bucket) => bucketName(bucket.object))));
}

/** Whether a Crossplane S3 companion (`BucketPolicy`, ...) points at `bucket`. */
export function referencesBucket(companion: KubeObject, bucket: KubeObject): boolean {
  const forProvider = record(dig(companion, 'spec', 'forProvider'));
  if (!forProvider) return false;
  const refName = text(dig(forProvider, 'bucketRef', 'name'));
  if (refName !== undefined) return refName === bucket.metadata?.name;
  const direct = text(forProvider.bucket);
  return direct !== undefined && direct === bucketName(bucket);
}

/** Crossplane companions of one kind, by the bucket they point at: `bucketRef.name`, else `bucket`. */
interface CompanionIndex {
  readonly byRef: Map<string, PolicyItem[]>;
  readonly byBucketName: Map<string, PolicyItem[]>;
  readonly position: Map<PolicyItem, number>;
}

function companionIndex(kind: string, context: RuleContext): CompanionIndex {
  return context.memo(`aws:companions:${kind}`, () => {
    const index: CompanionIndex = { byRef: new Map(), byBucketName: new Map(), position: new Map() };
    const add = (map: Map<string, PolicyItem[]>, key: string, item: PolicyItem) => {
      const entries = map.get(key);
      if (entries) entries.push(item);
      else map.set(key, [item]);
    };
    for (const item of context.ofKind(kind)) {
      if (!isAws(item.object, 's3', kind, 'crossplane')) continue;
      const forProvider = record(dig(item.object, 'spec', 'forProvider'));
      if (!forProvider) continue;
      index.position.set(item, index.position.size);
      // Same precedence as referencesBucket: a bucketRef decides alone, `bucket` only without one.
      const refName = text(dig(forProvider, 'bucketRef', 'name'));
      if (refName !== undefined) add(index.byRef, refName, item);
      else if (text(forProvider.bucket) !== undefined) add(index.byBucketName, text(forProvider.bucket)!, item);
    }
    return index;
  });
}

/** The Crossplane companions of kind `kind` that configure `bucket`, in input order. */
export function companionsOf(bucket: KubeObject, kind: string, context: RuleContext): PolicyItem[] {
  const index = companionIndex(kind, context);
  const byRef = index.byRef.get(bucket.metadata?.name) ?? [];
  const byName = index.byBucketName.get(bucketName(bucket)) ?? [];
  if (byName.length === 0) return [...byRef];
  if (byRef.length === 0) return [...byName];
  return [...byRef, ...byName].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/** How messages name the bucket a companion configures. */
export function companionTarget(companion: KubeObject): string {
  return text(dig(companion, 'spec', 'forProvider', 'bucketRef', 'name')) ?? text(dig(companion, 'spec', 'forProvider', 'bucket')) ?? '?';
}
