import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, expect, it } from 'vitest';
import { compareTrees, readTree, synthesize } from '../../lib/synth';
import { buildPlatform } from '../../stacks/main';
import { CRDS_DIR, HAS_CRDS } from '../helpers/crds';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '../..');

describe('example platform', () => {
  it('matches the committed dist/ exactly', () => {
    // GIVEN the stacks and the committed dist/
    const synthesis = synthesize(buildPlatform());
    // WHEN
    const differences = compareTrees(synthesis.files, readTree(path.join(ROOT, 'dist')));
    // THEN
    expect(differences.map((d) => `${d.status} ${d.path}`)).toEqual([]);
  });

  it('covers three environments on both reconcilers, with prod on Argo CD', () => {
    const { objects } = synthesize(buildPlatform());
    const kindsIn = (env: string) => new Set(objects.filter((o) => o.environment === env).map((o) => o.object.kind));
    expect([...new Set(objects.map((o) => o.environment))].sort()).toEqual(['dev', 'prod', 'staging']);
    expect(kindsIn('prod').has('Application')).toBe(true);
    expect(kindsIn('dev').has('Kustomization')).toBe(true);
    for (const env of ['dev', 'staging', 'prod']) {
      for (const kind of ['Deployment', 'Service', 'Ingress', 'HorizontalPodAutoscaler', 'CronJob']) expect(kindsIn(env).has(kind), `${env} ${kind}`).toBe(true);
    }
  });

  it('pins prod to a release tag: every app Application reads the tag, the root follows main', () => {
    // Argo CD resolves an Application's targetRevision (branch, tag or commit) on every refresh; a tag
    // never moves, so prod runs exactly the tagged dist/prod. The root reads argocd/ on main, so a tag
    // bump committed there re-points every Application (see test/gitops/tag-pinning.test.ts).
    const { objects } = synthesize(buildPlatform());
    const applications = objects.filter((o) => o.environment === 'prod' && o.object.kind === 'Application');
    const revision = (o: (typeof objects)[number]) => (o.object.spec as { source: { targetRevision: string } }).source.targetRevision;
    const root = applications.filter((o) => o.object.metadata.name === 'prod-root');
    expect(root.map(revision)).toEqual(['main']);
    const apps = applications.filter((o) => o.object.metadata.name !== 'prod-root');
    expect(apps.length).toBeGreaterThan(3);
    expect(new Set(apps.map(revision))).toEqual(new Set(['release-2026.11.3']));
  });

  it('still synthesizes through the stock cdk8s path (the app command in cdk8s.yaml)', () => {
    // GIVEN what `cdk8s synth` does: run the app with CDK8S_OUTDIR set
    const out = tempDir();
    // WHEN
    execFileSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, 'stacks/main.ts'], {
      cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: out }, stdio: 'pipe',
    });
    // THEN cdk8s wrote one file per chart holding the same objects gitplane writes
    const written = [...readTree(out).values()].join('\n');
    const count = (written.match(/^kind: /gm) ?? []).length;
    expect(count).toBe(synthesize(buildPlatform()).objects.length);
  });
});

