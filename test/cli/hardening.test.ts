import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { handleError } from '../../lib/cli/handle-error';
import { CliIo } from '../../lib/cli/io';
import { journalText } from '../../lib/synth';
import { runCli, tempProject } from '../helpers/cli';
import { snapshotTree } from '../helpers/temp';

/** A project of the raw ConfigMap fixture whose stacks module also runs `extra` at load. */
function project(extra = ''): string {
  return tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
${extra}
export function buildPlatform() { return rawPlatform({ apps: 1 }); }
`);
}

/**
 * The state a synth killed while applying its change leaves (see lib/synth/dist-journal.ts): the
 * journal committed, `moved` already renamed into dist/, `staged` still waiting in the staging folder,
 * `removed` already removed. Each new content differs from what the stacks synthesize.
 */
function halfApply(dir: string, files: { moved: string; staged: string; removed: string }): void {
  const dist = path.join(dir, 'dist');
  const staging = path.join(dir, '.dist.gitplane-staging');
  const edited = (file: string) => `${fs.readFileSync(path.join(dist, file), 'utf8')}# next\n`;
  fs.mkdirSync(path.dirname(path.join(staging, 'tree', files.staged)), { recursive: true });
  fs.writeFileSync(path.join(staging, 'tree', files.staged), edited(files.staged));
  fs.writeFileSync(path.join(dist, files.moved), edited(files.moved));
  fs.rmSync(path.join(dist, files.removed));
  fs.writeFileSync(path.join(dir, '.dist.gitplane-journal'), journalText({ write: [files.moved, files.staged], remove: [files.removed] }));
}

function captureIo(cwd: string): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    cwd, isTTY: false,
    out: (t) => { out += `${t}\n`; },
    err: (t) => { err += `${t}\n`; },
    stdout: () => out,
    stderr: () => err,
  };
}

describe('stack code output', () => {
  it('goes to stderr with --json, so stdout holds only the JSON document', async () => {
    const dir = project(`console.log('loading the stacks'); console.error('a note');`);
    const result = await runCli(['synth', '--json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, resources: 4 });
    expect(result.stderr).toContain('loading the stacks');
    expect(result.stderr).toContain('a note');
  });

  it('keeps going to stdout without --json, and check --json stays parseable too', async () => {
    const dir = project(`console.log('loading the stacks');`);
    const text = await runCli(['synth'], dir);
    expect(text.stdout).toMatch(/^loading the stacks\nsynth: /);
    const check = await runCli(['check', '--json'], dir);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, upToDate: true });
  });
});

describe('an interrupted synth', () => {
  it('is recovered by synth, which says so: the previous tree is put back, then the new one written', async () => {
    // GIVEN a synth that died between the two renames of the swap
    const dir = project();
    await runCli(['synth'], dir);
    const before = snapshotTree(path.join(dir, 'dist'));
    fs.renameSync(path.join(dir, 'dist'), path.join(dir, '.dist.gitplane-previous'));
    fs.mkdirSync(path.join(dir, '.dist.gitplane-staging'));
    // WHEN
    const result = await runCli(['synth'], dir);
    // THEN
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning dist/: the last synth was interrupted and left .dist.gitplane-previous/ and .dist.gitplane-staging/ beside it; restored dist/ from it before writing\n');
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('gitplane'))).toEqual([]);
  });

  it('is completed by synth when it had committed its change, which says so, then written as usual', async () => {
    // GIVEN a synth killed while applying its change: one file moved in, one still staged, one removed
    const dir = project();
    await runCli(['synth'], dir);
    const before = snapshotTree(path.join(dir, 'dist'));
    const [moved, staged, removed] = Object.keys(before).sort();
    halfApply(dir, { moved, staged, removed });
    // WHEN
    const result = await runCli(['synth', '--json'], dir);
    // THEN the change was completed (the mixed tree never reviewed), then the synthesis written over it
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning dist/: the last synth was interrupted and left .dist.gitplane-journal and .dist.gitplane-staging/ beside it; ' +
      'completed the change it had begun in dist/ before writing\n');
    expect(JSON.parse(result.stdout)).toMatchObject({ writtenFiles: [moved, removed, staged].sort() });
    expect(Object.fromEntries(Object.entries(snapshotTree(path.join(dir, 'dist'))).map(([f, e]) => [f, e.content])))
      .toEqual(Object.fromEntries(Object.entries(before).map(([f, e]) => [f, e.content])));
    expect(fs.readdirSync(dir).filter((f) => f.includes('gitplane'))).toEqual([]);
  });

  it('is refused by check while its committed change is half-applied, and check changes nothing', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    const [moved, staged, removed] = Object.keys(snapshotTree(path.join(dir, 'dist'))).sort();
    halfApply(dir, { moved, staged, removed });
    const mixed = snapshotTree(path.join(dir, 'dist'));
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: dist/ is incomplete: a synth was interrupted while applying its change and left .dist.gitplane-journal and .dist.gitplane-staging/ beside it. ' +
      'Fix: run npm run synth: it completes that change first\n');
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(mixed);
  });

  it('is reported by check with the fix when dist/ itself is complete, and check still runs', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    fs.mkdirSync(path.join(dir, '.dist.gitplane-staging'));
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning dist/: a synth was interrupted and left .dist.gitplane-staging/ beside it (dist/ itself is complete). Fix: run npm run synth, which removes it\n');
    expect(fs.existsSync(path.join(dir, '.dist.gitplane-staging'))).toBe(true); // check changes nothing
  });
});

