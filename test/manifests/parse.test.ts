import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../lib/manifests';
import { messageOf } from '../helpers/errors';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

describe('parseManifestText', () => {
  it('reads every YAML document and skips empty ones', () => {
    const objects = parseManifestText('x.yaml', `---\n${CM}---\n---\n${CM.replace('name: a', 'name: b')}`);
    expect(objects.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('reads JSON files by extension', () => {
    const objects = parseManifestText('x.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' } }));
    expect(objects[0].metadata.name).toBe('j');
  });

  it.each(['List', 'SecretList', 'ConfigMapList'])('flattens kind %s, nested lists included, so rules see each object', (kind) => {
    const text = JSON.stringify({
      apiVersion: 'v1', kind, items: [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'v' } },
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }] },
      ],
    });
    expect(parseManifestText('l.json', text).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/s', 'ConfigMap/c']);
  });

  it('keeps YAML 1.1 look-alikes and timestamps as strings', () => {
    const [object] = parseManifestText('x.yaml', `${CM}data:\n  a: 2026-01-01\n  b: '0755'\n`);
    expect(object.data).toEqual({ a: '2026-01-01', b: '0755' });
  });

  it('fails on invalid YAML naming the file and line, without quoting the text', () => {
    const secret = 'ghp_' + 'A'.repeat(36);
    const message = messageOf(() => parseManifestText('dist/a.yaml', `apiVersion: v1\nkind: x\n  bad: ${secret}\n`));
    expect(message).toMatch(/^dist\/a\.yaml: not valid YAML at line 3: .+\. Fix: /);
    expect(message).not.toContain('AAAAAAAA');
  });

  it('fails on invalid JSON naming the file', () => {
    expect(messageOf(() => parseManifestText('dist/a.json', '{"kind": '))).toMatch(/^dist\/a\.json: not valid JSON: .+\. Fix: /);
  });

  it.each([
    ['a scalar', 'just text'],
    ['a sequence', '- a\n- b'],
  ])('fails on a document that is %s', (_, text) => {
    expect(messageOf(() => parseManifestText('k/x.yaml', text))).toMatch(/^k\/x\.yaml: document 1 is not a Kubernetes object/);
  });

  describe('bounded aliases', () => {
    const laughs = (levels: number, width: number): string => {
      const lines = [`a0: &a0 [${Array(width).fill('lol').join(',')}]`];
      for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(',')}]`);
      return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n${lines.join('\n')}\n`;
    };

    it.each([
      ['a billion laughs (9 levels x 10)', laughs(9, 10)],
      ['a wide fan-out (2 levels x 150 aliases)', laughs(2, 150)],
      ['a deep chain (40 levels x 2)', laughs(40, 2)],
    ])('refuses %s as a user error, quickly', (_, text) => {
      expect(messageOf(() => parseManifestText('dist/bomb.yaml', text))).toMatch(/^dist\/bomb\.yaml: too many YAML aliases \(\d+, expanding to \d+ nodes\); manifests must not rely on anchors\. Fix: /);
    });

    it.each([
      ['a sequence containing itself', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &a [*a]\n'],
      ['a mapping containing itself', 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, self: *m}\n'],
    ])('refuses %s (an endless structure) instead of overflowing the stack', (_, text) => {
      expect(messageOf(() => parseManifestText('dist/loop.yaml', text))).toMatch(/^dist\/loop\.yaml: a YAML alias refers to the node that contains it/);
    });

    it('accepts a few ordinary anchors in a user file', () => {
      const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: &l {a: b}}\ndata: {copy: x}\nextra: *l\n';
      expect(parseManifestText('k8s/x.yaml', text)).toHaveLength(1);
    });
  });
});
