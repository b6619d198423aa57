/** The secret scanner: token and structural rules, the allow-list and the two entry points. */
import { RuleMetadata } from '../rule';
import { STRUCTURAL_RULES } from './structural-rules';
import { TOKEN_RULES } from './token-rules';

export type { SecretFinding } from './finding';
export { toPolicyFinding } from './finding';
export type { SecretScanItem } from './scanner';
export { scanObjects } from './scanner';
export { scanYamlText } from './scan-yaml-text';
export { secretWithData, sensitiveEnvLiteral, STRUCTURAL_RULES } from './structural-rules';
export { TOKEN_RULES } from './token-rules';
export type { TokenRule, TokenMatch, TokenContext } from './token-rule';
export { isSensitiveName } from './sensitive-names';
export { isPlaceholder } from './allow-list';

/** Every secret rule, in id order (`SEC-001`...), for `policy list` and the docs. */
export const SECRET_RULES: readonly RuleMetadata[] = [...STRUCTURAL_RULES, ...TOKEN_RULES]
  .map(({ id, severity, title, rationale, fix, mirrors, profiles }) => ({ id, severity, title, rationale, fix, mirrors, profiles }))
  .sort((a, b) => a.id.localeCompare(b.id));
