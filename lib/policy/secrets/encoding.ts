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

/** How a secret was hidden: base64 (standard or URL-safe, padded or not), hex, or percent-encoding. */
export type SecretEncoding = 'base64' | 'hex' | 'percent';

export interface DecodedRun {
  /** Offsets of the base64 run in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A decoded piece of a text with how it was encoded. */
export interface EncodedRun extends DecodedRun {
  readonly encoding: SecretEncoding;
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
  return decodeBase64Text(compact);
}

/** Base64 runs inside a longer text (a command line, an embedded JSON document) that decode to text. */
export function decodeBase64Runs(text: string): DecodedRun[] {
  if (text.length < 40) return [];
  const runs: DecodedRun[] = [];
  BASE64_RUN.lastIndex = 0;
  for (let m = BASE64_RUN.exec(text); m && runs.length < MAX_RUNS_PER_TEXT; m = BASE64_RUN.exec(text)) {
    // Hex digests are valid base64 but never base64 of text.
    if (m[0].length === text.length || HEX_ONLY.test(m[0])) continue;
    const decoded = decodeBase64Text(m[0]);
    if (decoded !== undefined) runs.push({ start: m.index, end: m.index + m[0].length, text: decoded });
  }
  return runs;
}

/** Decodes base64 and returns the result only when it is valid UTF-8 and almost all printable. */
function decodeBase64Text(base64: string): string | undefined {
  return decodeText(Buffer.from(base64, 'base64'));
}

/** The bytes as text when they are valid UTF-8 and almost all printable. */
function decodeText(bytes: Buffer): string | undefined {
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

/** Longest text decoded by the lenient decoders below: bounds their cost on large values. */
const MAX_LENIENT_LENGTH = 64 * 1024;
/** base64url or unpadded base64, whole or as a run: 24 characters decode to 18 bytes, shorter than any token format. */
const LENIENT_BASE64_WHOLE = /^[A-Za-z0-9+/_-]{24,}$/;
const LENIENT_BASE64_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{24,}(?![A-Za-z0-9+/=_-])/g;
/** Hex of text: an even number of hex digits, 32 or more (16 bytes). */
const HEX_RUN = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){16,}(?![0-9A-Fa-f])/g;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;

/**
 * Encodings the strict base64 reader does not take: unpadded or URL-safe base64 (`-_`), hex, and
 * percent-encoding. What they decode to is only worth scanning for self-identifying token formats
 * (the caller's job), since nothing else in random-looking data decodes to text with a known prefix.
 * Bounded: texts over 64 KiB and runs beyond 16 per text are not decoded.
 */
export function decodeOtherEncodings(text: string): EncodedRun[] {
  if (text.length < 24 || text.length > MAX_LENIENT_LENGTH) return [];
  const runs: EncodedRun[] = [];
  const push = (start: number, end: number, decoded: string | undefined, encoding: SecretEncoding): void => {
    if (decoded !== undefined && runs.length < MAX_RUNS_PER_TEXT) runs.push({ start, end, text: decoded, encoding });
  };
  const compact = text.trim();
  if (LENIENT_BASE64_WHOLE.test(compact) && !isStrictBase64(compact)) {
    push(0, text.length, decodeLenientBase64(compact), 'base64');
  } else if (text.length >= 40) {
    LENIENT_BASE64_RUN.lastIndex = 0;
    for (let m = LENIENT_BASE64_RUN.exec(text); m && runs.length < MAX_RUNS_PER_TEXT; m = LENIENT_BASE64_RUN.exec(text)) {
      if (m[0].length === text.length || isStrictBase64(m[0]) || HEX_ONLY.test(m[0])) continue;
      push(m.index, m.index + m[0].length, decodeLenientBase64(m[0]), 'base64');
    }
  }
  HEX_RUN.lastIndex = 0;
  for (let m = HEX_RUN.exec(text); m && runs.length < MAX_RUNS_PER_TEXT; m = HEX_RUN.exec(text)) {
    push(m.index, m.index + m[0].length, decodeText(Buffer.from(m[0], 'hex')), 'hex');
  }
  if (text.includes('%')) {
    const escapes = text.match(PERCENT_ESCAPE)?.length ?? 0;
    if (escapes >= 2) push(0, text.length, decodePercent(text), 'percent');
  }
  return runs;
}

/** Already handled by `decodeWholeBase64` / `decodeBase64Runs`: standard alphabet, padded to a multiple of 4. */
function isStrictBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function decodeLenientBase64(value: string): string | undefined {
  if (value.length % 4 === 1) return undefined;
  return decodeText(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

function decodePercent(text: string): string | undefined {
  try {
    const decoded = decodeURIComponent(text);
    return decoded === text ? undefined : decoded;
  } catch {
    // A stray `%`: decode the valid escapes one by one.
    const decoded = text.replace(PERCENT_ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    return decoded === text ? undefined : decoded;
  }
}
