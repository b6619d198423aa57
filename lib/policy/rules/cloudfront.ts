import { PolicyItem, Rule, RuleContext, RuleMetadata, Violation } from '../rule';
import { bucketNames, isAws } from './support/aws';
import { FROM_RESTRICTED } from './support/define';
import { Distribution, distributionOf, bucketFromDomain } from './support/distribution';
import { at, dig, quote, record } from './support/paths';

/** CloudFront distributions and origin access controls, both flavors (`AWS-CF-*`). */

const HTTPS_VIEWER = ['redirect-to-https', 'https-only'];
const WEAK_ORIGIN_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1'];
/** Security policies that refuse anything older than TLS 1.2. */
const MODERN_TLS = ['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

function distributionRule(metadata: RuleMetadata, check: (d: Distribution, item: PolicyItem, context: RuleContext) => Violation[]): Rule {
  return {
    ...metadata,
    check(item, context) {
      const distribution = distributionOf(item.object);
      return distribution ? check(distribution, item, context) : [];
    },
  };
}

export const viewerHttps = distributionRule(
  {
    id: 'AWS-CF-001',
    severity: 'error',
    title: 'CloudFront must serve viewers over HTTPS only',
    rationale: 'allow-all lets browsers fetch content and cookies over plain HTTP, open to interception.',
    fix: 'Set viewerProtocolPolicy to redirect-to-https (or https-only) on every cache behavior.',
    mirrors: ['aws-securityhub:CloudFront.3', 'checkov:CKV_AWS_34'],
    profiles: FROM_RESTRICTED,
  },
  (d) =>
    d.behaviors
      .filter((b) => !HTTPS_VIEWER.includes(String(b.viewerProtocolPolicy.value)))
      .map((b) => ({ path: b.viewerProtocolPolicy.path, message: `viewerProtocolPolicy is ${quote(b.viewerProtocolPolicy.value)}; set it to "redirect-to-https" or "https-only"` })),
);

export const originHttps = distributionRule(
  {
    id: 'AWS-CF-002',
    severity: 'error',
    title: 'CloudFront must reach custom origins over HTTPS only',
    rationale: 'http-only or match-viewer sends traffic between CloudFront and the origin unencrypted.',
    fix: 'Set customOriginConfig.originProtocolPolicy to https-only.',
    mirrors: ['aws-securityhub:CloudFront.9'],
    profiles: FROM_RESTRICTED,
  },
  (d) =>
    d.origins.flatMap((origin) => {
      const policy = origin.custom?.protocolPolicy;
      if (!policy || policy.value === 'https-only') return [];
      return [{ path: policy.path, message: `origin ${quote(origin.id)} uses originProtocolPolicy ${quote(policy.value)}; set it to "https-only"` }];
    }),
);

export const originTlsVersions = distributionRule(
  {
    id: 'AWS-CF-003',
    severity: 'error',
    title: 'CloudFront must not use deprecated SSL/TLS versions towards custom origins',
    rationale: 'SSLv3, TLSv1 and TLSv1.1 have known weaknesses and are refused by current origins anyway.',
    fix: 'Set originSslProtocols to ["TLSv1.2"].',
    mirrors: ['aws-securityhub:CloudFront.10'],
    profiles: FROM_RESTRICTED,
  },
  (d) =>
    d.origins.flatMap((origin) => {
      const protocols = origin.custom?.sslProtocols;
      const weak = (protocols?.value ?? []).filter((p) => WEAK_ORIGIN_PROTOCOLS.includes(p));
      if (!protocols || weak.length === 0) return [];
      return [{ path: protocols.path, message: `origin ${quote(origin.id)} allows ${quote(weak)}; set the origin SSL protocols to ["TLSv1.2"]` }];
    }),
);

export const modernViewerTls = distributionRule(
  {
    id: 'AWS-CF-004',
    severity: 'error',
    title: 'CloudFront with custom domains must use its own certificate, SNI and TLS 1.2 or newer',
    rationale: 'Aliases need a matching certificate; old security policies still accept TLS 1.0 and 1.1, and dedicated-IP (vip) SSL is costly and unneeded.',
    fix: `Use an ACM certificate with sslSupportMethod sni-only and minimumProtocolVersion ${MODERN_TLS[2]}.`,
    mirrors: ['aws-securityhub:CloudFront.7', 'aws-securityhub:CloudFront.8', 'checkov:CKV_AWS_174'],
    profiles: FROM_RESTRICTED,
  },
  (d) => {
    if (!d.aliases.value || d.aliases.value.length === 0) return [];
    const { defaultCertificate, minimumProtocolVersion, sslSupportMethod } = d.certificate;
    const found: Violation[] = [];
    const aliases = quote(d.aliases.value);
    if (defaultCertificate.value === true) {
      found.push({ path: defaultCertificate.path, message: `aliases ${aliases} are served with the default CloudFront certificate; use an ACM certificate for them` });
    }
    if (!MODERN_TLS.includes(String(minimumProtocolVersion.value))) {
      found.push({ path: minimumProtocolVersion.path, message: `minimumProtocolVersion is ${quote(minimumProtocolVersion.value)}; set it to "${MODERN_TLS[2]}"` });
    }
    if (sslSupportMethod.value !== 'sni-only') {
      found.push({ path: sslSupportMethod.path, message: `sslSupportMethod is ${quote(sslSupportMethod.value)}; set it to "sni-only"` });
    }
    return found;
  },
);

/**
 * ACK origins cannot reference an OriginAccessControl object, only the id AWS assigns to it; when such
 * an object is declared, the fix is to copy its id once it exists.
 */
function oacHint(namespace: string | undefined, context: RuleContext): string {
  const declared = firstAckOac(namespace, context);
  if (declared === undefined) return 'attach an OriginAccessControl of type s3';
  const name = declared.object.metadata.name;
  return `set originAccessControlID to the id AWS assigned to OriginAccessControl ${quote(name)} (its status.id once ACK has created it)`;
}

/** The first ACK OriginAccessControl in `namespace` (in any namespace when none), indexed once. */
function firstAckOac(namespace: string | undefined, context: RuleContext): PolicyItem | undefined {
  const index = context.memo('cloudfront:ack-oac-by-namespace', () => {
    const first = new Map<string | undefined, PolicyItem>();
    for (const oac of context.ofKind('OriginAccessControl', 'cloudfront.services.k8s.aws')) {
      const ns = oac.object.metadata.namespace;
      if (!first.has(undefined)) first.set(undefined, oac);
      if (ns && !first.has(ns)) first.set(ns, oac);
    }
    return first;
  });
  return index.get(namespace || undefined);
}

/** Names of the OriginAccessControls declared in either flavor, indexed once. */
function oacNames(context: RuleContext): ReadonlySet<string> {
  return context.memo('cloudfront:oac-names', () => new Set(
    context.ofKind('OriginAccessControl').filter((oac) => isAws(oac.object, 'cloudfront', 'OriginAccessControl')).map((oac) => oac.object.metadata.name),
  ));
}

export const originAccessControl = distributionRule(
  {
    id: 'AWS-CF-005',
    severity: 'error',
    title: 'CloudFront S3 origins must use Origin Access Control',
    rationale: 'Without OAC the bucket has to be readable by others; legacy origin access identities lack SSE-KMS and new-region support.',
    fix: 'Attach an OriginAccessControl to the S3 origin and remove s3OriginConfig.originAccessIdentity.',
    mirrors: ['aws-securityhub:CloudFront.13'],
    profiles: FROM_RESTRICTED,
  },
  (d, item, context) =>
    d.origins.filter((origin) => origin.isS3).flatMap((origin) => {
      const found: Violation[] = [];
      if (origin.oai.value) {
        found.push({ path: origin.oai.path, message: `S3 origin ${quote(origin.id)} uses legacy origin access identity ${quote(origin.oai.value)}; switch to an OriginAccessControl` });
      }
      if (origin.oacRef !== undefined) {
        if (!oacNames(context).has(origin.oacRef)) {
          found.push({ path: at(at(origin.path, 'originAccessControlIdRef'), 'name'), message: `S3 origin ${quote(origin.id)} references OriginAccessControl ${quote(origin.oacRef)}, which is not defined; add it or fix the name` });
        }
      } else if (!origin.oacId && !origin.oacSelector) {
        found.push({ path: origin.oacPath, message: `S3 origin ${quote(origin.id)} has no Origin Access Control; ${oacHint(item.object.metadata.namespace, context)}` });
      }
      return found;
    }),
);

export const originBucketDeclared = distributionRule(
  {
    id: 'AWS-CF-006',
    severity: 'error',
    title: 'CloudFront S3 origins must point at a bucket declared in the platform',
    rationale: 'An origin naming a bucket nobody owns can be taken over by whoever creates that bucket name.',
    fix: 'Declare the bucket in the platform and use its regional domain name as the origin.',
    mirrors: ['aws-securityhub:CloudFront.12'],
    profiles: FROM_RESTRICTED,
  },
  (d, _item, context) => {
    const declared = bucketNames(context);
    return d.origins.filter((origin) => origin.isS3).flatMap((origin) => {
      const domain = origin.domainName.value;
      const bucket = domain ? bucketFromDomain(domain) : undefined;
      if (bucket !== undefined && declared.has(bucket)) return [];
      const what = bucket === undefined ? `domain ${quote(domain)} does not name an S3 bucket` : `bucket ${quote(bucket)} is not declared in these manifests`;
      return [{ path: origin.domainName.path, message: `S3 origin ${quote(origin.id)}: ${what}; declare the bucket and use its domain name <bucket>.s3.<region>.amazonaws.com` }];
    });
  },
);

export const defaultRootObject = distributionRule(
  {
    id: 'AWS-CF-007',
    severity: 'warn',
    title: 'CloudFront should set a default root object',
    rationale: 'Without one, a request for "/" is passed to the origin, which may list or expose its contents.',
    fix: 'Set defaultRootObject, e.g. index.html.',
    mirrors: ['aws-securityhub:CloudFront.1', 'checkov:CKV_AWS_305'],
    profiles: FROM_RESTRICTED,
  },
  (d) =>
    typeof d.defaultRootObject.value === 'string' && d.defaultRootObject.value.length > 0
      ? []
      : [{ path: d.defaultRootObject.path, message: `defaultRootObject is ${quote(d.defaultRootObject.value)}; set it, e.g. to "index.html"` }],
);

export const oacSignsRequests: Rule = {
  id: 'AWS-CF-008',
  severity: 'error',
  title: 'Origin Access Controls must sign every request with SigV4',
  rationale: 'With signing set to never or no-override, requests reach the bucket unauthenticated and the bucket policy cannot tell CloudFront apart.',
  fix: 'Set signingBehavior to always and signingProtocol to sigv4.',
  mirrors: ['aws-securityhub:CloudFront.13'],
  profiles: FROM_RESTRICTED,
  check: ({ object }) => {
    let config: Record<string, unknown> | undefined;
    let base: string;
    if (isAws(object, 'cloudfront', 'OriginAccessControl', 'crossplane')) {
      config = record(dig(object, 'spec', 'forProvider'));
      base = '.spec.forProvider';
    } else if (isAws(object, 'cloudfront', 'OriginAccessControl', 'ack')) {
      config = record(dig(object, 'spec', 'originAccessControlConfig'));
      base = '.spec.originAccessControlConfig';
    } else {
      return [];
    }
    const found: Violation[] = [];
    if (config?.signingBehavior !== 'always') {
      found.push({ path: at(base, 'signingBehavior'), message: `signingBehavior is ${quote(config?.signingBehavior)}; set it to "always"` });
    }
    if (config?.signingProtocol !== 'sigv4') {
      found.push({ path: at(base, 'signingProtocol'), message: `signingProtocol is ${quote(config?.signingProtocol)}; set it to "sigv4"` });
    }
    return found;
  },
};

export const cloudFrontRules: readonly Rule[] = [
  viewerHttps, originHttps, originTlsVersions, modernViewerTls, originAccessControl, originBucketDeclared, defaultRootObject, oacSignsRequests,
];
