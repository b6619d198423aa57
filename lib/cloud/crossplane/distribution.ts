import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { CacheBehaviorModel, DistributionModel, OriginModel } from '../model';
import { managedAnnotations, managedName, managedSpec, upboundType } from './common';

/**
 * A CloudFront distribution as Upbound managed resources: `Distribution` (cluster-scoped: v1beta2, the
 * storage version; namespaced: v1beta1) and one `OriginAccessControl` (v1beta1) per bucket origin,
 * which the distribution's origin references with `originAccessControlIdRef`, so the first sync
 * needs no id copied by hand. CloudFront is global: neither kind has a region. Both are
 * `IdentifierFromProvider` in provider-upjet-aws `config/externalname.go` (the id AWS assigns), so
 * the external name is set only once the user supplies that id.
 */
export function renderCrossplaneDistribution(model: DistributionModel, ctx: RenderContext): RenderedObject[] {
  const oacs: RenderedObject[] = [];
  model.origins.forEach((origin) => {
    if (origin.kind !== 's3') return;
    const oac = origin.originAccessControl;
    oacs.push({
      id: `OriginAccessControl-${origin.id}`,
      ...upboundType(ctx, 'cloudfront', 'v1beta1'),
      kind: 'OriginAccessControl',
      name: managedName(ctx, oac.localName),
      annotations: managedAnnotations(ctx, oac.id),
      spec: managedSpec(ctx, {
        name: oac.awsName,
        description: `gitplane ${ctx.envName}/${ctx.appName}: ${model.localName} -> ${origin.domainName}`,
        originAccessControlOriginType: 's3',
        signingBehavior: 'always',
        signingProtocol: 'sigv4',
      }),
    });
  });

  const distribution: RenderedObject = {
    id: 'Resource',
    ...upboundType(ctx, 'cloudfront', 'v1beta2'),
    kind: 'Distribution',
    name: managedName(ctx, model.localName),
    annotations: managedAnnotations(ctx, model.distributionId),
    spec: managedSpec(ctx, {
      enabled: true,
      comment: model.comment,
      ...(model.defaultRootObject !== undefined ? { defaultRootObject: model.defaultRootObject } : {}),
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: model.priceClass,
      ...(model.aliases.length > 0 ? { aliases: [...model.aliases] } : {}),
      origin: model.origins.map((o) => origin(o, ctx)),
      defaultCacheBehavior: behavior(model.defaultBehavior),
      ...(model.behaviors.length > 0 ? { orderedCacheBehavior: model.behaviors.map(behavior) } : {}),
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: model.certificateArn
        ? { acmCertificateArn: model.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      ...(model.webAclId ? { webAclId: model.webAclId } : {}),
      ...(model.logging ? {
        loggingConfig: {
          bucket: model.logging.bucketDomainName,
          includeCookies: false,
          ...(model.logging.prefix ? { prefix: model.logging.prefix } : {}),
        },
      } : {}),
      tags: { ...model.tags },
    }),
  };
  return [distribution, ...oacs];
}

function origin(o: OriginModel, ctx: RenderContext): Record<string, unknown> {
  const common = { originId: o.id, domainName: o.domainName, ...(o.originPath ? { originPath: o.originPath } : {}) };
  if (o.kind === 's3') {
    return { ...common, originAccessControlIdRef: { name: managedName(ctx, o.originAccessControl.localName) } };
  }
  return {
    ...common,
    customOriginConfig: {
      httpPort: 80,
      httpsPort: o.httpsPort,
      originProtocolPolicy: 'https-only',
      originSslProtocols: ['TLSv1.2'],
    },
  };
}

function behavior(b: CacheBehaviorModel): Record<string, unknown> {
  return {
    ...(b.pathPattern !== undefined ? { pathPattern: b.pathPattern } : {}),
    targetOriginId: b.targetOriginId,
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: [...b.allowedMethods],
    cachedMethods: [...b.cachedMethods],
    cachePolicyId: b.cachePolicyId,
    ...(b.originRequestPolicyId ? { originRequestPolicyId: b.originRequestPolicyId } : {}),
    ...(b.responseHeadersPolicyId ? { responseHeadersPolicyId: b.responseHeadersPolicyId } : {}),
    compress: true,
  };
}
