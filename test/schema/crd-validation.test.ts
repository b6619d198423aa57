import { describe, expect, it } from 'vitest';
import { createValidator } from '../../lib/schema';
import { copy, widget, widgetCrd, writeYaml } from './fixtures';

const validator = createValidator({ schemaDirs: [writeYaml('widgets.yaml', [widgetCrd()])] });

describe('custom resources against their CRD', () => {
  it('accepts a valid object: int-or-string, preserved unknown fields, an embedded resource, nulls, unknown formats', () => {
    // GIVEN
    const object = widget({
      size: 3,
      port: 'http',
      owner: 'team-shop',
      extra: { anything: { goes: [1, 'two'] } },
      labels: { tier: 'web' },
      template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' }, data: { a: 'b' } },
      parts: [{ name: 'bolt', count: 4 }],
      color: null,
    });
    // WHEN / THEN
    expect(validator.validate(object)).toEqual([]);
    expect(validator.validate(widget({ size: 1, port: 8080 }))).toEqual([]);
  });

  it('fails if a field is unknown, naming its JSON path', () => {
    expect(validator.validate(widget({ size: 3, parts: [{ name: 'bolt', colour: 'red' }], sise: 2 }))).toEqual([
      { path: '.spec.sise', message: 'unknown field "sise" (did you mean "size"?)' },
      { path: '.spec.parts[0].colour', message: 'unknown field "colour"' },
    ]);
  });

  it('fails if a top-level field is unknown', () => {
    expect(validator.validate({ ...widget({ size: 3 }), specs: {} })).toEqual([
      { path: '.specs', message: 'unknown field "specs" (did you mean "spec"?)' },
    ]);
  });

  it('fails if a required field is missing, in the object or in a list item', () => {
    expect(validator.validate(widget({ parts: [{ count: 1 }] }))).toEqual([
      { path: '.spec.size', message: 'required field "size" is missing' },
      { path: '.spec.parts[0].name', message: 'required field "name" is missing' },
    ]);
  });

  it('fails if a field has the wrong type or breaks a bound', () => {
    expect(validator.validate(widget({ size: '3', port: true, labels: { tier: 1 } }))).toEqual([
      { path: '.spec.size', message: 'must be integer, got "3"' },
      { path: '.spec.port', message: 'must be integer or string, got true' },
      { path: '.spec.labels.tier', message: 'must be string, got 1' },
    ]);
    expect(validator.validate(widget({ size: 0, color: 'green' }))).toEqual([
      { path: '.spec.size', message: 'must be >= 1, got 0' },
      { path: '.spec.color', message: 'must be one of "red", "blue", got "green"' },
    ]);
  });

  it('fails if an embedded resource lacks apiVersion and kind', () => {
    expect(validator.validate(widget({ size: 1, template: { metadata: { name: 'x' } } }))).toEqual([
      { path: '.spec.template.apiVersion', message: 'required field "apiVersion" is missing' },
      { path: '.spec.template.kind', message: 'required field "kind" is missing' },
    ]);
  });

  it('validates metadata as ObjectMeta: name required, DNS subdomain, no unknown fields', () => {
    const object = copy(widget({ size: 1 }, { name: 'Big_Widget', owner: 'me' }));
    expect(validator.validate(object)).toEqual([
      { path: '.metadata.owner', message: 'unknown field "owner"' },
      { path: '.metadata.name', message: 'must be a DNS subdomain (lower-case letters, digits, "-" and ".", at most 253), got "Big_Widget"' },
    ]);
  });

  it('fails if the kind has no schema, or the version is not served, saying what is', () => {
    expect(validator.validate({ apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      { path: '.', message: 'unknown kind: no schema for Widget in example.com/v1alpha1; its CRD serves example.com/v1' },
    ]);
    expect(validator.validate({ apiVersion: 'other.io/v1', kind: 'Gizmo', metadata: { name: 'g' } })).toEqual([
      { path: '.', message: 'unknown kind: no schema for Gizmo in other.io/v1; add its CustomResourceDefinition to a --schemas folder' },
    ]);
  });

  it('validates against a CRD defined by another object in the same set', () => {
    // GIVEN a set holding a CRD of another group and one of its objects, but no --schemas folder
    const bare = createValidator();
    const crd = widgetCrd({ group: 'inline.example.com' });
    const good = { ...widget({ size: 2 }), apiVersion: 'inline.example.com/v1' };
    const bad = { ...widget({ size: 2, shape: 'round' }), apiVersion: 'inline.example.com/v1', metadata: { name: 'bad', namespace: 'shop' } };
    // WHEN
    const report = bare.validateAll([{ file: 'crds/widgets.yaml', object: crd }, { file: 'good.yaml', object: good }, { file: 'bad.yaml', object: bad }]);
    // THEN
    expect(report.unknownKinds).toEqual([]);
    expect(report.findings).toEqual([
      { file: 'bad.yaml', object: 'Widget/shop/bad', apiVersion: 'inline.example.com/v1', kind: 'Widget', path: '.spec.shape', message: 'unknown field "shape"' },
    ]);
    // AND the CRD does not leak into later calls
    expect(bare.validate(good)[0].message).toMatch(/^unknown kind/);
  });

  it('reports a oneOf of required fields in words', () => {
    const crd = copy(widgetCrd({ group: 'choice.example.com' }));
    const spec = (crd as any).spec.versions[0].schema.openAPIV3Schema.properties.spec;
    spec.oneOf = [{ required: ['color'] }, { required: ['port'] }];
    const v = createValidator({ schemaDirs: [writeYaml('choice.yaml', [crd])] });
    const object = { ...widget({ size: 1 }), apiVersion: 'choice.example.com/v1' };
    expect(v.validate(object)).toEqual([{ path: '.spec', message: 'must set exactly one of "color", "port"' }]);
    expect(v.validate({ ...object, spec: { size: 1, color: 'red', port: 1 } })).toEqual([{ path: '.spec', message: 'must set only one of "color", "port"' }]);
    expect(v.validate({ ...object, spec: { size: 1, color: 'red' } })).toEqual([]);
  });
});
