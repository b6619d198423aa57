import { describe, expect, it } from 'vitest';
import { buildTree, TreeParser } from '../../lib/manifests';
import { messageOf } from '../helpers/errors';

const CM = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('TreeParser', () => {
  it('makes the tree buildTree makes, whatever order the files come in', () => {
    const files = new Map([['prod/b.yaml', CM('b')], ['dev/a.yml', CM('a')], ['prod/a.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' } })]]);
    const parser = new TreeParser('dist/', 'dist');
    for (const [file, text] of [...files].reverse()) parser.add(file, text);
    expect(parser.tree()).toEqual(buildTree('dist/', files, 'dist'));
    expect([...parser.tree().files.keys()]).toEqual(['dev/a.yml', 'prod/a.json', 'prod/b.yaml']);
  });

  it('fails with the error of the first file in path order that does not parse, as buildTree does', () => {
    const files = new Map([['z.yaml', 'a: [\n'], ['b.yaml', CM('b')], ['m.yaml', 'kind: x\n  bad: 1\n']]);
    const parser = new TreeParser('dist/', 'dist');
    for (const [file, text] of files) parser.add(file, text);
    const expected = messageOf(() => buildTree('dist/', files, 'dist'));
    expect(expected).toMatch(/^dist\/m\.yaml: not valid YAML/);
    expect(messageOf(() => parser.tree())).toBe(expected);
  });

  it('leaves out files that are not manifests in lint mode, and refuses them in dist mode', () => {
    const lint = new TreeParser('k8s/', 'lint');
    lint.add('README.md', '# notes');
    lint.add('a.yaml', CM('a'));
    expect([...lint.tree().files.keys()]).toEqual(['a.yaml']);
    const dist = new TreeParser('dist/', 'dist');
    dist.add('README.md', '# notes');
    expect(messageOf(() => dist.tree())).toMatch(/^dist\/README\.md is not a manifest file/);
  });
});
