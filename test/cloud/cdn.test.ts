import { describe, expect, it } from 'vitest';
import {
  AssetBucket, Cdn, CdnAllowedMethods, CdnCachePolicy, CdnOrigin, CdnOriginRequestPolicy, CdnPriceClass, CdnResponseHeadersPolicy, CloudFlavor,
} from '../../lib/cloud';
import { HAS_CRDS } from '../helpers/crds';
import { KubeObject } from '../../lib/core/manifest';
import { collectWarnings } from '../../lib/core/warnings';
import { Protection } from '../../lib/platform';
import { synthesize } from '../../lib/synth';
import { findOne, manifestsOf } from '../helpers/manifests';
import { ACCOUNT, CRD_TIMEOUT, cloudPlatform, crdValidator, FLAVORS, forProvider, messageOf, RetainingReconciler, synthCloud, synthProtected, warningsOf } from './helpers';

const crossplane = () => CloudFlavor.crossplane({ accountId: ACCOUNT, scope: 'cluster' });
const ack = () => CloudFlavor.ack({ accountId: ACCOUNT });
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';

/** A bucket served by a CDN, the usual shape. */
function bucketAndCdn(app: any, props: Partial<ConstructorParameters<typeof Cdn>[2]> = {}, originAccessControlId?: string): Cdn {
  const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
  return new Cdn(app, 'Cdn', { origin: CdnOrigin.fromBucket(bucket, { originAccessControlId }), ...props });
}

function bucketPolicy(objects: KubeObject[], flavor: string): any {
  const policy = flavor.startsWith('crossplane') ? forProvider(findOne(objects, 'BucketPolicy')).policy : (findOne(objects, 'Bucket') as any).spec.policy;
  return JSON.parse(policy);
}

/** What the problems of the distribution's props and of an HTTP origin end with. */
const PROPS_FIX = ". Fix: correct the props quoted here in new Cdn(scope, 'Cdn', {...})";
const HTTP_FIX = "correct the arguments quoted here, e.g. CdnOrigin.fromHttp('api.example.com')";

describe('Cdn default behavior for an API', () => {
  /** A CDN in front of an API: caching off, every viewer header to the origin, no root object. */
  const api = (app: any) => new Cdn(app, 'Cdn', {
    origin: CdnOrigin.fromHttp('api.example.com'),
    cachePolicy: CdnCachePolicy.CACHING_DISABLED,
    originRequestPolicy: CdnOriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy: CdnResponseHeadersPolicy.CORS_WITH_PREFLIGHT_AND_SECURITY_HEADERS,
    allowedMethods: CdnAllowedMethods.ALL,
    defaultRootObject: false,
    behaviors: [{ pathPattern: '/static/*', origin: CdnOrigin.fromHttp('static.example.com'), responseHeadersPolicy: CdnResponseHeadersPolicy.fromId('0a1b2c3d-0000-1111-2222-333344445555') }],
  });

  it.each(FLAVORS)('sets origin request, cache and response headers policies and turns the root object off (%s)', (name, flavor) => {
    // GIVEN / WHEN
    const distribution: any = findOne(synthCloud(flavor(), api), 'Distribution');
    // THEN: "" rather than an omitted field, so the provider cannot late-initialize the old value back.
    const config = name.startsWith('crossplane') ? distribution.spec.forProvider : distribution.spec.distributionConfig;
    expect(config.defaultRootObject).toBe('');
    const [fallback, staticBehavior] = name.startsWith('crossplane')
      ? [config.defaultCacheBehavior, config.orderedCacheBehavior[0]]
      : [config.defaultCacheBehavior, config.cacheBehaviors.items[0]];
    const ids = (b: any) => [b.cachePolicyId ?? b.cachePolicyID, b.originRequestPolicyId ?? b.originRequestPolicyID, b.responseHeadersPolicyId ?? b.responseHeadersPolicyID];
    expect(ids(fallback)).toEqual(['4135ea2d-6df8-44a3-9df3-4b5a84be39ad', 'b689b0a8-53d0-40ab-baf2-68738e2966ac', 'eaab4381-ed33-4a86-88ca-d9558dc6cd63']);
    expect(ids(staticBehavior)).toEqual(['4135ea2d-6df8-44a3-9df3-4b5a84be39ad', undefined, '0a1b2c3d-0000-1111-2222-333344445555']);
  });

  it.skipIf(!HAS_CRDS).each(FLAVORS)('is valid against the upstream CRDs (%s)', (_name, flavor) => {
    const report = crdValidator().validateAll(synthCloud(flavor(), api).map((object) => ({ object })));
    expect(report.findings).toEqual([]);
  }, CRD_TIMEOUT);

  it('keeps the security headers without a response headers policy, and none when they are off', () => {
    const headers = (props: object) => (forProvider(findOne(synthCloud(CloudFlavor.crossplane(), (app) => {
      new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('api.example.com'), ...props });
    }), 'Distribution')).defaultCacheBehavior.responseHeadersPolicyId);
    expect(headers({})).toBe('67f7725c-6f97-4210-82d7-5512b31e9d03');
    expect(headers({ securityHeaders: false })).toBeUndefined();
  });

  it('fails if the root object starts with a slash or a policy id is malformed', () => {
    expect(messageOf(() => synthCloud(CloudFlavor.crossplane(), (app) => { new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('api.example.com'), defaultRootObject: '/index.html' }); })))
      .toContain(`'defaultRootObject' ("/index.html") must be an object key without a leading '/', such as "index.html", or false for none`);
    expect(messageOf(() => CdnResponseHeadersPolicy.fromId('security')))
      .toContain(`'id' ("security") must be a response headers policy id`);
  });
});

