import {
  GetDistributionCommand, ListDistributionsCommand, ListOriginAccessControlsCommand, ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudfront';
import { behavior, distributionModel, origin, viewerCertificate } from './declared';
import { describeError, isMissing, unknownField } from './errors';
import { LiveField, LiveResource } from './model';
import { sortKeys, tagsFrom } from './normalize';
import { SendingClient } from './read-only';

interface DistributionSummary { readonly id: string; readonly aliases: readonly string[] }
interface OacSummary { readonly id: string; readonly name: string; readonly fields: Record<string, unknown> }

/**
 * Live CloudFront state for one plan. The account-wide lists (distributions, origin access controls)
 * are read once and shared by every resource that needs them.
 */
export class CloudFrontReader {
  private distributions?: Promise<DistributionSummary[]>;
  private oacs?: Promise<OacSummary[]>;

  constructor(private readonly cloudfront: SendingClient) {}

  /** The live distribution with `id`, or missing. */
  public async distributionById(id: string): Promise<LiveResource> {
    let answer: any;
    try {
      answer = await this.cloudfront.send(new GetDistributionCommand({ Id: id }));
    } catch (error) {
      if (isMissing(error)) return { status: 'missing' };
      return { status: 'unknown', reason: `GetDistribution failed: ${describeError(error)}` };
    }
    const distribution = answer.Distribution ?? {};
    const fields: Record<string, LiveField> = {};
    for (const [field, value] of Object.entries(distributionFields(distribution.DistributionConfig ?? {}))) fields[field] = { value };
    try {
      const tags = await this.cloudfront.send(new ListTagsForResourceCommand({ Resource: distribution.ARN })) as any;
      fields.tags = { value: tagsFrom(tags.Tags?.Items) };
    } catch (error) {
      fields.tags = unknownField(error);
    }
    return { status: 'found', id: distribution.Id ?? id, fields: sortKeys(fields) as Record<string, LiveField> };
  }

  /** Distributions (id) that serve any of `aliases`. */
  public async withAliases(aliases: readonly string[]): Promise<string[]> {
    const all = await this.listDistributions();
    return all.filter((d) => d.aliases.some((a) => aliases.includes(a))).map((d) => d.id);
  }

  public async originAccessControl(name: string): Promise<LiveResource> {
    let all: OacSummary[];
    try {
      all = await this.listOacs();
    } catch (error) {
      return { status: 'unknown', reason: `ListOriginAccessControls failed: ${describeError(error)}` };
    }
    const found = all.find((o) => o.name === name);
    if (!found) return { status: 'missing' };
    return { status: 'found', id: found.id, fields: Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k, { value: v }])) };
  }

  private listDistributions(): Promise<DistributionSummary[]> {
    this.distributions ??= paginate(async (Marker) => {
      const page = (await this.cloudfront.send(new ListDistributionsCommand({ Marker }))) as any;
      const list = page.DistributionList ?? {};
      return {
        items: await Promise.all((list.Items ?? []).map(async (d: any) => ({ id: d.Id, aliases: d.Aliases ? d.Aliases.Items ?? [] : await this.aliasesOf(d.Id) }))),
        next: list.IsTruncated ? list.NextMarker : undefined,
      };
    });
    return this.distributions;
  }

  /** AWS lists a distribution's aliases in its summary; a server that leaves them out is asked per id. */
  private async aliasesOf(id: string): Promise<string[]> {
    const answer = (await this.cloudfront.send(new GetDistributionCommand({ Id: id }))) as any;
    return answer.Distribution?.DistributionConfig?.Aliases?.Items ?? [];
  }

  private listOacs(): Promise<OacSummary[]> {
    this.oacs ??= paginate(async (Marker) => {
      const page = (await this.cloudfront.send(new ListOriginAccessControlsCommand({ Marker }))) as any;
      const list = page.OriginAccessControlList ?? {};
      return {
        items: (list.Items ?? []).map((o: any) => ({
          id: o.Id,
          name: o.Name,
          fields: { originType: o.OriginAccessControlOriginType ?? '', signingBehavior: o.SigningBehavior ?? '', signingProtocol: o.SigningProtocol ?? '' },
        })),
        next: list.IsTruncated ? list.NextMarker : undefined,
      };
    });
    return this.oacs;
  }
}

async function paginate<T>(page: (marker?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const { items, next } = await page(marker);
    all.push(...items);
    if (!next || next === marker) break;
    marker = next;
  }
  return all;
}

/** A DistributionConfig from the CloudFront API in the normal form of `declaredResources`. */
export function distributionFields(c: Record<string, any>): Record<string, unknown> {
  const cert = c.ViewerCertificate ?? {};
  const geo = c.Restrictions?.GeoRestriction ?? {};
  return distributionModel({
    aliases: c.Aliases?.Items,
    comment: c.Comment,
    enabled: c.Enabled,
    defaultRootObject: c.DefaultRootObject,
    priceClass: c.PriceClass,
    httpVersion: c.HttpVersion,
    ipv6: c.IsIPV6Enabled,
    viewerCertificate: viewerCertificate(cert.ACMCertificateArn, cert.MinimumProtocolVersion, cert.SSLSupportMethod),
    webAclId: c.WebACLId,
    origins: (c.Origins?.Items ?? []).map((o: any) => origin(o.Id, o.DomainName, o.OriginPath, o.OriginAccessControlId,
      o.CustomOriginConfig && { httpsPort: o.CustomOriginConfig.HTTPSPort, protocolPolicy: o.CustomOriginConfig.OriginProtocolPolicy, sslProtocols: o.CustomOriginConfig.OriginSslProtocols?.Items })),
    defaultCacheBehavior: behavior(c.DefaultCacheBehavior ?? {}, 'api'),
    cacheBehaviors: (c.CacheBehaviors?.Items ?? []).map((b: any) => behavior(b, 'api')),
    logging: c.Logging?.Enabled ? { bucket: c.Logging.Bucket, prefix: c.Logging.Prefix, includeCookies: c.Logging.IncludeCookies } : undefined,
    geoType: geo.RestrictionType,
    geoLocations: geo.Items,
  });
}
