import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import Ajv, { _ } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../lib/schema/formats';
import { cachedDocuments, cachedJson, createValidatorCache, keyOf, toolFingerprint } from '../../lib/schema/validator-cache';
import { tempDir } from '../helpers/temp';
import { copy, deployment, widget, widgetCrd, writeYaml } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');

/** An ajv set up as the validator's: source kept so that compiled code can be stored. */
function sourceAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, verbose: true, useDefaults: true, validateSchema: false, formats: FORMATS, code: { source: true, formats: _`gitplaneFormats` } });
}

const SCHEMA = {
  type: 'object',
  properties: { replicas: { type: 'integer', format: 'int32' }, name: { type: 'string', minLength: 2 }, mode: { type: 'string', default: 'auto' } },
  required: ['name'],
  additionalProperties: false,
};

describe('compiled validator cache', () => {
  it('stores a compiled validator and loads it in a later run without compiling, with the same results and errors', () => {
    // GIVEN a cold cache
    const dir = tempDir();
    let compiles = 0;
    const compile = (ajv: Ajv) => () => { compiles++; return ajv.compile(SCHEMA); };
    const firstAjv = sourceAjv();
    const first = createValidatorCache(FORMATS, dir)!.get(keyOf(SCHEMA), () => firstAjv, compile(firstAjv));
    // WHEN a new process (a new cache and ajv) asks for the same schema
    const secondAjv = sourceAjv();
    const second = createValidatorCache(FORMATS, dir)!.get(keyOf(SCHEMA), () => secondAjv, compile(secondAjv));
    // THEN it was compiled once, and both validators agree: custom formats, defaults, verbose errors
    expect(compiles).toBe(1);
    for (const data of [{ name: 'ok' }, { name: 'x', replicas: 2 ** 40, extra: true }, { replicas: 1.5 }]) {
      const a = structuredClone(data);
      const b = structuredClone(data);
      expect(second(b)).toBe(first(a));
      expect(second.errors ?? null).toEqual(first.errors ?? null);
      expect(b).toEqual(a); // defaults applied the same way
    }
    expect(first({ name: 'x', replicas: 2 ** 40 })).toBe(false);
    expect(first.errors!.map((e) => e.keyword).sort()).toEqual(['format', 'minLength']);
  });

  it('compiles again when the schema, or anything in its key, changes', () => {
    const dir = tempDir();
    let compiles = 0;
    const get = (schema: object, ...extra: unknown[]) => {
      const ajv = sourceAjv();
      return createValidatorCache(FORMATS, dir)!.get(keyOf(schema, ...extra), () => ajv, () => { compiles++; return ajv.compile(schema); });
    };
    get(SCHEMA);
    const changed = { ...SCHEMA, properties: { ...SCHEMA.properties, name: { type: 'string', minLength: 5 } } };
    const validate = get(changed);
    get(SCHEMA, 'other built-in definitions');
    expect(compiles).toBe(3);
    expect(validate({ name: 'four' })).toBe(false); // the new schema's rule, not a stale entry
  });

  it('recompiles and replaces an entry that is corrupt or truncated', () => {
    const dir = tempDir();
    let compiles = 0;
    const get = () => {
      const ajv = sourceAjv();
      return createValidatorCache(FORMATS, dir)!.get(keyOf(SCHEMA), () => ajv, () => { compiles++; return ajv.compile(SCHEMA); });
    };
    get();
    for (const damage of ['this is not javascript {', '', 'module.exports = 42;']) {
      const [entry] = fs.readdirSync(dir);
      fs.writeFileSync(path.join(dir, entry), damage);
      expect(get()({ name: 'ok' })).toBe(true);
    }
    expect(compiles).toBe(4);
    expect(get()({ name: 'x' })).toBe(false);
    expect(compiles).toBe(4); // the replaced entry loads again
  });

  it("keeps V8's compiled form of an entry once it ran, and makes it again when it is damaged or does not fit", () => {
    // GIVEN an entry compiled and run once, its compiled form saved
    const dir = tempDir();
    const get = () => {
      const ajv = sourceAjv();
      const cache = createValidatorCache(FORMATS, dir)!;
      const validate = cache.get(keyOf(SCHEMA), () => ajv, () => ajv.compile(SCHEMA));
      const results = [validate({ name: 'ok' }), validate({ name: 'x', replicas: 1.5 }), validate.errors?.length];
      cache.saveCompiledCode();
      return results;
    };
    const expected = get();
    const [compiled] = fs.readdirSync(dir).filter((entry) => entry.endsWith('.v8'));
    expect(compiled).toBeDefined();
    const file = path.join(dir, compiled);
    const saved = fs.readFileSync(file);
    // WHEN a later run loads it: THEN it validates the same and leaves the compiled form as it is
    expect(get()).toEqual(expected);
    expect(fs.readFileSync(file).equals(saved)).toBe(true);
    // WHEN the compiled form is damaged: THEN the entry still validates the same, and its compiled form is
    // made again (one that belongs to other code is the end-to-end test's)
    for (const damage of [Buffer.from('garbage'), Buffer.concat([saved.subarray(0, 40), Buffer.alloc(100)])]) {
      fs.writeFileSync(file, damage);
      expect(get()).toEqual(expected);
      const remade = fs.readFileSync(file);
      expect(remade.equals(damage)).toBe(false);
      // the remade form is accepted by the next run, which leaves it as it is
      expect(get()).toEqual(expected);
      expect(fs.readFileSync(file).equals(remade)).toBe(true);
    }
  });

  it("never runs V8's compiled form of other code: an entry changed in place to code of the same length runs as written", () => {
    // GIVEN an entry whose compiled form was saved (V8 itself checks only the length of the source)
    const dir = tempDir();
    const schema = { type: 'object', properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] };
    const validate = () => {
      const ajv = sourceAjv();
      const cache = createValidatorCache(FORMATS, dir)!;
      const result = cache.get(keyOf(schema), () => ajv, () => ajv.compile(schema))({ name: 'ab' });
      cache.saveCompiledCode();
      return result;
    };
    expect([validate(), validate()]).toEqual([true, true]);
    const [entry] = fs.readdirSync(dir).filter((name) => name.endsWith('.js'));
    const code = fs.readFileSync(path.join(dir, entry), 'utf8');
    expect(code).toContain('< 2)');
    // WHEN the entry's code changes in place, same length: minLength 2 becomes 3
    fs.writeFileSync(path.join(dir, entry), code.replace('< 2)', '< 3)'));
    // THEN the changed code runs (the old compiled form would still accept 'ab')
    expect(validate()).toBe(false);
  });

  it('parses a CRD file once per content, and never stores documents JSON would change', () => {
    const dir = tempDir();
    let parses = 0;
    const parse = (docs: unknown[]) => () => { parses++; return docs; };
    const crd = [{ kind: 'CustomResourceDefinition', spec: { names: { kind: 'Widget' } } }];
    expect(cachedDocuments('text-a', parse(crd), dir)).toEqual(crd);
    expect(cachedDocuments('text-a', parse(crd), dir)).toEqual(crd);
    expect(parses).toBe(1);
    cachedDocuments('text-b', parse(crd), dir);
    expect(parses).toBe(2);
    const special = [{ max: Infinity, zero: -0 }];
    cachedDocuments('text-c', parse(special), dir);
    expect(cachedDocuments('text-c', parse(special), dir)).toEqual(special);
    expect(parses).toBe(4);
  });
});

