import { createHash } from 'node:crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropKeys, rejectUnknownProps } from '../core/props';
import { ProblemList, ValidationError, propsFix, show } from '../core/errors';
import { dnsLabelProblems, hostnameProblems } from '../core/names';
import { Warnings } from '../core/warnings';
import { Environment } from '../platform/environment';
import { AssetBucket, bucketNameProblems } from './bucket';
import { addRenderedObjects } from './cloud-object';
import { AccessGrant, CdnAccess, sidOf } from './access';
import { connect, ICloudResourceConsumer, IConsumable, namedEnv, UseOptions } from './consumer';
import { cloudScopeOf, kebabCase, RenderContext } from './context';
import { CacheBehaviorModel, DistributionModel, OriginModel } from './model';
import { PolicyStatement } from './policy';
import { renderersFor } from './render';
import { envPrefixOf, envVarName, integerWithin, tagProblems } from './validate';

export interface BucketOriginOptions {
  /**
   * Serve only objects below this key prefix, e.g. `/public`.
   * @default - the whole bucket
   */
  readonly originPath?: string;
  /**
   * The id AWS assigned to this origin's origin access control (`status.id` of the
   * OriginAccessControl object, e.g. `E2QWRUHAPOMQZL`). ACK cannot reference the OriginAccessControl
   * from the distribution, so with ACK the origin signs its requests only once this is set. With
   * Crossplane the reference is automatic and this only pins the managed resource to that OAC.
   * @default - unknown: with ACK only the OriginAccessControl is emitted, and the Distribution follows
   * once this is set (warning GP-W-CDN-002 says how to read the id)
   */
  readonly originAccessControlId?: string;
}

export interface HttpOriginOptions {
  /**
   * Path prefix added to every request to the origin, e.g. `/v1`.
   * @default - none
   */
  readonly originPath?: string;
  /**
   * The origin's HTTPS port.
   * @default 443
   */
  readonly httpsPort?: number;
}

/** Where a distribution fetches content from. */
export class CdnOrigin {
  /**
   * A private `AssetBucket`, read through an Origin Access Control (SigV4-signed requests). The bucket
   * stays private; the distribution adds a bucket policy statement that lets only CloudFront
   * distributions of the environment's account read it, narrowed to this distribution once its id
   * is known (`Cdn` prop `distributionId`).
   */
  public static fromBucket(bucket: AssetBucket, options: BucketOriginOptions = {}): CdnOrigin {
    const problems = new ProblemList();
    pathProblems(problems, 'originPath', options.originPath);
    if (options.originAccessControlId !== undefined) {
      problems.check(CLOUDFRONT_ID.test(options.originAccessControlId),
        `'originAccessControlId' (${show(options.originAccessControlId)}) must be an id such as "E2QWRUHAPOMQZL"`);
    }
    problems.throwIfAny(`CdnOrigin.fromBucket(${bucket.node.path})`, 'correct the options quoted here');
    return new CdnOrigin({
      kind: 's3',
      id: originId(`s3-${bucket.bucketName}`, options.originPath),
      domainName: bucket.regionalDomainName,
      originPath: options.originPath,
      bucket,
      originAccessControlId: options.originAccessControlId,
    });
  }

  /**
   * An HTTPS origin by host name, e.g. `CdnOrigin.fromHttp('api.example.com')`. CloudFront talks to it
   * over HTTPS only, with TLSv1.2.
   */
  public static fromHttp(host: string, options: HttpOriginOptions = {}): CdnOrigin {
    const problems = new ProblemList();
    if (/^[a-z]+:\/\//i.test(host)) {
      problems.add(`'host' (${show(host)}) must be a host name without a scheme, such as "api.example.com"; CloudFront always uses HTTPS to reach it`);
    } else {
      for (const p of hostnameProblems('host', host)) problems.add(p);
      problems.check(!host.startsWith('*.'), `'host' (${show(host)}) must not be a wildcard`);
    }
    const httpsPort = options.httpsPort ?? 443;
    integerWithin(problems, 'httpsPort', httpsPort, 1, 65535);
    pathProblems(problems, 'originPath', options.originPath);
    problems.throwIfAny(`CdnOrigin.fromHttp(${show(host)})`, 'correct the arguments quoted here, e.g. CdnOrigin.fromHttp(\'api.example.com\')');
    return new CdnOrigin({ kind: 'http', id: originId(`http-${host}`, options.originPath), domainName: host, originPath: options.originPath, httpsPort });
  }

