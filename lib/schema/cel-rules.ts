/**
 * `x-kubernetes-validations`: the CEL rules a CRD attaches to schema nodes (Upbound uses them for
 * "spec.forProvider.region is a required parameter", Flux and External Secrets for one-of choices).
 *
 * Rules are evaluated with @marcbachmann/cel-js, a small, dependency-free CEL implementation: the rules
 * found in the CRDs we target use has(), `in`, list literals with filter()/size(), string comparison
 * and duration(), all standard CEL. A rule is skipped, and counted, when it cannot be checked offline:
 * a transition rule (it compares with `oldSelf`, the live object) or a rule that uses a function of the
 * Kubernetes CEL libraries the evaluator lacks (isURL(), quantity(), ...). Nothing here throws.
 *
 * As on the API server, rules see the object after schema defaulting (the caller validates with ajv's
 * useDefaults first) and integers as CEL ints.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { childPath } from './json-path';
import type { JsonSchema } from './normalize';
import type { SchemaProblem } from './problem';

interface ValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
}

type Evaluator = (context: { self: unknown }) => unknown;
type CompiledRule = { readonly evaluate: Evaluator } | { readonly skip: string };

/** A rule that was not evaluated, why, and how many times it applied. */
export interface SkippedCelRule {
  readonly rule: string;
  readonly reason: string;
  count: number;
}

export interface CelStats {
  /** Rule evaluations performed (one rule on one object counts once per node it applies to). */
  evaluated: number;
  /** Rules that applied but were not evaluated, by rule text. */
  readonly skipped: Map<string, SkippedCelRule>;
}

interface WalkOutput {
  readonly problems: SchemaProblem[];
  readonly stats: CelStats;
}

export function newCelStats(): CelStats {
  return { evaluated: 0, skipped: new Map() };
}

let environments: { readonly selfOnly: Environment; readonly withOldSelf: Environment } | undefined;

/** The CEL environments, made on first use: a run whose objects meet no CEL rule never loads the evaluator. */
function cel(): NonNullable<typeof environments> {
  if (!environments) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Environment: CelEnvironment } = require('@marcbachmann/cel-js') as typeof import('@marcbachmann/cel-js');
    environments = {
      selfOnly: new CelEnvironment().registerVariable('self', 'dyn'),
      withOldSelf: new CelEnvironment().registerVariable('self', 'dyn').registerVariable('oldSelf', 'dyn'),
    };
  }
  return environments;
}

export class CelRuleChecker {
  private readonly compiled = new Map<string, CompiledRule>();

  /**
   * Evaluates every rule in `schema` (a CRD's raw openAPIV3Schema) against `value`, walking properties,
   * map values and list items. Returns one problem per failed rule; counts evaluations and skips in `stats`.
   */
  public check(value: unknown, schema: JsonSchema, stats: CelStats): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    this.walk(toCelValue(value, schema), schema, '.', { problems, stats });
    return problems;
  }

  private walk(value: unknown, schema: JsonSchema, path: string, out: WalkOutput): void {
    if (value === undefined || value === null) return;
    const rules = schema['x-kubernetes-validations'];
    if (Array.isArray(rules)) for (const rule of rules) this.evaluate(rule as ValidationRule, value, path, out);

    if (Array.isArray(value)) {
      if (isRecord(schema.items)) value.forEach((item, i) => this.walk(item, schema.items as JsonSchema, childPath(path, i), out));
      return;
    }
    if (!isRecord(value)) return;
    const properties = isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    const additional = isRecord(schema.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined;
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key] ?? additional;
      if (childSchema) this.walk(child, childSchema, childPath(path, key), out);
    }
  }

  private evaluate(rule: ValidationRule, self: unknown, path: string, { problems, stats }: WalkOutput): void {
    if (typeof rule?.rule !== 'string') return;
    const compiled = this.compile(rule.rule);
    if ('skip' in compiled) {
      const entry = stats.skipped.get(rule.rule) ?? { rule: rule.rule, reason: compiled.skip, count: 0 };
      entry.count++;
      stats.skipped.set(rule.rule, entry);
      return;
    }
    stats.evaluated++;
    const at = rule.fieldPath ? joinFieldPath(path, rule.fieldPath) : path;
    let result: unknown;
    try {
      result = compiled.evaluate({ self });
    } catch (error) {
      problems.push({ path: at, message: `${ruleMessage(rule, self)} (the rule could not be evaluated: ${firstLine(error)})` });
      return;
    }
    if (result !== true) problems.push({ path: at, message: ruleMessage(rule, self) });
  }

  private compile(rule: string): CompiledRule {
    let compiled = this.compiled.get(rule);
    if (!compiled) {
      compiled = compileRule(rule);
      this.compiled.set(rule, compiled);
    }
    return compiled;
  }
}

