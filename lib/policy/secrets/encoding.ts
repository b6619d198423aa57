/**
 * Base64 detection and decoding. Secrets are often committed base64-encoded (Secret `data`,
 * ConfigMap `binaryData`, `echo ... | base64 -d` in a command), so the scanner decodes what plausibly
 * is base64 and scans the text inside. Only decodings that are text are rescanned: binary output is
 * either ciphertext or not a credential in a format the token rules know.
 */

const BASE64_WHOLE = /^[A-Za-z0-9+/]+={0,2}$/;
const WHITESPACE = /\s+/g;
/** Runs long enough that random words never qualify: 40 characters is 30 bytes decoded. */
const BASE64_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=_-])/g;
/** A string must have at least this many characters to be decoded when nothing says it is base64. */
const MIN_UNMARKED_LENGTH = 12;
const MAX_RUNS_PER_TEXT = 16;
const HEX_ONLY = /^[0-9a-f]+$/;
/** Share of control bytes above which decoded bytes are binary; checked before the (costly) UTF-8 decoding. */
const MAX_CONTROL_SHARE = 0.05;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedRun {
  /** Offsets of the base64 run in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The decoded text of `value` when the whole value is base64 of printable text. `marked` says the
 * field is base64 by definition (Secret `data`, ConfigMap `binaryData`), which drops the length and
 * padding heuristics.
 */
export function decodeWholeBase64(value: string, marked: boolean): string | undefined {
  const compact = value.includes('\n') || value.includes(' ') ? value.replace(WHITESPACE, '') : value;
  if (!marked && (compact.length < MIN_UNMARKED_LENGTH || compact.length % 4 !== 0 || HEX_ONLY.test(compact))) return undefined;
  if (compact.length < 4 || !BASE64_WHOLE.test(compact)) return undefined;
  return decodeText(compact);
}

/** Base64 runs inside a longer text (a command line, an embedded JSON document) that decode to text. */
export function decodeBase64Runs(text: string): DecodedRun[] {
  if (text.length < 40) return [];
  const runs: DecodedRun[] = [];
  BASE64_RUN.lastIndex = 0;
  for (let m = BASE64_RUN.exec(text); m && runs.length < MAX_RUNS_PER_TEXT; m = BASE64_RUN.exec(text)) {
    // Hex digests are valid base64 but never base64 of text.
    if (m[0].length === text.length || HEX_ONLY.test(m[0])) continue;
    const decoded = decodeText(m[0]);
    if (decoded !== undefined) runs.push({ start: m.index, end: m.index + m[0].length, text: decoded });
  }
  return runs;
}

/** Decodes base64 and returns the result only when it is valid UTF-8 and almost all printable. */
function decodeText(base64: string): string | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 4) return undefined;
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 32 && b !== 9 && b !== 10 && b !== 13) || b === 127) control++;
  }
  if (control > bytes.length * MAX_CONTROL_SHARE) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 160) printable++;
  }
  return printable >= text.length * 0.95 ? text : undefined;
}
