/**
 * Reads the objects of every YAML file under a folder (such as dist/), remembering each one's file.
 *
 * js-yaml rather than `yaml` here, as in the dist writer: dist/ holds thousands of small files and
 * js-yaml parses them about six times faster. The core schema keeps timestamps and YAML 1.1 look-alikes
 * as the strings they are in a Kubernetes object.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { GitplaneError, UsageError } from '../core/errors';
import type { KubeObject } from '../core/manifest';
import type { ValidationInput } from './validator';

const MANIFEST_FILE = /\.ya?ml$/i;

export interface ReadManifestOptions {
  /** Name files (and the folder, in errors) relative to this folder, as the user would type them. */
  readonly relativeTo?: string;
}

/**
 * Every document of every *.yaml / *.yml file under `dir`, in path order, with forward slashes in file
 * names. Entries whose name starts with "." are not read.
 */
export function readManifestDir(dir: string, options: ReadManifestOptions = {}): ValidationInput[] {
  const name = (p: string): string => {
    const relative = options.relativeTo ? path.relative(options.relativeTo, p) : p;
    return (relative.startsWith('..') ? p : relative).split(path.sep).join('/');
  };
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`manifest folder "${name(dir)}" does not exist`, 'run `gitplane synth` first, or pass --dir', '--dir');
  }
  const items: ValidationInput[] = [];
  for (const file of listManifestFiles(dir)) items.push(...readManifestFile(file, name(file)));
  return items;
}

/** The objects of one file; `label` is how findings name the file. */
export function readManifestFile(file: string, label = file): ValidationInput[] {
  const items: ValidationInput[] = [];
  let docs: unknown[];
  try {
    docs = loadAll(fs.readFileSync(file, 'utf8'), undefined, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new GitplaneError(`${label}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'fix the file or re-run `gitplane synth`');
  }
  for (const value of docs) {
    if (value === null || value === undefined) continue;
    if (isList(value)) for (const object of value.items) items.push({ file: label, object: object as KubeObject });
    else items.push({ file: label, object: value as KubeObject });
  }
  return items;
}

function listManifestFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  return files;
}

function isList(value: unknown): value is { items: unknown[] } {
  const v = value as { kind?: unknown; items?: unknown };
  return typeof v === 'object' && v.kind === 'List' && Array.isArray(v.items);
}