  private constructor(private readonly spec: {
    readonly kind: 's3' | 'http';
    readonly id: string;
    readonly domainName: string;
    readonly originPath?: string;
    readonly bucket?: AssetBucket;
    readonly originAccessControlId?: string;
    readonly httpsPort?: number;
  }) {}

  /** The origin id in the distribution, e.g. `s3-acme-assets`. */
  public get originId(): string {
    return this.spec.id;
  }

  /** The bucket, for bucket origins. */
  public get bucket(): AssetBucket | undefined {
    return this.spec.bucket;
  }

  /** @internal the origin's model in a distribution named `cdnName`. */
  public _model(ctx: RenderContext, cdnName: string): OriginModel {
    const { spec } = this;
    if (spec.kind === 'http') {
      return { kind: 'http', id: spec.id, domainName: spec.domainName, originPath: spec.originPath, httpsPort: spec.httpsPort ?? 443 };
    }
    const localName = `${cdnName}-${spec.id}`;
    return {
      kind: 's3',
      id: spec.id,
      domainName: spec.domainName,
      originPath: spec.originPath,
      originAccessControl: {
        localName,
        awsName: boundedName(`${ctx.namespace}-${localName}`, 64),
        id: spec.originAccessControlId,
      },
    };
  }
}

/** A cache policy: one of CloudFront's managed policies, or your own by id. */
export class CdnCachePolicy {
  /** Managed `CachingOptimized`: long TTLs, gzip and brotli, no cookies or query strings in the key. The default. */
  public static readonly CACHING_OPTIMIZED = new CdnCachePolicy('658327ea-f89d-4fab-a63d-7e88639e58f6');
  /** Managed `CachingDisabled`: for APIs and dynamic content. */
  public static readonly CACHING_DISABLED = new CdnCachePolicy('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  /** Managed `UseOriginCacheControlHeaders`: the origin's Cache-Control decides. */
  public static readonly USE_ORIGIN_CACHE_CONTROL_HEADERS = new CdnCachePolicy('83da9c7e-98b4-4e11-a168-04f0df8e2c65');

  /** A cache policy you created, by id. */
  public static fromId(id: string): CdnCachePolicy {
    if (!POLICY_ID.test(id)) throw new ValidationError('CdnCachePolicy.fromId', `'id' (${show(id)}) must be a cache policy id such as "658327ea-f89d-4fab-a63d-7e88639e58f6"`,
        'copy the id from the CloudFront console, or use a managed policy such as CdnCachePolicy.CACHING_DISABLED');
    return new CdnCachePolicy(id);
  }

  private constructor(public readonly id: string) {}
}

/** An origin request policy: which viewer headers, cookies and query strings reach the origin. */
export class CdnOriginRequestPolicy {
  /** Managed `AllViewerExceptHostHeader`: everything but `Host`; for APIs behind CloudFront. */
  public static readonly ALL_VIEWER_EXCEPT_HOST_HEADER = new CdnOriginRequestPolicy('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  /** Managed `CORS-S3Origin`: the CORS headers S3 needs to answer cross-origin requests. */
  public static readonly CORS_S3_ORIGIN = new CdnOriginRequestPolicy('88a5eaf4-2fd4-4709-b370-b4c650ea3fcf');

  /** An origin request policy you created, by id. */
  public static fromId(id: string): CdnOriginRequestPolicy {
    if (!POLICY_ID.test(id)) throw new ValidationError('CdnOriginRequestPolicy.fromId', `'id' (${show(id)}) must be an origin request policy id such as "b689b0a8-53d0-40ab-baf2-68738e2966ac"`,
        'copy the id from the CloudFront console, or use a managed policy such as CdnOriginRequestPolicy.CORS_S3_ORIGIN');
    return new CdnOriginRequestPolicy(id);
  }

  private constructor(public readonly id: string) {}
}

/** A response headers policy: headers CloudFront adds to responses (security headers, CORS). */
export class CdnResponseHeadersPolicy {
  /** Managed `SecurityHeadersPolicy`: HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, X-XSS-Protection. */
  public static readonly SECURITY_HEADERS = new CdnResponseHeadersPolicy('67f7725c-6f97-4210-82d7-5512b31e9d03');
  /** Managed `CORS-with-preflight-and-SecurityHeadersPolicy`: CORS for any origin, preflight included, plus the security headers. */
  public static readonly CORS_WITH_PREFLIGHT_AND_SECURITY_HEADERS = new CdnResponseHeadersPolicy('eaab4381-ed33-4a86-88ca-d9558dc6cd63');

