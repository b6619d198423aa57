import { KubeObject } from '../../../core/manifest';
import { isAws } from './aws';
import { at, atPath, dig, Json, list, record, single, text } from './paths';

/**
 * A CloudFront Distribution of either flavor reduced to the fields the rules read, each with its
 * JSON path. Crossplane (Upbound v1beta2, v1beta1 one-element arrays accepted) keeps them under
 * `spec.forProvider`; ACK keeps the AWS API shape under `spec.distributionConfig`, lists wrapped in
 * `items`.
 */

export interface Field<T> {
  readonly value: T | undefined;
  readonly path: string;
}

export interface CacheBehavior {
  readonly viewerProtocolPolicy: Field<unknown>;
}

export interface Origin {
  readonly id?: string;
  readonly domainName: Field<string>;
  readonly path: string;
  /** True when the origin is an S3 REST endpoint (not a website endpoint). */
  readonly isS3: boolean;
  /** OAC id, or the name of the referenced Crossplane OriginAccessControl. */
  readonly oacId?: string;
  readonly oacRef?: string;
  readonly oacSelector: boolean;
  readonly oacPath: string;
  /** Legacy origin access identity. */
  readonly oai: Field<string>;
  readonly custom?: { readonly protocolPolicy: Field<unknown>; readonly sslProtocols: Field<string[]> };
}

export interface Distribution {
  readonly aliases: Field<string[]>;
  readonly behaviors: CacheBehavior[];
  readonly origins: Origin[];
  readonly certificate: {
    readonly defaultCertificate: Field<unknown>;
    readonly minimumProtocolVersion: Field<unknown>;
    readonly sslSupportMethod: Field<unknown>;
  };
  readonly defaultRootObject: Field<unknown>;
}

