import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { Limiter } from './limiter';
import { AwsClients } from './plan';
import { readOnly } from './read-only';

export interface AwsClientOptions {
  /** Per environment: the named profile to use (else the standard credential chain: env, AWS_PROFILE, SSO, instance role). */
  readonly profiles?: Readonly<Record<string, string>>;
  /**
   * Calls in flight at once, over all clients.
   * @default 16
   */
  readonly concurrency?: number;
  /**
   * One call, with its retries, may take this long.
   * @default 15000
   */
  readonly callTimeoutMs?: number;
  /**
   * The whole run may take this long; later calls fail as unknown.
   * @default 300000
   */
  readonly totalTimeoutMs?: number;
  /**
   * Attempts per call (the SDK's standard retry: exponential backoff with jitter for throttling, 5xx and resets).
   * @default 4
   */
  readonly maxAttempts?: number;
  /** Extra client configuration (tests: a fault-injecting request handler, credentials). */
  readonly clientConfig?: Record<string, unknown>;
}

/**
 * Read-only S3 and CloudFront clients for one run. Endpoints follow the SDK's standard variables
 * (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_CLOUDFRONT`); S3 uses path-style addressing when an
 * endpoint is overridden (local servers on an IP or `localhost` have no bucket subdomains).
 */
export function createAwsClients(options: AwsClientOptions = {}): { clients: AwsClients; close(): void } {
  const limiter = new Limiter(options.concurrency ?? 16);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.totalTimeoutMs ?? 300_000);
  timer.unref?.();
  const made = new Map<string, S3Client | CloudFrontClient>();
  const common = (env: string) => ({
    maxAttempts: options.maxAttempts ?? 4,
    ...(options.profiles?.[env] ? { profile: options.profiles[env] } : {}),
    ...options.clientConfig,
  });
  const wrap = { limiter, callTimeoutMs: options.callTimeoutMs ?? 15_000, deadline: deadline.signal };
  const clients: AwsClients = {
    s3: (env, region) => {
      const key = `s3/${env}/${region}`;
      if (!made.has(key)) {
        made.set(key, new S3Client({
          region: region || undefined,
          forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL),
          // A bucket in another region than declared answers 301; read it there rather than fail.
          followRegionRedirects: true,
          ...common(env),
        }));
      }
      return readOnly(made.get(key) as S3Client, wrap);
    },
    cloudfront: (env) => {
      const key = `cloudfront/${env}`;
      // CloudFront is global; its API lives in us-east-1.
      if (!made.has(key)) made.set(key, new CloudFrontClient({ region: 'us-east-1', ...common(env) }));
      return readOnly(made.get(key) as CloudFrontClient, wrap);
    },
  };
  return {
    clients,
    close: () => {
      clearTimeout(timer);
      for (const client of made.values()) client.destroy();
    },
  };
}
