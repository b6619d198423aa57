/**
 * Reads CustomResourceDefinitions from folders: CRD files as projects publish them, or the `List` that
 * `kubectl get crd -o yaml` prints. Every served version becomes an entry keyed by apiVersion and kind.
 */
import { isUtf8 } from 'buffer';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError, UsageError } from '../core/errors';
import { apiGroup } from '../core/manifest';
import { gvkKey } from './kubernetes-builtins';
import type { JsonSchema } from './normalize';
import { cachedDocuments } from './validator-cache';

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** One served version of a custom resource. */
export interface CustomResourceVersion {
  /** `group/version`, e.g. `argoproj.io/v1alpha1`. */
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The version's `schema.openAPIV3Schema`; undefined means anything goes. */
  readonly schema: JsonSchema | undefined;
  readonly deprecated: boolean;
  /** Where the CRD came from: a file, or the object that defined it. */
  readonly source: string;
}

/** Something in a schema folder that defines no usable kind, and why. */
export interface SkippedSchemaDocument {
  readonly source: string;
  readonly reason: string;
}

/**
 * CRDs by apiVersion and kind. Files are parsed lazily: parsing YAML is by far the slowest step (a
 * 1.4 MB CRD takes ~0.3 s), so a file is parsed only when a kind is looked up that the file's text could
 * define (it mentions both the group and `kind: <Kind>`), or when every entry is asked for.
 */
export class CrdRegistry {
  private readonly versions = new Map<string, CustomResourceVersion & { readonly order: number }>();
  private readonly servedByGroupKind = new Map<string, string[]>();
  private readonly skippedDocs: Array<SkippedSchemaDocument & { readonly order: number }> = [];
  private pending: PendingFile[] = [];
  private readonly searched = new Set<string>();
  private nextOrder = 0;
  /** Every text added, with its source and length (so that no two sequences hash alike), in order. */
  private readonly added = createHash('sha256');
  private addedOtherwise = false;

  /**
   * SHA-256 of everything this registry was given, when all of it came as text (`addText`, which is how
   * CRD files are read): equal digests mean the same definitions. Undefined when objects were added.
   */
  public get contentDigest(): string | undefined {
    return this.addedOtherwise ? undefined : this.added.copy().digest('hex');
  }

  /** Adds every served version of one CRD object; anything unusable is recorded in `skipped`. */
  public addDefinition(crd: unknown, source: string): void {
    this.addedOtherwise = true;
    const order = this.nextOrder++;
    const reason = this.tryAdd(crd, source, order);
    if (reason) this.skippedDocs.push({ source, reason, order });
  }

  /** Adds the CRDs in parsed YAML/JSON documents, unwrapping `kind: List`. */
  public addDocument(doc: unknown, source: string): void {
    this.addedOtherwise = true;
    this.addParsed(doc, source, this.nextOrder++);
  }

  /** Queues the text of a file (multi-document YAML or JSON); it is parsed when first needed. */
  public addText(text: string, source: string): void {
    this.added.update(`${JSON.stringify(source)} ${text.length}\0`).update(text);
    if (!text.includes('CustomResourceDefinition')) {
      this.skippedDocs.push({ source, reason: 'defines no CustomResourceDefinition', order: this.nextOrder++ });
      return;
    }
    this.pending.push(new PendingFile(text, source, this.nextOrder++));
  }

  public get(apiVersion: string, kind: string): CustomResourceVersion | undefined {
    this.parseCandidates(apiGroup(apiVersion), kind);
    return this.versions.get(gvkKey(apiVersion, kind));
  }

  /** Served versions of a group and kind, to say which apiVersion was meant. */
  public servedVersions(group: string, kind: string): readonly string[] {
    this.parseCandidates(group, kind);
    return this.servedByGroupKind.get(`${group} ${kind}`) ?? [];
  }

  /** Number of served versions (parses every file). */
  public get size(): number {
    this.parseAll();
    return this.versions.size;
  }

  /** Every served version (parses every file). */
  public entries(): CustomResourceVersion[] {
    this.parseAll();
    return [...this.versions.values()];
  }

