import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PropKeys, rejectUnknownProps } from '../core/props';
import { ProblemList, ValidationError, propsFix, show } from '../core/errors';
import { Warnings } from '../core/warnings';
import { addRenderedObjects } from './cloud-object';
import { AccessGrant, actionsOf, BucketAccess, kmsStatement, sidOf } from './access';
import { connect, ICloudResourceConsumer, IConsumable, namedEnv, UseOptions } from './consumer';
import { cloudScopeOf, dnsSuffixOf, RenderContext } from './context';
import { BucketEncryptionModel, BucketModel, CorsRuleModel } from './model';
import { IdentityStatement, PolicyStatement } from './policy';
import { renderersFor } from './render';
import { envPrefixOf, envVarName, secondsWithin, tagProblems } from './validate';

const KMS_ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

/** How a bucket encrypts objects at rest. There is no unencrypted option. */
export class BucketEncryption {
  /** SSE-S3: keys managed by S3 (AES-256). The default. */
  public static s3Managed(): BucketEncryption {
    return new BucketEncryption({ algorithm: 'AES256' });
  }

  /**
   * SSE-KMS with a customer-managed key in the bucket's region, e.g.
   * `BucketEncryption.kms('arn:aws:kms:eu-west-1:123456789012:key/...')`. S3 Bucket Keys are on, which
   * cuts KMS requests. The key policy must let the bucket's readers (and CloudFront, if it serves the
   * bucket) decrypt.
   */
  public static kms(keyArn: string): BucketEncryption {
    if (!KMS_ARN.test(keyArn)) {
      throw new ValidationError('BucketEncryption.kms', `'keyArn' (${show(keyArn)}) must be a KMS key or alias ARN such as "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
        'copy the key ARN from the KMS console or `aws kms describe-key`');
    }
    return new BucketEncryption({ algorithm: 'aws:kms', kmsKeyArn: keyArn });
  }

  private constructor(public readonly model: BucketEncryptionModel) {}
}

/** An HTTP method a CORS rule allows. */
export type CorsMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/**
 * A CORS rule, typically for browsers uploading straight to the bucket with presigned URLs:
 * `{ allowedOrigins: ['https://app.example.com'], allowedMethods: ['PUT', 'POST'] }`.
 */
export interface BucketCorsRule {
  /** Origins allowed to call the bucket: `https://` origins, `http://localhost` for development, or `*` for reads. */
  readonly allowedOrigins: string[];
  /** Methods allowed from those origins. */
  readonly allowedMethods: CorsMethod[];
  /**
   * Request headers a browser may send (presigned uploads send `Content-Type` and `x-amz-*`).
   * @default ['*']
   */
  readonly allowedHeaders?: string[];
  /**
   * Response headers the browser may read (multipart uploads need `ETag`).
   * @default ['ETag']
   */
  readonly exposedHeaders?: string[];
  /**
   * How long a browser may cache the preflight response.
   * @default Duration.hours(1)
   */
  readonly maxAge?: Duration;
}

export interface AssetBucketProps {
  /**
   * The bucket's name in S3: globally unique, 3 to 63 lower-case letters, digits, '.' and '-'. It is
   * explicit because renaming a bucket means a new, empty bucket.
   */
  readonly bucketName: string;
  /**
   * Encryption at rest.
   * @default BucketEncryption.s3Managed()
   */
  readonly encryption?: BucketEncryption;
  /**
   * CORS rules, for browser uploads.
   * @default - no CORS: browsers cannot call the bucket from other origins
   */
  readonly cors?: BucketCorsRule[];
  /**
   * Incomplete multipart uploads are deleted this long after they started (they are billed but invisible).
   * @default Duration.days(7)
   */
  readonly abortIncompleteUploadsAfter?: Duration;
  /**
   * Versioning is always on; old versions are deleted this long after they were replaced.
   * @default - old versions are kept
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Deletes the objects when the bucket is deleted (Crossplane `forceDestroy`). Ignored in protected
   * environments, where the bucket itself is never deleted.
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
  /**
   * Tags, besides gitplane's `gitplane:environment` and `gitplane:app`.
   * @default - gitplane's tags only
   */
  readonly tags?: Record<string, string>;
  /**
   * Prefix of the environment variables consumers get (`<PREFIX>_BUCKET_NAME`, `<PREFIX>_BUCKET_REGION`).
   * @default - the construct id in UPPER_SNAKE_CASE, e.g. `ASSETS` for id `Assets`
   */
  readonly envPrefix?: string;
}

/**
 * A private S3 bucket for assets and uploads, rendered for the environment's cloud flavor (Crossplane
 * or ACK). Secure by default: all four public-access blocks, ACLs disabled (bucket owner enforced),
 * encrypted, versioned, a policy that denies every request not made over TLS, and a lifecycle rule
 * that aborts incomplete multipart uploads. In a protected environment the bucket survives its
 * removal from Git.
 */
export class AssetBucket extends Construct implements IConsumable<BucketAccess, BucketEnvKey> {
  public readonly bucketName: string;
  /** The environment's region, where the bucket lives. */
  public readonly region: string;
  /** `arn:aws:s3:::<bucketName>`. */
  public readonly bucketArn: string;
  /** `<bucketName>.s3.<region>.amazonaws.com`: what CloudFront and SDKs connect to. */
  public readonly regionalDomainName: string;
  /** The primary object: the Crossplane or ACK `Bucket`. */
  public readonly resource: ApiObject;
  private readonly statements: PolicyStatement[] = [];
  private readonly envPrefix: string;
  private readonly context: RenderContext;
  private readonly encryption: BucketEncryptionModel;

  constructor(scope: Construct, id: string, props: AssetBucketProps) {
    super(scope, id);
    rejectUnknownProps(this.node.path, 'AssetBucket', id, { bucketName: true, encryption: true, cors: { allowedOrigins: true, allowedMethods: true, allowedHeaders: true, exposedHeaders: true, maxAge: true }, abortIncompleteUploadsAfter: true, noncurrentVersionExpiration: true, autoDeleteObjects: true, tags: true, envPrefix: true } satisfies PropKeys<AssetBucketProps>, props);
    const { context, flavor } = cloudScopeOf(this, 'AssetBucket');
    this.context = context;
    const problems = new ProblemList();
    for (const p of bucketNameProblems('bucketName', props.bucketName ?? '')) problems.add(p);
    const encryption = (props.encryption ?? BucketEncryption.s3Managed()).model;
    this.encryption = encryption;
    if (encryption.algorithm === 'aws:kms') {
      const keyRegion = KMS_ARN.exec(encryption.kmsKeyArn)?.[2];
      problems.check(keyRegion === context.region,
        `'encryption' uses a KMS key in ${keyRegion}, but the bucket is in ${context.region}; S3 needs a key in the bucket's region`);
    }
    const abortDays = wholeDays(problems, 'abortIncompleteUploadsAfter', props.abortIncompleteUploadsAfter ?? Duration.days(7));
    const noncurrentDays = props.noncurrentVersionExpiration
      ? wholeDays(problems, 'noncurrentVersionExpiration', props.noncurrentVersionExpiration)
      : undefined;
    const cors = (props.cors ?? []).map((rule, i) => corsRule(problems, `cors[${i}]`, rule));
    tagProblems(problems, props.tags ?? {}, Object.keys(context.tags));
    this.envPrefix = envPrefixOf(problems, id, props.envPrefix);
    problems.throwIfAny(this.node.path, propsFix('AssetBucket', id));

    if (props.bucketName.includes('.')) {
      Warnings.of(this).add('GP-W-S3-001', `bucket name ${show(props.bucketName)} contains '.', which breaks virtual-hosted HTTPS access (the *.s3 certificate covers one label); prefer '-'`);
    }

    this.bucketName = props.bucketName;
    this.region = context.region;
    this.bucketArn = `arn:${context.partition}:s3:::${this.bucketName}`;
    this.regionalDomainName = `${this.bucketName}.s3.${context.region}.${dnsSuffixOf(context.partition)}`;
    this.statements.push({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [this.bucketArn, `${this.bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });

    const model = (): BucketModel => ({
      localName: this.bucketName,
      bucketName: this.bucketName,
      encryption,
      abortIncompleteMultipartUploadDays: abortDays ?? 7,
      noncurrentVersionExpirationDays: noncurrentDays,
      cors,
      policyStatements: [...this.statements],
      tags: { ...props.tags, ...context.tags },
      forceDestroy: !context.isProtected && (props.autoDeleteObjects ?? false),
    });
    const render = renderersFor(flavor).bucket;
    [this.resource] = addRenderedObjects(this, () => render(model(), context));
  }

  /** The ARN of objects matching `keyPattern`, e.g. `arnForObjects('uploads/*')`. */
  public arnForObjects(keyPattern: string): string {
    return `${this.bucketArn}/${keyPattern}`;
  }

  /**
   * Adds a statement to the bucket policy. `Sid` must be unique. Used by `CdnOrigin.fromBucket` to let
   * one distribution read the bucket.
   */
  public addToResourcePolicy(statement: PolicyStatement): void {
    const problems = new ProblemList();
    problems.check(/^[A-Za-z0-9]+$/.test(statement.Sid), `policy statement id ${show(statement.Sid)} must be alphanumeric`);
    problems.check(!this.statements.some((s) => s.Sid === statement.Sid),
      `the bucket policy already has a statement ${show(statement.Sid)}; statement ids must be unique`);
    problems.throwIfAny(this.node.path, 'give each statement a unique alphanumeric Sid');
    this.statements.push(statement);
  }

  /** The statements of the bucket policy, in order. */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  /** `<PREFIX>_BUCKET_NAME` and `<PREFIX>_BUCKET_REGION`, or the names given per value. */
  public consumerEnv(names?: Partial<Record<BucketEnvKey, string>>): Record<string, string> {
    return namedEnv(this.node.path, {
      name: { name: envVarName(this.envPrefix, 'BUCKET', 'NAME'), value: this.bucketName },
      region: { name: envVarName(this.envPrefix, 'BUCKET', 'REGION'), value: this.region },
    }, names);
  }

  /**
   * Tells `consumer` (a workload) the bucket's name and region as environment variables, makes it
   * depend on the bucket so the bucket's app syncs first, and grants `options.access`. Equivalent to
   * `consumer.uses(bucket, options)`.
   */
  public connectTo(consumer: ICloudResourceConsumer, options?: UseOptions<BucketAccess, BucketEnvKey>): void {
    connect(this, consumer, options, () => this.accessGrant());
  }

  /**
   * `read`: `s3:GetObject` on the objects and `s3:ListBucket` on the bucket; `write`: `s3:PutObject`,
   * `s3:DeleteObject` and `s3:AbortMultipartUpload` on the objects; with a KMS key also `kms:Decrypt`
   * (read) and `kms:GenerateDataKey` plus `kms:Decrypt` (write: multipart uploads decrypt parts).
   */
  private accessGrant(): AccessGrant<BucketAccess> {
    return {
      levels: ['read', 'write', 'read-write'],
      statements: (levels) => {
        const read = levels.has('read') || levels.has('read-write');
        const write = levels.has('write') || levels.has('read-write');
        const sid = sidOf(this.node.id, 'Bucket');
        const statements: IdentityStatement[] = [{
          Sid: sid,
          Effect: 'Allow',
          Action: actionsOf(read ? ['s3:GetObject', 's3:ListBucket'] : [], write ? ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'] : []),
          Resource: [...(read ? [this.bucketArn] : []), this.arnForObjects('*')],
        }];
        if (this.encryption.algorithm === 'aws:kms') {
          const key = kmsStatement(`${sid}Key`, [...(read ? ['kms:Decrypt'] : []), ...(write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : [])], this.encryption.kmsKeyArn, this.context);
          if (key) statements.push(key);
        }
        return statements;
      },
    };
  }
}

/** The values a bucket hands its consumers. */
export type BucketEnvKey = 'name' | 'region';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Every way `name` breaks the S3 naming rules for general purpose buckets, each a full sentence; empty
 * when valid. All problems are reported at once.
 */
export function bucketNameProblems(prop: string, name: string): string[] {
  const problems: string[] = [];
  const quoted = `'${prop}' (${show(name)})`;
  if (name.length < 3 || name.length > 63) problems.push(`${quoted} is ${name.length} characters; bucket names have 3 to 63`);
  if (/[^a-z0-9.-]/.test(name)) {
    const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ''))].map((c) => show(c)).join(', ');
    problems.push(`${quoted} contains ${bad}; only lower-case letters, digits, '.' and '-' are allowed`);
  }
  if (name.length > 0 && !/^[a-z0-9]/.test(name)) problems.push(`${quoted} must start with a lower-case letter or digit`);
  if (name.length > 0 && !/[a-z0-9]$/.test(name)) problems.push(`${quoted} must end with a lower-case letter or digit`);
  if (name.includes('..')) problems.push(`${quoted} must not contain two adjacent periods`);
  if (IPV4.test(name)) problems.push(`${quoted} must not look like an IP address`);
  for (const prefix of RESERVED_PREFIXES) {
    if (name.startsWith(prefix)) problems.push(`${quoted} must not start with ${show(prefix)}, which AWS reserves`);
  }
  for (const suffix of RESERVED_SUFFIXES) {
    if (name.endsWith(suffix)) problems.push(`${quoted} must not end with ${show(suffix)}, which AWS reserves`);
  }
  return problems;
}

function wholeDays(problems: ProblemList, prop: string, duration: Duration): number | undefined {
  const seconds = secondsWithin(problems, prop, duration, 86_400, 3650 * 86_400);
  if (seconds === undefined) return undefined;
  if (seconds % 86_400 !== 0) {
    problems.add(`'${prop}' (${duration.toHumanString()}) must be a whole number of days`);
    return undefined;
  }
  return seconds / 86_400;
}

const CORS_METHODS: readonly CorsMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
const WRITE_METHODS: readonly CorsMethod[] = ['PUT', 'POST', 'DELETE'];
const CORS_ORIGIN = /^(https:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?|http:\/\/localhost(:\d{1,5})?)$/;

function corsRule(problems: ProblemList, prop: string, rule: BucketCorsRule): CorsRuleModel {
  const origins = rule.allowedOrigins ?? [];
  const methods = rule.allowedMethods ?? [];
  problems.check(origins.length > 0, `'${prop}.allowedOrigins' must name at least one origin`);
  problems.check(methods.length > 0, `'${prop}.allowedMethods' must name at least one method`);
  for (const origin of origins) {
    problems.check(origin === '*' || CORS_ORIGIN.test(origin),
      `'${prop}.allowedOrigins' has ${show(origin)}; use an origin such as "https://app.example.com" (no path), "http://localhost:3000", or "*"`);
  }
  for (const method of methods) {
    problems.check(CORS_METHODS.includes(method), `'${prop}.allowedMethods' has ${show(method)}; allowed: ${CORS_METHODS.join(', ')}`);
  }
  const writes = methods.filter((m) => WRITE_METHODS.includes(m));
  if (origins.includes('*') && writes.length > 0) {
    problems.add(`'${prop}' allows ${writes.join(', ')} from any origin ("*"); name the origins that may write`);
  }
  const maxAge = secondsWithin(problems, `${prop}.maxAge`, rule.maxAge ?? Duration.hours(1), 0, 86_400);
  return {
    allowedOrigins: [...origins],
    allowedMethods: [...methods],
    allowedHeaders: [...(rule.allowedHeaders ?? ['*'])],
    exposedHeaders: [...(rule.exposedHeaders ?? ['ETag'])],
    maxAgeSeconds: maxAge ?? 3600,
  };
}
