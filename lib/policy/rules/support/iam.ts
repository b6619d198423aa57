import { isRecord, list } from './paths';

/**
 * Just enough of the IAM policy language to spot public principals and TLS-only guards in bucket
 * and queue policies. Policies arrive as JSON strings (both flavors) or, hand-written, as objects.
 */

export interface Statement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: string;
  readonly principal: unknown;
  readonly action: string[];
  /** `NotAction`, `Resource` and `NotResource`, as lists (empty when absent). */
  readonly notAction: string[];
  readonly resource: string[];
  readonly notResource: string[];
  readonly condition: Record<string, Record<string, unknown>>;
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((a): a is string => typeof a === 'string');
}

/** Condition keys that narrow a wildcard principal to a known account, organization, network or service. */
const RESTRICTING_KEYS = [
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:userid',
  'aws:resourceorgid', 'aws:resourceaccount',
];

export type ParsedPolicy = { ok: true; statements: Statement[] } | { ok: false; error: string };

export function parsePolicy(policy: unknown): ParsedPolicy {
  let document: unknown = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  if (!isRecord(document)) return { ok: false, error: 'the policy is not a JSON object' };
  const raw = Array.isArray(document.Statement) ? document.Statement : document.Statement === undefined ? [] : [document.Statement];
  const statements = raw.flatMap((entry, index): Statement[] => {
    if (!isRecord(entry)) return [];
    const condition: Record<string, Record<string, unknown>> = {};
    if (isRecord(entry.Condition)) {
      for (const [operator, block] of Object.entries(entry.Condition)) {
        if (isRecord(block)) condition[operator] = block;
      }
    }
    return [{
      index,
      sid: typeof entry.Sid === 'string' ? entry.Sid : undefined,
      effect: String(entry.Effect ?? ''),
      principal: entry.Principal,
      action: strings(entry.Action),
      notAction: strings(entry.NotAction),
      resource: strings(entry.Resource),
      notResource: strings(entry.NotResource),
      condition,
    }];
  });
  return { ok: true, statements };
}

/** `"*"`, `{"AWS": "*"}` or `{"AWS": ["*", ...]}`. */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isRecord(principal)) return false;
  return list(principal.AWS).includes('*') || principal.AWS === '*';
}

function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.condition).flatMap((block) => Object.keys(block).map((key) => key.toLowerCase()));
}

/** An Allow statement with a wildcard principal that no condition narrows. */
export function isPublicStatement(statement: Statement): boolean {
  if (statement.effect !== 'Allow' || !isWildcardPrincipal(statement.principal)) return false;
  return !conditionKeys(statement).some((key) => RESTRICTING_KEYS.includes(key));
}

/** A Deny for requests without TLS: `aws:SecureTransport` false, or `s3:TlsVersion` below 1.2. */
export function isTlsOnlyStatement(statement: Statement): boolean {
  if (statement.effect !== 'Deny') return false;
  for (const [operator, block] of Object.entries(statement.condition)) {
    for (const [key, value] of Object.entries(block)) {
      const k = key.toLowerCase();
      const values = Array.isArray(value) ? value : [value];
      if (k === 'aws:securetransport' && /^Bool(IfExists)?$/.test(operator) && values.some((v) => v === false || v === 'false')) return true;
      if (k === 's3:tlsversion' && operator.startsWith('NumericLessThan') && values.some((v) => Number(v) >= 1.2)) return true;
    }
  }
  return false;
}

/** How messages name a statement: `statement 0 (Sid "PublicRead")`. */
export function describeStatement(statement: Statement): string {
  return statement.sid ? `statement ${statement.index} (Sid ${JSON.stringify(statement.sid)})` : `statement ${statement.index}`;
}