  /** Documents and files that define no usable kind, in file order (parses every file). */
  public get skipped(): readonly SkippedSchemaDocument[] {
    this.parseAll();
    return [...this.skippedDocs].sort((a, b) => a.order - b.order).map(({ source, reason }) => ({ source, reason }));
  }

  private parseCandidates(group: string, kind: string): void {
    const key = `${group} ${kind}`;
    if (this.pending.length === 0 || this.searched.has(key)) return;
    this.searched.add(key);
    const candidates = this.pending.filter((p) => p.mayDefine(group, kind));
    if (candidates.length === 0) return;
    this.pending = this.pending.filter((p) => !candidates.includes(p));
    for (const candidate of candidates) this.parse(candidate);
  }

  private parseAll(): void {
    const all = this.pending;
    this.pending = [];
    for (const file of all) this.parse(file);
  }

  private parse({ text, source, order }: PendingFile): void {
    const documents = cachedDocuments(text, () => yamlDocuments(text).map((doc) => {
      const error = doc.errors[0];
      if (error) throw new GitplaneError(`${source}: not valid YAML: ${error.message.split('\n')[0]}`, 'fix or remove the file');
      return doc.toJS({ maxAliasCount: -1 });
    }));
    for (const doc of documents) this.addParsed(doc, source, order);
  }

  private addParsed(doc: unknown, source: string, order: number): void {
    if (!isRecord(doc)) return;
    if (doc.kind === 'List' && Array.isArray(doc.items)) {
      doc.items.forEach((item, index) => this.addParsed(item, `${source} items[${index}]`, order));
      return;
    }
    const reason = this.tryAdd(doc, source, order);
    if (reason) this.skippedDocs.push({ source, reason, order });
  }

  private tryAdd(crd: unknown, source: string, order: number): string | undefined {
    if (!isRecord(crd)) return 'not an object';
    if (crd.kind !== 'CustomResourceDefinition') return `not a CustomResourceDefinition (kind ${String(crd.kind)})`;
    if (crd.apiVersion !== CRD_API_VERSION) {
      return `apiVersion ${String(crd.apiVersion)} is not served by Kubernetes 1.28; use the ${CRD_API_VERSION} CRD`;
    }
    const spec = isRecord(crd.spec) ? crd.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    const group = spec.group;
    const kind = names.kind;
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec.versions)) {
      return 'spec.group, spec.names.kind and spec.versions are required';
    }
    const scope = spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced';
    const plural = typeof names.plural === 'string' ? names.plural : kind.toLowerCase();
    for (const v of spec.versions) {
      if (!isRecord(v) || typeof v.name !== 'string' || v.served === false) continue;
      const apiVersion = `${group}/${v.name}`;
      const key = gvkKey(apiVersion, kind);
      // Two definitions of one kind: the one added first wins, whatever order files are parsed in.
      const existing = this.versions.get(key);
      if (existing && existing.order < order) {
        this.skippedDocs.push({ source, reason: `${kind} ${apiVersion} is already defined by ${existing.source}`, order });
        continue;
      }
      const schemaBlock = isRecord(v.schema) ? v.schema : {};
      const schema = isRecord(schemaBlock.openAPIV3Schema) ? (schemaBlock.openAPIV3Schema as JsonSchema) : undefined;
      this.versions.set(key, { apiVersion, group, version: v.name, kind, plural, scope, schema, deprecated: v.deprecated === true, source, order });
      const served = this.servedByGroupKind.get(`${group} ${kind}`) ?? [];
      if (!served.includes(v.name)) served.push(v.name);
      this.servedByGroupKind.set(`${group} ${kind}`, served);
    }
    return undefined;
  }
}

