/**
 * Turns a Kubernetes OpenAPI schema (a built-in definition or a CRD's openAPIV3Schema) into a JSON Schema
 * that ajv validates the way the API server does, and strictly:
 *
 * - unknown fields are errors: structural object nodes get `additionalProperties: false` unless they
 *   allow extra fields (`additionalProperties`, `x-kubernetes-preserve-unknown-fields`);
 * - `nullable` and `oneOf: [X, {type: null}]` disappear, because null values are removed from the data
 *   before validation (the API server treats a null field as an absent one);
 * - `x-kubernetes-int-or-string` and the int-or-string / quantity definitions become a type list, so a
 *   bad port reads "must be integer or string" instead of three branch errors;
 * - OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers;
 * - formats the validator does not know are dropped, documentation keywords too.
 *
 * Nodes inside allOf/anyOf/oneOf/not are value checks, not structure, so they never get the strictness:
 * a branch `{properties: {a: ...}, required: [a]}` must not forbid the object's other fields.
 */
import { isKnownFormat } from './formats';

export type JsonSchema = { [keyword: string]: unknown };

/** `builtin`: only nodes listing `properties` are closed. `crd`: every object node is (structural pruning). */
export type SchemaDialect = 'builtin' | 'crd';

export interface NormalizeOptions {
  readonly dialect: SchemaDialect;
  /** $ref used for `metadata` of a custom resource and of embedded resources. */
  readonly objectMetaRef?: string;
}

const DOC_KEYWORDS = new Set(['description', 'example', 'externalDocs', 'title', 'nullable']);
const COMBINATORS = new Set(['allOf', 'anyOf', 'oneOf']);

export function normalizeSchema(schema: unknown, options: NormalizeOptions): JsonSchema {
  const root = normalizeNode(schema, options, true);
  if (options.dialect === 'crd') addResourceFields(root, options, false);
  return root;
}

function normalizeNode(node: unknown, options: NormalizeOptions, structural: boolean): JsonSchema {
  if (!isRecord(node)) return {};
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (DOC_KEYWORDS.has(key) || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, normalizeNode(child, options, true)]),
      );
    } else if (key === 'items') {
      out.items = Array.isArray(value)
        ? value.map((item) => normalizeNode(item, options, true))
        : normalizeNode(value, options, true);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : normalizeNode(value, options, true);
    } else if (COMBINATORS.has(key) && Array.isArray(value)) {
      out[key] = value.map((branch) => normalizeNode(branch, options, false));
    } else if (key === 'not') {
      out.not = normalizeNode(value, options, false);
    } else if (key === 'format') {
      if (isKnownFormat(value)) out.format = value;
    } else if (key === 'default') {
      // Defaults matter for CRDs only (the CEL rules see defaulted values); built-ins carry none.
      if (options.dialect === 'crd') out.default = value;
    } else if (key !== 'exclusiveMinimum' && key !== 'exclusiveMaximum') {
      out[key] = value;
    }
  }
  convertExclusiveBound(node, out, 'exclusiveMinimum', 'minimum');
  convertExclusiveBound(node, out, 'exclusiveMaximum', 'maximum');
  collapseNullableOneOf(out);
  collapseTypeOneOf(out);

  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    if (isTypeOnlyBranches(out.anyOf)) delete out.anyOf;
  }
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (node['x-kubernetes-embedded-resource'] === true) addResourceFields(out, options, true);

  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (structural && !preserveUnknown && out.additionalProperties === undefined && closes(out, options.dialect)) {
    out.additionalProperties = false;
  }
  return out;
}

function closes(node: JsonSchema, dialect: SchemaDialect): boolean {
  if (node.properties !== undefined) return true;
  // A CRD object node without properties keeps no field at all: the API server prunes every one.
  return dialect === 'crd' && node.type === 'object';
}

/** OpenAPI 3.0 writes `minimum: 0, exclusiveMinimum: true`; draft-07 writes `exclusiveMinimum: 0`. */
function convertExclusiveBound(node: Record<string, unknown>, out: JsonSchema, key: string, bound: string): void {
  const value = node[key];
  if (typeof value === 'number') out[key] = value;
  else if (value === true && typeof node[bound] === 'number') {
    out[key] = node[bound];
    delete out[bound];
  }
}

function collapseNullableOneOf(out: JsonSchema): void {
  const branches = out.oneOf;
  if (!Array.isArray(branches) || branches.length !== 2) return;
  const nullIndex = branches.findIndex((b) => isRecord(b) && b.type === 'null' && Object.keys(b).length === 1);
  if (nullIndex < 0) return;
  delete out.oneOf;
  Object.assign(out, branches[1 - nullIndex] as JsonSchema);
}

/** `oneOf: [{type: string}, {type: integer, format: int32}]` → `type: [string, integer]`. */
function collapseTypeOneOf(out: JsonSchema): void {
  if (!isTypeOnlyBranches(out.oneOf)) return;
  const branches = out.oneOf as JsonSchema[];
  delete out.oneOf;
  out.type = branches.map((b) => b.type);
  for (const branch of branches) if (branch.format !== undefined) out.format = branch.format;
}

function isTypeOnlyBranches(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 1 &&
    value.every(
      (b) => isRecord(b) && typeof b.type === 'string' && Object.keys(b).every((k) => k === 'type' || k === 'format'),
    )
  );
}

/**
 * The root of a custom resource, and an embedded resource, implicitly have apiVersion, kind and
 * ObjectMeta `metadata`, whatever the schema lists: the API server validates metadata itself.
 */
function addResourceFields(out: JsonSchema, options: NormalizeOptions, requireTypeMeta: boolean): void {
  const properties = { ...((out.properties as JsonSchema | undefined) ?? {}) };
  properties.apiVersion = { type: 'string' };
  properties.kind = { type: 'string' };
  if (options.objectMetaRef) {
    const declared = properties.metadata as JsonSchema | undefined;
    const narrowed = declared?.properties ? { properties: declared.properties } : undefined;
    properties.metadata = narrowed ? { allOf: [{ $ref: options.objectMetaRef }, narrowed] } : { $ref: options.objectMetaRef };
  }
  out.properties = properties;
  if (requireTypeMeta) out.required = [...new Set([...((out.required as string[] | undefined) ?? []), 'apiVersion', 'kind'])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
