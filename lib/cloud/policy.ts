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