/** Why a rule would be skipped offline, or undefined when it is evaluated. */
export function celRuleSkipReason(rule: string): string | undefined {
  const compiled = compileRule(rule);
  return 'skip' in compiled ? compiled.skip : undefined;
}

function compileRule(rule: string): CompiledRule {
  const { selfOnly, withOldSelf } = cel();
  try {
    const checked = selfOnly.check(rule);
    if (checked.valid) {
      const parsed = selfOnly.parse(rule);
      return { evaluate: (context) => parsed(context) };
    }
    if (withOldSelf.check(rule).valid) return { skip: 'transition rule: compares with oldSelf, the live object' };
    return { skip: `not supported offline: ${firstLine(checked.error)}` };
  } catch (error) {
    return { skip: `not supported offline: ${firstLine(error)}` };
  }
}

function ruleMessage(rule: ValidationRule, self: unknown): string {
  if (rule.message) return rule.message;
  if (rule.messageExpression) {
    try {
      const message = cel().selfOnly.parse(rule.messageExpression)({ self });
      if (typeof message === 'string' && message !== '') return message;
    } catch {
      // Falls through to the default, as the API server does when messageExpression fails.
    }
  }
  return `failed rule: ${rule.rule}`;
}

/** `fieldPath` is relative to the node the rule sits on, e.g. `.forProvider.region`. */
function joinFieldPath(path: string, fieldPath: string): string {
  const relative = fieldPath.startsWith('.') || fieldPath.startsWith('[') ? fieldPath : `.${fieldPath}`;
  return path === '.' ? relative : `${path}${relative}`;
}

/**
 * Converts parsed YAML into CEL values: integers become CEL ints (bigint) unless the schema says
 * `type: number`, so `self.replicas > 1` compares int with int as on the API server.
 */
export function toCelValue(value: unknown, schema: JsonSchema | undefined): unknown {
  if (typeof value === 'number') {
    return schema?.type !== 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    const items = isRecord(schema?.items) ? (schema?.items as JsonSchema) : undefined;
    return value.map((item) => toCelValue(item, items));
  }
  if (isRecord(value)) {
    const properties = isRecord(schema?.properties) ? (schema?.properties as Record<string, JsonSchema>) : {};
    const additional = isRecord(schema?.additionalProperties) ? (schema?.additionalProperties as JsonSchema) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const declared = properties[key];
      out[declared ? escapePropertyName(key) : key] = toCelValue(child, declared ?? additional);
    }
    return out;
  }
  return value;
}

/** CEL keywords a rule cannot use as a field name (k8s.io/apiserver `pkg/cel` `celReservedSymbols`). */
const CEL_RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

/**
 * A declared property's name as rules see it, escaped as the API server does (k8s.io/apiserver
 * `pkg/cel` Escape): a keyword becomes `__namespace__`, and `__`, `.`, `-`, `/` become `__underscores__`,
 * `__dot__`, `__dash__`, `__slash__`. Upbound's rules say `has(self.forProvider.__namespace__)`. Map keys
 * (additionalProperties) are never escaped: rules index them.
 */
export function escapePropertyName(name: string): string {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__|[./-]/g, (m) => ({ '__': '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' }[m]!));
}

/** True when the schema has any CEL rule, so objects of kinds without rules skip the walk entirely. */
export function hasCelRules(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasCelRules);
  if (!isRecord(schema)) return false;
  if (Array.isArray(schema['x-kubernetes-validations']) && schema['x-kubernetes-validations'].length > 0) return true;
  return Object.values(schema).some((v) => typeof v === 'object' && v !== null && hasCelRules(v));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
