import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md §2, enforced: each folder of lib/ may import only the folders listed for
 * it (arrows point down), and no file imports itself back through a chain of imports.
 */
const LIB = path.resolve(__dirname, '../lib');

const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  git: ['core'],
  manifests: ['core', 'git'],
  platform: ['core'],
  policy: ['core', 'platform'],
  schema: ['core', 'manifests'],
  constructs: ['core', 'platform', 'policy'],
  cloud: ['core', 'platform', 'policy'],
  gitops: ['core', 'platform'],
  synth: ['core', 'git', 'manifests', 'platform', 'policy', 'schema'],
  review: ['core', 'git', 'manifests', 'policy', 'schema', 'synth'],
  aws: ['core', 'manifests', 'policy', 'synth'],
  cli: ['core', 'git', 'manifests', 'platform', 'policy', 'schema', 'constructs', 'cloud', 'gitops', 'synth', 'review', 'aws'],
  'index.ts': ['core', 'platform', 'constructs', 'cloud', 'gitops', 'policy'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Import { readonly target: string; readonly typeOnly: boolean }

/** Relative imports of a file inside lib/; a type import is still a dependency of the design, but not a runtime cycle. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/(import type|export type|from|import|require\()\s*(?:[^'"]*?from\s*)?['"](\.[^'"]+)['"]/g)) {
    const target = path.resolve(path.dirname(file), match[2]);
    const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    if (resolved && resolved.startsWith(LIB)) found.push({ target: resolved, typeOnly: match[1].endsWith('type') });
  }
  return found;
}

const layerOf = (file: string): string => path.relative(LIB, file).split(path.sep)[0];
const FILES = sourceFiles(LIB);
const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));

describe('lib/ layering', () => {
  it('knows every folder of lib/', () => {
    expect([...new Set(FILES.map(layerOf))].filter((layer) => !(layer in ALLOWED))).toEqual([]);
  });

  it('has no arrow pointing up or sideways', () => {
    const violations: string[] = [];
    for (const [file, imports] of GRAPH) {
      const from = layerOf(file);
      for (const { target } of imports) {
        const to = layerOf(target);
        if (to !== from && !ALLOWED[from].includes(to)) violations.push(`${path.relative(LIB, file)} -> ${path.relative(LIB, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no runtime import cycle between files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(LIB, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of GRAPH.get(file) ?? []) if (!next.typeOnly) visit(next.target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
