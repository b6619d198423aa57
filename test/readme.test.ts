import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempProject } from './helpers/cli';

/** The README's code is part of the product: its tour must synthesize as written. */
describe('README', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it('tour stack synthesizes as written', async () => {
    // GIVEN the tour's stacks/main.ts, with its import pointed at this repository
    const tour = /```ts\n\/\/ stacks\/main\.ts\n([\s\S]*?)```/.exec(readme);
    expect(tour).not.toBeNull();
    const dir = tempProject(tour![1].replace("from '../lib'", "from '@lib'"));
    // WHEN
    const result = await runCli(['synth'], dir);
    // THEN
    expect(result.stderr).not.toMatch(/^error/m); // warnings (e.g. images without a digest) are fine
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/prod/web/deployment-web.yaml'))).toBe(true);
  });

  it('typed settings and app handles synthesize as written', async () => {
    // GIVEN the two snippets of "App settings, images and handles" in one stack, in dev and prod
    const snippets = /### App settings, images and handles[\s\S]*?```ts\n([\s\S]*?)```[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
    expect(snippets).not.toBeNull();
    const arn = (account: string) => `'arn:aws:acm:us-east-1:${account}:certificate/1f0c9e52-5a7d-4c3b-8e26-94b1d0a7c3f8'`;
    const dir = tempProject(`
import { AppChart, AssetBucket, Cdn, CdnOrigin, CloudFlavor, Platform, Queue, Reconciler, WebService } from '@lib';
const PROD_CERTIFICATE_ARN = ${arn('777788889999')};
const DEV_CERTIFICATE_ARN = ${arn('111122223333')};
export function buildPlatform(): Platform {
  const platform = new Platform({
    name: 'pictura',
    repository: { url: 'https://github.com/pictura/platform.git' },
    environments: ['dev', 'prod'].map((name) => ({ name, reconciler: Reconciler.flux(), cloud: CloudFlavor.crossplane({ accountId: '111122223333' }), apps: { api: { imageTag: '1.0.0' } } })),
  });
${snippets![1]}
${snippets![2]}
  return platform;
}
`);
    // WHEN
    const result = await runCli(['synth'], dir);
    // THEN the CDN of each environment got its own alias, and api consumes media's bucket and queue
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const read = (file: string) => fs.readFileSync(path.join(dir, 'dist', file), 'utf8');
    expect(read('dev/media/distribution.xpm-cdn.yaml')).toContain('media.dev.pictura.example');
    expect(read('prod/media/distribution.xpm-cdn.yaml')).toContain('- media.pictura.example');
    expect(read('prod/api/configmap-api.yaml')).toMatch(/ASSETS_BUCKET_NAME: pictura-prod-assets[\s\S]*RENDER_JOBS_QUEUE_URL/);
  });

  it('names the two commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
    expect(fs.readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
