import { PROFILE_NAMES } from '../rule';
import { isPlaceholder, isStructuredNonSecret } from './allow-list';
import { forEachAssignment } from './assignments';
import { shannonEntropy } from './entropy';
import { isSensitiveName } from './sensitive-names';
import { TokenMatch, TokenRule } from './token-rule';

/**
 * SEC-019: a random-looking value assigned to a name that says it is a credential. It catches the
 * secrets no format rule knows (database passwords, session and signing keys, webhook secrets), and it
 * only warns: names and entropy are evidence, not proof.
 */

const MIN_LENGTH = 8;
const MAX_LENGTH = 1024;
/** Cheap test before looking for assignments in a text: one of these must occur in it. */
const SENSITIVE_STEM = /pass|pwd|secret|token|key|cred/;
const SINGLE_TOKEN = /^\s*["']?([^\s"']+)["']?\s*$/d;

/**
 * Entropy needed for a value of `length` characters: about three quarters of the maximum a string of
 * that length can reach, capped at 3.5 bits (hex secrets reach about 3.9).
 */
function requiredEntropy(length: number): number {
  return Math.min(3.5, 0.75 * Math.log2(length));
}

/** True when `value` has the shape of a generated or chosen secret rather than a word, name or reference. */
export function isLikelySecretValue(value: string): boolean {
  if (value.length < MIN_LENGTH || value.length > MAX_LENGTH) return false;
  if (isPlaceholder(value) || isStructuredNonSecret(value)) return false;
  return shannonEntropy(value) >= requiredEntropy(value.length);
}

export const genericSecret: TokenRule = {
  id: 'SEC-019',
  severity: 'warn',
  title: 'Random-looking value assigned to a sensitive name',
  noun: 'a secret',
  formats: ['any random-looking value (by length and entropy) assigned to a sensitive name: PASSWORD, SECRET, TOKEN, API_KEY, ...'],
  rationale: 'A value with the entropy of a generated secret, assigned to a name such as PASSWORD, SECRET or TOKEN, is most likely a live credential in plain text.',
  fix: 'Keep the value in a secret store and reference it (gitplane ExternalSecret or SealedSecret, env valueFrom.secretKeyRef); if it is not a secret, rename the field.',
  mirrors: ['gitleaks:generic-api-key', 'checkov:CKV_SECRET_6', 'checkov:CKV_SECRET_19', 'detect-secrets:KeywordDetector'],
  profiles: PROFILE_NAMES,
  keywords: [],
  find(text, { key, lower }) {
    if (key !== undefined && isSensitiveName(key)) {
      const single = SINGLE_TOKEN.exec(text);
      if (single && isLikelySecretValue(single[1])) {
        const start = single.indices![1][0];
        return [{ start, end: start + single[1].length }];
      }
    }
    if (!SENSITIVE_STEM.test(lower)) return [];
    const matches: TokenMatch[] = [];
    forEachAssignment(text, (name, value, start) => {
      if (isSensitiveName(name) && isLikelySecretValue(value)) matches.push({ start, end: start + value.length });
    });
    return matches;
  },
};