  /** A response headers policy you created, by id. */
  public static fromId(id: string): CdnResponseHeadersPolicy {
    if (!POLICY_ID.test(id)) throw new ValidationError('CdnResponseHeadersPolicy.fromId', `'id' (${show(id)}) must be a response headers policy id such as "67f7725c-6f97-4210-82d7-5512b31e9d03"`,
        'copy the id from the CloudFront console, or use a managed policy such as CdnResponseHeadersPolicy.SECURITY_HEADERS');
    return new CdnResponseHeadersPolicy(id);
  }

  private constructor(public readonly id: string) {}
}

/** The HTTP methods a behavior accepts (GET and HEAD responses are cached). */
export class CdnAllowedMethods {
  /** GET, HEAD. */
  public static readonly GET_HEAD = new CdnAllowedMethods(['GET', 'HEAD']);
  /** GET, HEAD, OPTIONS (CORS preflight). The default. */
  public static readonly GET_HEAD_OPTIONS = new CdnAllowedMethods(['GET', 'HEAD', 'OPTIONS']);
  /** Every method, for APIs: GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE. */
  public static readonly ALL = new CdnAllowedMethods(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);

  private constructor(public readonly methods: readonly string[]) {}
}

/** Which edge locations serve the distribution (and what it costs). */
export class CdnPriceClass {
  /** North America and Europe. The default. */
  public static readonly PRICE_CLASS_100 = new CdnPriceClass('PriceClass_100');
  /** Adds Asia, the Middle East and Africa. */
  public static readonly PRICE_CLASS_200 = new CdnPriceClass('PriceClass_200');
  /** All edge locations. */
  public static readonly PRICE_CLASS_ALL = new CdnPriceClass('PriceClass_All');

