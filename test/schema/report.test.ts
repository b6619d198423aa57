import { describe, expect, it } from 'vitest';
import { createValidator, formatCelNotes, formatFindings, formatSummary } from '../../lib/schema';
import { copy, deployment, queue, upboundLikeCrd, widget, widgetCrd, writeYaml } from './fixtures';

const validator = createValidator({ schemaDirs: [writeYaml('crds.yaml', [widgetCrd(), upboundLikeCrd()])] });

describe('validateAll', () => {
  it('counts objects by kind and lists unknown kinds', () => {
    // GIVEN a clean Deployment, a Widget with a typo, and an object of a kind nobody defined
    const items = [
      { file: 'dist/prod/shop/deployment-web.yaml', object: deployment() },
      { file: 'dist/prod/shop/widget-w.yaml', object: widget({ size: 1, colr: 'red' }) },
      { file: 'dist/prod/shop/gizmo-g.yaml', object: { apiVersion: 'other.io/v1', kind: 'Gizmo', metadata: { name: 'g', namespace: 'shop' } } },
    ];
    // WHEN
    const report = validator.validateAll(items);
    // THEN
    expect(report).toMatchObject({
      objectsChecked: 3,
      objectsWithProblems: 2,
      byKind: { 'apps/v1/Deployment': 1, 'example.com/v1/Widget': 1, 'other.io/v1/Gizmo': 1 },
      unknownKinds: ['other.io/v1/Gizmo'],
    });
    expect(formatFindings(report)).toEqual([
      'dist/prod/shop/widget-w.yaml: Widget/shop/w: .spec.colr: unknown field "colr" (did you mean "color"?)',
      'dist/prod/shop/gizmo-g.yaml: Gizmo/shop/g: .: unknown kind: no schema for Gizmo in other.io/v1; add its CustomResourceDefinition to a --schemas folder',
    ]);
    expect(formatSummary(report)).toBe('3 objects of 3 kinds checked: 2 problems in 2 objects, 1 unknown kind; 0 CEL rule checks');
  });

  it('summarizes a clean set, with notes for CEL rules not checked offline', () => {
    const report = validator.validateAll([{ object: queue({ forProvider: { region: 'r', name: 'n' }, tier: 'gold' }) }, { object: copy(deployment()) }]);
    expect(formatFindings(report)).toEqual([]);
    expect(formatSummary(report)).toBe('2 objects of 2 kinds checked: no problems, 0 unknown kinds; 2 CEL rule checks, 1 CEL rule not checked offline');
    expect(formatCelNotes(report)).toEqual(['note: CEL rule not checked (transition rule: compares with oldSelf, the live object), 1 time: self == oldSelf']);
  });

  it('validates thousands of objects with compiled schemas reused per kind', () => {
    // GIVEN 9,000 objects of mixed kinds
    const kinds = [deployment(), widget({ size: 2, port: 80 }), queue({ forProvider: { region: 'r', name: 'n' } })];
    const items = Array.from({ length: 9000 }, (_, i) => {
      const object = copy(kinds[i % kinds.length]);
      object.metadata.name = `obj-${i}`;
      return { file: `f${i}.yaml`, object };
    });
    validator.validateAll(items.slice(0, 3));
    // WHEN (its speed is measured by npm run bench)
    const report = validator.validateAll(items);
    // THEN
    expect(report.findings).toEqual([]);
    expect(report.objectsChecked).toBe(9000);
  });
});
