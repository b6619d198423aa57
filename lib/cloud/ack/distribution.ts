import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { CacheBehaviorModel, DistributionModel, OriginModel } from '../model';
import { ACK_GROUP, ackAnnotations, tagList } from './common';

/** CloudFront's control plane is global and lives in us-east-1. */
const CLOUDFRONT_REGION = 'us-east-1';

/**
 * A CloudFront distribution as ACK objects (`cloudfront.services.k8s.aws/v1alpha1`): a
 * `Distribution` whose `distributionConfig` keeps the CloudFront API's `items` wrappers, and one
 * `OriginAccessControl` per bucket origin. ACK has no reference from an origin to an
 * OriginAccessControl, so the origin names the OAC by the id AWS assigned (`originAccessControlID`),
 * and the Distribution is emitted only once the user has supplied it.
 */
export function renderAckDistribution(model: DistributionModel, ctx: RenderContext): RenderedObject[] {
  const annotations = ackAnnotations(ctx, CLOUDFRONT_REGION);
  const oacs: RenderedObject[] = [];
  for (const o of model.origins) {
    if (o.kind !== 's3') continue;
    oacs.push({
      id: `OriginAccessControl-${o.id}`,
      apiVersion: `${ACK_GROUP.cloudfront}/v1alpha1`,
      kind: 'OriginAccessControl',
      name: o.originAccessControl.localName,
      clusterScoped: false,
      annotations,
      spec: {
        originAccessControlConfig: {
          name: o.originAccessControl.awsName,
          description: `gitplane ${ctx.envName}/${ctx.appName}: ${model.localName} -> ${o.domainName}`,
          originAccessControlOriginType: 's3',
          signingBehavior: 'always',
          signingProtocol: 'sigv4',
        },
      },
    });
  }

  const distribution: RenderedObject = {
    id: 'Resource',
    apiVersion: `${ACK_GROUP.cloudfront}/v1alpha1`,
    kind: 'Distribution',
    name: model.localName,
    clusterScoped: false,
    annotations,
    spec: {
      distributionConfig: {
        enabled: true,
        comment: model.comment,
        ...(model.defaultRootObject !== undefined ? { defaultRootObject: model.defaultRootObject } : {}),
        httpVersion: 'http2and3',
        isIPV6Enabled: true,
        priceClass: model.priceClass,
        ...(model.aliases.length > 0 ? { aliases: { items: [...model.aliases] } } : {}),
        origins: { items: model.origins.map(origin) },
        defaultCacheBehavior: behavior(model.defaultBehavior),
        ...(model.behaviors.length > 0 ? { cacheBehaviors: { items: model.behaviors.map(behavior) } } : {}),
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        viewerCertificate: model.certificateArn
          ? { acmCertificateARN: model.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
          : { cloudFrontDefaultCertificate: true },
        ...(model.webAclId ? { webACLID: model.webAclId } : {}),
        ...(model.logging ? {
          logging: {
            enabled: true,
            bucket: model.logging.bucketDomainName,
            includeCookies: false,
            prefix: model.logging.prefix ?? '',
          },
        } : {}),
      },
      tags: tagList(model.tags),
    },
  };
  // ACK's Distribution takes the OAC only by the id AWS assigns. Until every bucket origin has it, the
  // distribution is held back: emitted without it, CloudFront would fetch unsigned and get 403, and
  // AWS-CF-005 rightly refuses an S3 origin without an Origin Access Control. The Cdn warns (GP-W-CDN-002).
  const awaitingOacIds = model.origins.some((o) => o.kind === 's3' && !o.originAccessControl.id);
  return awaitingOacIds ? oacs : [distribution, ...oacs];
}

function origin(o: OriginModel): Record<string, unknown> {
  const common = { id: o.id, domainName: o.domainName, ...(o.originPath ? { originPath: o.originPath } : {}) };
  if (o.kind === 's3') {
    return {
      ...common,
      ...(o.originAccessControl.id ? { originAccessControlID: o.originAccessControl.id } : {}),
      // With an origin access control the API still wants an S3 origin config with an empty OAI.
      s3OriginConfig: { originAccessIdentity: '' },
    };
  }
  return {
    ...common,
    customOriginConfig: {
      httpPort: 80,
      httpSPort: o.httpsPort,
      originProtocolPolicy: 'https-only',
      originSSLProtocols: { items: ['TLSv1.2'] },
    },
  };
}

function behavior(b: CacheBehaviorModel): Record<string, unknown> {
  return {
    ...(b.pathPattern !== undefined ? { pathPattern: b.pathPattern } : {}),
    targetOriginID: b.targetOriginId,
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: { items: [...b.allowedMethods], cachedMethods: { items: [...b.cachedMethods] } },
    cachePolicyID: b.cachePolicyId,
    ...(b.originRequestPolicyId ? { originRequestPolicyID: b.originRequestPolicyId } : {}),
    ...(b.responseHeadersPolicyId ? { responseHeadersPolicyID: b.responseHeadersPolicyId } : {}),
    compress: true,
  };
}