  private constructor(public readonly value: string) {}
}

/** A path-specific behavior, e.g. `{ pathPattern: '/api/*', origin: CdnOrigin.fromHttp('api.example.com') }`. */
export interface CdnBehavior {
  /** Path pattern such as `/api/*` or `*.jpg`. */
  readonly pathPattern: string;
  readonly origin: CdnOrigin;
  /**
   * @default - the distribution's `cachePolicy`
   */
  readonly cachePolicy?: CdnCachePolicy;
  /**
   * @default CdnAllowedMethods.GET_HEAD_OPTIONS
   */
  readonly allowedMethods?: CdnAllowedMethods;
  /**
   * @default - none: only what the cache policy includes reaches the origin
   */
  readonly originRequestPolicy?: CdnOriginRequestPolicy;
  /**
   * @default - the distribution's `responseHeadersPolicy`
   */
  readonly responseHeadersPolicy?: CdnResponseHeadersPolicy;
}

/** CloudFront standard (legacy) access logs. */
export interface CdnAccessLogging {
  /**
   * The bucket that receives the logs. Legacy logging writes with ACLs, so it must allow them
   * (object ownership `BucketOwnerPreferred`): an `AssetBucket` cannot receive logs.
   */
  readonly bucketName: string;
  /**
   * Key prefix of the log files.
   * @default '<environment>/<app>/<name>/'
   */
  readonly prefix?: string;
}

export interface CdnProps {
  /** Where requests go unless a `behaviors` entry matches. */
  readonly origin: CdnOrigin;
  /**
   * Path-specific behaviors, in order of precedence.
   * @default - only the default behavior
   */
  readonly behaviors?: CdnBehavior[];
  /**
   * Custom domain names. They need `certificateArn`.
   * @default - only the `*.cloudfront.net` domain AWS assigns
   */
  readonly aliases?: string[];
  /**
   * ACM certificate in us-east-1 that covers `aliases`; served with SNI and TLSv1.2_2021 at least.
   * @default - the CloudFront default certificate (no aliases allowed)
   */
  readonly certificateArn?: string;
  /**
   * Object returned for requests to `/`, or `false` for none (an API behind the CDN, where `GET /`
   * must reach the origin as `/`).
   * @default 'index.html'
   */
  readonly defaultRootObject?: string | false;
  /**
   * Cache policy of the default behavior.
   * @default CdnCachePolicy.CACHING_OPTIMIZED
   */
  readonly cachePolicy?: CdnCachePolicy;
  /**
   * Methods the default behavior accepts.
   * @default CdnAllowedMethods.GET_HEAD_OPTIONS
   */
  readonly allowedMethods?: CdnAllowedMethods;
  /**
   * Origin request policy of the default behavior: which viewer headers, cookies and query strings
   * reach the origin. An API behind `CdnOrigin.fromHttp` with `CACHING_DISABLED` needs one
   * (`CdnOriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER`), or it receives no query strings,
   * cookies or `Authorization` header.
   * @default - none: only what the cache policy includes reaches the origin
   */
  readonly originRequestPolicy?: CdnOriginRequestPolicy;
  /**
   * Response headers policy of the default behavior (and of every behavior that names none).
   * @default - CdnResponseHeadersPolicy.SECURITY_HEADERS, or none when `securityHeaders` is false
   */
  readonly responseHeadersPolicy?: CdnResponseHeadersPolicy;
  /**
   * Adds CloudFront's managed `SecurityHeadersPolicy` (HSTS, X-Content-Type-Options, X-Frame-Options,
   * Referrer-Policy, X-XSS-Protection) to every behavior without a `responseHeadersPolicy`.
   * @default true
   */
  readonly securityHeaders?: boolean;
  /**
   * @default CdnPriceClass.PRICE_CLASS_100
   */
  readonly priceClass?: CdnPriceClass;
  /**
   * AWS WAF web ACL: a WAFv2 ARN (global scope, us-east-1) or a WAF Classic id.
   * @default - no web ACL
   */
  readonly webAclId?: string;
  /**
   * Standard access logs to an S3 bucket.
   * @default - no access logs
   */
  readonly accessLogging?: CdnAccessLogging;
  /**
   * @default 'gitplane <environment>/<app>/<name>'
   */
  readonly comment?: string;
  /**
   * Object name (a DNS label).
   * @default - the construct id in kebab-case
   */
  readonly name?: string;
  /**
   * The id AWS assigned to the distribution, once it exists (e.g. `E1A2B3C4D5E6F7`). It narrows the
   * bucket policy of bucket origins to exactly this distribution; with Crossplane it also pins the
   * managed resource to it, so a rebuilt cluster adopts the distribution instead of creating another.
   * @default - unknown: bucket origins allow any distribution of the environment's account (warning GP-W-CDN-001)
   */
  readonly distributionId?: string;
  /**
   * The `*.cloudfront.net` domain AWS assigned, once known. Consumers get the first alias, or this.
   * @default - unknown: consumers need an alias
   */
  readonly domainName?: string;
  /**
   * Tags, besides gitplane's `gitplane:environment` and `gitplane:app`.
   * @default - gitplane's tags only
   */
  readonly tags?: Record<string, string>;
  /**
   * Prefix of the environment variable consumers get (`<PREFIX>_CDN_DOMAIN`).
   * @default - the construct id in UPPER_SNAKE_CASE
   */
  readonly envPrefix?: string;
}

/**
 * A CloudFront distribution, rendered for the environment's cloud flavor. HTTPS everywhere: viewers
 * are redirected to HTTPS on every behavior, custom domains use SNI with TLSv1.2_2021, origins are
 * reached over HTTPS (TLSv1.2) or, for buckets, through an Origin Access Control. HTTP/2 and HTTP/3,
 * IPv6, a managed cache policy and security headers are on by default.
 */
export class Cdn extends Construct implements IConsumable<CdnAccess, CdnEnvKey> {
  /** The object name, e.g. `assets-cdn`. */
  public readonly name: string;
  /** The viewer-facing domain when known: the first alias, else `domainName`. */
  public readonly domain?: string;
  /**
   * The primary object: the Crossplane or ACK `Distribution`; with ACK, while an origin's Origin Access
   * Control id is unknown, that `OriginAccessControl` (the Distribution is held back).
   */
  public readonly resource: ApiObject;
  private readonly envPrefix: string;
  /** `arn:aws:cloudfront::<account>:distribution/<id>`, once the id is known. */
  private readonly distributionArn?: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    rejectUnknownProps(this.node.path, 'Cdn', id, { origin: true, behaviors: { pathPattern: true, origin: true, cachePolicy: true, allowedMethods: true, originRequestPolicy: true, responseHeadersPolicy: true }, aliases: true, certificateArn: true, defaultRootObject: true, cachePolicy: true, originRequestPolicy: true, responseHeadersPolicy: true, allowedMethods: true, securityHeaders: true, priceClass: true, webAclId: true, accessLogging: { bucketName: true, prefix: true }, comment: true, name: true, distributionId: true, domainName: true, tags: true, envPrefix: true } satisfies PropKeys<CdnProps>, props);
    const { context, flavor, environment } = cloudScopeOf(this, 'Cdn');
    const problems = new ProblemList();
    const name = props.name ?? kebabCase(id);
    for (const p of dnsLabelProblems('name', name)) problems.add(p);

