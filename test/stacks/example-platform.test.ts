import { execFileSync } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, expect, it } from 'vitest';
import { compareTrees, readTree, synthesize } from '../../lib/synth';
import { buildPlatform } from '../../stacks/main';
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
