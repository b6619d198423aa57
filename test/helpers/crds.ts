import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * The upstream CRDs, `../shared/crds` beside the repository (or GITPLANE_CRDS_DIR). Tests that need
 * them are skipped where the folder does not exist; they are never copied into the repository.
 */
export const CRDS_DIR = process.env.GITPLANE_CRDS_DIR ?? path.resolve(__dirname, '../../../shared/crds');

export const HAS_CRDS = fs.existsSync(CRDS_DIR);

/**
 * The storage version's openAPIV3Schema of every kind in the CRD files whose names match
 * `files`, keyed `group/version/Kind`.
 */
export function storageSchemas(files: RegExp): Map<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const schemas = new Map<string, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const file of fs.readdirSync(CRDS_DIR).filter((f) => files.test(f))) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(CRDS_DIR, file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        if (version.storage) schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
      }
    }
  }
  return schemas;
}
