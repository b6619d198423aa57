import { describe, expect, it } from 'vitest';
import { createValidator, type ValidationInput } from '../../lib/schema';
import { mergeReports } from '../../lib/schema/report-merge';
import { copy, deployment, queue, upboundLikeCrd, widget, widgetCrd, writeYaml } from './fixtures';

describe('mergeReports', () => {
  it('gives for reports of the files of a set, in order, exactly the report of the whole set', () => {
    // GIVEN files with invalid objects, unknown kinds in two files, the same skipped CEL rule in two
    // files, and a CRD in the last file that defines the widgets of the first
    const dir = writeYaml('crds/queues.yaml', [upboundLikeCrd()]);
    const broken = copy(deployment()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    broken.spec.template.spec.containers[0].foo = 'bar';
    const unknown = { apiVersion: 'example.org/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'shop' } };
    const files: ValidationInput[][] = [
      [{ file: 'a.yaml', object: widget({ size: 'big' }) }, { file: 'a.yaml', object: queue({ forProvider: { region: 'r', name: 'n' }, tier: 'gold' }) }],
      [{ file: 'b.yaml', object: deployment() }, { file: 'b.yaml', object: unknown }, { file: 'b.yaml', object: broken }],
      [],
      [{ file: 'c.yaml', object: queue({ forProvider: { region: 'r' }, tier: 'silver', retention: '10s' }) }, { file: 'c.yaml', object: { ...unknown, kind: 'Gizmo' } }],
      [{ file: 'd.yaml', object: widgetCrd() }, { file: 'd.yaml', object: widget({ size: 2 }) }],
    ];
    const validator = createValidator({ schemaDirs: ['crds'], baseDir: dir });
    // WHEN
    const merged = mergeReports(validator.validateGroups(files));
    const whole = validator.validateAll(files.flat());
    // THEN (compared as JSON text: the order of kinds and CEL rules is part of the report)
    expect(whole.unknownKinds).toEqual(['example.org/v1/Gadget', 'example.org/v1/Gizmo']);
    expect(whole.cel.skipped.find((s) => s.rule === 'self == oldSelf')?.count).toBe(2);
    expect(whole.findings.map((f) => f.file)).toContain('a.yaml');
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
  });
});