    const aliases = props.aliases ?? [];
    aliases.forEach((alias, i) => { for (const p of hostnameProblems(`aliases[${i}]`, alias)) problems.add(p); });
    for (const dup of aliases.filter((a, i) => aliases.indexOf(a) !== i)) problems.add(`'aliases' lists ${show(dup)} twice`);
    if (aliases.length > 0 && !props.certificateArn) {
      problems.add(`'aliases' (${show(aliases)}) need 'certificateArn': CloudFront serves a custom domain only with an ACM certificate from us-east-1 that covers it`);
    }
    if (props.certificateArn !== undefined) {
      const match = ACM_ARN.exec(props.certificateArn);
      if (!match) {
        problems.add(`'certificateArn' (${show(props.certificateArn)}) must be an ACM certificate ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/..."`);
      } else if (match[2] !== 'us-east-1') {
        problems.add(`'certificateArn' is in ${match[2]}; CloudFront only uses ACM certificates from us-east-1`);
      }
      problems.check(aliases.length > 0, `'certificateArn' is set but 'aliases' is empty; add the domain names the certificate covers`);
    }
    if (props.webAclId !== undefined) {
      problems.check(WAFV2_ARN.test(props.webAclId) || WAF_CLASSIC_ID.test(props.webAclId),
        `'webAclId' (${show(props.webAclId)}) must be a WAFv2 web ACL ARN with global scope in us-east-1 ("arn:aws:wafv2:us-east-1:123456789012:global/webacl/<name>/<id>") or a WAF Classic id`);
    }
    // false: none. Written as "" rather than left out, so a controller that late-initializes omitted
    // fields from the live distribution cannot bring an old root object back.
    const defaultRootObject = props.defaultRootObject === false ? '' : (props.defaultRootObject ?? 'index.html');
    problems.check(props.defaultRootObject === false || (defaultRootObject.length > 0 && !defaultRootObject.startsWith('/')),
      `'defaultRootObject' (${show(props.defaultRootObject)}) must be an object key without a leading '/', such as "index.html", or false for none`);
    const comment = props.comment ?? `gitplane ${context.envName}/${context.appName}/${name}`;
    problems.check(comment.length <= 128, `'comment' is ${comment.length} characters; the limit is 128`);
    if (props.distributionId !== undefined) {
      problems.check(CLOUDFRONT_ID.test(props.distributionId), `'distributionId' (${show(props.distributionId)}) must be a distribution id such as "E1A2B3C4D5E6F7"`);
    }
    if (props.domainName !== undefined) {
      problems.check(/^[a-z0-9]+\.cloudfront\.net$/.test(props.domainName), `'domainName' (${show(props.domainName)}) must be the assigned domain such as "d111111abcdef8.cloudfront.net"`);
    }
    if (props.accessLogging) {
      for (const p of bucketNameProblems('accessLogging.bucketName', props.accessLogging.bucketName)) problems.add(p);
    }
    const behaviors = props.behaviors ?? [];
    problems.check(behaviors.length <= 25, `'behaviors' has ${behaviors.length} entries; CloudFront allows 25`);
    behaviors.forEach((b, i) => {
      problems.check(b.pathPattern.length > 0 && b.pathPattern !== '*' && b.pathPattern !== '/*',
        `'behaviors[${i}].pathPattern' (${show(b.pathPattern)}) must be a specific pattern such as "/api/*"; the default behavior serves everything else`);
      if (behaviors.findIndex((o) => o.pathPattern === b.pathPattern) !== i) problems.add(`'behaviors' has path pattern ${show(b.pathPattern)} twice`);
    });
    tagProblems(problems, props.tags ?? {}, Object.keys(context.tags));
    this.envPrefix = envPrefixOf(problems, id, props.envPrefix);

