import { S3Client } from '@aws-sdk/client-s3';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { declaredResources } from '../../../lib/aws/declared';
import { DeclaredResource } from '../../../lib/aws/model';
import { AwsClients } from '../../../lib/aws/plan';
import { readOnly } from '../../../lib/aws/read-only';
import { synthesize } from '../../../lib/synth/synthesize';
import { buildPlatform } from '../../../stacks/main';

let cached: DeclaredResource[] | undefined;

/** Every cloud resource the example platform declares (synthesized in memory, both flavors). */
export function exampleResources(): DeclaredResource[] {
  cached ??= declaredResources(synthesize(buildPlatform()).objects.map((o) => ({ env: o.environment, app: o.app, object: o.object })));
  return cached;
}

export function exampleBucket(env: string): DeclaredResource {
  const found = exampleResources().find((r) => r.kind === 'Bucket' && r.env === env);
  if (!found) throw new Error(`the example has no bucket in ${env}`);
  return found;
}

/** A declared resource under another name (so each test has its own bucket); its policy names the new bucket. */
export function renamed(resource: DeclaredResource, physicalName: string, fields: Record<string, unknown> = {}): DeclaredResource {
  const rewritten = resource.physicalName ? renameIn(resource.fields, resource.physicalName, physicalName) : structuredClone(resource.fields);
  return { ...resource, physicalName, fields: { ...rewritten, ...fields } };
}

/** `value` with every occurrence of one name replaced by another (policy ARNs, domain names). */
export function renameIn<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(from).join(to)) as T;
}

/** Read-only clients pointed at local servers. */
export function localClients(env: Readonly<Record<string, string>>, extra: Record<string, unknown> = {}): AwsClients {
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'testing', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'testing' };
  const s3 = new Map<string, S3Client>();
  return {
    s3: (_env, region) => {
      if (!s3.has(region)) s3.set(region, new S3Client({ region, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials, maxAttempts: 2, ...extra }));
      return readOnly(s3.get(region)!, { callTimeoutMs: 10_000 });
    },
    cloudfront: () => readOnly(new CloudFrontClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_CLOUDFRONT, credentials, maxAttempts: 2, ...extra }), { callTimeoutMs: 10_000 }),
  };
}