describe('cache keys and stored values', () => {
  it('change when gitplane, a tool version or the code of a schema module changes', () => {
    // GIVEN a copy of the schema modules
    const code = tempDir();
    const sources = path.join(ROOT, 'lib/schema');
    for (const file of fs.readdirSync(sources)) fs.copyFileSync(path.join(sources, file), path.join(code, file));
    const versions = ['0.1.0', '8.20.0', '4.3.1', '2.9.1'];
    const base = toolFingerprint(versions, code);
    // WHEN gitplane's version, ajv's version or a module changes
    const newRelease = toolFingerprint(['0.1.1', ...versions.slice(1)], code);
    const newAjv = toolFingerprint(['0.1.0', '8.20.1', '4.3.1', '2.9.1'], code);
    fs.appendFileSync(path.join(code, 'normalize.ts'), '\n// changed\n');
    const newCode = toolFingerprint(versions, code);
    // THEN each is a different fingerprint; the same inputs are the same one
    expect(new Set([base, newRelease, newAjv, newCode]).size).toBe(4);
    expect(toolFingerprint(versions, code)).toBe(newCode);
  });

  it('computes a stored value again when its entry is broken or has the wrong shape', () => {
    const dir = tempDir();
    let computes = 0;
    const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
    const get = () => cachedJson(keyOf('names'), () => { computes++; return ['a', 'b']; }, isNames, dir);
    expect(get()).toEqual(['a', 'b']);
    expect(get()).toEqual(['a', 'b']);
    expect(computes).toBe(1);
    for (const damage of ['{"truncated', '{"a": 1}', '[1, 2]']) {
      const [entry] = fs.readdirSync(dir);
      fs.writeFileSync(path.join(dir, entry), damage);
      expect(get()).toEqual(['a', 'b']);
    }
    expect(computes).toBe(4);
    expect(get()).toEqual(['a', 'b']);
    expect(computes).toBe(4); // the replaced entry is read again
  });
});

