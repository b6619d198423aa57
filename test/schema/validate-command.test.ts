import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { copy, deployment, widget, widgetCrd, writeYaml } from './fixtures';

/** A project folder with package.json, a CRD folder, and the given files under dist/. */
function project(files: Record<string, unknown>, gitplane: Record<string, unknown> = {}): string {
  const dir = tempDir('gitplane-validate-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true, gitplane }));
  writeYaml('crds/widgets.yaml', [widgetCrd()], dir);
  for (const [file, object] of Object.entries(files)) writeYaml(file, [object], dir);
  return dir;
}

describe('gitplane validate', () => {
  it('exits 0 and prints a one-line summary when every object is valid', async () => {
    // GIVEN
    const dir = project({ 'dist/prod/shop/deployment-web.yaml': deployment(), 'dist/prod/shop/widget-w.yaml': widget({ size: 1 }) });
    // WHEN
    const result = await runCli(['validate', '--schemas', 'crds'], dir);
    // THEN
    expect(result).toEqual({
      code: 0,
      stdout: 'validate: dist/: 2 objects of 2 kinds checked: no problems, 0 unknown kinds; 0 CEL rule checks; no secrets found\n',
      stderr: '',
    });
  });

  it('fails if an object is invalid or of an unknown kind, printing file, object, JSON path and message', async () => {
    const broken = copy(deployment());
    (broken as any).spec.template.spec.containers[0].foo = 'bar';
    const dir = project({ 'dist/prod/shop/deployment-web.yaml': broken, 'dist/prod/shop/widget-w.yaml': widget({ size: 1 }) });
    // WHEN no --schemas is given, the Widget has no schema
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'dist/prod/shop/deployment-web.yaml: Deployment/shop/web: .spec.template.spec.containers[0].foo: unknown field "foo"',
      'dist/prod/shop/widget-w.yaml: Widget/shop/w: .: unknown kind: no schema for Widget in example.com/v1; add its CustomResourceDefinition to a --schemas folder',
      'validate: dist/: 2 objects of 2 kinds checked: 2 problems in 2 objects, 1 unknown kind; 0 CEL rule checks; no secrets found',
      '',
    ]);
  });

  it('reads --dir, or the configured outdir, and prints JSON with --json', async () => {
    const dir = project({ 'manifests/a/widget.yaml': widget({ size: 'big' }) }, { outdir: 'manifests' });
    const result = await runCli(['validate', '--schemas', 'crds', '--json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      dir: 'manifests/',
      kubernetesVersion: '1.28',
      objectsChecked: 1,
      unknownKinds: [],
      findings: [{ file: 'manifests/a/widget.yaml', object: 'Widget/shop/w', path: '.spec.size', message: 'must be integer, got "big"' }],
    });
    expect((await runCli(['validate', '--schemas', 'crds', '--dir', 'crds'], dir)).stdout).toMatch(/^validate: crds\/: 1 object of 1 kind checked: no problems/);
  });

  it('fails if the --schemas folder does not exist', async () => {
    const dir = project({});
    const result = await runCli(['validate', '--schemas', 'nope'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: --schemas folder "nope" does not exist\. Fix: pass a folder that holds CRD YAML files/);
  });

  it('fails if the manifest folder does not exist', async () => {
    const dir = project({});
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: manifest folder "dist" does not exist\. Fix: run `gitplane synth` first, or pass --dir/);
  });

  it('fails if a file under dist/ is not valid YAML, naming the file and line', async () => {
    const dir = project({});
    fs.mkdirSync(path.join(dir, 'dist/prod'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist/prod/broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\n  metadata: {name: x}\n');
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: dist\/prod\/broken\.yaml: not valid YAML at line 3: bad indentation of a mapping entry\. Fix: never edit dist\/ by hand: run npm run synth and commit the result/);
  });

  it('reads multi-document files and Lists, and skips empty documents', async () => {
    const dir = project({});
    writeYaml('dist/all.yaml', [null, { apiVersion: 'v1', kind: 'List', items: [widget({ size: 1 }), deployment()] }, widget({ size: 2 }, { name: 'w2' })], dir);
    const result = await runCli(['validate', '--schemas', 'crds'], dir);
    expect(result.stdout).toBe('validate: dist/: 3 objects of 2 kinds checked: no problems, 0 unknown kinds; 0 CEL rule checks; no secrets found\n');
  });
});
