import { CloudFrontReader } from './cloudfront-live';
import { BUCKET_FIELDS, LiveField, LiveResource } from './model';
import { readLiveBucket } from './s3-live';
import { SendingClient } from './read-only';

/** A live resource read for `gitplane import`. */
export type ImportedResource =
  | { readonly kind: 'Bucket'; readonly name: string; readonly live: LiveResource }
  | { readonly kind: 'Distribution'; readonly id: string; readonly live: LiveResource; readonly originBuckets: readonly { name: string; live: LiveResource }[] };

export interface ImportClients {
  s3(region: string): SendingClient;
  cloudfront(): SendingClient;
}

/** Reads the live configuration of buckets, for `gitplane import s3`. */
export async function readBucketsForImport(names: readonly string[], clients: ImportClients, region: string): Promise<ImportedResource[]> {
  return Promise.all(names.map(async (name) => ({ kind: 'Bucket' as const, name, live: await readLiveBucket(clients.s3(region), name, BUCKET_FIELDS) })));
}

/** `<bucket>.s3.<region>.amazonaws.com` (or the legacy global form): the bucket an S3 origin reads. */
export function bucketOfOrigin(domainName: string): { bucket: string; region?: string } | undefined {
  const match = /^(.+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com(?:\.cn)?$/.exec(domainName);
  return match ? { bucket: match[1], region: match[2] } : undefined;
}

/** Reads distributions and the buckets their S3 origins read, for `gitplane import cloudfront`. */
export async function readDistributionsForImport(ids: readonly string[], clients: ImportClients, region: string): Promise<ImportedResource[]> {
  const reader = new CloudFrontReader(clients.cloudfront());
  return Promise.all(ids.map(async (id) => {
    const live = await reader.distributionById(id);
    const origins = live.status === 'found' ? ((live.fields.origins as Extract<LiveField, { value: unknown }>)?.value as { domainName: string }[] ?? []) : [];
    const buckets = origins.map((o) => bucketOfOrigin(o.domainName)).filter((b): b is { bucket: string; region?: string } => Boolean(b));
    const originBuckets = await Promise.all(buckets.map(async (b) => ({ name: b.bucket, live: await readLiveBucket(clients.s3(b.region ?? region), b.bucket, BUCKET_FIELDS) })));
    return { kind: 'Distribution' as const, id, live, originBuckets };
  }));
}
