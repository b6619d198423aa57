import { afterAll, describe, expect, it } from 'vitest';
import { DeclaredResource, DISTRIBUTION_FIELDS } from '../../lib/aws/model';
import { planCloud } from '../../lib/aws/plan';
import { exampleResources, localClients } from './helpers/example';
import { writableCloudFront, writeDistribution, writeOac } from './helpers/seed-cloudfront';
import { startServer } from './helpers/servers';

/** The CloudFront read path against moto_server, which speaks the real CloudFront wire protocol. */
const server = startServer('moto');
afterAll(() => server?.stop());

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

function example(kind: DeclaredResource['kind'], env: string): DeclaredResource {
  return structuredClone(exampleResources().find((r) => r.kind === kind && r.env === env)!);
}

/** A declared distribution with aliases of its own (an alias serves one distribution only). */
function distributionWithAlias(env: string, alias: string): DeclaredResource {
  const d = example('Distribution', env);
  // moto drops OriginAccessControlId from distribution configs, so the ACK origin's literal id
  // cannot round-trip here; the Crossplane origin names its OAC by reference anyway.
  const origins = (d.fields.origins as Record<string, unknown>[]).map(({ originAccessControlId: _id, ...o }) => o);
  return { ...d, physicalName: undefined, fields: { ...d.fields, aliases: [alias], origins } };
}

interface FieldDrift { field: typeof DISTRIBUTION_FIELDS[number]; direction: 'live has more' | 'live has less'; declared: (f: Record<string, any>) => void }

