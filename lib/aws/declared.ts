import { Annotations } from '../core/annotations';
import { KubeObject, apiGroup, objectRef } from '../core/manifest';
import { DeclaredResource, RemovalBehavior } from './model';
import {
  corsRule, encryption, lifecycleRules, one, policyDocument, publicAccessBlock, sortKeys, sorted, tagsFrom,
} from './normalize';

/** One manifest with the environment and app it belongs to (from a synthesis or from dist/<env>/<app>/). */
export interface LocatedObject { readonly env: string; readonly app: string; readonly object: KubeObject }

/** ACK's adoption annotations (ACK v1.x "adopt" / "adopt-or-create" with the fields to look the resource up by). */
export const ACK_ADOPTION_POLICY = 'services.k8s.aws/adoption-policy';
export const ACK_ADOPTION_FIELDS = 'services.k8s.aws/adoption-fields';
export const ACK_READ_ONLY = 'services.k8s.aws/read-only';

const CROSSPLANE_S3 = new Set(['s3.aws.upbound.io', 's3.aws.m.upbound.io']);
const CROSSPLANE_CLOUDFRONT = new Set(['cloudfront.aws.upbound.io', 'cloudfront.aws.m.upbound.io']);
const ACK_S3 = 's3.services.k8s.aws';
const ACK_CLOUDFRONT = 'cloudfront.services.k8s.aws';

/** The Crossplane sub-kinds of a bucket, each setting one field of it. */
const BUCKET_SUB_KINDS: Record<string, (forProvider: Record<string, any>) => [string, unknown]> = {
  BucketVersioning: (p) => ['versioning', one<any>(p.versioningConfiguration)?.status ?? 'Disabled'],
  BucketPublicAccessBlock: (p) => ['publicAccessBlock', publicAccessBlock(p)],
  BucketOwnershipControls: (p) => ['ownershipControls', one<any>(p.rule)?.objectOwnership ?? 'none'],
  BucketServerSideEncryptionConfiguration: (p) => {
    const rule = one<any>(p.rule);
    const byDefault = one<any>(rule?.applyServerSideEncryptionByDefault);
    return ['encryption', encryption(byDefault?.sseAlgorithm, byDefault?.kmsMasterKeyId, rule?.bucketKeyEnabled)];
  },
  BucketPolicy: (p) => ['policy', policyDocument(p.policy)],
  BucketLifecycleConfiguration: (p) => ['lifecycle', lifecycleRules(p.rule)],
  BucketCorsConfiguration: (p) => ['cors', (p.corsRule ?? []).map(corsRule)],
};

/**
 * Every S3 bucket, CloudFront distribution and origin access control the manifests declare, as one
 * typed model whatever the flavor. A bucket's unset fields are declared "off" (gitplane writes every
 * setting it manages, so a CORS rule that only exists live is drift).
 */
