import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ReviewDocument } from '../../lib/review';
import { journalText } from '../../lib/synth';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { clone, find, platform } from '../review/fixtures';
import { buildPair, Case, RISKY, SAFE } from '../review/pairs';

/** A real repository whose dist/ holds `docs`; returns its folder. */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
}

function writeDist(dir: string, docs: readonly ReviewDocument[]): void {
  fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const byFile = new Map<string, unknown[]>();
  for (const doc of docs) byFile.set(doc.file, [...(byFile.get(doc.file) ?? []), doc.object]);
  for (const [file, objects] of byFile) {
    const target = path.join(dir, 'dist', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, objects.map((o) => stringify(o)).join('---\n'));
  }
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** A repository with `base` committed on main and, when given, `head` committed on branch `change`. */
function repo(base: readonly ReviewDocument[], head?: readonly ReviewDocument[]): { dir: string; baseSha: string; headSha?: string } {
  const dir = tempDir('gitplane-diff-');
  git(dir, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true }));
  writeDist(dir, base);
  const baseSha = commit(dir, 'base');
  if (!head) return { dir, baseSha };
  git(dir, 'checkout', '-q', '-b', 'change');
  writeDist(dir, head);
  return { dir, baseSha, headSha: commit(dir, 'head') };
}

const json = (stdout: string) => JSON.parse(stdout);

