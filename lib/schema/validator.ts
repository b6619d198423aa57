/**
 * Offline schema validation of Kubernetes objects: built-in kinds against the Kubernetes 1.28 API,
 * custom resources against CRDs read from folders (or defined by another object in the same set),
 * strict about unknown fields, plus the metadata checks and CRD CEL rules the API server runs.
 *
 * One ajv instance per process holds the built-in definitions; each kind's validator is compiled on first
 * use and cached, so thousands of objects validate in well under a second once warm.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { apiGroup, objectRef, type KubeObject } from '../core/manifest';
import { ajvErrorsToProblems } from './ajv-problems';
import { CelRuleChecker, hasCelRules, newCelStats, type CelStats, type SkippedCelRule } from './cel-rules';
import { CRD_API_VERSION, CrdRegistry, loadCrdDirectories, type CustomResourceVersion } from './crd-loader';
import { FORMATS } from './formats';
import { builtinKinds, builtinSchemas, gvkKey, KUBERNETES_VERSION, OBJECT_META_ID, type BuiltinKind } from './kubernetes-builtins';
import { checkMetadata } from './metadata-rules';
import { normalizeSchema, type JsonSchema } from './normalize';
import type { SchemaProblem } from './problem';
import { cachedJson, createValidatorCache, digestOf, keyOf, type ValidatorCache } from './validator-cache';

export interface ValidatorOptions {
  /** Folders of CRD files (searched recursively); custom resources of other kinds are unknown kinds. */
  readonly schemaDirs?: readonly string[];
  /** Folder that relative `schemaDirs` are resolved against [default: the current directory]. */
  readonly baseDir?: string;
}

/** An object to validate and the file it was read from, if any. */
export interface ValidationInput {
  readonly file?: string;
  readonly object: KubeObject;
}

/** One problem, naming the file, the object (`Kind/namespace/name`) and the JSON path. */
export interface SchemaFinding {
  readonly file?: string;
  readonly object: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: string;
  readonly message: string;
}

export interface ValidationReport {
  readonly findings: readonly SchemaFinding[];
  readonly objectsChecked: number;
  readonly objectsWithProblems: number;
  /** Objects checked per `apiVersion/Kind`. */
  readonly byKind: Readonly<Record<string, number>>;
  /** `apiVersion/Kind` of objects for which no schema exists (each also has a finding). */
  readonly unknownKinds: readonly string[];
  readonly cel: { readonly evaluated: number; readonly skipped: readonly SkippedCelRule[] };
}

/** Where a kind's schema comes from. */
export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** `kubernetes 1.28`, or the CRD's file (or defining object). */
  readonly source: string;
}

export interface SchemaValidator {
  /** Problems of one object; an object whose kind has no schema yields one "unknown kind" problem. */
  validate(object: KubeObject): SchemaProblem[];
  /** Validates a set; CRDs in the set define kinds for the other objects in it. */
  validateAll(items: readonly ValidationInput[]): ValidationReport;
  /**
   * Validates a set given in groups (the objects of each file), one report per group: CRDs in any
   * group define kinds for all of them, and `mergeReports` of the result is `validateAll` of the set.
   */
  validateGroups(groups: readonly (readonly ValidationInput[])[]): ValidationReport[];
  lookup(apiVersion: string, kind: string): KindSchema | undefined;
  /** The CRDs read from `schemaDirs`. */
  readonly crds: CrdRegistry;
}

export function createValidator(options: ValidatorOptions = {}): SchemaValidator {
  return new Validator(loadCrdDirectories(options.schemaDirs ?? [], options.baseDir));
}

type Resolved = { readonly builtin: BuiltinKind } | { readonly crd: CustomResourceVersion };

interface CompiledKind {
  /** Returns ajv errors (instance paths from the object root); may apply schema defaults to `data`. */
  readonly validate?: (data: Record<string, unknown>) => readonly ErrorObject[];
  readonly compileError?: string;
  /** The raw CRD schema when it has CEL rules. */
  readonly celSchema?: JsonSchema;
}

class Validator implements SchemaValidator {
  private readonly builtinCache = new Map<string, CompiledKind>();
  private readonly crdCache = new WeakMap<CustomResourceVersion, CompiledKind>();
  private readonly cel = new CelRuleChecker();

  constructor(public readonly crds: CrdRegistry) {}

  public validate(object: KubeObject): SchemaProblem[] {
    return this.check(object, undefined, newCelStats()).problems;
  }

  public validateAll(items: readonly ValidationInput[]): ValidationReport {
    return this.validateGroups([items])[0];
  }

  public validateGroups(groups: readonly (readonly ValidationInput[])[]): ValidationReport[] {
    const inSet = new CrdRegistry();
    for (const items of groups) {
      for (const { file, object } of items) {
        if (object?.apiVersion === CRD_API_VERSION && object.kind === 'CustomResourceDefinition') {
          inSet.addDefinition(object, file ? `${file} (${objectRef(object)})` : objectRef(object));
        }
      }
    }
    const reports = groups.map((items) => this.report(items, inSet));
    cache()?.saveCompiledCode();
    return reports;
  }

