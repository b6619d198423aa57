/**
 * Normal forms of configuration values, shared by the manifest reader and the live readers so one
 * comparison serves both flavors and every server. Order that carries no meaning is sorted away;
 * defaults the APIs fill in are written out.
 */

type Json = unknown;

/** The first element of a Crossplane single-item array (`[{...}]`) or the object itself (v1beta2 shapes). */
export function one<T = Record<string, unknown>>(value: unknown): T | undefined {
  if (Array.isArray(value)) return value[0] as T | undefined;
  return (value ?? undefined) as T | undefined;
}

export function sorted(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String).sort() : [];
}

export function tagsFrom(pairs: readonly { key?: string; Key?: string; value?: string; Value?: string }[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of pairs ?? []) tags[String(pair.key ?? pair.Key)] = String(pair.value ?? pair.Value ?? '');
  return sortKeys(tags) as Record<string, string>;
}

export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, Json>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Deep equality of normalized values. */
export function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean;
}

export function publicAccessBlock(flags: Record<string, unknown> | undefined): PublicAccessBlock {
  const f = (...names: string[]) => names.some((n) => flags?.[n] === true);
  return {
    blockPublicAcls: f('blockPublicAcls', 'blockPublicACLs', 'BlockPublicAcls'),
    ignorePublicAcls: f('ignorePublicAcls', 'ignorePublicACLs', 'IgnorePublicAcls'),
    blockPublicPolicy: f('blockPublicPolicy', 'BlockPublicPolicy'),
    restrictPublicBuckets: f('restrictPublicBuckets', 'RestrictPublicBuckets'),
  };
}

export type Encryption = 'none' | { algorithm: string; kmsKeyId?: string; bucketKey: boolean };

export function encryption(algorithm: unknown, kmsKeyId: unknown, bucketKey: unknown): Encryption {
  if (!algorithm) return 'none';
  return {
    algorithm: String(algorithm),
    ...(algorithm === 'aws:kms' && kmsKeyId ? { kmsKeyId: String(kmsKeyId) } : {}),
    // S3 Bucket Keys only mean something with KMS; AWS reports false for SSE-S3.
    bucketKey: algorithm === 'aws:kms' && bucketKey === true,
  };
}

/**
 * A bucket policy compared by meaning, not text: whitespace and key order do not matter, a
 * one-element list equals its element, list order inside Action/Resource/Principal does not matter,
 * and statements are matched by Sid (or content) rather than position.
 */
export function policyDocument(text: unknown): Json {
  if (text === undefined || text === null || text === '') return null;
  let doc: Json;
  try {
    doc = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return { unparsable: String(text) };
  }
  return normalizePolicyNode(doc, '');
}

function normalizePolicyNode(node: Json, key: string): Json {
  if (Array.isArray(node)) {
    const items = node.map((n) => normalizePolicyNode(n, key));
    if (items.length === 1 && key !== 'Statement') return items[0];
    return items.map((i) => JSON.stringify(sortKeys(i))).sort().map((s) => JSON.parse(s));
  }
  if (node && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(node)) out[k] = normalizePolicyNode(v, k);
    return sortKeys(out);
  }
  return node;
}

export interface LifecycleRule {
  id: string; status: string; prefix: string;
  abortIncompleteMultipartUploadDays?: number; noncurrentVersionExpirationDays?: number; expirationDays?: number;
}

/**
 * One lifecycle rule from any shape: Crossplane (single-item arrays), ACK and the S3 API (objects,
 * capitalized), with the legacy top-level `Prefix` and `Filter: {Prefix}` meaning the same.
 */
export function lifecycleRule(rule: Record<string, unknown>): LifecycleRule {
  const get = (o: unknown, ...names: string[]): unknown => {
    const obj = one<Record<string, unknown>>(o);
    for (const n of names) if (obj && obj[n] !== undefined) return obj[n];
    return undefined;
  };
  const filter = get(rule, 'filter', 'Filter');
  const prefix = get(filter, 'prefix', 'Prefix') ?? get(get(filter, 'and', 'And'), 'prefix', 'Prefix') ?? get(rule, 'prefix', 'Prefix') ?? '';
  const num = (v: unknown) => (v === undefined || v === null ? undefined : Number(v));
  const out: LifecycleRule = {
    id: String(get(rule, 'id', 'ID') ?? ''),
    status: String(get(rule, 'status', 'Status') ?? ''),
    prefix: String(prefix),
  };
  const abort = num(get(get(rule, 'abortIncompleteMultipartUpload', 'AbortIncompleteMultipartUpload'), 'daysAfterInitiation', 'DaysAfterInitiation'));
  const noncurrent = num(get(get(rule, 'noncurrentVersionExpiration', 'NoncurrentVersionExpiration'), 'noncurrentDays', 'NoncurrentDays'));
  const expiration = num(get(get(rule, 'expiration', 'Expiration'), 'days', 'Days'));
  if (abort !== undefined) out.abortIncompleteMultipartUploadDays = abort;
  if (noncurrent !== undefined) out.noncurrentVersionExpirationDays = noncurrent;
  if (expiration !== undefined) out.expirationDays = expiration;
  return out;
}

export function lifecycleRules(rules: readonly Record<string, unknown>[] | undefined): LifecycleRule[] {
  return (rules ?? []).map(lifecycleRule).sort((a, b) => a.id.localeCompare(b.id));
}

export interface CorsRule {
  allowedOrigins: string[]; allowedMethods: string[]; allowedHeaders: string[]; exposeHeaders: string[]; maxAgeSeconds?: number;
}

export function corsRule(rule: Record<string, unknown>): CorsRule {
  const pick = (...names: string[]) => names.map((n) => rule[n]).find((v) => v !== undefined);
  const maxAge = pick('maxAgeSeconds', 'MaxAgeSeconds');
  return {
    allowedOrigins: sorted(pick('allowedOrigins', 'AllowedOrigins')),
    allowedMethods: sorted(pick('allowedMethods', 'AllowedMethods')),
    allowedHeaders: sorted(pick('allowedHeaders', 'AllowedHeaders')),
    exposeHeaders: sorted(pick('exposeHeaders', 'ExposeHeaders')),
    ...(maxAge !== undefined ? { maxAgeSeconds: Number(maxAge) } : {}),
  };
}