/** `bucket.s3.amazonaws.com`, `bucket.s3.eu-west-1.amazonaws.com`, `bucket.s3-eu-west-1.amazonaws.com`. */
const S3_REST_ENDPOINT = /^(.+?)\.s3(?:[.-](?!website)[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

/** The bucket an S3 REST origin domain names. */
export function bucketFromDomain(domain: string): string | undefined {
  return S3_REST_ENDPOINT.exec(domain.toLowerCase())?.[1];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function field<T>(value: T | undefined, path: string): Field<T> {
  return { value, path };
}

export function distributionOf(object: KubeObject): Distribution | undefined {
  if (isAws(object, 'cloudfront', 'Distribution', 'crossplane')) return crossplane(record(dig(object, 'spec', 'forProvider')) ?? {});
  if (isAws(object, 'cloudfront', 'Distribution', 'ack')) return ack(record(dig(object, 'spec', 'distributionConfig')) ?? {});
  return undefined;
}

function crossplane(spec: Json): Distribution {
  const base = '.spec.forProvider';
  const behaviors: CacheBehavior[] = [];
  const byDefault = single(spec.defaultCacheBehavior, at(base, 'defaultCacheBehavior'));
  behaviors.push({ viewerProtocolPolicy: field(byDefault?.value.viewerProtocolPolicy, atPath(byDefault?.path ?? at(base, 'defaultCacheBehavior'), 'viewerProtocolPolicy')) });
  list(spec.orderedCacheBehavior).forEach((entry, index) => {
    behaviors.push({ viewerProtocolPolicy: field(record(entry)?.viewerProtocolPolicy, atPath(base, 'orderedCacheBehavior', index, 'viewerProtocolPolicy')) });
  });
  const origins = list(spec.origin).map((entry, index): Origin => {
    const origin = record(entry) ?? {};
    const path = atPath(base, 'origin', index);
    const custom = single(origin.customOriginConfig, at(path, 'customOriginConfig'));
    const s3 = single(origin.s3OriginConfig, at(path, 's3OriginConfig'));
    const domain = text(origin.domainName);
    return {
      id: text(origin.originId),
      domainName: field(domain, at(path, 'domainName')),
      path,
      isS3: s3 !== undefined || (custom === undefined && domain !== undefined && bucketFromDomain(domain) !== undefined),
      oacId: text(origin.originAccessControlId),
      oacRef: text(dig(origin, 'originAccessControlIdRef', 'name')),
      oacSelector: record(origin.originAccessControlIdSelector) !== undefined,
      oacPath: at(path, 'originAccessControlId'),
      oai: field(text(s3?.value.originAccessIdentity), at(s3?.path ?? at(path, 's3OriginConfig'), 'originAccessIdentity')),
      custom: custom && {
        protocolPolicy: field(custom.value.originProtocolPolicy, at(custom.path, 'originProtocolPolicy')),
        sslProtocols: field(strings(custom.value.originSslProtocols), at(custom.path, 'originSslProtocols')),
      },
    };
  });
  const certificate = single(spec.viewerCertificate, at(base, 'viewerCertificate'));
  const certPath = certificate?.path ?? at(base, 'viewerCertificate');
  return {
    aliases: field(strings(spec.aliases), at(base, 'aliases')),
    behaviors,
    origins,
    certificate: {
      defaultCertificate: field(certificate?.value.cloudfrontDefaultCertificate, at(certPath, 'cloudfrontDefaultCertificate')),
      minimumProtocolVersion: field(certificate?.value.minimumProtocolVersion, at(certPath, 'minimumProtocolVersion')),
      sslSupportMethod: field(certificate?.value.sslSupportMethod, at(certPath, 'sslSupportMethod')),
    },
    defaultRootObject: field(spec.defaultRootObject, at(base, 'defaultRootObject')),
  };
}

function ack(spec: Json): Distribution {
  const base = '.spec.distributionConfig';
  const behaviors: CacheBehavior[] = [
    { viewerProtocolPolicy: field(dig(spec, 'defaultCacheBehavior', 'viewerProtocolPolicy'), atPath(base, 'defaultCacheBehavior', 'viewerProtocolPolicy')) },
  ];
  list(dig(spec, 'cacheBehaviors', 'items')).forEach((entry, index) => {
    behaviors.push({ viewerProtocolPolicy: field(record(entry)?.viewerProtocolPolicy, atPath(base, 'cacheBehaviors', 'items', index, 'viewerProtocolPolicy')) });
  });
  const origins = list(dig(spec, 'origins', 'items')).map((entry, index): Origin => {
    const origin = record(entry) ?? {};
    const path = atPath(base, 'origins', 'items', index);
    const custom = record(origin.customOriginConfig);
    const s3 = record(origin.s3OriginConfig);
    const domain = text(origin.domainName);
    return {
      id: text(origin.id),
      domainName: field(domain, at(path, 'domainName')),
      path,
      isS3: s3 !== undefined || (custom === undefined && domain !== undefined && bucketFromDomain(domain) !== undefined),
      oacId: text(origin.originAccessControlID),
      oacSelector: false,
      oacPath: at(path, 'originAccessControlID'),
      oai: field(text(s3?.originAccessIdentity), atPath(path, 's3OriginConfig', 'originAccessIdentity')),
      custom: custom && {
        protocolPolicy: field(custom.originProtocolPolicy, atPath(path, 'customOriginConfig', 'originProtocolPolicy')),
        sslProtocols: field(strings(dig(custom, 'originSSLProtocols', 'items')), atPath(path, 'customOriginConfig', 'originSSLProtocols', 'items')),
      },
    };
  });
  const certPath = at(base, 'viewerCertificate');
  const certificate = record(spec.viewerCertificate) ?? {};
  return {
    aliases: field(strings(dig(spec, 'aliases', 'items')), atPath(base, 'aliases', 'items')),
    behaviors,
    origins,
    certificate: {
      defaultCertificate: field(certificate.cloudFrontDefaultCertificate, at(certPath, 'cloudFrontDefaultCertificate')),
      minimumProtocolVersion: field(certificate.minimumProtocolVersion, at(certPath, 'minimumProtocolVersion')),
      sslSupportMethod: field(certificate.sslSupportMethod, at(certPath, 'sslSupportMethod')),
    },
    defaultRootObject: field(spec.defaultRootObject, at(base, 'defaultRootObject')),
  };
}
