/**
 * Schemas of the built-in Kubernetes kinds, offline.
 *
 * Source: the npm package `kubernetes-models` 4.3.1, whose schemas are generated from the Kubernetes
 * v1.27.1 OpenAPI spec (with enums restored). It is the last release that ships the schemas as plain
 * JSON: 4.4 and later ship only precompiled validators, which cannot be made strict about unknown
 * fields (and 4.5 and later follow Kubernetes 1.33+). The fields Kubernetes 1.28 added to the kinds we
 * generate are patched in below (K8S_1_28_ADDITIONS), as are the fields the package's generator lost
 * (PACKAGE_CORRECTIONS); test/schema/kubernetes-fields.test.ts checks the result field by field against
 * the Kubernetes 1.28 types cdk8s-plus-28 ships. Only the group/versions a 1.28 API server serves by
 * default are offered, so a removed API such as `policy/v1beta1` is an unknown kind.
 *
 * The package exposes its schemas only by registering them through `@kubernetes-models/validate`'s
 * `register(id, schema)`; we intercept that call while loading to collect the raw schemas.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import { isBuiltinClusterScoped } from '../core/scope';
import type { JsonSchema } from './normalize';
import { cachedJson, keyOf } from './validator-cache';

export { KUBERNETES_VERSION } from './kubernetes-version';

/** Group/versions a Kubernetes 1.28 API server serves by default (alpha APIs are off). */
const SERVED_GROUP_VERSIONS: ReadonlySet<string> = new Set([
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
]);

/** Properties Kubernetes 1.28 added (over 1.27.1) to definitions of kinds we generate. */
const K8S_1_28_ADDITIONS: Record<string, Record<string, JsonSchema>> = {
  // Sidecar containers (init containers with restartPolicy: Always).
  'io.k8s.api.core.v1.Container': { restartPolicy: { type: 'string', enum: ['Always'] } },
  'io.k8s.api.core.v1.EphemeralContainer': { restartPolicy: { type: 'string', enum: ['Always'] } },
  'io.k8s.api.batch.v1.JobSpec': {
    backoffLimitPerIndex: { type: 'integer', format: 'int32' },
    maxFailedIndexes: { type: 'integer', format: 'int32' },
    podReplacementPolicy: { type: 'string', enum: ['Failed', 'TerminatingOrFailed'] },
  },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule': {
    fieldPath: { type: 'string' },
    reason: {
      type: 'string',
      enum: ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'],
    },
  },
};
const JSON_SCHEMA_PROPS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';

/**
 * Where the package's generator lost information: it drops every property named `description` (it
 * strips documentation) and the `x-kubernetes-*` properties of a CRD schema node, and it types
 * "schema or bool" / "schema or list" as plain objects.
 */