    // Origins, each once, in order of first use.
    const origins = new Map<string, CdnOrigin>();
    for (const origin of [props.origin, ...behaviors.map((b) => b.origin)]) {
      if (!origin) continue;
      if (!origins.has(origin.originId)) origins.set(origin.originId, origin);
    }
    problems.check(props.origin !== undefined, `'origin' is required: CdnOrigin.fromBucket(bucket) or CdnOrigin.fromHttp(host)`);
    const buckets = [...origins.values()].map((o) => o.bucket).filter((b): b is AssetBucket => b !== undefined);
    for (const bucket of buckets) {
      const bucketEnv = bucket.node.scopes.find(Environment.isEnvironment);
      problems.check(bucketEnv === environment,
        `origin bucket ${bucket.node.path} belongs to environment '${bucketEnv?.envName}', not '${environment.envName}'`);
    }
    if (buckets.length > 0 && !context.accountId) {
      problems.add(`a bucket origin needs the environment's AWS account id: the bucket policy that lets only CloudFront read ${buckets.map((b) => show(b.bucketName)).join(', ')} names the distribution's ARN`);
    }
    problems.throwIfAny(this.node.path, buckets.length > 0 && !context.accountId
      ? `set accountId on environment '${context.envName}': cloud: CloudFlavor.${flavor.kind}({ accountId: '123456789012' })`
      : propsFix('Cdn', id));

    this.name = name;
    this.domain = aliases[0] ?? props.domainName;
    this.distributionArn = props.distributionId && context.accountId
      ? `arn:${context.partition}:cloudfront::${context.accountId}:distribution/${props.distributionId}`
      : undefined;

    // Let this distribution (and, until its id is known, only distributions of this account) read each bucket.
    const sourceArn = `arn:${context.partition}:cloudfront::${context.accountId}:distribution/${props.distributionId ?? '*'}`;
    for (const bucket of buckets) {
      const statement: PolicyStatement = {
        Sid: `AllowCloudFront${pascalCase(`${context.appName}-${name}`)}`,
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: bucket.arnForObjects('*'),
        Condition: props.distributionId
          ? { StringEquals: { 'AWS:SourceArn': sourceArn } }
          : { StringEquals: { 'AWS:SourceAccount': context.accountId! }, ArnLike: { 'AWS:SourceArn': sourceArn } },
      };
      bucket.addToResourcePolicy(statement);
      this.node.addDependency(bucket);
    }
    if (buckets.length > 0 && !props.distributionId) {
      Warnings.of(this).add('GP-W-CDN-001', `the bucket policy of ${buckets.map((b) => show(b.bucketName)).join(', ')} lets any CloudFront distribution of account ${context.accountId} read it (through an origin access control) until 'distributionId' is set; set it once the distribution exists`);
    }
    const originModels = [...origins.values()].map((o) => o._model(context, name));
    if (flavor.kind === 'ack') {
      const unsigned = originModels.filter((o): o is Extract<OriginModel, { kind: 's3' }> => o.kind === 's3' && !o.originAccessControl.id);
      if (unsigned.length > 0) {
        const how = unsigned.map((o) => `kubectl get originaccesscontrols.cloudfront.services.k8s.aws ${o.originAccessControl.localName} -n ${context.namespace} -o jsonpath='{.status.id}'`).join('; ');
        Warnings.of(this).add('GP-W-CDN-002', `the Distribution is held back until the id AWS assigns to the Origin Access Control of origin ${unsigned.map((o) => o.id).join(', ')} is known: ` +
          `ACK's Distribution takes only that id, and without it CloudFront would read the bucket unsigned (403). Sync once so ACK creates the Origin Access Control, read its id (${how}) ` +
          `and pass it as CdnOrigin.fromBucket(bucket, { originAccessControlId: '<id>' })`);
      }
    }

