import { describe, expect, it } from 'vitest';
import { CRDS_DIR, HAS_CRDS, storageSchemas } from '../helpers/crds';
import { Reconciler } from '../../lib/gitops';
import { IReconciler, NamespaceScheme, NotificationTarget } from '../../lib/platform';
import { createValidator } from '../../lib/schema';
import { reconcilerObjects, scaledDeployment, threeAppPlatform } from './helpers';


/** Both engines with every optional output switched on: notifications of each kind, HPA patches, custom props, a tag-pinned prod. */
const engines: [string, () => IReconciler][] = [
  ['Argo CD', () => Reconciler.argoCd()],
  ['Flux', () => Reconciler.flux()],
  ['Argo CD with props', () => Reconciler.argoCd({ namespace: 'gitops', serverSideApply: false, retry: { limit: -1 }, previousRepositories: ['https://github.com/acme/old.git'] })],
  ['Flux with props', () => Reconciler.flux({ namespace: 'gitops', gitSecretName: 'deploy-key', wait: false })],
];

function fullPlatform(reconciler: IReconciler) {
  const platform = threeAppPlatform(reconciler, {
    url: 'git@github.com:acme/platform.git',
    dev: { notifications: [NotificationTarget.msteams('Dev Team'), NotificationTarget.webhook('ops')], namespaces: NamespaceScheme.shared('media-dev') },
    prod: { tag: 'release-2026.11.3' },
  });
  platform.addApp('batch', (app) => { scaledDeployment(app, 'batch'); });
  return platform;
}

describe('generated reconciler objects', () => {
  it.skipIf(!HAS_CRDS).each(engines)('are valid against the upstream CRDs (%s)', (_name, reconciler) => {
    // GIVEN
    const validator = createValidator({ schemaDirs: [CRDS_DIR] });
    const objects = reconcilerObjects(fullPlatform(reconciler()));
    // WHEN
    const report = validator.validateAll(objects.map((o) => ({ file: `${o.environment}/${o.app}`, object: o.object })));
    // THEN
    expect(report.findings).toEqual([]);
    expect(report.unknownKinds).toEqual([]);
    expect(report.objectsChecked).toBe(objects.length);
  });

  it.skipIf(!HAS_CRDS).each(engines)('use the storage version and set every field the CRD requires (%s)', (_name, reconciler) => {
    // GIVEN: the storage version of each kind and its schema, read from the CRD files directly
    const schemas = storageSchemas(/^(argocd|flux)-.*\.yaml$/);
    // WHEN
    const problems: string[] = [];
    for (const { object } of reconcilerObjects(fullPlatform(reconciler()))) {
      if (object.apiVersion === 'v1') continue; // Namespaces
      const schema = schemas.get(`${object.apiVersion}/${object.kind}`);
      if (!schema) problems.push(`${object.apiVersion} ${object.kind} is not a storage version in the CRDs`);
      else missingRequired(schema, object, `${object.kind}/${object.metadata.name}`, problems);
    }
    // THEN
    expect(problems).toEqual([]);
  });
});

/** Every `required` field of every object node the value actually has, recursively. */
function missingRequired(schema: any, value: unknown, at: string, problems: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => missingRequired(schema?.items, item, `${at}[${i}]`, problems));
    return;
  }
  if (typeof value !== 'object' || value === null || !schema) return;
  for (const field of schema.required ?? []) {
    if (!(field in value)) problems.push(`${at}: required field '${field}' is missing`);
  }
  for (const [key, child] of Object.entries(value)) missingRequired(schema.properties?.[key], child, `${at}.${key}`, problems);
}