/** Labelled drift cases for distributions: the declared side edited, the live side as first written. */
const DISTRIBUTION_DRIFT: readonly FieldDrift[] = [
  { field: 'aliases', direction: 'live has more', declared: (f) => { f.aliases = []; } },
  { field: 'aliases', direction: 'live has less', declared: (f) => { f.aliases = [...f.aliases, 'extra.acme.example'].sort(); } },
  { field: 'comment', direction: 'live has more', declared: (f) => { f.comment = ''; } },
  { field: 'enabled', direction: 'live has more', declared: (f) => { f.enabled = false; } },
  { field: 'defaultRootObject', direction: 'live has less', declared: (f) => { f.defaultRootObject = 'home.html'; } },
  { field: 'priceClass', direction: 'live has less', declared: (f) => { f.priceClass = 'PriceClass_All'; } },
  { field: 'httpVersion', direction: 'live has more', declared: (f) => { f.httpVersion = 'http2'; } },
  { field: 'ipv6', direction: 'live has more', declared: (f) => { f.ipv6 = false; } },
  { field: 'viewerCertificate', direction: 'live has less', declared: (f) => { f.viewerCertificate = { ...f.viewerCertificate, minimumProtocolVersion: 'TLSv1.2_2025' }; } },
  { field: 'webAclId', direction: 'live has less', declared: (f) => { f.webAclId = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1'; } },
  { field: 'origins', direction: 'live has less', declared: (f) => { f.origins = [...f.origins, { id: 'api', domainName: 'api.acme.example', originPath: '', custom: { httpsPort: 443, protocolPolicy: 'https-only', sslProtocols: ['TLSv1.2'] } }]; } },
  { field: 'defaultCacheBehavior', direction: 'live has more', declared: (f) => { const { responseHeadersPolicyId: _p, ...rest } = f.defaultCacheBehavior; f.defaultCacheBehavior = rest; } },
  { field: 'logging', direction: 'live has less', declared: (f) => { f.logging = { bucket: 'logs.s3.amazonaws.com', prefix: 'cdn/', includeCookies: false }; } },
  { field: 'geoRestriction', direction: 'live has less', declared: (f) => { f.geoRestriction = { type: 'whitelist', locations: ['DE', 'FR'] }; } },
  { field: 'tags', direction: 'live has more', declared: (f) => { f.tags = { ...f.tags, owner: 'media' }; delete f.tags['gitplane:app']; } },
  { field: 'tags', direction: 'live has less', declared: (f) => { f.tags = { ...f.tags, owner: 'media' }; } },
];

describe.skipIf(!server)('CloudFront plan against moto', () => {
  const env = server?.env ?? {};
  const cloudfront = () => writableCloudFront(env);
  const planOf = async (resource: DeclaredResource) => (await planCloud([resource], localClients(env))).resources[0];

  it('a distribution pinned by id (Crossplane) and written as declared is = no change', async () => {
    const declared = distributionWithAlias('dev', `${unique('pinned')}.acme.example`);
    const id = await writeDistribution(cloudfront(), declared.fields as Record<string, unknown>, unique('ref'));
    const result = await planOf({ ...declared, physicalName: id });
    expect(result.fields).toEqual([]);
    expect(result.action).toBe('no-change');
    expect(result.liveId).toBeUndefined(); // already in the stacks
  });

  it('a distribution without an id yet (ACK) is found by its alias, and its id is printed for the stacks', async () => {
    const declared = distributionWithAlias('staging', `${unique('by-alias')}.acme.example`);
    const id = await writeDistribution(cloudfront(), declared.fields as Record<string, unknown>, unique('ref'));
    const result = await planOf(declared);
    expect(result.action).toBe('no-change');
    expect(result.liveId).toBe(id);
  });

  it('a distribution that does not exist is + create', async () => {
    const result = await planOf(distributionWithAlias('staging', `${unique('new')}.acme.example`));
    expect(result.action).toBe('create');
  });

  it('an alias already served by a distribution this environment does not own is ! conflict', async () => {
    const alias = `${unique('taken')}.acme.example`;
    const declared = distributionWithAlias('staging', alias);
    const other = await writeDistribution(cloudfront(), { ...declared.fields, tags: { team: 'marketing' } }, unique('ref'));
    const result = await planOf(declared);
    expect(result.action).toBe('conflict');
    expect(result.reason).toBe(`an alias is already used by distribution ${other}, which is not tagged gitplane:environment=staging (not managed by this platform; adopt it with gitplane import)`);
  });

  it('a pinned id that does not exist is ! conflict, never a silent create', async () => {
    const result = await planOf({ ...distributionWithAlias('dev', 'x.acme.example'), physicalName: 'E0000000000000' });
    expect(result.action).toBe('conflict');
    expect(result.reason).toContain('distribution id E0000000000000, which does not exist');
  });

  describe('labelled drift cases', () => {
    for (const drift of DISTRIBUTION_DRIFT) {
      it(`${drift.field} (${drift.direction})`, async () => {
        const declared = distributionWithAlias('dev', `${unique('drift')}.acme.example`);
        const id = await writeDistribution(cloudfront(), declared.fields as Record<string, unknown>, unique('ref'));
        const fields = structuredClone(declared.fields) as Record<string, any>;
        drift.declared(fields);
        const result = await planOf({ ...declared, physicalName: id, fields });
        expect(result.action).toBe('update');
        expect(result.fields.map((f) => f.field)).toEqual([drift.field]);
      });
    }
  });

  describe('origin access controls', () => {
    it('an existing OAC is = no change and its id is printed (ACK needs it in the origin)', async () => {
      const declared = { ...example('OriginAccessControl', 'staging'), physicalName: unique('oac') };
      const id = await writeOac(cloudfront(), declared.physicalName, declared.fields as Record<string, unknown>);
      const result = await planOf(declared);
      expect([result.action, result.liveId]).toEqual(['no-change', id]);
    });

    it('an OAC that signs differently is ~ update', async () => {
      const declared = { ...example('OriginAccessControl', 'dev'), physicalName: unique('oac') };
      await writeOac(cloudfront(), declared.physicalName, { ...declared.fields, signingBehavior: 'no-override' });
      const result = await planOf(declared);
      expect(result.action).toBe('update');
      expect(result.fields).toEqual([{ field: 'signingBehavior', status: 'changed', declared: 'always', live: 'no-override' }]);
    });

    it('a missing OAC is + create', async () => {
      expect((await planOf({ ...example('OriginAccessControl', 'prod'), physicalName: unique('oac') })).action).toBe('create');
    });
  });
});