describe('system errors', () => {
  // Each class of fault the machine can raise, as Node reports it.
  const faults: [code: string, syscall: string, file: string, says: RegExp][] = [
    ['ENOSPC', 'write', 'dist/dev/web/deployment-web.yaml', /dist\/dev\/web\/deployment-web\.yaml: the disk is full \(ENOSPC\)\. Fix: free space/],
    ['EDQUOT', 'write', 'dist/x.yaml', /dist\/x\.yaml: the disk quota is used up \(EDQUOT\)/],
    ['EACCES', 'open', 'dist/prod', /dist\/prod: permission denied \(EACCES\)\. Fix: give your user access to it \(ls -ld dist\/prod\)/],
    ['EPERM', 'rename', 'dist', /dist: operation not permitted \(EPERM\)/],
    ['ENOTDIR', 'scandir', 'dist', /dist: part of this path is a file where a folder is expected \(ENOTDIR\)/],
    ['EISDIR', 'open', 'stacks', /stacks is a folder where a file is expected \(EISDIR\)/],
    ['EROFS', 'mkdir', '.dist.gitplane-staging', /\.dist\.gitplane-staging: the file system is read-only \(EROFS\)/],
    ['EMFILE', 'open', 'dist/a.yaml', /dist\/a\.yaml: too many open files \(EMFILE\)\. Fix: raise the limit/],
    ['ENFILE', 'open', 'dist/a.yaml', /\(ENFILE\)/],
    ['ENAMETOOLONG', 'open', 'dist/x', /\(ENAMETOOLONG\)/],
    ['ELOOP', 'stat', 'dist/loop', /\(ELOOP\)/],
    ['EBUSY', 'rename', 'dist', /\(EBUSY\)/],
    ['EIO', 'read', 'dist/a.yaml', /\(EIO\)/],
  ];

  for (const [code, syscall, file, says] of faults) {
    it(`prints ${code} as one line naming the path and a fix, never as an internal error`, () => {
      const cwd = '/srv/project';
      const io = captureIo(cwd);
      const error = Object.assign(new Error(`${code}: something, ${syscall} '${path.join(cwd, file)}'`), { code, syscall, path: path.join(cwd, file), errno: -1 });
      expect(handleError(error, io, { debug: false, json: false })).toBe(1);
      const lines = io.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(says);
      expect(lines[0]).toMatch(/^error: .+\. Fix: .+/);
      expect(lines[0]).not.toContain(cwd); // paths inside the project are relative
      expect(io.stdout()).toBe('');
    });
  }

  it('names a path outside the project as it is, and the target of a rename too', () => {
    const io = captureIo('/srv/project');
    const error = Object.assign(new Error('EXDEV'), { code: 'EACCES', syscall: 'rename', path: '/srv/out', dest: '/srv/project/dist' });
    handleError(error, io, { debug: false, json: false });
    expect(io.stderr()).toContain('error: /srv/out -> dist: permission denied (EACCES)');
  });

  it('prints the JSON error object on stdout with --json', () => {
    const io = captureIo('/srv/project');
    const error = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'write', path: '/srv/project/dist/a.yaml' });
    handleError(error, io, { debug: false, json: true });
    expect(JSON.parse(io.stdout())).toEqual({ ok: false, error: { code: 1, message: 'dist/a.yaml: the disk is full (ENOSPC)', fix: 'free space on that disk (or pick an --out on another one) and run the command again' } });
  });

  it('still calls a real bug an internal error', () => {
    const io = captureIo('/srv/project');
    handleError(new TypeError("Cannot read properties of undefined (reading 'x')"), io, { debug: false, json: true });
    expect(io.stderr()).toMatch(/^error: internal error: Cannot read properties/);
    expect(JSON.parse(io.stdout()).error.message).toMatch(/^internal error: /);
  });
});

describe('README errors section', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors and exit codes'));
  const printed = /```\n([\s\S]*?)```/.exec(section)![1].trimEnd().split('\n');

  it('lists every exit code', () => {
    for (const code of ['0', '1', '2', '3', '4']) expect(section).toContain(`| \`${code}\` |`);
  });

  it('shows the messages exactly as the CLI prints them', async () => {
    const dir = tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
process.exit(0);
export function buildPlatform() { return rawPlatform({ apps: 1 }); }
`);
    const exited = await runCli(['synth'], dir);
    const root = await runCli(['synth', '--out', '/'], dir);
    expect(printed).toEqual([exited.stderr.trimEnd(), root.stderr.trimEnd()]);
  });
});

describe('the output folder guard', () => {
  it('refuses an output folder that holds the project before anything is locked or written, however it is written', async () => {
    // GIVEN a project inside a parent folder
    const dir = project();
    const parent = path.dirname(dir);
    const locks = () => [fs.readdirSync(parent), fs.readdirSync(path.dirname(parent)), fs.readdirSync('/')].flat().filter((f) => f.endsWith('.gitplane-lock'));
    const before = locks();
    // WHEN --out names the project, a parent or the root: relative, absolute, climbing back
    for (const out of ['.', '..', '/', dir, parent, `${dir}/stacks/..`, `${dir}/`, 'stacks/../..']) {
      const result = await runCli(['synth', '--out', out], dir);
      // THEN each is one usage error naming --out, and no lock file appears anywhere
      expect(result.code, out).toBe(1);
      expect(result.stderr, out).toMatch(/^error: --out .+ (is the project folder or contains it|is the root of the file system); .+ Fix: pass a folder of its own, e.g\. --out dist\n$/);
    }
    expect(locks()).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('accepts an absolute output folder of its own, outside the project, like a relative one', async () => {
    const dir = project();
    const out = path.join(path.dirname(dir), `${path.basename(dir)}-manifests`);
    try {
      const result = await runCli(['synth', '--out', out], dir);
      expect(result.code).toBe(0);
      expect(fs.readdirSync(out).sort()).toEqual(['dev', 'prod']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
