import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { GitplaneError } from '../core/errors';
import type { KubeObject } from '../core/manifest';
import { assertBoundedAliases, MAX_EXPANDED_NODES } from './bounded';
import { isJsonFile } from './file-kinds';
import { parsePlainYaml } from './plain-yaml';

/** What to do about a file that cannot be read; the caller knows whether it is dist/ or the user's own. */
export interface ParseOptions {
  readonly fix: string;
}

const DEFAULT_FIX = 'fix the file, or re-run npm run synth if it is in dist/';

/**
 * The Kubernetes objects in one file: YAML (every document) or JSON, with `List` kinds flattened so
 * every rule sees one object at a time (a Secret inside `kind: List` is still a Secret; the API server
 * and both reconcilers unwrap lists the same way). js-yaml with the core schema keeps timestamps and
 * YAML 1.1 look-alikes as the strings they are in a Kubernetes object, and parses thousands of small
 * files about six times faster than `yaml`; the plain block YAML that synth writes is read faster still
 * by `parsePlainYaml`, into the same values (anything else goes to js-yaml). Messages quote the
 * parser's reason and line, never the text.
 */
export function parseManifestText(file: string, text: string, options: ParseOptions = { fix: DEFAULT_FIX }): KubeObject[] {
  const plain = isJsonFile(file) ? undefined : parsePlainYaml(text);
  const documents = plain?.documents ?? (isJsonFile(file) ? [parseJson(file, text, options.fix)] : parseYaml(file, text, options.fix));
  // What the plain reader read has no aliases: only its size could exceed the bound.
  const bounded = plain !== undefined && plain.largestDocument <= MAX_EXPANDED_NODES;
  const objects: KubeObject[] = [];
  documents.forEach((document, index) => {
    if (document === null || document === undefined) return;
    if (!bounded) assertBoundedAliases(file, document, options.fix);
    flatten(file, index, document, objects, options.fix);
  });
  return objects;
}

function parseYaml(file: string, text: string, fix: string): unknown[] {
  try {
    return loadAll(text, undefined, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = error.mark ? ` at line ${error.mark.line + 1}` : '';
      throw new GitplaneError(`${file}: not valid YAML${line}: ${error.reason}`, fix);
    }
    if (error instanceof RangeError) throw new GitplaneError(`${file}: YAML nested too deeply to read`, fix);
    throw error;
  }
}

function parseJson(file: string, text: string, fix: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message names the position only; it never echoes the text.
    throw new GitplaneError(`${file}: not valid JSON: ${(error as Error).message.split('\n')[0]}`, fix);
  }
}

function flatten(file: string, index: number, value: unknown, into: KubeObject[], fix: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GitplaneError(`${file}: document ${index + 1} is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)`, fix);
  }
  const object = value as { kind?: unknown; items?: unknown };
  if (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items)) {
    for (const item of object.items) flatten(file, index, item, into, fix);
    return;
  }
  into.push(value as KubeObject);
}
