import * as fs from 'fs';
import * as path from 'path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, runCli, tempProject } from '../helpers/cli';
import { writableS3, writeBucket } from './helpers/seed';
import { startServer } from './helpers/servers';

/**
 * plan and import through the CLI against real S3 servers, with endpoints and credentials from the
 * SDK's standard environment variables, as a user runs them.
 */
// One server is enough here (the S3 suite covers both): radosgw, or moto where radosgw is not installed.
const rgw = startServer('radosgw');
const servers = rgw
  ? [{ name: 'radosgw', server: rgw, unsupported: ['ownershipControls', 'encryption'] }]
  : [{ name: 'moto', server: startServer('moto'), unsupported: [] as string[] }];
afterAll(() => { for (const s of servers) s.server?.stop(); });
afterEach(() => { vi.unstubAllEnvs(); });

let counter = 0;

/** A project that, like a user's, has cdk8s and constructs installed (the imported code uses them). */
function project(source: string): string {
  const dir = tempProject(source);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function stacks(importedModule: string): string {
  return `
import { CloudFlavor, Platform, Reconciler } from '@lib';
${importedModule ? "import { importedResources } from './imported';" : ''}
export function buildPlatform(): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [
      { name: 'dev', reconciler: Reconciler.flux(), cloud: CloudFlavor.crossplane({ providerConfig: 'aws-dev', accountId: '111122223333' }), region: 'us-east-1' },
      { name: 'staging', reconciler: Reconciler.argoCd(), cloud: CloudFlavor.ack({ accountId: '444455556666' }), region: 'us-east-1' },
    ],
  });
  platform.addApp('legacy', (app) => { ${importedModule ? 'importedResources(app);' : ''} });
  return platform;
}
`;
}

for (const { name, server, unsupported } of servers) {
  const env = server ? { ...server.env, AWS_ENDPOINT_URL_S3: server.env.AWS_ENDPOINT_URL_S3 ?? server.env.AWS_ENDPOINT_URL_CLOUDFRONT } : {};

  describe.skipIf(!server)(`import and plan through the CLI against ${name}`, () => {
    function useServer(): void {
      for (const [key, value] of Object.entries({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', ...env, AWS_REGION: 'us-east-1' })) vi.stubEnv(key, value);
    }

    /** A bucket someone created by hand: everything AssetBucket can express, no gitplane tags. */
    async function legacyBucket(): Promise<string> {
      const bucket = `legacy-uploads-${process.pid}-${++counter}`;
      await writeBucket(writableS3(env), bucket, {
        versioning: 'Enabled',
        publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        ownershipControls: 'BucketOwnerEnforced',
        encryption: { algorithm: 'AES256', bucketKey: false },
        policy: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        },
        lifecycle: [{ id: 'abort-incomplete-multipart-uploads', status: 'Enabled', prefix: '', abortIncompleteMultipartUploadDays: 3, noncurrentVersionExpirationDays: 30 }],
        cors: [{ allowedOrigins: ['https://app.acme.example'], allowedMethods: ['PUT'], allowedHeaders: ['*'], exposeHeaders: ['ETag'], maxAgeSeconds: 600 }],
        tags: { team: 'media' },
        objectLock: false,
      }, unsupported);
      return bucket;
    }

    it('round trip: import, paste, synth, plan = no change for both flavors', async () => {
      // GIVEN a bucket made by hand
      useServer();
      const bucket = await legacyBucket();
      const dir = project(stacks(''));
      // WHEN it is imported and the printed TypeScript is pasted into the stacks
      const imported = await runCli(['import', 's3', bucket, '--env', 'dev', '--app', 'legacy', '--from', path.join(REPO_ROOT, 'lib')], dir);
      expect(imported.stderr).not.toMatch(/error/);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('abortIncompleteUploadsAfter: Duration.days(3)');
      expect(imported.stdout).toContain("tags: { 'team': 'media' }");
      fs.writeFileSync(path.join(dir, 'stacks/imported.ts'), imported.stdout);
      fs.writeFileSync(path.join(dir, 'stacks/main.ts'), stacks('imported').split('@lib').join(path.join(REPO_ROOT, 'lib')));
      // THEN the plan of the fresh synthesis finds nothing to change, in both environments
      const plan = await runCli(['plan', '--json'], dir);
      const result = JSON.parse(plan.stdout);
      expect(result.version).toBe(1);
      expect(result.resources.map((r: { env: string; action: string; observeOnly: boolean }) => [r.env, r.action, r.observeOnly]))
        .toEqual([['dev', 'no-change', true], ['staging', 'no-change', true]]);
      expect(plan.code).toBe(0);
      // AND the synthesized objects adopt the bucket without writing to it
      const synth = await runCli(['synth'], dir);
      expect(synth.code).toBe(0);
      const devBucket = fs.readFileSync(path.join(dir, `dist/dev/legacy/bucket.xpm-${bucket}.yaml`), 'utf8');
      // Crossplane: with managementPolicies [Observe] the provider only reads the external resource
      // named by crossplane.io/external-name and never creates, updates or deletes it.
      expect(devBucket).toMatch(/managementPolicies:\n {4}- Observe\n/);
      expect(devBucket).toContain(`crossplane.io/external-name: ${bucket}`);
      const ackBucket = fs.readFileSync(path.join(dir, `dist/staging/legacy/bucket.ack-${bucket}.yaml`), 'utf8');
      // ACK: adoption-policy adopt + adoption-fields makes the controller look the bucket up by name
      // instead of creating it; read-only keeps it from writing the spec back.
      expect(ackBucket).toContain('services.k8s.aws/adoption-policy: adopt');
      expect(ackBucket).toContain(`services.k8s.aws/adoption-fields: '{"name":"${bucket}"}'`);
      expect(ackBucket).toContain("services.k8s.aws/read-only: 'true'");
      // AND drift of the written dist/ (no stack code runs) agrees with plan
      const drift = await runCli(['drift', '--json'], dir);
      expect(drift.code).toBe(0);
      expect(JSON.parse(drift.stdout).resources).toEqual(result.resources);
    });

    it('plan exits 2 and names the field when the live bucket drifted, in every format', async () => {
      useServer();
      const bucket = await legacyBucket();
      const dir = project(stacks(''));
      const imported = await runCli(['import', 's3', bucket, '--from', path.join(REPO_ROOT, 'lib')], dir);
      // someone changes the CORS rule in the console after the import
      fs.writeFileSync(path.join(dir, 'stacks/imported.ts'), imported.stdout.replace("'https://app.acme.example'", "'https://new.acme.example'"));
      fs.writeFileSync(path.join(dir, 'stacks/main.ts'), stacks('imported').split('@lib').join(path.join(REPO_ROOT, 'lib')));
      const text = await runCli(['plan', '--env', 'dev'], dir);
      expect(text.code).toBe(2);
      expect(text.stdout).toContain(`~ Bucket ${bucket}  update`);
      expect(text.stdout).toMatch(/cors: live only \{.*"allowedOrigins":\["https:\/\/app\.acme\.example"\].*\}/);
      expect(text.stdout).toMatch(/cors: declared only \{.*"allowedOrigins":\["https:\/\/new\.acme\.example"\].*\}/);
      const markdown = await runCli(['plan', '--env', 'dev', '--format', 'markdown'], dir);
      expect(markdown.stdout).toContain(`| \`~\` | dev/legacy | Bucket | \`${bucket}\` | update |`);
      const json = JSON.parse((await runCli(['plan', '--env', 'dev', '--json'], dir)).stdout);
      expect(json.resources[0].fields.filter((f: { status: string }) => f.status === 'changed').map((f: { field: string }) => f.field)).toEqual(['cors']);
    });

    it('plan exits 4 and marks exactly the unreadable resources ? unknown when the server is unreachable', async () => {
      useServer();
      vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:9');
      const dir = project(stacks('imported'));
      fs.writeFileSync(path.join(dir, 'stacks/imported.ts'), `import { Construct } from 'constructs';\nimport { AssetBucket } from '${path.join(REPO_ROOT, 'lib')}';\nexport function importedResources(app: Construct): void { new AssetBucket(app, 'b', { bucketName: 'unreachable-bucket' }); }\n`);
      const result = await runCli(['plan', '--timeout', '5'], dir);
      expect(result.code).toBe(4);
      expect(result.stdout).toMatch(/\? Bucket unreachable-bucket {2}unknown/);
      expect(result.stdout).toContain('0 to create, 0 to update, 0 unchanged, 0 conflict(s), 2 unknown');
    });
  });
}

describe('bad input', () => {
  it('fails if --env names an environment that does not exist', async () => {
    const dir = tempProject(stacks(''));
    const result = await runCli(['plan', '--env', 'qa'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: --env "qa" is not defined. Fix: use one of: dev, staging');
  });

  it('fails if drift finds no manifests', async () => {
    const dir = tempProject(stacks(''));
    const result = await runCli(['drift'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: dist/ holds no manifests. Fix: run npm run synth and commit dist/');
  });

  it('fails if --profile is not ENV=PROFILE', async () => {
    const dir = tempProject(stacks(''));
    const result = await runCli(['plan', '--profile', 'prod'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--profile "prod" must be ENV=PROFILE');
  });

  it('fails if --concurrency is not a positive whole number', async () => {
    const dir = tempProject(stacks(''));
    const result = await runCli(['plan', '--concurrency', '0'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--concurrency must be a positive whole number, got 0');
  });

  it('fails if a CloudFront id is not an id', async () => {
    const result = await runCli(['import', 'cloudfront', 'my-cdn'], REPO_ROOT);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"my-cdn" is not a CloudFront distribution id');
  });
});
