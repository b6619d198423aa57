import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runBin, runCli, tempProject, writeStacks } from '../helpers/cli';
import { snapshotTree } from '../helpers/temp';

/** A project whose platform comes from the raw ConfigMap fixture; VERSION changes its content. */
function project(version = '1', apps = 2): string {
  return tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
export function buildPlatform() { return rawPlatform({ apps: ${apps}, version: '${version}' }); }
`);
}

function setVersion(dir: string, version: string, apps = 2): void {
  const file = path.join(dir, 'stacks/main.ts');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/apps: \d+, version: '[^']*'/, `apps: ${apps}, version: '${version}'`));
}

describe('gitplane synth', () => {
  it('writes dist/ and prints a one-line summary; a re-run writes nothing', async () => {
    // GIVEN
    const dir = project();
    // WHEN
    const first = await runCli(['synth'], dir);
    const second = await runCli(['synth'], dir);
    // THEN
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^synth: 2 environments, 2 apps, 8 resources -> dist\/ \(8 written, 0 removed, 0 unchanged; policy: 0 errors, 0 warnings, 0 waived \(8 objects checked\)\) in \d+\.\d\ds\n$/);
    expect(second.stdout).toMatch(/\(0 written, 0 removed, 8 unchanged;/);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['dev', 'prod']);
  });

  it('prints JSON with --json', async () => {
    const dir = project();
    const result = await runCli(['synth', '--json'], dir);
    expect(JSON.parse(result.stdout)).toMatchObject({ environments: 2, apps: 2, resources: 8, written: 8, removed: 0, unchanged: 0, outdir: 'dist/' });
  });

  it('honours --out over package.json over the default', async () => {
    const dir = tempProject(`
import { rawPlatform } from '@test/fixtures/raw-platform';
export const buildPlatform = () => rawPlatform({ apps: 1 });
`, { outdir: 'manifests' });
    expect((await runCli(['synth'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'manifests/dev/app-0'))).toBe(true);
    expect((await runCli(['synth', '--out', 'elsewhere'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'elsewhere/prod/app-0'))).toBe(true);
  });

  it('fails if the stack code throws a validation error, naming the construct path, and leaves dist/ untouched', async () => {
    // GIVEN a synthesized project
    const dir = project();
    await runCli(['synth'], dir);
    const before = snapshotTree(path.join(dir, 'dist'));
    // WHEN the stacks now set an invalid override
    writeStacks(dir, `
import { Platform } from '@lib/platform';
import { NoReconciler } from '@test/helpers/platform';
export function buildPlatform() {
  return new Platform({ name: 'acme', repository: { url: 'https://github.com/acme/p.git' },
    environments: [{ name: 'dev', reconciler: new NoReconciler(), apps: { web: { replicas: -2 } } }] });
}
`);
    const result = await runCli(['synth'], dir);
    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: [dev] overrides for app 'web': 'replicas' (-2) must be a whole number from 0 to 1000. " +
      'Fix: correct environment "dev" in new Platform({ environments: [...] })\n');
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails if the stack code does not compile, with file and line, and no stack trace', async () => {
    const dir = tempProject('export function buildPlatform( { return 1 }\n');
    const result = await runCli(['synth'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: stack code does not compile: stacks\/main\.ts:1:\d+: .+\. Fix: fix the stack code \(run with --debug for the stack trace\)\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('fails if the stack code throws, with the location; --debug adds the stack trace', async () => {
    const dir = tempProject("export function buildPlatform() { const x: any = undefined; return x.platform; }\n");
    const plain = runBin(['synth'], dir);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^error: stack code threw TypeError: Cannot read properties of undefined \(reading 'platform'\) at stacks\/main\.ts:1:\d+\. Fix: fix the stack code/);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = runBin(['synth', '--debug'], dir);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 30_000);

  it('fails if the app module does not exist, naming the flag', async () => {
    const dir = project();
    const result = await runCli(['synth', '--app', 'stacks/nope.ts'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: the app module "stacks/nope.ts" does not exist. Fix: pass --app <file> or set "gitplane.app" in package.json\n');
  });

  it('fails on an unknown flag or command with a one-line usage error', async () => {
    const dir = project();
    const flag = await runCli(['synth', '--outdir', 'x'], dir);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe('error: unknown flag --outdir. Fix: see gitplane --help (or gitplane <command> --help)\n');
    const command = await runCli(['synht'], dir);
    expect(command.code).toBe(1);
    expect(command.stderr).toBe('error: unknown command or argument "synht". Fix: see gitplane --help (or gitplane <command> --help)\n');
  });

  it('fails on a bad package.json setting, naming the key', async () => {
    const dir = tempProject('export {}', { outdir: 42 });
    const result = await runCli(['synth'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: package.json "gitplane.outdir" must be a non-empty string, got 42. Fix: set it like "outdir": "dist"\n');
  });

  it('prints help with examples and the version', async () => {
    const dir = project();
    const help = await runCli(['synth', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('gitplane synth --strict --json');
    const version = await runCli(['--version'], dir);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // the binary answers `--version` alone before loading the CLI, with the line yargs prints
    const fast = runBin(['--version'], dir);
    expect(fast).toEqual({ code: 0, stdout: version.stdout, stderr: '' });
    expect(fast.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version}\n`);
  });
});