    const responseHeaders = props.responseHeadersPolicy ?? ((props.securityHeaders ?? true) ? CdnResponseHeadersPolicy.SECURITY_HEADERS : undefined);
    const behaviorModel = (pathPattern: string | undefined, origin: CdnOrigin, cache: CdnCachePolicy, methods: CdnAllowedMethods,
      request: CdnOriginRequestPolicy | undefined, headers: CdnResponseHeadersPolicy | undefined): CacheBehaviorModel => ({
      pathPattern,
      targetOriginId: origin.originId,
      allowedMethods: methods.methods,
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: cache.id,
      originRequestPolicyId: request?.id,
      responseHeadersPolicyId: headers?.id,
    });
    const cachePolicy = props.cachePolicy ?? CdnCachePolicy.CACHING_OPTIMIZED;
    const model: DistributionModel = {
      localName: name,
      comment,
      defaultRootObject,
      priceClass: (props.priceClass ?? CdnPriceClass.PRICE_CLASS_100).value,
      aliases: [...aliases],
      certificateArn: props.certificateArn,
      webAclId: props.webAclId,
      logging: props.accessLogging ? {
        bucketDomainName: `${props.accessLogging.bucketName}.s3.amazonaws.com`,
        prefix: props.accessLogging.prefix ?? `${context.envName}/${context.appName}/${name}/`,
      } : undefined,
      origins: originModels,
      defaultBehavior: behaviorModel(undefined, props.origin, cachePolicy, props.allowedMethods ?? CdnAllowedMethods.GET_HEAD_OPTIONS,
        props.originRequestPolicy, responseHeaders),
      behaviors: behaviors.map((b) => behaviorModel(b.pathPattern, b.origin, b.cachePolicy ?? cachePolicy, b.allowedMethods ?? CdnAllowedMethods.GET_HEAD_OPTIONS,
        b.originRequestPolicy, b.responseHeadersPolicy ?? responseHeaders)),
      distributionId: props.distributionId,
      tags: { ...props.tags, ...context.tags },
    };
    const render = renderersFor(flavor).distribution;
    [this.resource] = addRenderedObjects(this, () => render(model, context));
  }

  /** `<PREFIX>_CDN_DOMAIN` (or the name given): the first alias, or the assigned `*.cloudfront.net` domain. */
  public consumerEnv(names?: Partial<Record<CdnEnvKey, string>>): Record<string, string> {
    if (!this.domain) {
      throw new ValidationError(this.node.path, `the distribution's domain is not known yet: it has no 'aliases' and no 'domainName'`,
        `add an alias (with 'certificateArn'), or set 'domainName' to the *.cloudfront.net domain once the distribution exists`);
    }
    return namedEnv(this.node.path, { domain: { name: envVarName(this.envPrefix, 'CDN', 'DOMAIN'), value: this.domain } }, names);
  }

  /** Tells `consumer` the distribution's domain, makes it depend on the distribution, and grants `options.access`. */
  public connectTo(consumer: ICloudResourceConsumer, options?: UseOptions<CdnAccess, CdnEnvKey>): void {
    connect(this, consumer, options, () => this.accessGrant());
  }

  /**
   * `invalidate`: create, read and list invalidations of this distribution. The ARN names the id AWS
   * assigns, so the permission waits for `distributionId` (warning GP-W-IAM-001), never a wildcard.
   */
  private accessGrant(): AccessGrant<CdnAccess> {
    const arn = this.distributionArn;
    return {
      levels: ['invalidate'],
      statements: () => (arn ? [{
        Sid: sidOf(this.node.id, 'Distribution'),
        Effect: 'Allow' as const,
        Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
        Resource: [arn],
      }] : []),
      pending: arn ? undefined : `the distribution's ARN names the id AWS assigns; set 'distributionId' (and the environment's accountId) once the distribution exists, and the invalidate permission follows`,
    };
  }
}

/** The values a CDN hands its consumers. */
export type CdnEnvKey = 'domain';

const CLOUDFRONT_ID = /^E[A-Z0-9]{8,20}$/;
const POLICY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACM_ARN = /^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
const WAFV2_ARN = /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]+\/[0-9a-f-]+$/;
const WAF_CLASSIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function pathProblems(problems: ProblemList, prop: string, path: string | undefined): void {
  if (path === undefined) return;
  problems.check(/^\/[A-Za-z0-9._~\-/]*[^/]$/.test(path), `'${prop}' (${show(path)}) must start with '/' and not end with '/', such as "/public"`);
}

function originId(base: string, originPath: string | undefined): string {
  return originPath ? `${base}${originPath.replace(/[^A-Za-z0-9.-]+/g, '-')}` : base;
}

function pascalCase(value: string): string {
  return value.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** `name`, or a prefix of it plus a short hash when it is longer than `max`. Deterministic. */
function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - 9)}-${hash}`;
}
