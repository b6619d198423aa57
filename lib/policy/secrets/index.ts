/** The secret scanner: token and structural rules, the allow-list and the two entry points. */
import { STRUCTURAL_RULES } from './structural-rules';
import { SecretRuleMetadata } from './token-rule';
import { TOKEN_RULES } from './token-rules';

export type { SecretFinding } from './finding';
export { toPolicyFinding } from './finding';
export type { SecretScanItem } from './scanner';
export { scanObjects } from './scanner';
export { scanYamlText } from './scan-yaml-text';
export { secretWithData, sensitiveEnvLiteral, STRUCTURAL_RULES } from './structural-rules';
export { TOKEN_RULES } from './token-rules';
export type { SecretRuleMetadata, TokenRule, TokenMatch, TokenContext } from './token-rule';
export { redactSecrets } from './redact';
export { isSensitiveName } from './sensitive-names';
export { isPlaceholder } from './allow-list';

/** Every secret rule, in id order (`SEC-001`...), with the formats it covers, for `policy list` and the docs. */
export const SECRET_RULES: readonly SecretRuleMetadata[] = [...STRUCTURAL_RULES, ...TOKEN_RULES]
  .map(({ id, severity, title, rationale, fix, mirrors, profiles, formats }) => ({ id, severity, title, rationale, fix, mirrors, profiles, formats }))
  .sort((a, b) => a.id.localeCompare(b.id));
