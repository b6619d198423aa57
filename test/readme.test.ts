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

  it('names the two commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
    expect(fs.readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
