import {
  CloudFrontClient, CreateDistributionWithTagsCommand, CreateOriginAccessControlCommand, DistributionConfig,
} from '@aws-sdk/client-cloudfront';

export function writableCloudFront(env: Readonly<Record<string, string>>): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_CLOUDFRONT, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

const items = (values: readonly string[] | undefined) => ({ Quantity: values?.length ?? 0, Items: values?.length ? [...values] : undefined });

/** The CloudFront API's DistributionConfig for normalized fields (the inverse of the live reader). */
export function distributionConfig(fields: Record<string, any>, callerReference: string): DistributionConfig {
  const behavior = (b: Record<string, any>) => ({
    ...(b.pathPattern ? { PathPattern: b.pathPattern } : {}),
    TargetOriginId: b.targetOriginId,
    ViewerProtocolPolicy: b.viewerProtocolPolicy,
    AllowedMethods: { ...items(b.allowedMethods), CachedMethods: items(b.cachedMethods) },
    CachePolicyId: b.cachePolicyId,
    OriginRequestPolicyId: b.originRequestPolicyId,
    ResponseHeadersPolicyId: b.responseHeadersPolicyId,
    Compress: b.compress,
  });
  const cert = fields.viewerCertificate;
  return {
    CallerReference: callerReference,
    Aliases: items(fields.aliases),
    Comment: fields.comment,
    Enabled: fields.enabled,
    DefaultRootObject: fields.defaultRootObject,
    PriceClass: fields.priceClass,
    HttpVersion: fields.httpVersion,
    IsIPV6Enabled: fields.ipv6,
    ViewerCertificate: cert.acmCertificateArn
      ? { ACMCertificateArn: cert.acmCertificateArn, MinimumProtocolVersion: cert.minimumProtocolVersion, SSLSupportMethod: cert.sslSupportMethod }
      : { CloudFrontDefaultCertificate: true },
    WebACLId: fields.webAclId,
    Origins: {
      Quantity: fields.origins.length,
      Items: fields.origins.map((o: Record<string, any>) => ({
        Id: o.id,
        DomainName: o.domainName,
        OriginPath: o.originPath,
        ...(o.originAccessControlId ? { OriginAccessControlId: o.originAccessControlId } : {}),
        ...(o.custom
          ? { CustomOriginConfig: { HTTPPort: 80, HTTPSPort: o.custom.httpsPort, OriginProtocolPolicy: o.custom.protocolPolicy, OriginSslProtocols: items(o.custom.sslProtocols) } }
          : { S3OriginConfig: { OriginAccessIdentity: '' } }),
      })),
    },
    DefaultCacheBehavior: behavior(fields.defaultCacheBehavior) as DistributionConfig['DefaultCacheBehavior'],
    CacheBehaviors: { Quantity: fields.cacheBehaviors.length, Items: fields.cacheBehaviors.length ? fields.cacheBehaviors.map(behavior) : undefined },
    ...(fields.logging ? { Logging: { Enabled: true, Bucket: fields.logging.bucket, Prefix: fields.logging.prefix, IncludeCookies: fields.logging.includeCookies } } : {}),
    Restrictions: { GeoRestriction: { RestrictionType: fields.geoRestriction.type, ...items(fields.geoRestriction.locations) } },
  } as DistributionConfig;
}

/** Creates a distribution with these fields and tags; returns its id. */
export async function writeDistribution(cloudfront: CloudFrontClient, fields: Record<string, any>, callerReference: string): Promise<string> {
  const answer = await cloudfront.send(new CreateDistributionWithTagsCommand({
    DistributionConfigWithTags: {
      DistributionConfig: distributionConfig(fields, callerReference),
      Tags: { Items: Object.entries(fields.tags ?? {}).map(([Key, Value]) => ({ Key, Value: Value as string })) },
    },
  }));
  return answer.Distribution!.Id!;
}

export async function writeOac(cloudfront: CloudFrontClient, name: string, fields: Record<string, any>): Promise<string> {
  const answer = await cloudfront.send(new CreateOriginAccessControlCommand({
    OriginAccessControlConfig: { Name: name, OriginAccessControlOriginType: fields.originType, SigningBehavior: fields.signingBehavior, SigningProtocol: fields.signingProtocol },
  }));
  return answer.OriginAccessControl!.Id!;
}
