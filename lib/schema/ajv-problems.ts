/**
 * Turns ajv errors into one-line problems that name the JSON path and say what is wrong in Kubernetes
 * terms: `unknown field "foo"`, `required field "selector" is missing`, `must be integer or string, got true`.
 */
import type { ErrorObject } from 'ajv';
import { closest } from '../core/nearest';
import { describeFormat } from './formats';
import { childPath, pointerToPath } from './json-path';
import type { JsonSchema } from './normalize';
import type { SchemaProblem } from './problem';

export function ajvErrorsToProblems(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
  // `if` only reports that its then/else branch failed; the branch's own errors say where and why.
  const kept = dropRedundantValueErrors(dropBranchErrors(errors.filter((e) => e.keyword !== 'if')));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const problem = toProblem(error, data);
    const key = `${problem.path}\n${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/** An anyOf/oneOf failure is reported once, not once per branch that did not match. */
function dropBranchErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'not');
  if (combinators.length === 0) return [...errors];
  return errors.filter(
    (e) =>
      !combinators.some(
        (c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath),
      ),
  );
}

/** A value of the wrong type also fails its enum, format or pattern; the type error says it all. */
function dropRedundantValueErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  if (wrongType.size === 0) return [...errors];
  const redundant = new Set(['enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum']);
  return errors.filter((e) => !(redundant.has(e.keyword) && wrongType.has(e.instancePath)));
}

function toProblem(error: ErrorObject, data: unknown): SchemaProblem {
  const path = pointerToPath(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as JsonSchema | undefined) ?? {});
      const suggestion = closest(field, known);
      return {
        path: childPath(path, field),
        message: `unknown field "${field}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      };
    }
    case 'required':
      return { path: childPath(path, String(params.missingProperty)), message: `required field "${String(params.missingProperty)}" is missing` };
    case 'type':
      return { path, message: `must be ${String(params.type).split(',').join(' or ')}, got ${describeValue(error.data)}` };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(error.data)}` };
    case 'format':
      return { path, message: `must be ${describeFormat(String(params.format))}, got ${describeValue(error.data)}` };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)}, got ${describeValue(error.data)}` };
    case 'anyOf':
    case 'oneOf':
      return { path, message: describeCombinator(error) };
    case 'not':
      return { path, message: describeNot(error) };
    case 'false schema':
      return { path, message: 'is not allowed here' };
    default:
      return { path, message: `${error.message ?? error.keyword}, got ${describeValue(error.data)}` };
  }
}

/** `anyOf: [{required: [a]}, {required: [b]}]` reads "must set at least one of a, b". */
function describeCombinator(error: ErrorObject): string {
  const fields = requiredOnlyBranches(error.schema);
  const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (fields) {
    const list = fields.map((f) => `"${f}"`).join(', ');
    if (error.keyword === 'anyOf') return `must set at least one of ${list}`;
    return passing ? `must set only one of ${list}` : `must set exactly one of ${list}`;
  }
  return error.keyword === 'anyOf' ? 'matches none of the allowed forms (anyOf)' : 'must match exactly one allowed form (oneOf)';
}

function describeNot(error: ErrorObject): string {
  const schema = error.schema as JsonSchema | undefined;
  const direct = Array.isArray(schema?.required) ? (schema?.required as string[]) : undefined;
  const fields = direct ?? requiredOnlyBranches(schema?.anyOf);
  return fields ? `must not set ${fields.map((f) => `"${f}"`).join(direct && direct.length > 1 ? ' together with ' : ' or ')}` : 'matches a form that is not allowed (not)';
}

function requiredOnlyBranches(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const fields: string[] = [];
  for (const branch of branches) {
    const b = branch as JsonSchema;
    if (!b || !Array.isArray(b.required) || Object.keys(b).some((k) => k !== 'required')) return undefined;
    fields.push(...(b.required as string[]));
  }
  return fields;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}
