import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { validateFolder, type ValidateFolderResult } from '../../lib/cli/commands/validate-run';
import { createValidator } from '../../lib/schema';
import { REPO_ROOT, runBin } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { copy, deployment, queue, upboundLikeCrd, widget, widgetCrd, writeYaml } from '../schema/fixtures';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A project with CRDs and a dist/ of: clean files of several kinds (one with CEL rules, checked and
 * skipped), an empty file, an invalid widget and a ConfigMap holding a token.
 */
function project(): string {
  const dir = tempDir('gitplane-results-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true }));
  writeYaml('crds/widgets.yaml', [widgetCrd()], dir);
  writeYaml('crds/queues.yaml', [upboundLikeCrd()], dir);
  writeYaml('dist/prod/shop/deployment-web.yaml', [deployment()], dir);
  writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 1 })], dir);
  writeYaml('dist/prod/shop/widget-x.yaml', [widget({ size: 2 }, { name: 'x' }), widget({ size: 3 }, { name: 'y' })], dir);
  writeYaml('dist/prod/aws/queue-orders.yaml', [queue({ forProvider: { region: 'eu-west-1', name: 'orders' }, tier: 'gold' })], dir);
  writeYaml('dist/stage/shop/widget-bad.yaml', [widget({ size: 'big' })], dir);
  writeYaml('dist/stage/shop/configmap-env.yaml', [configMap({ GITHUB_TOKEN: TOKEN })], dir);
  fs.writeFileSync(path.join(dir, 'dist/stage/empty.yaml'), '');
  return dir;
}

function configMap(data: Record<string, string>, name = 'env'): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data };
}

/** One run of the engine, as `gitplane validate --schemas crds` in `dir` makes it, keeping results in `cacheDir`. */
function run(dir: string, cacheDir: string | undefined, toolFingerprint?: string): ValidateFolderResult {
  const validator = createValidator({ schemaDirs: ['crds'], baseDir: dir });
  return validateFolder({ dir: path.join(dir, 'dist'), label: 'dist/', validator, cacheDir, ...(toolFingerprint ? { toolFingerprint } : {}) });
}

/** What the command prints from a result, as JSON text: key order included. */
function printed(result: ValidateFolderResult): string {
  return JSON.stringify({ ...result.report, secrets: result.secrets });
}

