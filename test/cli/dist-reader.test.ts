import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';
import { snapshotTree, tempDir } from '../helpers/temp';

/**
 * Every command that reads dist/ (check, validate, policy check, synth) reads it through the one
 * manifest reader, so each refuses the same things: links and special files are never followed or
 * opened, and every file type a reconciler applies is read.
 */
const PASSWORD = ['hunter2', 'netrc', 'password'].join('-');

function project(): string {
  return tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
export const buildPlatform = () => rawPlatform({ apps: 1 });
`);
}

function netrc(): string {
  const file = path.join(tempDir(), '.netrc');
  fs.writeFileSync(file, `machine github.com login deploy password ${PASSWORD}\n`);
  return file;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });
}

const READERS: [string, string[]][] = [
  ['check', ['check']],
  ['check --git', ['check', '--git']],
  ['validate', ['validate']],
  ['policy check dist', ['policy', 'check', 'dist']],
  ['synth', ['synth']],
];

describe.each(READERS)('gitplane %s', (_, argv) => {
  it('refuses a symlink in dist/ that points outside the repository, without printing its target', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    const file = path.join(dir, 'dist/dev/app-0/configmap-config-0.yaml');
    fs.rmSync(file);
    fs.symlinkSync(netrc(), file);
    const before = snapshotTree(path.join(dir, 'dist'));
    const result = await runCli(argv, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(argv[0] === 'policy'
      ? /^error: dist\/dev\/app-0\/configmap-config-0\.yaml is a symlink; gitplane reads only regular files and never follows links\. Fix: pass the file itself instead of a link to it\n$/
      : /^error: dist\/dev\/app-0\/configmap-config-0\.yaml is a symlink; dist\/ holds only regular files written by synth\. Fix: remove it and run npm run synth\n$/);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain('internal error');
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('refuses a FIFO in dist/ instead of hanging', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    execFileSync('mkfifo', [path.join(dir, 'dist/dev/app-0/pipe.yaml')]);
    const result = await runCli(argv, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pipe\.yaml is a FIFO; .+\. Fix: /);
  });
});

describe('dist/ files of every type a reconciler applies', () => {
  const plainSecret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak', namespace: 'dev-app-0' }, stringData: { password: 'swordfish-swordfish-42' } };

  it.each([
    ['a .json file', 'dev/app-0/secret-leak.json', JSON.stringify(plainSecret)],
    ['a Secret wrapped in kind: List', 'dev/app-0/list.yaml', `apiVersion: v1\nkind: List\nitems:\n- ${JSON.stringify(plainSecret)}\n`],
    ['a Secret wrapped in a .json SecretList', 'dev/app-0/list.json', JSON.stringify({ apiVersion: 'v1', kind: 'SecretList', items: [plainSecret] })],
  ])('validate scans %s and reports the plaintext Secret (SEC-001) without printing it', async (_, file, text) => {
    const dir = project();
    await runCli(['synth'], dir);
    fs.writeFileSync(path.join(dir, 'dist', file), text);
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`SEC-001 Secret/dev-app-0/leak`));
    expect(result.stdout + result.stderr).not.toContain('swordfish');
  });

  it('policy check reads .json files and flattens Lists', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [plainSecret] }));
    const result = await runCli(['policy', 'check', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.json');
    expect(result.stdout).toContain('SEC-001');
  });

  it('check refuses a file of another extension in dist/', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    fs.writeFileSync(path.join(dir, 'dist/dev/NOTES.md'), '# notes');
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: dist/dev/NOTES.md is not a manifest file (.yaml, .yml or .json); dist/ holds only files written by synth. Fix: remove it (keep notes outside dist/) and run npm run synth\n');
  });

  it('check reports a YAML alias bomb added by hand as a user error', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    const lines = ['a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
    fs.writeFileSync(path.join(dir, 'dist/dev/app-0/bomb.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n${lines.join('\n')}\n`);
    for (const argv of [['check'], ['validate'], ['policy', 'check', 'dist']]) {
      const result = await runCli(argv, dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: dist\/dev\/app-0\/bomb\.yaml: too many YAML aliases/);
    }
  });
});

describe('gitplane check in a git repository', () => {
  it('calls a file "edited" only when it differs from both the commit and the synthesis', async () => {
    // GIVEN a committed, current dist/
    const dir = project();
    git(dir, 'init', '-q', '-b', 'main');
    await runCli(['synth'], dir);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'synth');
    const file = path.join(dir, 'dist/dev/app-0/configmap-config-0.yaml');
    // WHEN one file is edited by hand, and the stacks change another one's content
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('zeta: z', 'zeta: by-hand'));
    const stacks = path.join(dir, 'stacks/main.ts');
    fs.writeFileSync(stacks, fs.readFileSync(stacks, 'utf8').replace('apps: 1', "apps: 1, version: '2'"));
    const result = await runCli(['check'], dir);
    // THEN the hand edit is called one; files merely behind the stacks are "outdated"
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  edited    (differs from synth and from the commit: edited by hand?)  dist/dev/app-0/configmap-config-0.yaml');
    expect(result.stdout).toMatch(/ {2}outdated {2}\(synth would rewrite it\) {2}dist\/prod\/app-0\/configmap-config-0\.yaml/);
  });
});