describe('gitplane validate with the cache', () => {
  it('prints the same report with a cold cache, a warm cache and the cache off', () => {
    // GIVEN a project with an invalid Deployment and a custom resource breaking its CRD
    const dir = tempDir('gitplane-validate-');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true }));
    writeYaml('crds/widgets.yaml', [widgetCrd()], dir);
    const broken = copy(deployment()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    broken.spec.template.spec.containers[0].foo = 'bar';
    broken.spec.replicas = 2 ** 40;
    writeYaml('dist/prod/shop/deployment-web.yaml', [broken], dir);
    writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 'big' })], dir);
    const cache = path.join(tempDir(), 'cache');
    const run = (cacheDir: string) => spawnSync(process.execPath, [path.join(ROOT, 'lib/cli/bin.js'), 'validate', '--schemas', 'crds'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, GITPLANE_CACHE_DIR: cacheDir },
    });
    // WHEN
    const cold = run(cache);
    const entries = fs.readdirSync(path.join(cache, 'validators')).length;
    const warm = run(cache);
    const off = run('off');
    // THEN
    expect(entries).toBeGreaterThan(0);
    expect(cold.status).toBe(1);
    expect(cold.stdout).toContain('unknown field "foo"');
    expect([warm.status, warm.stdout, warm.stderr]).toEqual([cold.status, cold.stdout, cold.stderr]);
    expect([off.status, off.stdout, off.stderr]).toEqual([cold.status, cold.stdout, cold.stderr]);
  }, 60_000);

  it('validates against a CRD file as it is now, and compiles again what a broken entry held', () => {
    // GIVEN a project whose widget is valid, validated once (so the cache holds its CRD's validators)
    const dir = tempDir('gitplane-validate-');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true }));
    writeYaml('crds/widgets.yaml', [widgetCrd()], dir);
    writeYaml('dist/prod/shop/widget-w.yaml', [widget({ size: 2, color: 'red' })], dir);
    writeYaml('dist/prod/shop/deployment-web.yaml', [deployment()], dir);
    const cache = path.join(tempDir(), 'cache');
    const run = (cacheDir: string) => spawnSync(process.execPath, [path.join(ROOT, 'lib/cli/bin.js'), 'validate', '--schemas', 'crds'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, GITPLANE_CACHE_DIR: cacheDir },
    });
    expect(run(cache).status).toBe(0);
    // WHEN the CRD file changes so that the widget's color is no longer allowed
    const narrowed = copy(widgetCrd()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    narrowed.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.color.enum = ['blue'];
    writeYaml('crds/widgets.yaml', [narrowed], dir);
    const changed = run(cache);
    // THEN the warm run reports what a run without the cache reports
    const off = run('off');
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('.spec.color');
    expect([changed.status, changed.stdout, changed.stderr]).toEqual([off.status, off.stdout, off.stderr]);

    // WHEN every entry of a cache filled by that run is damaged, and each compiled form is V8's for other code
    const fresh = path.join(tempDir(), 'cache');
    run(fresh);
    const entries = path.join(fresh, 'validators');
    const otherCode = new vm.Script('(function () { return 1; })').createCachedData();
    const foreign = Buffer.concat([createHash('sha256').update(otherCode).digest(), otherCode]);
    const damage = (entry: string) => (entry.endsWith('.v8') ? foreign : Buffer.from('this is not { javascript or JSON'));
    // (every file, the kept results of validate in their folder included)
    const names = (fs.readdirSync(entries, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(entries, entry)).isFile());
    expect(names.filter((entry) => entry.endsWith('.v8')).length).toBeGreaterThan(0);
    expect(names.filter((entry) => entry.startsWith('validate-results')).length).toBe(1);
    for (const entry of names) fs.writeFileSync(path.join(entries, entry), damage(entry));
    const damaged = run(fresh);
    // THEN the report is the same, and every entry was made again and replaced
    expect([damaged.status, damaged.stdout, damaged.stderr]).toEqual([off.status, off.stdout, off.stderr]);
    expect(names.filter((entry) => fs.readFileSync(path.join(entries, entry)).equals(damage(entry)))).toEqual([]);
  }, 120_000);
});