describe('gitplane diff on real repositories', () => {
  it('exits 0 when nothing changed, also with --exit-code', async () => {
    const { dir } = repo(platform());
    const result = await runCli(['diff'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('no changes');
    expect((await runCli(['diff', '--exit-code'], dir)).code).toBe(0);
  });

  it('reads the working tree by default and exits 0, or 2 with --exit-code, for a change without risk', async () => {
    const { dir } = repo(platform());
    const head = clone(platform());
    find(head, 'api/deployment-api.yaml').spec.replicas = 6;
    writeDist(dir, head);
    const result = await runCli(['diff', '--json'], dir);
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report).toMatchObject({ version: 1, head: 'worktree', summary: { modified: 1, risks: 0 } });
    expect(report.base).toMatch(/^[0-9a-f]{40}$/);
    expect(report.changes[0].fields).toEqual([{ path: '.spec.replicas', before: 3, after: 6 }]);
    expect((await runCli(['diff', '--exit-code'], dir)).code).toBe(2);
  });

  it('defaults the base to the merge-base with the default branch', async () => {
    const base = platform();
    const head = clone(base);
    find(head, 'api/configmap-api.yaml').data.LOG_LEVEL = 'debug';
    const { dir, baseSha } = repo(base, head);
    // main moves on after the branch was cut: the review still compares with where the branch started
    git(dir, 'checkout', '-q', 'main');
    const later = clone(base);
    find(later, 'api/configmap-api.yaml').data.FEATURE_X = 'on';
    writeDist(dir, later);
    commit(dir, 'main moves on');
    git(dir, 'checkout', '-q', 'change');
    const report = json((await runCli(['diff', '--json'], dir)).stdout);
    expect(report.base).toBe(baseSha);
    expect(report.changes.flatMap((c: { fields: { path: string }[] }) => c.fields.map((f) => f.path))).toEqual(['.data.LOG_LEVEL']);
  });

  it('exits 3 on an unacknowledged risk and 0 once the head commits an approval; stale approvals are listed', async () => {
    const base = platform({ protect: true });
    const head = clone(base);
    find(head, 'media/queue.yaml').spec.forProvider.name = 'prod-jobs-v2';
    const { dir, baseSha, headSha } = repo(base, head);
    const risky = await runCli(['diff', '--base', 'main', '--head', 'change', '--json'], dir);
    expect(risky.code).toBe(3);
    const report = json(risky.stdout);
    expect(report).toMatchObject({ base: baseSha, head: headSha, summary: { unacknowledged: 1 } });
    expect(report.changes[0].risks).toEqual([expect.objectContaining({ id: 'cloud-replace', severity: 'high', acknowledged: false })]);

    fs.mkdirSync(path.join(dir, 'review'));
    fs.writeFileSync(path.join(dir, 'review/approvals.yaml'), stringify({
      approvals: [
        { risk: 'cloud-replace', object: 'prod/Queue.sqs.aws.upbound.io/prod-media-jobs', reason: 'queue drained, consumers moved first' },
        { risk: 'exposure', object: 'prod/Ingress.networking.k8s.io/prod-web/web', reason: 'old' },
      ],
    }));
    commit(dir, 'approve');
    const approved = await runCli(['diff', '--base', 'main', '--head', 'change'], dir);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('(acknowledged)');
    expect(approved.stdout).toContain('stale approval: exposure prod/Ingress.networking.k8s.io/prod-web/web matches nothing; remove it');
  });

  it('prints a pull-request comment with --format markdown', async () => {
    const base = platform();
    const head = clone(base);
    find(head, 'api/service-api.yaml').spec.type = 'LoadBalancer';
    const { dir } = repo(base, head);
    const result = await runCli(['diff', '--base', 'main', '--format', 'markdown'], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^## gitplane diff `[0-9a-f]{7} -> worktree`/);
    expect(result.stdout).toContain('| `exposure` |');
  });

  it('fails with 4 and one line naming the ref when a ref cannot be read', async () => {
    const { dir } = repo(platform());
    const result = await runCli(['diff', '--base', 'no-such-branch'], dir);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: git ref "no-such-branch" cannot be read\. Fix: does "no-such-branch" exist and has it been fetched\?/);
  });

  it('fails with 4 when the head commits a symlink into dist/', async () => {
    const base = platform();
    const { dir } = repo(base);
    git(dir, 'checkout', '-q', '-b', 'change');
    fs.symlinkSync('/etc/hostname', path.join(dir, 'dist/dev/api/link.yaml'));
    commit(dir, 'link');
    const result = await runCli(['diff', '--base', 'main', '--head', 'change'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/dev\/api\/link\.yaml is a symlink/);
  });

  it('fails with 4 rather than review the working tree while a synth\'s committed change is half-applied', async () => {
    // GIVEN a synth killed after committing its change (a journal beside dist/, a file still staged)
    const { dir } = repo(platform());
    fs.mkdirSync(path.join(dir, '.dist.gitplane-staging/tree/dev/api'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.dist.gitplane-staging/tree/dev/api/next.yaml'), 'kind: ConfigMap\n');
    fs.writeFileSync(path.join(dir, '.dist.gitplane-journal'), journalText({ write: ['dev/api/next.yaml'], remove: [] }));
    // WHEN / THEN
    const result = await runCli(['diff'], dir);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: dist/ is incomplete: a synth was interrupted while applying its change and left .dist.gitplane-journal and .dist.gitplane-staging/ beside it. ' +
      'Fix: run npm run synth: it completes that change first\n');
  });

  it('fails with 1 on bad flags, an unknown environment or a malformed approvals file', async () => {
    const { dir } = repo(platform());
    const cases: [string[], RegExp][] = [
      [['diff', '--format', 'html'], /^error: --format "html" is not one of text, markdown, json\. Fix: /],
      [['diff', '--head', 'main', '--worktree'], /^error: --head and --worktree both name the head/],
      [['diff', '--json', '--format', 'text'], /^error: --json and --format text disagree/],
      [['diff', '--env', 'qa'], /^error: --env qa: no such environment in either tree/],
      [['diff', '--app', 'billing'], /^error: --app billing: no such app in either tree/],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(argv, dir);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    // a named approvals file that does not exist cannot be read: 4, like an unreadable ref
    const missing = await runCli(['diff', '--approvals', 'missing.yaml'], dir);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^error: --approvals missing\.yaml does not exist/);
    fs.mkdirSync(path.join(dir, 'review'));
    fs.writeFileSync(path.join(dir, 'review/approvals.yaml'), 'approvals:\n  - risk: cloud-replace\n    object: x\n');
    const bad = await runCli(['diff'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: review\/approvals\.yaml: approvals\[0\]\.object must be an object identity/);
  });

  it('fails with 4 outside a git repository', async () => {
    const dir = tempDir('gitplane-nogit-');
    const result = await runCli(['diff'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/is not inside a git repository\. Fix: /);
  });
});

/** One labelled pair per risk class (and flavor) and a set of safe ones, through commits and the command. */
const THROUGH_GIT: readonly Case[] = [
  ...['Deployment selector changes', 'ACK queue name changes (protected)', 'flavor switch Crossplane -> ACK for a queue', 'Crossplane bucket removed (unprotected: deletes)',
    'ACK retain removed', 'Crossplane public access block flag off', 'container adds NET_ADMIN', 'Deployment moves to another app (protected)', 'env var renamed (connected queue renamed)',
    'GitRepository branch changes', 'HPA minimum lowered (protected)', 'new waiver', 'Namespace removed (Flux)'].map((name) => {
    const found = RISKY.find((c) => c.name === name);
    if (!found) throw new Error(`no pair named ${name}`);
    return found;
  }),
];

describe('labelled pairs through git', () => {
  it.each(THROUGH_GIT.map((c) => [c.name, c] as const))('%s: exit 3 with the expected risk', async (_name, c) => {
    const { base, head } = buildPair(c);
    const { dir } = repo(base, head);
    const result = await runCli(['diff', '--base', 'main', '--head', 'HEAD', '--json'], dir);
    expect(result.code, result.stderr).toBe(3);
    const ids = json(result.stdout).changes.flatMap((ch: { risks: { id: string }[] }) => ch.risks.map((r) => r.id));
    for (const id of c.risks) expect(ids).toContain(id);
  });

  it.each(SAFE.slice(0, 8).map((c) => [c.name, c] as const))('%s: exit 2 with --exit-code, no risk', async (_name, c) => {
    const { base, head } = buildPair(c);
    const { dir } = repo(base, head);
    const result = await runCli(['diff', '--base', 'main', '--head', 'HEAD', '--exit-code', '--json'], dir);
    expect(result.code, result.stdout).toBe(2);
    expect(json(result.stdout).summary.risks).toBe(0);
  });
});