  private report(items: readonly ValidationInput[], inSet: CrdRegistry): ValidationReport {
    const stats = newCelStats();
    const findings: SchemaFinding[] = [];
    const byKind: Record<string, number> = {};
    const unknownKinds = new Set<string>();
    let objectsWithProblems = 0;
    for (const { file, object } of items) {
      const apiVersion = String(object?.apiVersion);
      const kind = String(object?.kind);
      const kindKey = `${apiVersion}/${kind}`;
      byKind[kindKey] = (byKind[kindKey] ?? 0) + 1;
      const { problems, unknownKind } = this.check(object, inSet, stats);
      if (problems.length === 0) continue;
      objectsWithProblems++;
      if (unknownKind) unknownKinds.add(kindKey);
      const ref = isObject(object) ? objectRef(object) : '(not an object)';
      for (const p of problems) findings.push({ file, object: ref, apiVersion, kind, path: p.path, message: p.message });
    }
    return {
      findings,
      objectsChecked: items.length,
      objectsWithProblems,
      byKind,
      unknownKinds: [...unknownKinds].sort(),
      cel: { evaluated: stats.evaluated, skipped: [...stats.skipped.values()] },
    };
  }

  public lookup(apiVersion: string, kind: string): KindSchema | undefined {
    const resolved = this.resolve(apiVersion, kind, undefined);
    if (!resolved) return undefined;
    if ('builtin' in resolved) return { apiVersion, kind, scope: resolved.builtin.scope, source: `kubernetes ${KUBERNETES_VERSION}` };
    return { apiVersion, kind, scope: resolved.crd.scope, source: resolved.crd.source };
  }

  private check(object: KubeObject, inSet: CrdRegistry | undefined, stats: CelStats): { problems: SchemaProblem[]; unknownKind?: true } {
    const only = (path: string, message: string) => ({ problems: [{ path, message }] });
    if (!isObject(object)) return only('.', 'is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)');
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      const missing = typeof object.apiVersion !== 'string' ? 'apiVersion' : 'kind';
      return only(`.${missing}`, `required field "${missing}" is missing`);
    }
    const resolved = this.resolve(object.apiVersion, object.kind, inSet);
    if (!resolved) return { ...only('.', this.unknownKindMessage(object.apiVersion, object.kind, inSet)), unknownKind: true };

    const compiled = 'builtin' in resolved ? this.compileBuiltin(resolved.builtin) : this.compileCrd(resolved.crd);
    if (!compiled.validate) return only('.', compiled.compileError ?? 'schema could not be compiled');

    // Nulls are dropped (the API server treats them as absent); ajv then fills in CRD defaults, which the
    // CEL rules must see, on this private copy. Built-in schemas have no defaults: an object without
    // nulls is validated as it is, unchanged.
    const prepared = 'builtin' in resolved && !hasAbsentFields(object) ? object : (withoutNulls(object) as KubeObject);
    let errors: readonly ErrorObject[];
    try {
      errors = compiled.validate(prepared);
    } catch (error) {
      return only('.', `cannot validate: the schema of ${object.kind} is not usable: ${firstLine(error)}`);
    }
    const problems = errors.length === 0 ? [] : ajvErrorsToProblems(errors, prepared);
    problems.push(...checkMetadata(prepared));
    if (compiled.celSchema) problems.push(...this.cel.check(prepared, compiled.celSchema, stats));
    return { problems };
  }

  private resolve(apiVersion: string, kind: string, inSet: CrdRegistry | undefined): Resolved | undefined {
    const crd = inSet?.get(apiVersion, kind) ?? this.crds.get(apiVersion, kind);
    if (crd) return { crd };
    const builtin = builtinKinds().get(gvkKey(apiVersion, kind));
    return builtin ? { builtin } : undefined;
  }

  private unknownKindMessage(apiVersion: string, kind: string, inSet: CrdRegistry | undefined): string {
    const group = apiGroup(apiVersion);
    const served = [...(inSet?.servedVersions(group, kind) ?? []), ...this.crds.servedVersions(group, kind)];
    const builtinVersions = [...builtinKinds().values()].filter((k) => k.kind === kind && apiGroup(k.apiVersion) === group);
    const head = `unknown kind: no schema for ${kind} in ${apiVersion}`;
    if (served.length > 0) return `${head}; its CRD serves ${[...new Set(served)].map((v) => `${group}/${v}`).join(', ')}`;
    if (builtinVersions.length > 0) {
      return `${head}; Kubernetes ${KUBERNETES_VERSION} serves ${builtinVersions.map((k) => k.apiVersion).join(', ')}`;
    }
    if (!group.includes('.') || group.endsWith('.k8s.io')) return `${head}; not served by Kubernetes ${KUBERNETES_VERSION}`;
    return `${head}; add its CustomResourceDefinition to a --schemas folder`;
  }

  private compileBuiltin(kind: BuiltinKind): CompiledKind {
    let compiled = this.builtinCache.get(kind.id);
    if (!compiled) {
      compiled = compileSafely(`kubernetes ${KUBERNETES_VERSION} ${kind.id}`, () => {
        const validate = compileCached(['builtin', kind.id], () => {
          const found = sharedAjv().getSchema(kind.id);
          if (!found) throw new Error(`definition ${kind.id} is missing`);
          return found;
        });
        return (data) => (validate(data) ? [] : (validate.errors ?? []));
      });
      this.builtinCache.set(kind.id, compiled);
    }
    return compiled;
  }

  private compileCrd(crd: CustomResourceVersion): CompiledKind {
    let compiled = this.crdCache.get(crd);
    if (!compiled) {
      const schema = crd.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      const result = compileSafely(`the CRD of ${crd.kind} (${crd.source})`, () => compileByTopLevelField(schema));
      compiled = hasCelRules(schema) ? { ...result, celSchema: schema } : result;
      this.crdCache.set(crd, compiled);
    }
    return compiled;
  }
}