describe('example platform API use', () => {
  const { objects } = synthesize(buildPlatform());
  const find = (env: string, app: string, kind: string, name: string) =>
    objects.find((o) => o.environment === env && o.app === app && o.object.kind === kind && o.object.metadata.name === name)!.object as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('takes per-environment media values from typed settings', () => {
    expect(find('dev', 'media', 'Distribution', 'cdn').spec.forProvider.aliases).toEqual(['media.dev.pictura.example']);
    expect(find('prod', 'media', 'Distribution', 'prod-cdn').spec.forProvider.aliases).toEqual(['media.pictura.example']);
  });

  it('runs the cleanup job with an image of its own, pinned per environment, beside the api image', () => {
    const image = (env: string, kind: string, name: string) => {
      const object = find(env, 'api', kind, name);
      return (kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec).containers[0].image;
    };
    expect(image('prod', 'CronJob', 'cleanup')).toBe('ghcr.io/pictura/cleanup:1.4.0@sha256:75e0b7f2ac6e983538c7bc535f2d571bd9c3bace8e4f45a13a081cd6622dd913');
    expect(image('dev', 'CronJob', 'cleanup')).toMatch(/^ghcr\.io\/pictura\/cleanup:1\.5\.0-rc\.1@sha256:/);
    expect(image('prod', 'Deployment', 'api')).toMatch(/^ghcr\.io\/pictura\/api:3\.8\.1@sha256:/);
  });

  it('reaches other apps through typed handles, never by looking up children and casting', () => {
    const sources = ['main.ts', 'apps/api.ts', 'apps/web.ts', 'apps/media.ts', 'apps/asset-processor.ts']
      .map((file) => fs.readFileSync(path.join(ROOT, 'stacks', file), 'utf8')).join('\n');
    expect(sources).not.toMatch(/findChild|\bas (Queue|AssetBucket|Cdn|WebService)\b|app\.app\(/);
    expect(find('prod', 'api', 'ConfigMap', 'api').data.RENDER_JOBS_QUEUE_URL).toContain('prod-media-render-jobs');
    expect(find('prod', 'web', 'ConfigMap', 'web').data.API_URL).toBe('http://api.prod-api.svc.cluster.local:80');
    expect(find('prod', 'api', 'Deployment', 'api').metadata.annotations['secret.reloader.stakater.com/reload']).toBe('db-credentials');
  });
});

describe('example platform output', () => {
  it('is secure by default: zero policy findings in every environment profile', () => {
    const { policy } = synthesize(buildPlatform());
    expect(policy.findings.map((f) => `${f.ruleId} ${f.object}`)).toEqual([]);
    expect(policy.checked).toBeGreaterThan(100);
  });

  it('has the cloud guarantees in every environment: private encrypted versioned buckets, HTTPS-only CDNs with OAC, encrypted queues with DLQs, protected prod', () => {
    const { objects } = synthesize(buildPlatform());
    const of = (env: string, kind: string) => objects.filter((o) => o.environment === env && o.object.kind === kind).map((o) => o.object as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    // Crossplane (dev, prod): separate settings objects
    for (const env of ['dev', 'prod']) {
      expect(of(env, 'BucketPublicAccessBlock')[0].spec.forProvider).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(of(env, 'BucketVersioning')[0].spec.forProvider.versioningConfiguration.status).toBe('Enabled');
      expect(of(env, 'BucketServerSideEncryptionConfiguration')).toHaveLength(1);
      expect(of(env, 'OriginAccessControl')).toHaveLength(1);
      const queues = of(env, 'Queue');
      expect(queues).toHaveLength(2);
      expect(queues.every((q) => q.spec.forProvider.sqsManagedSseEnabled === true || q.spec.forProvider.kmsMasterKeyId)).toBe(true);
    }
    // ACK (staging): settings inline
    const bucket = of('staging', 'Bucket')[0];
    expect(bucket.spec.publicAccessBlock).toMatchObject({ blockPublicACLs: true, blockPublicPolicy: true, ignorePublicACLs: true, restrictPublicBuckets: true });
    expect(bucket.spec.versioning.status).toBe('Enabled');
    expect(of('staging', 'Queue').every((q) => q.spec.sqsManagedSSEEnabled === 'true' || q.spec.kmsMasterKeyID)).toBe(true);
    // Protection: every prod cloud object is kept by its controller and by Argo CD
    const prodCloud = objects.filter((o) => o.environment === 'prod' && o.object.apiVersion.includes('.aws.upbound.io/'));
    expect(prodCloud.length).toBeGreaterThan(8);
    for (const { object } of prodCloud) {
      const spec = object.spec as Record<string, unknown>;
      expect(spec.deletionPolicy, object.metadata.name).toBe('Orphan');
      expect(object.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });

  it.skipIf(!HAS_CRDS)('validates against the Kubernetes 1.28 API and the upstream CRDs, with no unknown kinds', async () => {
    const { createValidator } = await import('../../lib/schema');
    const { objects } = synthesize(buildPlatform());
    const report = createValidator({ schemaDirs: [CRDS_DIR] }).validateAll(objects.map((o) => ({ file: o.constructPath, object: o.object })));
    expect(report.findings).toEqual([]);
  }, 60_000); // compiling every upstream CRD schema takes seconds on a busy machine; this bounds a hang, it does not time anything
});
