import { Finding, Severity } from '../rule';
import type { SecretEncoding } from './encoding';

/**
 * One secret the scanner found: where it is and which rule matched, never the value. `path`,
 * `object` and `hint` are built from names and fixed text only; a map key that is itself a secret is
 * printed as `<redacted key>`.
 */
export interface SecretFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly file?: string;
  readonly constructPath?: string;
  /** `Kind/namespace/name` of the object, or `document N` for a YAML document that is not one. */
  readonly object: string;
  /** JSON path of the field, e.g. `.data["app.env"]`; `line N` in a YAML document that did not parse. */
  readonly path: string;
  /** 1-based line in the scanned file, for findings from `scanYamlText`. */
  readonly line?: number;
  /** Set when the secret was found in the base64-decoded content of the field. */
  readonly encoding?: SecretEncoding;
  /** What to do about it. */
  readonly hint: string;
}

/** The finding in the policy engine's shape, so reports can list secret and policy findings together. */
export function toPolicyFinding(finding: SecretFinding): Finding {
  const where = finding.encoding ? ` (${finding.encoding}-decoded)` : '';
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    message: `${finding.title} in ${finding.path}${where}. ${finding.hint}`,
    ...(finding.constructPath !== undefined ? { constructPath: finding.constructPath } : {}),
    ...(finding.file !== undefined ? { file: finding.file } : {}),
    object: finding.object,
    path: finding.path,
  };
}
