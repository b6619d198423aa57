import { Duration } from 'cdk8s';
import { ProblemList, show } from '../core/errors';
import { upperSnakeCase } from './context';

/**
 * `duration` in whole seconds, or undefined after adding a problem when it is fractional or outside
 * `[min, max]` seconds.
 */
export function secondsWithin(problems: ProblemList, prop: string, duration: Duration, min: number, max: number): number | undefined {
  const seconds = duration.toSeconds({ integral: false });
  if (!Number.isInteger(seconds)) {
    problems.add(`'${prop}' (${duration.toHumanString()}) must be a whole number of seconds`);
    return undefined;
  }
  if (seconds < min || seconds > max) {
    problems.add(`'${prop}' (${duration.toHumanString()}) must be between ${human(min)} and ${human(max)}`);
    return undefined;
  }
  return seconds;
}

/** Adds a problem unless `value` is a whole number within `[min, max]`. */
export function integerWithin(problems: ProblemList, prop: string, value: number, min: number, max: number): void {
  problems.check(Number.isInteger(value) && value >= min && value <= max,
    `'${prop}' (${show(value)}) must be a whole number from ${min} to ${max}`);
}

function human(seconds: number): string {
  return seconds === 0 ? '0 seconds' : Duration.seconds(seconds).toHumanString();
}

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Problems with user tags (AWS rules shared by S3, CloudFront and SQS). */
export function tagProblems(problems: ProblemList, tags: Readonly<Record<string, string>>, reserved: readonly string[]): void {
  const keys = Object.keys(tags);
  for (const key of keys) {
    if (key.length === 0 || key.length > 128) problems.add(`tag key ${show(key)} must be 1 to 128 characters`);
    if (key.toLowerCase().startsWith('aws:')) problems.add(`tag key ${show(key)} must not start with "aws:", which AWS reserves`);
    if (reserved.includes(key)) problems.add(`tag key ${show(key)} is set by gitplane; choose another key`);
    if (!TAG_CHARS.test(key)) problems.add(`tag key ${show(key)} may only contain letters, digits, spaces and _ . : / = + - @`);
    const value = tags[key];
    if (value.length > 256) problems.add(`tag ${show(key)} has a value of ${value.length} characters; the limit is 256`);
    if (!TAG_CHARS.test(value)) problems.add(`tag ${show(key)} has value ${show(value)}; values may only contain letters, digits, spaces and _ . : / = + - @`);
  }
  if (keys.length + reserved.length > 50) problems.add(`'tags' has ${keys.length} tags; with gitplane's ${reserved.length} the limit of 50 is exceeded`);
}

/**
 * The environment variable prefix of a consumable resource: `envPrefix`, or the construct id in
 * UPPER_SNAKE_CASE. Adds a problem when it is not a valid variable name.
 */
export function envPrefixOf(problems: ProblemList, id: string, envPrefix: string | undefined): string {
  const prefix = envPrefix ?? upperSnakeCase(id);
  problems.check(/^[A-Z_][A-Z0-9_]*$/.test(prefix),
    `'envPrefix' (${show(prefix)}) must be an environment variable name: upper-case letters, digits and '_', not starting with a digit`);
  return prefix;
}

/** `ASSETS` + `BUCKET` + `NAME` → `ASSETS_BUCKET_NAME`; `UPLOADS_BUCKET` + `BUCKET` + `NAME` → `UPLOADS_BUCKET_NAME`. */
export function envVarName(prefix: string, noun: string, field: string): string {
  const base = prefix === noun || prefix.endsWith(`_${noun}`) ? prefix : `${prefix}_${noun}`;
  return `${base}_${field}`;
}
