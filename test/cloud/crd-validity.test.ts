import { describe, expect, it } from 'vitest';
import { HAS_CRDS, storageSchemas } from '../helpers/crds';
import { KubeObject } from '../../lib/core/manifest';
import { Protection } from '../../lib/platform';
import { CRD_TIMEOUT, crdValidator, everything, FLAVORS, RetainingReconciler, synthCloud } from './helpers';

const cases = FLAVORS.flatMap(([name, flavor]) => [
  [`${name}, unprotected`, () => synthCloud(flavor(), everything)],
  [`${name}, protected`, () => synthCloud(flavor(), everything, { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() })],
] as [string, () => KubeObject[]][]);

describe('generated cloud objects', () => {
  it.skipIf(!HAS_CRDS).each(cases)('are valid against the upstream CRDs, CEL rules included (%s)', (_name, synth) => {
    // GIVEN
    const validator = crdValidator();
    const objects = synth();
    // WHEN
    const report = validator.validateAll(objects.map((object) => ({ object })));
    // THEN
    expect(report.findings).toEqual([]);
    expect(report.unknownKinds).toEqual([]);
    expect(report.objectsChecked).toBe(objects.length);
    if (objects[0].apiVersion.includes('upbound')) expect(report.cel.evaluated).toBeGreaterThan(0);
  }, CRD_TIMEOUT);

  it.skipIf(!HAS_CRDS).each(cases)('use each kind\'s storage version and set every required forProvider field (%s)', (_name, synth) => {
    // GIVEN: each kind's storage version and schema, read from the CRD files directly
    const schemas = storageSchemas(/^(upbound|ack)-.*\.yaml$/);
    // WHEN
    const problems: string[] = [];
    for (const object of synth()) {
      const schema = schemas.get(`${object.apiVersion}/${object.kind}`);
      if (!schema) {
        problems.push(`${object.apiVersion} ${object.kind} is not a storage version in the CRDs`);
        continue;
      }
      const spec = schema.properties.spec;
      for (const field of spec.required ?? []) if (!((object as any).spec ?? {})[field]) problems.push(`${object.kind}/${object.metadata.name}: spec.${field}`);
      const forProvider = spec.properties.forProvider;
      for (const field of forProvider?.required ?? []) {
        if ((object as any).spec.forProvider?.[field] === undefined) problems.push(`${object.kind}/${object.metadata.name}: spec.forProvider.${field}`);
      }
      // The Upbound CEL rules: `has(self.forProvider.<field>)` whenever Crossplane may create or update.
      for (const rule of spec['x-kubernetes-validations'] ?? []) {
        const field = /has\(self\.forProvider\.(\w+)\)/.exec(rule.rule)?.[1];
        if (field && (object as any).spec.forProvider?.[field] === undefined) problems.push(`${object.kind}/${object.metadata.name}: ${rule.message}`);
      }
    }
    // THEN
    expect(problems).toEqual([]);
  }, CRD_TIMEOUT);
});
