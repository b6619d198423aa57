import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });
}

describe('gitplane check --git', () => {
  it('fails while dist/ has uncommitted changes and passes once they are committed', async () => {
    // GIVEN a real repository with a freshly synthesized, uncommitted dist/
    const dir = tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
export const buildPlatform = () => rawPlatform({ apps: 1 });
`);
    git(dir, 'init', '-q', '-b', 'main');
    expect((await runCli(['synth'], dir)).code).toBe(0);
    // WHEN
    const before = await runCli(['check', '--git'], dir);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'synth');
    const after = await runCli(['check', '--git'], dir);
    // THEN
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('  uncommitted  ?? dist/dev/app-0/configmap-config-0.yaml');
    expect(before.stderr).toBe('error: dist/ is out of date: 4 path(s) are not committed. Fix: run npm run synth and commit dist/\n');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('check: dist/ is up to date (4 files) and committed\n');
  });

  it('fails with a hint when the folder is not a git repository', async () => {
    const dir = tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
export const buildPlatform = () => rawPlatform({ apps: 1 });
`);
    fs.mkdirSync(path.join(dir, 'dist'));
    const result = await runCli(['check', '--git'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: git status failed in .+: .+\. Fix: is this a git repository, and is git installed\? Run without --git otherwise\n$/);
  });
});