/**
 * Compiles a custom resource schema one top-level field at a time, on first use. Compiling is the slow
 * part for big CRDs (Argo CD's Application schema is mostly `status`, which generated objects never
 * carry), so a field's validator is built only when an object has that field. Cached entries are keyed
 * by the schema as written (`source`), so a warm run neither normalizes nor hashes the normalized form.
 */
function compileByTopLevelField(raw: JsonSchema): NonNullable<CompiledKind['validate']> {
  const source = digestOf(raw);
  const normalize = () => normalizeSchema(raw, { dialect: 'crd', objectMetaRef: OBJECT_META_ID });
  const schema = source && cache() ? cachedJson(keyOf('crd-normalized', source), normalize, isObject) : normalize();
  const fields = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const shellSchema = {
    ...schema,
    properties: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, 'default' in field ? { default: field.default } : {}])),
  };
  const shell = compileCached(source ? ['crd', source, 'shell'] : undefined, () => sharedAjv().compile(shellSchema));
  const fieldValidators = new Map<string, ValidateFunction>();
  const fieldList = Object.entries(fields);
  return (data) => {
    const errors: ErrorObject[] = shell(data) ? [] : [...(shell.errors ?? [])];
    for (const [name, field] of fieldList) {
      if (data[name] === undefined) continue;
      let validate = fieldValidators.get(name);
      if (!validate) {
        validate = compileCached(source ? ['crd', source, 'field', name] : undefined, () => sharedAjv().compile(field));
        fieldValidators.set(name, validate);
      }
      if (!validate(data[name])) {
        const prefix = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        for (const error of validate.errors ?? []) errors.push({ ...error, instancePath: prefix + error.instancePath });
      }
    }
    return errors;
  };
}

function compileSafely(what: string, compile: () => NonNullable<CompiledKind['validate']>): CompiledKind {
  try {
    return { validate: compile() };
  } catch (error) {
    return { compileError: `cannot validate: the schema from ${what} is not usable: ${firstLine(error)}` };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

let ajvInstance: Ajv | undefined;

// strict: false because Kubernetes schemas carry x-kubernetes-* and OpenAPI keywords ajv does not know;
// validateSchema: false because CRD schemas are OpenAPI 3.0, not a JSON Schema draft.
const AJV_OPTIONS = { strict: false, allErrors: true, verbose: true, useDefaults: true, validateSchema: false } as const;

let validatorCache: ValidatorCache | null | undefined;

function cache(): ValidatorCache | undefined {
  if (validatorCache === undefined) validatorCache = createValidatorCache(FORMATS) ?? null;
  return validatorCache ?? undefined;
}

/**
 * A compiled validator from the disk cache, or compiled now (and stored). `source` names what it is
 * compiled from (a built-in definition id, or a CRD schema's digest and part); without one, or with the
 * cache off, it is compiled every time.
 */
function compileCached(source: readonly unknown[] | undefined, compile: () => ValidateFunction): ValidateFunction {
  const store = cache();
  if (!store || !source) return compile();
  return store.get(keyOf(AJV_OPTIONS, ...source), sharedAjv, compile);
}

/**
 * One ajv per process, created on the first cache miss: the built-in definitions are normalized and
 * added once and compiled per kind on first use. With the cache on, ajv keeps each validator's source
 * to store it.
 */
function sharedAjv(): Ajv {
  if (!ajvInstance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: AjvClass, _ } = require('ajv') as typeof import('ajv');
    const code = cache() ? { source: true, formats: _`gitplaneFormats` } : undefined;
    const ajv = new AjvClass({ ...AJV_OPTIONS, formats: FORMATS, ...(code ? { code } : {}) });
    for (const [id, definition] of builtinSchemas().definitions) ajv.addSchema(normalizeSchema(definition, { dialect: 'builtin' }), id);
    ajvInstance = ajv;
  }
  return ajvInstance;
}

function isObject(value: unknown): value is KubeObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether `withoutNulls` would drop a field anywhere in `value`. */
function hasAbsentFields(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasAbsentFields);
  // for-in, not Object.keys: no array per object (parsed objects are plain, with no inherited fields)
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (child === null || child === undefined || hasAbsentFields(child)) return true;
  }
  return false;
}

/** A deep copy without null-valued fields; list items are kept so that a null item is still reported. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null && child !== undefined) out[key] = withoutNulls(child);
  return out;
}
