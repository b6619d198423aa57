import { PROFILE_NAMES, RuleMetadata } from '../rule';
import { shannonEntropy } from './entropy';

/** What the scanner knows about the string being scanned besides its text. */
export interface TokenContext {
  /**
   * The name the value is assigned to: its map key, the `name` of an env var for its `value`, or the
   * CLI flag in front of it (`--db-password`, `<value>`). Lets rules such as the AWS secret key or the
   * generic one recognise a bare value.
   */
  readonly key?: string;
  /** `text.toLowerCase()`, computed once per string for every rule. */
  readonly lower: string;
}

/** Where a secret sits in the scanned text (offsets, never the text itself). */
export interface TokenMatch {
  readonly start: number;
  readonly end: number;
}

/** A secret rule as `policy list` shows it: the metadata and the credential formats it recognises. */
export interface SecretRuleMetadata extends RuleMetadata {
  /** The credential formats the rule detects, e.g. `GitHub fine-grained PAT (github_pat_)`. */
  readonly formats: readonly string[];
}

/** A rule that recognises a credential format in a string. */
export interface TokenRule extends SecretRuleMetadata {
  /** How a redacted match is described: `…(redacted, looks like <noun>)`, e.g. `a GitHub token`. */
  readonly noun: string;
  /**
   * Lower-case literal prefixes a token of the format starts with (`ghp_`, `akia`), kept when a match is
   * redacted. Absent: the keywords that end in `_`, `-` or `.`.
   */
  readonly prefixes?: readonly string[];
  /**
   * Lower-case substrings one of which must occur in the text before `find` runs: a cheap prefilter
   * that keeps scanning thousands of objects fast. Empty when the rule decides for itself.
   */
  readonly keywords: readonly string[];
  find(text: string, context: TokenContext): TokenMatch[];
}

/**
 * Runs a global regex over `text` and keeps the matches `validate` accepts. The secret is capture group
 * `group` (the regex needs the `d` flag for a group other than 0).
 */
export function regexMatches(
  pattern: RegExp,
  text: string,
  validate?: (secret: string, start: number) => boolean,
  group = 0,
): TokenMatch[] {
  const matches: TokenMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const secret = m[group];
    if (secret === undefined) continue;
    const start = group === 0 ? m.index : m.indices![group][0];
    if (!validate || validate(secret, start)) matches.push({ start, end: start + secret.length });
  }
  return matches;
}

type TokenRuleMetadata = Omit<TokenRule, 'profiles' | 'severity' | 'keywords' | 'find'>;

/** A blocking token rule that runs in every profile. */
export function tokenRule(
  metadata: TokenRuleMetadata,
  keywords: readonly string[],
  find: (text: string, context: TokenContext) => TokenMatch[],
): TokenRule {
  return { severity: 'error', profiles: PROFILE_NAMES, ...metadata, keywords, find };
}

/** At least `bits` of entropy in the part of a token after its fixed prefix. */
export function random(bits: number, prefixLength = 0): (secret: string) => boolean {
  return (secret) => shannonEntropy(secret.slice(prefixLength)) >= bits;
}

/** The literal prefixes of a rule's format (see `TokenRule.prefixes`). */
export function tokenPrefixes(rule: TokenRule): readonly string[] {
  return rule.prefixes ?? rule.keywords.filter((keyword) => keyword.length >= 3 && /[_.-]$/.test(keyword));
}
