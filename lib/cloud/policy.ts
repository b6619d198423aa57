/** One statement of an IAM resource policy, in the JSON shape AWS stores. */
export interface PolicyStatement {
  /** Alphanumeric statement id, unique within the policy. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal: '*' | { readonly AWS?: string | string[]; readonly Service?: string | string[] };
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * The policy as a compact JSON string. Key order is the order the objects were built in, which is
 * fixed, so the output is byte-identical for identical input; AWS returns policies compact, so
 * controllers that compare strings see no drift.
 */
export function policyJson(statements: readonly PolicyStatement[]): string {
  const document: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  return JSON.stringify(document);
}

/**
 * One statement of an IAM identity policy (attached to a role): no principal, exact actions on exact
 * resources.
 */
export interface IdentityStatement {
  /** Alphanumeric statement id, unique within the policy. */
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** One statement of a role's trust policy: who may assume it. */
export interface TrustStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: string } | { readonly Federated: string };
  readonly Action: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** An identity or trust policy as the compact JSON string AWS stores. */
export function documentJson(statements: readonly (IdentityStatement | TrustStatement)[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