const PACKAGE_CORRECTIONS: Record<string, (definition: JsonSchema) => JsonSchema> = {
  'io.k8s.api.scheduling.v1.PriorityClass': (definition) => withProperties(definition, { description: { type: 'string' } }),
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation': (definition) =>
    withProperties(definition, { description: { type: 'string' } }),
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition': (definition) =>
    withProperties(definition, { description: { type: 'string' } }),
  [JSON_SCHEMA_PROPS]: (definition) => ({
    ...definition,
    properties: {
      ...(definition.properties as JsonSchema),
      description: { type: 'string' },
      'x-kubernetes-embedded-resource': { type: 'boolean' },
      'x-kubernetes-int-or-string': { type: 'boolean' },
      'x-kubernetes-list-map-keys': { type: 'array', items: { type: 'string' } },
      'x-kubernetes-list-type': { type: 'string' },
      'x-kubernetes-map-type': { type: 'string' },
      'x-kubernetes-preserve-unknown-fields': { type: 'boolean' },
      'x-kubernetes-validations': {
        type: 'array',
        items: { $ref: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule#' },
      },
    },
  }),
  // if/else rather than anyOf, so that a typo inside a nested schema is reported at its own path.
  [`${JSON_SCHEMA_PROPS}OrBool`]: () => ({ if: { type: 'boolean' }, else: { $ref: `${JSON_SCHEMA_PROPS}#` } }),
  [`${JSON_SCHEMA_PROPS}OrArray`]: () => ({
    if: { type: 'array' },
    then: { items: { $ref: `${JSON_SCHEMA_PROPS}#` } },
    else: { $ref: `${JSON_SCHEMA_PROPS}#` },
  }),
};

const K8S_1_28_ENUM_ADDITIONS: Array<{ id: string; property: string; values: string[] }> = [
  { id: 'io.k8s.api.batch.v1.PodFailurePolicyRule', property: 'action', values: ['FailIndex'] },
];

export interface BuiltinKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Definition id, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly id: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

export interface BuiltinSchemas {
  /** Every definition by id (kinds and the types they reference), as published (not normalized). */
  readonly definitions: ReadonlyMap<string, JsonSchema>;
  /** Kinds served by Kubernetes 1.28, keyed by `apiVersion kind` (see gvkKey). */
  readonly kinds: ReadonlyMap<string, BuiltinKind>;
}

/** Id of the ObjectMeta definition, used for the metadata of custom resources too. */
export const OBJECT_META_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The key under which kinds are registered, for built-ins and CRDs alike. */
export function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

let cached: BuiltinSchemas | undefined;

/** Loads the schemas once per process (about a quarter of a second). */
export function builtinSchemas(): BuiltinSchemas {
  cached ??= loadBuiltinSchemas();
  return cached;
}

let servedKinds: ReadonlyMap<string, BuiltinKind> | undefined;

/**
 * The kinds served, without loading a schema: read from the validator cache, where they were stored the
 * first time the schemas were loaded (a warm `validate` needs only the definition id of each kind).
 */
export function builtinKinds(): ReadonlyMap<string, BuiltinKind> {
  if (!servedKinds) {
    const served = cachedJson(keyOf('builtin-kinds'), () => [...builtinSchemas().kinds.values()].map(({ apiVersion, kind, id }) => ({ apiVersion, kind, id })), isKindList);
    servedKinds = new Map(served.map(({ apiVersion, kind, id }) => [gvkKey(apiVersion, kind), { apiVersion, kind, id, scope: scopeOf(apiVersion, kind) }]));
  }
  return servedKinds;
}

function isKindList(value: unknown): value is Array<Pick<BuiltinKind, 'apiVersion' | 'kind' | 'id'>> {
  return Array.isArray(value) && value.every((entry) =>
    entry !== null && typeof entry === 'object' && ['apiVersion', 'kind', 'id'].every((field) => typeof entry[field] === 'string'));
}

function scopeOf(apiVersion: string, kind: string): BuiltinKind['scope'] {
  return isBuiltinClusterScoped(apiVersion, kind) ? 'Cluster' : 'Namespaced';
}

function loadBuiltinSchemas(): BuiltinSchemas {
  const definitions = collectDefinitions();
  applyAdditions(definitions);
  const kinds = new Map<string, BuiltinKind>();
  for (const [id, schema] of definitions) {
    if (!id.startsWith('io.k8s.api') && !id.startsWith('io.k8s.kube-aggregator')) continue;
    const apiVersion = singleEnum(schema, 'apiVersion');
    const kind = singleEnum(schema, 'kind');
    if (!apiVersion || !kind || !SERVED_GROUP_VERSIONS.has(apiVersion)) continue;
    kinds.set(gvkKey(apiVersion, kind), { apiVersion, kind, id, scope: scopeOf(apiVersion, kind) });
  }
  return { definitions, kinds };
}

function collectDefinitions(): Map<string, JsonSchema> {
  const modelsRequire = createRequire(require.resolve('kubernetes-models/package.json'));
  const schemasDir = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas');
  const registry = modelsRequire('@kubernetes-models/validate') as { register: (id: string, schema: JsonSchema) => void };
  const collected = new Map<string, JsonSchema>();
  const original = registry.register;
  registry.register = (id, schema) => {
    collected.set(id, schema);
  };
  try {
    for (const file of fs.readdirSync(schemasDir).sort()) {
      if (!file.endsWith('.js')) continue;
      const loaded = modelsRequire(path.join(schemasDir, file)) as { addSchema?: () => void };
      loaded.addSchema?.();
    }
  } finally {
    registry.register = original;
  }
  if (!collected.has(OBJECT_META_ID)) {
    throw new Error(`kubernetes-models did not register ${OBJECT_META_ID}; is the installed version 4.3.1?`);
  }
  // Copies, so that patching below never touches the package's own objects.
  return new Map([...collected].map(([id, schema]) => [id, structuredClone(schema)]));
}

function applyAdditions(definitions: Map<string, JsonSchema>): void {
  for (const [id, correct] of Object.entries(PACKAGE_CORRECTIONS)) {
    const definition = definitions.get(id);
    if (definition) definitions.set(id, correct(definition));
  }
  for (const [id, properties] of Object.entries(K8S_1_28_ADDITIONS)) {
    const definition = definitions.get(id);
    if (!definition) continue;
    definition.properties = { ...(definition.properties as JsonSchema), ...properties };
  }
  for (const { id, property, values } of K8S_1_28_ENUM_ADDITIONS) {
    const prop = (definitions.get(id)?.properties as Record<string, JsonSchema> | undefined)?.[property];
    if (prop && Array.isArray(prop.enum)) prop.enum = [...prop.enum, ...values];
  }
}

function withProperties(definition: JsonSchema, properties: JsonSchema): JsonSchema {
  return { ...definition, properties: { ...(definition.properties as JsonSchema), ...properties } };
}

function singleEnum(schema: JsonSchema, property: string): string | undefined {
  const prop = (schema.properties as Record<string, JsonSchema> | undefined)?.[property];
  const values = prop?.enum;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}
