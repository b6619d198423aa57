import * as fs from 'fs';
import * as path from 'path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { declaredResources } from '../../lib/aws/declared';
import { loadPlatform } from '../../lib/cli/load-platform';
import { synthesize } from '../../lib/synth/synthesize';
import { REPO_ROOT, runCli, tempProject } from '../helpers/cli';
import { writableS3, writeBucket } from './helpers/seed';
import { CloudFrontClient, GetDistributionCommand, ListDistributionsCommand, ListOriginAccessControlsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { distributionConfig } from './helpers/seed-cloudfront';
import { startServer } from './helpers/servers';

/**
 * import cloudfront: a distribution and the bucket it serves, round trip to plan. The bucket lives in
 * moto's S3; the distribution is answered by aws-sdk-client-mock because moto's distribution ids
 * ("AGZ0R063AL58W") are not CloudFront ids ("E" + 13), which Cdn rightly refuses.
 */
const server = startServer('moto');
afterAll(() => server?.stop());
const cloudfrontMock = mockClient(CloudFrontClient);
afterEach(() => { vi.unstubAllEnvs(); cloudfrontMock.reset(); });

const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/1f0c9e52-5a7d-4c3b-8e26-94b1d0a7c3f8';

function platformSource(body: string, imports: string): string {
  return `
import { AssetBucket, Cdn, CdnOrigin, CloudFlavor, Platform, Reconciler } from '@lib';
${imports}
export function buildPlatform(): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'dev', reconciler: Reconciler.flux(), cloud: CloudFlavor.crossplane({ providerConfig: 'aws-dev', accountId: '111122223333' }), region: 'us-east-1' }],
  });
  platform.addApp('media', (app) => { ${body} });
  return platform;
}
`;
}

describe.skipIf(!server)('import cloudfront against moto', () => {
  it('round trip: the distribution and its bucket plan = no change after import, paste, synth', async () => {
    for (const [k, v] of Object.entries({ AWS_ENDPOINT_URL_S3: server!.env.AWS_ENDPOINT_URL_CLOUDFRONT, AWS_ENDPOINT_URL_CLOUDFRONT: server!.env.AWS_ENDPOINT_URL_CLOUDFRONT, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' })) vi.stubEnv(k, v);
    const bucket = `media-assets-${process.pid}`;
    const alias = `media-${process.pid}.acme.example`;
    const body = (id?: string) => `const assets = new AssetBucket(app, 'assets', { bucketName: '${bucket}' });
      new Cdn(app, 'cdn', { origin: CdnOrigin.fromBucket(assets), aliases: ['${alias}'], certificateArn: '${CERT}'${id ? `, distributionId: '${id}'` : ''} });`;
    const declare = (id?: string) => {
      const dir = tempProject(platformSource(body(id), ''));
      return declaredResources(synthesize(loadPlatform(dir, 'stacks/main.ts')).objects.map((o) => ({ env: o.environment, app: o.app, object: o.object })));
    };
    // GIVEN a distribution and the bucket it serves, made as gitplane would have declared them
    const first = declare();
    const id = 'E2IMPORTTEST0A';
    const distribution = first.find((r) => r.kind === 'Distribution')!;
    const arn = `arn:aws:cloudfront::111122223333:distribution/${id}`;
    cloudfrontMock.on(GetDistributionCommand, { Id: id }).resolves({ Distribution: { Id: id, ARN: arn, DistributionConfig: distributionConfig({ ...distribution.fields, origins: (distribution.fields.origins as object[]).map((o) => ({ ...o, originAccessControlId: 'E3OACIMPORT001' })) }, 'ref') } as never });
    cloudfrontMock.on(ListTagsForResourceCommand).resolves({ Tags: { Items: [{ Key: 'owner', Value: 'media' }] } });
    cloudfrontMock.on(ListDistributionsCommand).resolves({ DistributionList: { Items: [], IsTruncated: false } as never });
    cloudfrontMock.on(ListOriginAccessControlsCommand).resolves({ OriginAccessControlList: { Items: [], IsTruncated: false } as never });
    const withId = declare(id);
    await writeBucket(writableS3({ AWS_ENDPOINT_URL_S3: server!.env.AWS_ENDPOINT_URL_CLOUDFRONT }), bucket, withId.find((r) => r.kind === 'Bucket')!.fields as Record<string, unknown>);
    // WHEN the distribution is imported and the code pasted
    const dir = tempProject(platformSource('', ''));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const imported = await runCli(['import', 'cloudfront', id, '--env', 'dev', '--app', 'media', '--from', path.join(REPO_ROOT, 'lib')], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`origin: CdnOrigin.fromBucket(`);
    expect(imported.stdout).toContain(`distributionId: '${id}'`);
    // the origin's live OAC is pinned and adopted too, so no second OAC is created for it
    expect(imported.stdout).toContain("originAccessControlId: 'E3OACIMPORT001'");
    expect(imported.stdout).toContain(`adoptOnFirstSync(cdnCdn, { Distribution: { id: '${id}' }, OriginAccessControl: { id: 'E3OACIMPORT001' } });`);
    fs.writeFileSync(path.join(dir, 'stacks/imported.ts'), imported.stdout);
    fs.writeFileSync(path.join(dir, 'stacks/main.ts'), platformSource('importedResources(app);', "import { importedResources } from './imported';").split('@lib').join(path.join(REPO_ROOT, 'lib')));
    const plan = JSON.parse((await runCli(['plan', '--json'], dir)).stdout);
    // THEN the bucket and the distribution are unchanged and observe-only
    const byKind = Object.fromEntries(plan.resources.map((r: { kind: string }) => [r.kind, r]));
    expect([byKind.Bucket.action, byKind.Bucket.observeOnly]).toEqual(['no-change', true]);
    expect([byKind.Distribution.action, byKind.Distribution.physicalName, byKind.Distribution.observeOnly]).toEqual(['no-change', id, true]);
  });
});