describe('gitplane check', () => {
  it('passes when dist/ is current', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('check: dist/ is up to date (8 files)\n');
  });

  it('fails listing missing, stale and out-of-date files with a diff from disk to synth, and the fix', async () => {
    // GIVEN dist/ from 3 apps (not in a git repository: nothing can be called a hand edit), one file changed
    const dir = project('1', 3);
    await runCli(['synth'], dir);
    const edited = path.join(dir, 'dist/dev/app-0/configmap-config-0.yaml');
    fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace('zeta: z', 'zeta: hand-edit'));
    fs.rmSync(path.join(dir, 'dist/prod/app-1/configmap-config-1.yaml'));
    // WHEN the stacks drop app-2
    setVersion(dir, '1', 2);
    const result = await runCli(['check'], dir);
    // THEN
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  outdated  (synth would rewrite it)  dist/dev/app-0/configmap-config-0.yaml');
    // as `git diff` shows it: from the file on disk to what synth would write
    expect(result.stdout).toContain('      -  zeta: hand-edit\n      +  zeta: z');
    expect(result.stdout).toContain('  missing   (synth would create it)  dist/prod/app-1/configmap-config-1.yaml');
    expect(result.stdout).toContain('  stale     (synth would remove it)  dist/dev/app-2/configmap-config-0.yaml');
    expect(result.stderr).toBe('error: dist/ is out of date: 6 file(s) differ from what the stacks produce. Fix: run npm run synth and commit dist/\n');
  });

  it('reports differences as JSON with --json', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    setVersion(dir, '2');
    const result = await runCli(['check', '--json'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.upToDate).toBe(false);
    expect(report.differences).toHaveLength(8);
    expect(report.differences[0]).toMatchObject({ path: 'dev/app-0/configmap-config-0.yaml', status: 'outdated' });
  });
});

describe('secrets added to dist/ by hand', () => {
  const AWS_KEY = ['AKIA', 'Q3EGRTZ7', 'WXLM4PVN'].join('');

  it('check reports them without printing them, and hides the diff', async () => {
    // GIVEN a hand edit that pastes an AWS access key id into a generated file
    const dir = project();
    await runCli(['synth'], dir);
    const file = path.join(dir, 'dist/dev/app-0/configmap-config-0.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('zeta: z', `zeta: ${AWS_KEY}`));
    // WHEN
    const result = await runCli(['check'], dir);
    // THEN
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  secret    dist/dev/app-0/configmap-config-0.yaml: SEC-003 ConfigMap/dev-app-0/config-0 .data.zeta:');
    expect(result.stdout).toContain('(diff hidden: the file holds a possible secret)');
    expect(result.stderr).toContain('1 possible secret(s) were added by hand (rotate them)');
    expect(result.stdout + result.stderr).not.toContain(AWS_KEY);
  });

  it('validate fails on them too', async () => {
    const dir = project();
    await runCli(['synth'], dir);
    const file = path.join(dir, 'dist/prod/app-1/configmap-config-1.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('zeta: z', `zeta: ${AWS_KEY}`));
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^secret: dist\/prod\/app-1\/configmap-config-1\.yaml: SEC-003 ConfigMap\/prod-app-1\/config-1 \.data\.zeta: /m);
    expect(result.stdout + result.stderr).not.toContain(AWS_KEY);
  });
});