/** After `kind:` (key and value quoted or not); what follows on the line names the kind. */
const KIND_KEY = /kind["']?\s*:\s*["']?/g;
/** What may follow a kind's name: a closing quote and spaces, then the end of a line, `,` `}` or `#`. */
const AFTER_KIND = /^["']?\s*($|[,}#\n\r\u2028\u2029])/;

/** A CRD file not parsed yet, and what its text says about the kinds it could define. */
class PendingFile {
  private kindLines: string[] | undefined;
  private readonly groups = new Map<string, boolean>();

  constructor(public readonly text: string, public readonly source: string, public readonly order: number) {}

  /**
   * Whether the text mentions the group and has a line `kind: <kind>`. The text after every `kind:` is
   * found once per file, so a lookup reads those lines instead of the whole text again.
   */
  public mayDefine(group: string, kind: string): boolean {
    return this.hasKindLine(kind) && this.mentions(group);
  }

  private hasKindLine(kind: string): boolean {
    // A name with quotes or spaces could also match where the key's own quote or spaces are: searched in full.
    if (/["'\s]/.test(kind)) return new RegExp(`kind["']?\\s*:\\s*["']?${escapeRegExp(kind)}["']?\\s*($|[,}#])`, 'm').test(this.text);
    if (!this.kindLines) {
      this.kindLines = [];
      for (const match of this.text.matchAll(KIND_KEY)) {
        const start = match.index + match[0].length;
        const newline = this.text.indexOf('\n', start);
        this.kindLines.push(this.text.slice(start, newline < 0 ? this.text.length : newline + 1));
      }
    }
    return this.kindLines.some((line) => line.startsWith(kind) && AFTER_KIND.test(line.slice(kind.length)));
  }

  private mentions(group: string): boolean {
    let found = this.groups.get(group);
    if (found === undefined) {
      found = this.text.includes(group);
      this.groups.set(group, found);
    }
    return found;
  }
}

const SCHEMA_FILE = /\.(ya?ml|json)$/i;

/**
 * Loads every *.yaml, *.yml and *.json file under the folders, recursively, in a stable order. Relative
 * folders are resolved against `baseDir`; messages name them as given.
 */
export function loadCrdDirectories(dirs: readonly string[], baseDir = process.cwd()): CrdRegistry {
  const registry = new CrdRegistry();
  for (const given of dirs) {
    const dir = path.resolve(baseDir, given);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new UsageError(
        `--schemas folder "${given}" does not exist`,
        'pass a folder that holds CRD YAML files (as published upstream, or `kubectl get crd -o yaml`)',
        '--schemas',
      );
    }
    for (const file of listSchemaFiles(dir)) addCrdFile(registry, file, displayName(baseDir, file));
  }
  return registry;
}

/**
 * Queues one file (multi-document YAML or JSON); it is parsed when one of its kinds is needed. A file
 * that is not text, or (when it defines no CRD, so it would be skipped) not valid YAML, is an error
 * naming it (`shown`): skipping it silently would later ask for a CRD the user already added.
 */
export function addCrdFile(registry: CrdRegistry, file: string, shown = file): void {
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0) || !isUtf8(bytes)) {
    throw new UsageError(`--schemas file ${shown} is not a text file, so it holds no CustomResourceDefinition`, 'replace it with the CRD YAML as published upstream (or kubectl get crd -o yaml), or remove it', '--schemas');
  }
  // As a decoder reads UTF-8: a byte order mark is not part of the text.
  const decoded = bytes.toString('utf8');
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (!text.includes('CustomResourceDefinition')) {
    const error = yamlDocuments(text).flatMap((doc) => doc.errors)[0];
    if (error) {
      throw new UsageError(`--schemas file ${shown} is not valid YAML or JSON (${error.message.split('\n')[0]})`,
        'replace it with the CRD YAML as published upstream (or kubectl get crd -o yaml), or remove it', '--schemas');
    }
  }
  registry.addText(text, file);
}

/** A schema file as messages name it: relative to the folder flags are resolved from, when inside it. */
function displayName(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function listSchemaFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && SCHEMA_FILE.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** The `yaml` package's documents of a text; loaded only when a CRD file is parsed (a warm run parses none). */
function yamlDocuments(text: string): ReturnType<typeof import('yaml').parseAllDocuments> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  return parseAllDocuments(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