function storeFiles(cacheDir: string): string[] {
  const dir = path.join(cacheDir, 'validate-results');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

const FILES = 7;
/** The invalid widget and the ConfigMap with a token are checked on every run. */
const WITH_FINDINGS = 2;

describe('validate keeps the results of clean files', () => {
  it('reports the same with no store, a cold, a warm and a partly stale one, checking again only what changed or had findings', () => {
    // GIVEN a project and the report of a run without a store
    const dir = project();
    const cache = tempDir('gitplane-cache-');
    const uncached = run(dir, undefined);
    expect(uncached.report.findings.length).toBe(1);
    expect(uncached.secrets.length).toBe(1);
    expect(uncached.report.cel.evaluated).toBeGreaterThan(0);
    expect(uncached.report.cel.skipped.length).toBeGreaterThan(0);
    // WHEN it runs cold, then warm
    const cold = run(dir, cache);
    const warm = run(dir, cache);
    // THEN both report exactly what the uncached run reports; the warm one checked only the files with findings
    expect(printed(cold)).toBe(printed(uncached));
    expect(printed(warm)).toBe(printed(uncached));
    expect([cold.filesChecked, cold.filesFromStore]).toEqual([FILES, 0]);
    expect([warm.filesChecked, warm.filesFromStore]).toEqual([WITH_FINDINGS, FILES - WITH_FINDINGS]);

    // WHEN one clean file changes (a widget more in it) and one is removed
    writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 1 }), widget({ size: 5 }, { name: 'z' })], dir);
    fs.rmSync(path.join(dir, 'dist/prod/shop/widget-x.yaml'));
    const stale = run(dir, cache);
    // THEN only that file is checked again, the report is the uncached one, and the removed file has no entry
    expect(printed(stale)).toBe(printed(run(dir, undefined)));
    expect([stale.filesChecked, stale.filesFromStore]).toEqual([1 + WITH_FINDINGS, FILES - 2 - WITH_FINDINGS]);
    const [store] = storeFiles(cache);
    expect(fs.readFileSync(store, 'utf8')).not.toContain('widget-x.yaml');
    expect(run(dir, cache).filesChecked).toBe(WITH_FINDINGS);
  });

  it('checks every file again when a CRD file or gitplane changes', () => {
    // GIVEN a warm store
    const dir = project();
    const cache = tempDir('gitplane-cache-');
    run(dir, cache, 'tool-1');
    expect(run(dir, cache, 'tool-1').filesFromStore).toBe(FILES - WITH_FINDINGS);
    // WHEN the tool changes THEN nothing is taken from the store
    expect(run(dir, cache, 'tool-2').filesFromStore).toBe(0);
    expect(run(dir, cache, 'tool-2').filesFromStore).toBe(FILES - WITH_FINDINGS);
    // WHEN a CRD file changes so that a widget the store holds as clean is no longer valid
    const narrowed = copy(widgetCrd()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    narrowed.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.maximum = 2;
    writeYaml('crds/widgets.yaml', [narrowed], dir);
    const changed = run(dir, cache, 'tool-2');
    // THEN every file is checked and the widget's new problem is reported
    expect(changed.filesFromStore).toBe(0);
    expect(printed(changed)).toBe(printed(run(dir, undefined)));
    expect(changed.report.findings.map((f) => f.file)).toContain('dist/prod/shop/widget-x.yaml');
    // WHEN a CRD file is added that defines nothing new THEN the schema set differs all the same
    run(dir, cache, 'tool-2');
    writeYaml('crds/notes.yaml', [{ note: 'no CRD here' }], dir);
    expect(run(dir, cache, 'tool-2').filesFromStore).toBe(0);
  });

  it('ignores a damaged or truncated store without an error and replaces it', () => {
    const dir = project();
    const cache = tempDir('gitplane-cache-');
    const expected = printed(run(dir, cache));
    const [store] = storeFiles(cache);
    const whole = fs.readFileSync(store, 'utf8');
    const stored = JSON.parse(whole);
    const damages = [
      whole.slice(0, Math.floor(whole.length / 2)),
      'not json {',
      JSON.stringify({ ...stored, facts: stored.facts.map(() => ({ kinds: [['v1/ConfigMap', -1]], celEvaluated: 0, celSkipped: [] })) }),
      JSON.stringify({ ...stored, facts: 'none' }),
      JSON.stringify({ ...stored, files: Object.fromEntries(Object.keys(stored.files).map((name) => [name, [stored.files[name][0], 999]])) }),
    ];
    for (const damaged of damages) {
      // WHEN the store holds something else than what was written
      fs.writeFileSync(store, damaged);
      const result = run(dir, cache);
      // THEN the report is the same, every file was checked, and the store is whole again
      expect(printed(result)).toBe(expected);
      expect(result.filesFromStore).toBe(0);
      expect(run(dir, cache).filesFromStore).toBe(FILES - WITH_FINDINGS);
    }
  });

  it('never keeps anything of a file that holds a secret', () => {
    const dir = project();
    const cache = tempDir('gitplane-cache-');
    const digestOf = (file: string) => require('crypto').createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex');
    run(dir, cache);
    const warm = run(dir, cache);
    // THEN the secret is reported on every run, and the store names neither the file, its digest nor the token
    expect(warm.secrets.map((s) => s.file)).toEqual(['dist/stage/shop/configmap-env.yaml']);
    const text = fs.readFileSync(storeFiles(cache)[0], 'utf8');
    expect(text).toContain(digestOf('dist/prod/shop/deployment-web.yaml'));
    expect(text).not.toContain('configmap-env');
    expect(text).not.toContain(digestOf('dist/stage/shop/configmap-env.yaml'));
    expect(text).not.toContain(TOKEN.slice(4, 20));
  });

  it('checks a folder that defines its own CRDs in full on every run', () => {
    // GIVEN dist/ holds the widget CRD and no --schemas folder defines it
    const dir = project();
    writeYaml('dist/prod/crds/widgets.yaml', [widgetCrd()], dir);
    fs.rmSync(path.join(dir, 'crds/widgets.yaml'));
    const cache = tempDir('gitplane-cache-');
    run(dir, cache);
    const again = run(dir, cache);
    // THEN nothing comes from the store and the widgets are validated against that CRD
    expect(again.filesFromStore).toBe(0);
    expect(printed(again)).toBe(printed(run(dir, undefined)));
    expect(again.report.unknownKinds).toEqual([]);
  });

  it('keeps the results of a bounded number of folders, dropping the least recently written', () => {
    const cache = tempDir('gitplane-cache-');
    const dirs = Array.from({ length: 34 }, () => {
      const dir = tempDir('gitplane-results-');
      writeYaml('dist/a/configmap.yaml', [configMap({ a: 'b' })], dir);
      fs.mkdirSync(path.join(dir, 'crds'));
      run(dir, cache);
      return dir;
    });
    expect(storeFiles(cache).length).toBe(32);
    expect(run(dirs[dirs.length - 1], cache).filesFromStore).toBe(1);
    expect(run(dirs[0], cache).filesFromStore).toBe(0);
  });

  it('prints byte for byte the same, text and --json, cold, warm, partly stale and without a store, also from runs at the same time', async () => {
    const dir = project();
    const cacheRoot = tempDir('gitplane-cache-');
    const cli = (args: string[], cacheDir = cacheRoot) => runBin(['validate', '--schemas', 'crds', ...args], dir, { GITPLANE_CACHE_DIR: cacheDir });
    for (const args of [[], ['--json']]) {
      const off = cli(args, 'off');
      expect(off.code).toBe(1);
      if (args.length === 0) expect(off.stderr).toContain('note: CEL rule not checked');
      expect(cli(args)).toEqual(off);
      expect(cli(args)).toEqual(off);
    }
    writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 7 })], dir);
    const changedOff = cli([], 'off');
    expect(cli([])).toEqual(changedOff);

    // WHEN two runs change the store at the same time
    writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 8 })], dir);
    const expected = cli(['--json'], 'off');
    const both = await Promise.all([spawnBin(dir, cacheRoot), spawnBin(dir, cacheRoot)]);
    // THEN both print what a run without a store prints, and the store they leave is whole
    expect(both).toEqual([expected.stdout, expected.stdout]);
    const warm = run(dir, path.join(cacheRoot, 'validators'));
    expect(warm.filesFromStore).toBe(FILES - WITH_FINDINGS);
    expect(fs.readdirSync(path.join(cacheRoot, 'validators', 'validate-results')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

function spawnBin(cwd: string, cacheDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'lib/cli/bin.js'), 'validate', '--schemas', 'crds', '--json'], {
      cwd, env: { ...process.env, GITPLANE_CACHE_DIR: cacheDir },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.on('error', reject);
    child.on('close', () => resolve(stdout));
  });
}