describe('Cdn', () => {
  it.each(FLAVORS.flatMap(([name, flavor]) => [[`${name}, unprotected`, flavor, Protection.NONE], [`${name}, protected`, flavor, Protection.PROTECTED]] as const))(
    'synthesizes a CDN from a bucket in a brand-new environment without a waiver: policy passes, a warning says what comes next (%s)', (_case, flavor, protection) => {
      // GIVEN: no id AWS assigns is known yet (no distributionId, no originAccessControlId)
      const platform = cloudPlatform(flavor(), (app) => { bucketAndCdn(app); }, { protection, reconciler: new RetainingReconciler() });
      // WHEN: the same gate `gitplane synth` runs (AWS-CF-005 included)
      const synthesis = synthesize(platform);
      // THEN
      expect(synthesis.policy.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(synthesis.warnings.map((w) => w.id)).toContain('GP-W-CDN-001');
    });

  it.each(FLAVORS)('synthesizes an HTTPS-only distribution in front of a private bucket by default (%s)', (_name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { bucketAndCdn(app); });
    // THEN
    expect(objects.filter((o) => o.apiVersion.startsWith('cloudfront.'))).toMatchSnapshot();
  });

  describe('with Crossplane', () => {
    it('references its Origin Access Control from the bucket origin', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => { bucketAndCdn(app); });
      // THEN
      const oac = findOne(objects, 'OriginAccessControl');
      expect(oac.apiVersion).toBe('cloudfront.aws.upbound.io/v1beta1');
      expect(oac.metadata.name).toBe('test-cdn-s3-acme-test-assets');
      expect(forProvider(oac)).toEqual({
        name: 'test-web-cdn-s3-acme-test-assets',
        description: 'gitplane test/web: cdn -> acme-test-assets.s3.eu-west-1.amazonaws.com',
        originAccessControlOriginType: 's3',
        signingBehavior: 'always',
        signingProtocol: 'sigv4',
      });
      const distribution = findOne(objects, 'Distribution');
      expect(distribution.apiVersion).toBe('cloudfront.aws.upbound.io/v1beta2');
      expect(forProvider(distribution).origin).toEqual([{
        originId: 's3-acme-test-assets',
        domainName: 'acme-test-assets.s3.eu-west-1.amazonaws.com',
        originAccessControlIdRef: { name: 'test-cdn-s3-acme-test-assets' },
      }]);
    });

    it('fills every field the Upbound CEL rules require, with secure defaults', () => {
      // GIVEN / WHEN
      const distribution = findOne(synthCloud(crossplane(), (app) => { bucketAndCdn(app); }), 'Distribution');
      // THEN
      expect(forProvider(distribution)).toMatchObject({
        enabled: true,
        defaultRootObject: 'index.html',
        httpVersion: 'http2and3',
        isIpv6Enabled: true,
        priceClass: 'PriceClass_100',
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
        defaultCacheBehavior: {
          targetOriginId: 's3-acme-test-assets',
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03',
          compress: true,
        },
      });
      expect(forProvider(distribution).region).toBeUndefined();
    });

    it('pins the managed resources to the ids AWS assigned, once known', () => {
      // GIVEN / WHEN
      const objects = synthCloud(crossplane(), (app) => { bucketAndCdn(app, { distributionId: 'E1A2B3C4D5E6F7' }, 'E2QWRUHAPOMQZL'); });
      // THEN
      expect(findOne(objects, 'Distribution').metadata.annotations).toEqual({ 'crossplane.io/external-name': 'E1A2B3C4D5E6F7' });
      expect(findOne(objects, 'OriginAccessControl').metadata.annotations).toEqual({ 'crossplane.io/external-name': 'E2QWRUHAPOMQZL' });
    });

    it('never deletes the distribution in a protected environment', () => {
      const objects = synthProtected(crossplane(), (app) => { bucketAndCdn(app); });
      for (const object of objects.filter((o) => o.apiVersion.startsWith('cloudfront.'))) {
        expect((object as any).spec).toMatchObject({ managementPolicies: ['Observe', 'Create', 'Update', 'LateInitialize'], deletionPolicy: 'Orphan' });
        expect(object.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
      }
    });
  });

  describe('with ACK', () => {
    it('keeps the CloudFront API shape with its items wrappers', () => {
      // GIVEN / WHEN
      const distribution = findOne(synthCloud(ack(), (app) => {
        bucketAndCdn(app, { aliases: ['cdn.example.com'], certificateArn: CERT }, 'E2QWRUHAPOMQZL');
      }), 'Distribution');
      // THEN
      expect(distribution.apiVersion).toBe('cloudfront.services.k8s.aws/v1alpha1');
      expect(distribution.metadata).toMatchObject({ name: 'cdn', namespace: 'test-web', annotations: { 'services.k8s.aws/region': 'us-east-1' } });
      expect((distribution as any).spec.distributionConfig).toMatchObject({
        aliases: { items: ['cdn.example.com'] },
        origins: { items: [{ id: 's3-acme-test-assets', domainName: 'acme-test-assets.s3.eu-west-1.amazonaws.com', s3OriginConfig: { originAccessIdentity: '' } }] },
        defaultCacheBehavior: {
          targetOriginID: 's3-acme-test-assets',
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: { items: ['GET', 'HEAD', 'OPTIONS'], cachedMethods: { items: ['GET', 'HEAD'] } },
        },
        viewerCertificate: { acmCertificateARN: CERT, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
        isIPV6Enabled: true,
      });
    });

    it('names the Origin Access Control by the id AWS assigned, and warns until it is known', () => {
      // GIVEN
      const unknown = cloudPlatform(ack(), (app) => { bucketAndCdn(app, { distributionId: 'E1A2B3C4D5E6F7' }); });
      const known = cloudPlatform(ack(), (app) => { bucketAndCdn(app, { distributionId: 'E1A2B3C4D5E6F7' }, 'E2QWRUHAPOMQZL'); });
      // WHEN / THEN
      expect(warningsOf(unknown).map((w) => w.id)).toEqual(['GP-W-CDN-002']);
      expect(warningsOf(known)).toEqual([]);
      const origin = (findOne(synthCloud(ack(), (app) => { bucketAndCdn(app, {}, 'E2QWRUHAPOMQZL'); }), 'Distribution') as any)
        .spec.distributionConfig.origins.items[0];
      expect(origin.originAccessControlID).toBe('E2QWRUHAPOMQZL');
      const oac = findOne(synthCloud(ack(), (app) => { bucketAndCdn(app); }), 'OriginAccessControl');
      expect((oac as any).spec.originAccessControlConfig).toMatchObject({ originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' });
    });

    it('holds the Distribution back until the Origin Access Control id is known, and says how to read it', () => {
      // GIVEN: a brand-new environment, where no id exists yet
      const platform = cloudPlatform(ack(), (app) => { bucketAndCdn(app); });
      // WHEN
      const objects = manifestsOf(platform);
      // THEN: ACK's Distribution names its OAC only by id (no reference exists), so emitting it now would
      // serve an unsigned S3 origin; only the OriginAccessControl is applied, and the warning says how to go on.
      expect(objects.filter((o) => o.apiVersion.startsWith('cloudfront.')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['OriginAccessControl/cdn-s3-acme-test-assets']);
      const warning = collectWarnings(platform).find((w) => w.id === 'GP-W-CDN-002')!;
      expect(warning.message).toContain(`kubectl get originaccesscontrols.cloudfront.services.k8s.aws cdn-s3-acme-test-assets -n test-web -o jsonpath='{.status.id}'`);
      expect(warning.message).toContain(`CdnOrigin.fromBucket(bucket, { originAccessControlId: '<id>' })`);
    });

    it('retains the distribution and its access control in a protected environment', () => {
      const objects = synthProtected(ack(), (app) => { bucketAndCdn(app, {}, 'E2QWRUHAPOMQZL'); });
      for (const object of objects) expect(object.metadata.annotations).toMatchObject({ 'services.k8s.aws/deletion-policy': 'retain' });
    });
  });

  it.each(FLAVORS)('lets only CloudFront distributions of the account read the bucket until the distribution id is known (%s)', (name, flavor) => {
    // GIVEN / WHEN
    const objects = synthCloud(flavor(), (app) => { bucketAndCdn(app); });
    // THEN
    expect(bucketPolicy(objects, name).Statement[1]).toEqual({
      Sid: 'AllowCloudFrontWebCdn',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-test-assets/*',
      Condition: {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        ArnLike: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/*` },
      },
    });
  });

  it.each(FLAVORS)('lets only this distribution read the bucket once its id is known (%s)', (name, flavor) => {
    // GIVEN
    const platform = cloudPlatform(flavor(), (app) => { bucketAndCdn(app, { distributionId: 'E1A2B3C4D5E6F7' }, 'E2QWRUHAPOMQZL'); });
    // WHEN
    const objects = synthCloud(flavor(), (app) => { bucketAndCdn(app, { distributionId: 'E1A2B3C4D5E6F7' }, 'E2QWRUHAPOMQZL'); });
    // THEN
    expect(bucketPolicy(objects, name).Statement[1].Condition).toEqual({
      StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E1A2B3C4D5E6F7` },
    });
    expect(warningsOf(platform)).toEqual([]);
  });

  it('warns while the bucket policy is not pinned to one distribution', () => {
    const platform = cloudPlatform(crossplane(), (app) => { bucketAndCdn(app); });
    expect(warningsOf(platform)).toEqual([expect.objectContaining({ id: 'GP-W-CDN-001', constructPath: 'test/web/Cdn' })]);
  });

  it('serves an HTTPS origin over TLSv1.2 only, on a path behavior', () => {
    // GIVEN / WHEN
    const distribution = findOne(synthCloud(crossplane(), (app) => {
      bucketAndCdn(app, {
        behaviors: [{
          pathPattern: '/api/*',
          origin: CdnOrigin.fromHttp('api.example.com', { originPath: '/v1' }),
          cachePolicy: CdnCachePolicy.CACHING_DISABLED,
          allowedMethods: CdnAllowedMethods.ALL,
          originRequestPolicy: CdnOriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        }],
      });
    }), 'Distribution');
    // THEN
    expect(forProvider(distribution).origin[1]).toEqual({
      originId: 'http-api.example.com-v1',
      domainName: 'api.example.com',
      originPath: '/v1',
      customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
    });
    expect(forProvider(distribution).orderedCacheBehavior).toEqual([{
      pathPattern: '/api/*',
      targetOriginId: 'http-api.example.com-v1',
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      originRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03',
      compress: true,
    }]);
  });

  it('uses the certificate with SNI and TLSv1.2_2021, a web ACL, access logs and the price class', () => {
    // GIVEN
    const webAcl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/acme/a1b2c3d4-0000-1111-2222-333344445555';
    // WHEN
    const distribution = findOne(synthCloud(crossplane(), (app) => {
      new Cdn(app, 'Site', {
        origin: CdnOrigin.fromHttp('origin.example.com'),
        aliases: ['www.example.com', 'example.com'],
        certificateArn: CERT,
        webAclId: webAcl,
        accessLogging: { bucketName: 'acme-cdn-logs' },
        priceClass: CdnPriceClass.PRICE_CLASS_ALL,
        securityHeaders: false,
      });
    }), 'Distribution');
    // THEN
    expect(forProvider(distribution)).toMatchObject({
      aliases: ['www.example.com', 'example.com'],
      viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
      webAclId: webAcl,
      loggingConfig: { bucket: 'acme-cdn-logs.s3.amazonaws.com', prefix: 'test/web/site/', includeCookies: false },
      priceClass: 'PriceClass_All',
    });
    expect(forProvider(distribution).defaultCacheBehavior.responseHeadersPolicyId).toBeUndefined();
  });

  it('makes the distribution depend on its origin bucket and gives consumers its domain', () => {
    // GIVEN
    let cdn!: Cdn;
    // WHEN
    synthCloud(crossplane(), (app) => { cdn = bucketAndCdn(app, { aliases: ['cdn.example.com'], certificateArn: CERT }); });
    // THEN
    expect(cdn.node.dependencies.map((d) => d.node.path)).toEqual(['test/web/Assets']);
    expect(cdn.consumerEnv()).toEqual({ CDN_DOMAIN: 'cdn.example.com' });
  });

  it('fails if aliases are given without a certificate', () => {
    expect(messageOf(() => synthCloud(crossplane(), (app) => { bucketAndCdn(app, { aliases: ['cdn.example.com'] }); })))
      .toBe(`[test/web/Cdn] 'aliases' (["cdn.example.com"]) need 'certificateArn': CloudFront serves a custom domain only with an ACM certificate from us-east-1 that covers it${PROPS_FIX}`);
  });

  it('fails if the certificate is outside us-east-1 or comes without aliases', () => {
    const cert = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    expect(messageOf(() => synthCloud(crossplane(), (app) => { bucketAndCdn(app, { certificateArn: cert }); })))
      .toBe(`[test/web/Cdn] 'certificateArn' is in eu-west-1; CloudFront only uses ACM certificates from us-east-1; ` +
        `'certificateArn' is set but 'aliases' is empty; add the domain names the certificate covers${PROPS_FIX}`);
  });

  it('fails if the HTTP origin has a scheme or a bad port', () => {
    expect(messageOf(() => CdnOrigin.fromHttp('http://api.example.com')))
      .toBe(`[CdnOrigin.fromHttp("http://api.example.com")] 'host' ("http://api.example.com") must be a host name without a scheme, such as "api.example.com"; CloudFront always uses HTTPS to reach it. Fix: ${HTTP_FIX}`);
    expect(messageOf(() => CdnOrigin.fromHttp('api.example.com', { httpsPort: 0 })))
      .toBe(`[CdnOrigin.fromHttp("api.example.com")] 'httpsPort' (0) must be a whole number from 1 to 65535. Fix: ${HTTP_FIX}`);
  });

  it('fails if a bucket origin is used without the account id', () => {
    expect(messageOf(() => synthCloud(CloudFlavor.crossplane(), (app) => { bucketAndCdn(app); })))
      .toBe(`[test/web/Cdn] a bucket origin needs the environment's AWS account id: the bucket policy that lets only CloudFront read "acme-test-assets" names the distribution's ARN. ` +
        `Fix: set accountId on environment 'test': cloud: CloudFlavor.crossplane({ accountId: '123456789012' })`);
  });

  it('fails if behaviors repeat the default pattern or each other, and the web ACL is not global', () => {
    // GIVEN
    const origin = CdnOrigin.fromHttp('api.example.com');
    // WHEN
    const message = messageOf(() => synthCloud(crossplane(), (app) => {
      new Cdn(app, 'Cdn', {
        origin,
        behaviors: [{ pathPattern: '*', origin }, { pathPattern: '/a/*', origin }, { pathPattern: '/a/*', origin }],
        webAclId: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acme/abc',
      });
    }));
    // THEN
    expect(message).toBe('[test/web/Cdn] ' + [
      `'webAclId' ("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acme/abc") must be a WAFv2 web ACL ARN with global scope in us-east-1 ("arn:aws:wafv2:us-east-1:123456789012:global/webacl/<name>/<id>") or a WAF Classic id`,
      `'behaviors[0].pathPattern' ("*") must be a specific pattern such as "/api/*"; the default behavior serves everything else`,
      `'behaviors' has path pattern "/a/*" twice`,
    ].join('; ') + PROPS_FIX);
  });

  it('fails if a consumer needs the domain before it is known', () => {
    let cdn!: Cdn;
    synthCloud(crossplane(), (app) => { cdn = bucketAndCdn(app); });
    expect(messageOf(() => cdn.consumerEnv()))
      .toBe(`[test/web/Cdn] the distribution's domain is not known yet: it has no 'aliases' and no 'domainName'. ` +
        `Fix: add an alias (with 'certificateArn'), or set 'domainName' to the *.cloudfront.net domain once the distribution exists`);
  });
});
