import { RuleMetadata } from './rule';
import { allRules } from './rules';
import { SECRET_RULES } from './secrets';

/**
 * Every rule gitplane knows: the manifest rules of `rules/` and the secret scanner's `SEC-*` rules.
 * Used to list rules and to validate waivers.
 */
export function ruleCatalog(): readonly RuleMetadata[] {
  return [...allRules, ...SECRET_RULES];
}

export function isKnownRuleId(id: string): boolean {
  return ruleCatalog().some((rule) => rule.id === id);
}