export function declaredResources(objects: readonly LocatedObject[]): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  const crossplaneBuckets = new Map<string, { base: DeclaredResource; fields: Record<string, unknown> }>();
  const subResources: LocatedObject[] = [];
  for (const located of objects) {
    const { object } = located;
    const group = apiGroup(object.apiVersion);
    if (CROSSPLANE_S3.has(group) && object.kind === 'Bucket') {
      const entry = crossplaneBucket(located);
      crossplaneBuckets.set(`${located.env}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, entry);
    } else if (CROSSPLANE_S3.has(group) && BUCKET_SUB_KINDS[object.kind]) {
      subResources.push(located);
    } else if (group === ACK_S3 && object.kind === 'Bucket') {
      out.push(ackBucket(located));
    } else if ((CROSSPLANE_CLOUDFRONT.has(group) || group === ACK_CLOUDFRONT) && object.kind === 'Distribution') {
      out.push(distribution(located, group === ACK_CLOUDFRONT ? 'ack' : 'crossplane'));
    } else if ((CROSSPLANE_CLOUDFRONT.has(group) || group === ACK_CLOUDFRONT) && object.kind === 'OriginAccessControl') {
      out.push(originAccessControl(located, group === ACK_CLOUDFRONT ? 'ack' : 'crossplane'));
    }
  }
  for (const located of subResources) {
    const p = (located.object.spec as any)?.forProvider ?? {};
    const bucketName = p.bucketRef?.name;
    const entry = bucketName
      ? crossplaneBuckets.get(`${located.env}/${located.object.metadata.namespace ?? ''}/${bucketName}`)
      : [...crossplaneBuckets.values()].find((b) => b.base.env === located.env && b.base.physicalName === p.bucket);
    if (!entry) continue; // a sub-resource of a bucket not declared here: nothing to compare it with
    const [field, value] = BUCKET_SUB_KINDS[located.object.kind](p);
    entry.fields[field] = value;
  }
  for (const { base, fields } of crossplaneBuckets.values()) out.push({ ...base, fields: sortKeys(fields) as Record<string, unknown> });
  return out.sort((a, b) => `${a.env}/${a.app}/${a.kind}/${a.physicalName}`.localeCompare(`${b.env}/${b.app}/${b.kind}/${b.physicalName}`));
}

/** Defaults for a bucket field that no object sets: off, as a new bucket starts. */
const BUCKET_OFF: Record<string, unknown> = {
  versioning: 'Disabled',
  publicAccessBlock: publicAccessBlock({}),
  ownershipControls: 'none',
  encryption: 'none',
  policy: null,
  lifecycle: [],
  cors: [],
};

function crossplaneBucket(located: LocatedObject): { base: DeclaredResource; fields: Record<string, unknown> } {
  const { object } = located;
  const spec = (object.spec ?? {}) as any;
  const p = spec.forProvider ?? {};
  return {
    base: {
      ...common(located, 'crossplane', 'Bucket'),
      physicalName: object.metadata.annotations?.[Annotations.CROSSPLANE_EXTERNAL_NAME] ?? object.metadata.name,
      region: String(p.region ?? ''),
      fields: {},
    },
    fields: { ...BUCKET_OFF, tags: sortKeys(p.tags ?? {}), objectLock: p.objectLockEnabled === true },
  };
}

function ackBucket(located: LocatedObject): DeclaredResource {
  const spec = (located.object.spec ?? {}) as any;
  const rule = spec.encryption?.rules?.[0];
  return {
    ...common(located, 'ack', 'Bucket'),
    physicalName: String(spec.name ?? located.object.metadata.name),
    region: located.object.metadata.annotations?.[Annotations.ACK_REGION] ?? spec.createBucketConfiguration?.locationConstraint ?? '',
    fields: sortKeys({
      versioning: spec.versioning?.status ?? 'Disabled',
      publicAccessBlock: publicAccessBlock(spec.publicAccessBlock),
      ownershipControls: spec.ownershipControls?.rules?.[0]?.objectOwnership ?? 'none',
      encryption: encryption(rule?.applyServerSideEncryptionByDefault?.sseAlgorithm, rule?.applyServerSideEncryptionByDefault?.kmsMasterKeyID, rule?.bucketKeyEnabled),
      policy: policyDocument(spec.policy),
      lifecycle: lifecycleRules(spec.lifecycle?.rules),
      cors: (spec.cors?.corsRules ?? []).map(corsRule),
      tags: tagsFrom(spec.tagging?.tagSet),
      objectLock: spec.objectLockEnabledForBucket === true,
    }) as Record<string, unknown>,
  };
}

function distribution(located: LocatedObject, flavor: 'crossplane' | 'ack'): DeclaredResource {
  const spec = (located.object.spec ?? {}) as any;
  const annotations = located.object.metadata.annotations ?? {};
  if (flavor === 'ack') {
    const c = spec.distributionConfig ?? {};
    const cert = c.viewerCertificate ?? {};
    return {
      ...common(located, flavor, 'Distribution'),
      physicalName: adoptedId(annotations[ACK_ADOPTION_FIELDS]),
      region: annotations[Annotations.ACK_REGION] ?? 'us-east-1',
      fields: distributionModel({
        aliases: c.aliases?.items,
        comment: c.comment,
        enabled: c.enabled,
        defaultRootObject: c.defaultRootObject,
        priceClass: c.priceClass,
        httpVersion: c.httpVersion,
        ipv6: c.isIPV6Enabled,
        viewerCertificate: viewerCertificate(cert.acmCertificateARN, cert.minimumProtocolVersion, cert.sslSupportMethod),
        webAclId: c.webACLID,
        origins: (c.origins?.items ?? []).map((o: any) => origin(o.id, o.domainName, o.originPath, o.originAccessControlID,
          o.customOriginConfig && { httpsPort: o.customOriginConfig.httpSPort, protocolPolicy: o.customOriginConfig.originProtocolPolicy, sslProtocols: o.customOriginConfig.originSSLProtocols?.items })),
        defaultCacheBehavior: behavior(c.defaultCacheBehavior ?? {}, 'ack'),
        cacheBehaviors: (c.cacheBehaviors?.items ?? []).map((b: any) => behavior(b, 'ack')),
        logging: c.logging?.enabled ? c.logging : undefined,
        geoType: c.restrictions?.geoRestriction?.restrictionType,
        geoLocations: c.restrictions?.geoRestriction?.items,
        tags: tagsFrom(spec.tags),
      }),
    };
  }
  const p = spec.forProvider ?? {};
  const cert = one<any>(p.viewerCertificate) ?? {};
  const geo = one<any>(one<any>(p.restrictions)?.geoRestriction) ?? {};
  const logging = one<any>(p.loggingConfig);
  return {
    ...common(located, flavor, 'Distribution'),
    physicalName: annotations[Annotations.CROSSPLANE_EXTERNAL_NAME],
    region: String(p.region ?? 'us-east-1'),
    fields: distributionModel({
      aliases: p.aliases,
      comment: p.comment,
      enabled: p.enabled,
      defaultRootObject: p.defaultRootObject,
      priceClass: p.priceClass,
      httpVersion: p.httpVersion,
      ipv6: p.isIpv6Enabled,
      viewerCertificate: viewerCertificate(cert.acmCertificateArn, cert.minimumProtocolVersion, cert.sslSupportMethod),
      webAclId: p.webAclId,
      origins: (p.origin ?? []).map((o: any) => {
        const custom = one<any>(o.customOriginConfig);
        return origin(o.originId, o.domainName, o.originPath, o.originAccessControlId,
          custom && { httpsPort: custom.httpsPort, protocolPolicy: custom.originProtocolPolicy, sslProtocols: custom.originSslProtocols });
      }),
      defaultCacheBehavior: behavior(one<any>(p.defaultCacheBehavior) ?? {}, 'crossplane'),
      cacheBehaviors: (p.orderedCacheBehavior ?? []).map((b: any) => behavior(b, 'crossplane')),
      logging: logging ?? undefined,
      geoType: geo.restrictionType,
      geoLocations: geo.locations,
      tags: sortKeys(p.tags ?? {}),
    }),
  };
}

function originAccessControl(located: LocatedObject, flavor: 'crossplane' | 'ack'): DeclaredResource {
  const spec = (located.object.spec ?? {}) as any;
  const c = flavor === 'ack' ? spec.originAccessControlConfig ?? {} : spec.forProvider ?? {};
  return {
    ...common(located, flavor, 'OriginAccessControl'),
    physicalName: String(c.name ?? located.object.metadata.name),
    region: 'us-east-1',
    fields: {
      originType: c.originAccessControlOriginType ?? '',
      signingBehavior: c.signingBehavior ?? '',
      signingProtocol: c.signingProtocol ?? '',
    },
  };
}

/** A distribution's config as one source spells it (CloudFront API, ACK or Crossplane), before defaults. */
export interface DistributionValues {
  readonly aliases?: unknown;
  readonly comment?: unknown;
  readonly enabled?: unknown;
  readonly defaultRootObject?: unknown;
  readonly priceClass?: unknown;
  readonly httpVersion?: unknown;
  readonly ipv6?: unknown;
  readonly viewerCertificate: unknown;
  readonly webAclId?: unknown;
  readonly origins: readonly unknown[];
  readonly defaultCacheBehavior: unknown;
  readonly cacheBehaviors: readonly unknown[];
  /** Present only when logging is on. */
  readonly logging?: { readonly bucket?: unknown; readonly prefix?: unknown; readonly includeCookies?: unknown };
  readonly geoType?: unknown;
  readonly geoLocations?: unknown;
  readonly tags?: unknown;
}

/**
 * The one normalization of a distribution's config that declared and live state are compared in:
 * CloudFront's defaults filled in, lists and keys sorted.
 */
export function distributionModel(v: DistributionValues): Record<string, unknown> {
  return sortKeys({
    aliases: sorted(v.aliases),
    comment: v.comment ?? '',
    enabled: v.enabled === true,
    defaultRootObject: v.defaultRootObject ?? '',
    priceClass: v.priceClass ?? 'PriceClass_All',
    httpVersion: v.httpVersion ?? 'http2',
    ipv6: v.ipv6 === true,
    viewerCertificate: v.viewerCertificate,
    webAclId: v.webAclId ?? '',
    origins: v.origins,
    defaultCacheBehavior: v.defaultCacheBehavior,
    cacheBehaviors: v.cacheBehaviors,
    logging: v.logging ? { bucket: v.logging.bucket, prefix: v.logging.prefix ?? '', includeCookies: v.logging.includeCookies === true } : null,
    geoRestriction: { type: v.geoType ?? 'none', locations: sorted(v.geoLocations) },
    tags: v.tags,
  }) as Record<string, unknown>;
}

export function viewerCertificate(acmArn: unknown, minimumProtocolVersion: unknown, sslSupportMethod: unknown): unknown {
  if (!acmArn) return { cloudfrontDefaultCertificate: true };
  return { acmCertificateArn: acmArn, minimumProtocolVersion: minimumProtocolVersion ?? 'TLSv1', sslSupportMethod: sslSupportMethod ?? 'sni-only' };
}

export function origin(id: unknown, domainName: unknown, originPath: unknown, oacId: unknown,
  custom?: { httpsPort?: unknown; protocolPolicy?: unknown; sslProtocols?: unknown }): Record<string, unknown> {
  return {
    id: String(id ?? ''),
    domainName: String(domainName ?? ''),
    originPath: String(originPath ?? ''),
    ...(oacId ? { originAccessControlId: String(oacId) } : {}),
    ...(custom ? { custom: { httpsPort: Number(custom.httpsPort ?? 443), protocolPolicy: String(custom.protocolPolicy ?? ''), sslProtocols: sorted(custom.sslProtocols) } } : {}),
  };
}

/** A cache behavior from Crossplane (`...Id`), ACK (`...ID`, `items`) or the CloudFront API (capitalized). */
export function behavior(b: Record<string, any>, shape: 'crossplane' | 'ack' | 'api'): Record<string, unknown> {
  const pick = (crossplane: string, ack: string, api: string) => b[shape === 'crossplane' ? crossplane : shape === 'ack' ? ack : api];
  const allowed = shape === 'crossplane' ? b.allowedMethods : shape === 'ack' ? b.allowedMethods?.items : b.AllowedMethods?.Items;
  const cached = shape === 'crossplane' ? b.cachedMethods : shape === 'ack' ? b.allowedMethods?.cachedMethods?.items : b.AllowedMethods?.CachedMethods?.Items;
  const optional = (v: unknown) => (v ? String(v) : undefined);
  return sortKeys({
    pathPattern: optional(pick('pathPattern', 'pathPattern', 'PathPattern')),
    targetOriginId: String(pick('targetOriginId', 'targetOriginID', 'TargetOriginId') ?? ''),
    viewerProtocolPolicy: String(pick('viewerProtocolPolicy', 'viewerProtocolPolicy', 'ViewerProtocolPolicy') ?? ''),
    allowedMethods: sorted(allowed),
    cachedMethods: sorted(cached),
    cachePolicyId: optional(pick('cachePolicyId', 'cachePolicyID', 'CachePolicyId')),
    originRequestPolicyId: optional(pick('originRequestPolicyId', 'originRequestPolicyID', 'OriginRequestPolicyId')),
    responseHeadersPolicyId: optional(pick('responseHeadersPolicyId', 'responseHeadersPolicyID', 'ResponseHeadersPolicyId')),
    compress: pick('compress', 'compress', 'Compress') === true,
  }) as Record<string, unknown>;
}

function common(located: LocatedObject, flavor: 'crossplane' | 'ack', kind: DeclaredResource['kind']) {
  return {
    kind,
    flavor,
    env: located.env,
    app: located.app,
    objectRef: objectRef(located.object),
    removal: removalOf(located.object, flavor),
    observeOnly: observeOnly(located.object, flavor),
  };
}

/**
 * Crossplane orphans the external resource when `deletionPolicy: Orphan` or when `managementPolicies`
 * lacks `Delete` (and is not `*`); ACK retains it with `services.k8s.aws/deletion-policy: retain`.
 */
function removalOf(object: KubeObject, flavor: 'crossplane' | 'ack'): RemovalBehavior {
  const spec = (object.spec ?? {}) as any;
  if (flavor === 'ack') return object.metadata.annotations?.[Annotations.ACK_DELETION_POLICY] === 'retain' ? 'orphan' : 'delete';
  const policies: string[] = spec.managementPolicies ?? ['*'];
  if (spec.deletionPolicy === 'Orphan') return 'orphan';
  return policies.includes('*') || policies.includes('Delete') ? 'delete' : 'orphan';
}

function observeOnly(object: KubeObject, flavor: 'crossplane' | 'ack'): boolean {
  if (flavor === 'ack') return Boolean(object.metadata.annotations?.[ACK_ADOPTION_POLICY]);
  const policies: unknown = (object.spec as any)?.managementPolicies;
  return Array.isArray(policies) && policies.length === 1 && policies[0] === 'Observe';
}

/** The `id` in ACK's adoption-fields JSON (`{"id":"E2..."}`), if any. */
function adoptedId(fields: string | undefined): string | undefined {
  if (!fields) return undefined;
  try {
    const id = (JSON.parse(fields) as Record<string, unknown>).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
