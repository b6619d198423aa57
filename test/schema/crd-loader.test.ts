import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CrdRegistry, loadCrdDirectories } from '../../lib/schema';
import { tempDir } from '../helpers/temp';

const writeText = (value: unknown): string => stringify(value);
import { upboundLikeCrd, widgetCrd, writeYaml } from './fixtures';

describe('loadCrdDirectories', () => {
  it('registers every served version by apiVersion and kind, with its scope', () => {
    // GIVEN a CRD file with a served and a non-served version, and a second CRD in a sub-folder
    const dir = writeYaml('widgets.yaml', [widgetCrd()]);
    writeYaml('aws/queues.yml', [upboundLikeCrd()], dir);
    // WHEN
    const registry = loadCrdDirectories([dir]);
    // THEN
    expect(registry.get('example.com/v1', 'Widget')).toMatchObject({ group: 'example.com', version: 'v1', plural: 'widgets', scope: 'Namespaced' });
    expect(registry.get('example.com/v1alpha1', 'Widget')).toBeUndefined();
    expect(registry.get('aws.example.io/v1beta1', 'Queue')).toMatchObject({ scope: 'Cluster', source: path.join(dir, 'aws/queues.yml') });
    expect(registry.size).toBe(2);
  });

  it('reads the List that `kubectl get crd -o yaml` prints', () => {
    // GIVEN a List holding two CRDs, with the status and managedFields a live cluster adds
    const live = (crd: ReturnType<typeof widgetCrd>) => ({
      ...crd,
      metadata: { ...crd.metadata, resourceVersion: '123', managedFields: [{ manager: 'kubectl' }] },
      status: { acceptedNames: { kind: 'x' }, storedVersions: ['v1'] },
    });
    const dir = writeYaml('cluster-crds.yaml', [
      { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [live(widgetCrd()), live(upboundLikeCrd())] },
    ]);
    // WHEN
    const registry = loadCrdDirectories([dir]);
    // THEN
    expect(registry.get('example.com/v1', 'Widget')?.source).toBe(`${path.join(dir, 'cluster-crds.yaml')} items[0]`);
    expect(registry.get('aws.example.io/v1beta1', 'Queue')?.source).toBe(`${path.join(dir, 'cluster-crds.yaml')} items[1]`);
  });

  it('reads JSON files and multi-document YAML, and records what it skipped', () => {
    // GIVEN JSON, a multi-document file mixing a CRD with a ConfigMap, a v1beta1 CRD and a README
    const dir = tempDir('gitplane-schema-');
    fs.writeFileSync(path.join(dir, 'widgets.json'), JSON.stringify(widgetCrd()));
    writeYaml('mixed.yaml', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, upboundLikeCrd()], dir);
    writeYaml('old.yaml', [{ ...widgetCrd({ group: 'old.example.com' }), apiVersion: 'apiextensions.k8s.io/v1beta1' }], dir);
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a schema');
    // WHEN
    const registry = loadCrdDirectories([dir]);
    // THEN
    expect(registry.get('example.com/v1', 'Widget')).toBeDefined();
    expect(registry.get('aws.example.io/v1beta1', 'Queue')).toBeDefined();
    expect(registry.skipped.map((s) => [path.basename(s.source), s.reason])).toEqual([
      ['mixed.yaml', 'not a CustomResourceDefinition (kind ConfigMap)'],
      ['old.yaml', 'apiVersion apiextensions.k8s.io/v1beta1 is not served by Kubernetes 1.28; use the apiextensions.k8s.io/v1 CRD'],
    ]);
  });

  it('keeps the first definition when two files define the same kind', () => {
    const dir = writeYaml('a.yaml', [widgetCrd()]);
    writeYaml('b.yaml', [widgetCrd()], dir);
    const registry = loadCrdDirectories([dir]);
    expect(registry.get('example.com/v1', 'Widget')?.source).toBe(path.join(dir, 'a.yaml'));
    expect(registry.skipped).toEqual([{ source: path.join(dir, 'b.yaml'), reason: `Widget example.com/v1 is already defined by ${path.join(dir, 'a.yaml')}` }]);
  });

  it('parses a file only when one of its kinds is looked up', () => {
    // GIVEN a file that is not valid YAML but whose text names another kind
    const dir = writeYaml('widgets.yaml', [widgetCrd()]);
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: CustomResourceDefinition\nspec: {group: other.io, names: {kind: Gadget}\n  - ]');
    const registry = loadCrdDirectories([dir]);
    // WHEN a kind of the good file is looked up THEN the broken file is not parsed
    expect(registry.get('example.com/v1', 'Widget')).toBeDefined();
    // WHEN its own kind is looked up THEN it fails naming the file
    expect(() => registry.get('other.io/v1', 'Gadget')).toThrow(`${path.join(dir, 'broken.yaml')}: not valid YAML`);
  });

  it('finds a kind however its file writes the kind line, and parses no file that only names a longer kind', () => {
    // GIVEN CRDs written as one-line JSON, with quoted YAML values and a comment, with CRLF line ends,
    // and a broken file that names only kinds that start like them
    const crd = (kind: string) => ({ ...widgetCrd(), spec: { ...(widgetCrd().spec as object), names: { kind, plural: `${kind.toLowerCase()}s` } } });
    const registry = new CrdRegistry();
    registry.addText(JSON.stringify(crd('Widget')), 'json');
    registry.addText(writeText(crd('Gadget')).replace('kind: Gadget', "kind: 'Gadget' # the kind"), 'quoted');
    registry.addText(writeText(crd('Gizmo')).replace(/\n/g, '\r\n'), 'crlf');
    registry.addText('kind: CustomResourceDefinition\nspec: {group: example.com, names: {kind: WidgetSet}}\nkind: Gadgets\nkind: Gizmo2\n  - ]', 'broken');
    // WHEN each kind is looked up THEN it is found, and the broken file is never parsed
    expect(['Widget', 'Gadget', 'Gizmo'].map((kind) => registry.get('example.com/v1', kind)?.source)).toEqual(['json', 'quoted', 'crlf']);
    // WHEN a kind only the broken file names is looked up THEN it is parsed, and fails naming it
    expect(() => registry.get('example.com/v1', 'WidgetSet')).toThrow('broken: not valid YAML');
  });

  it('reads a file that starts with a byte order mark, and refuses one that is not UTF-8', () => {
    const dir = tempDir('gitplane-schema-');
    fs.writeFileSync(path.join(dir, 'widgets.yaml'), `\ufeff${writeText(widgetCrd())}`);
    expect(loadCrdDirectories([dir]).get('example.com/v1', 'Widget')).toBeDefined();
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('kind: CustomResourceDefinition # caf\xe9\n', 'latin1'));
    expect(() => loadCrdDirectories([dir])).toThrow(/^--schemas file .*latin1\.yaml is not a text file/);
  });

  it('fails if a --schemas folder does not exist', () => {
    expect(() => loadCrdDirectories(['no/such/folder'])).toThrow(
      '--schemas folder "no/such/folder" does not exist. Fix: pass a folder that holds CRD YAML files',
    );
  });

  it('fails if a CRD lacks its group, kind or versions, by recording it as skipped', () => {
    const registry = new CrdRegistry();
    registry.addDefinition({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { names: {} } }, 'inline');
    expect(registry.skipped).toEqual([{ source: 'inline', reason: 'spec.group, spec.names.kind and spec.versions are required' }]);
    expect(registry.size).toBe(0);
  });
});
