import { shannonEntropy } from './entropy';
import { isLikelySecretValue } from './generic-rule';
import { scanText, TextHit } from './text-scan';
import { tokenPrefixes } from './token-rule';

/**
 * Redaction of free text (error and warning messages that quote a user's value): every secret the
 * scanner recognises is replaced by at most its public prefix and what it looks like, e.g.
 * `ghp_…(redacted, looks like a GitHub token)`. Runs the same token rules as the scanner (base64
 * runs included), so a message never prints what `policy check` would block.
 */

/** Longest prefix kept: shorter than the 8 characters a leak check looks for. */
const MAX_PREFIX = 7;

/**
 * `text` with each detected secret replaced by its format's literal prefix (`ghp_`, `sk_live_`, cut
 * to 7 characters) and `…(redacted, looks like <what>)`.
 * Cheap on short strings: most lines hold no rule keyword and return after one regex test.
 */
export function redactSecrets(text: string): string {
  if (text.length < MIN_WORD) return text;
  const spans = merge(scanText(text, undefined));
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += redactRandomWords(text.slice(cursor, span.start));
    out += `${prefixOf(text.slice(span.start, span.end), span.hit)}…(redacted, looks like ${span.hit.rule.noun})`;
    cursor = span.end;
  }
  return out + redactRandomWords(text.slice(cursor));
}

/**
 * A message has no field name to judge a bare value by, and a secret key without a format (an AWS
 * secret key, a hex password) looks like any random word. Over-redacting a message costs little, so
 * every long random-looking word goes too: 16 characters or more, letters and digits, the entropy of
 * a generated value, and not a digest after `sha256:`, a UUID, a path or name made of words.
 */
const MIN_WORD = 16;
const WORD = /[A-Za-z0-9+/_\-.~!*$#%^]{16,}/g;
const DIGEST_BEFORE = /sha(?:1|224|256|384|512):$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Lower-case words joined by `/`, `.`, `-` or `_`: paths, image names, construct paths, host names. */
const WORDS_PATH = /^[a-z0-9]+(?:[/._-]+[a-z0-9]+)*$/;
/**
 * A word of an identity: lower-case or capitalised (`prod`, `Queue`, `0009`), or a kind or construct id
 * in CamelCase, each hump a capital and at least two lower-case letters, after an optional acronym
 * (`CronJob`, `PodDisruptionBudget`, `OCIRepository`, `MediaStore2`).
 */
const NAME_WORD = '(?:[A-Z]?[a-z0-9]{1,15}|[A-Z]{0,4}(?:[A-Z][a-z]{2,15}){1,6}[0-9]{0,4})';
/**
 * Three or more such words joined the same way: object identities such as
 * `prod/Queue.sqs.services.k8s.aws/prod-media/jobs` or `CronJob/dev-app-0009/app-0009`. Generated
 * values have long runs between separators, or case that changes at random inside a run.
 */
const NAMED_PATH = new RegExp(`^${NAME_WORD}(?:[/._-]+${NAME_WORD}){2,}$`);

function redactRandomWords(text: string): string {
  if (text.length < MIN_WORD) return text;
  return text.replace(WORD, (word, offset: number) => {
    const trimmed = word.replace(/[.\-_~!*]+$/, '');
    if (!isRandomWord(trimmed) || DIGEST_BEFORE.test(text.slice(Math.max(0, offset - 7), offset))) return word;
    return `…(redacted, looks like a secret)${word.slice(trimmed.length)}`;
  });
}

function isRandomWord(word: string): boolean {
  if (word.length < MIN_WORD || !/[0-9]/.test(word) || !/[A-Za-z]/.test(word) || UUID.test(word)) return false;
  // Hex keys and tokens (32+ digits) have at most 4 bits per character; digests were excluded above.
  if (/^[0-9a-f]{32,}$/i.test(word)) return shannonEntropy(word) >= 3;
  if (WORDS_PATH.test(word) || NAMED_PATH.test(word)) return false;
  return isLikelySecretValue(word);
}

interface Span {
  readonly start: number;
  end: number;
  /** The hit that names the span: a blocking rule over the generic one. */
  hit: TextHit;
}

/** Hits sorted by start, overlapping ones merged. */
function merge(hits: readonly TextHit[]): Span[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  for (const hit of sorted) {
    const last = spans[spans.length - 1];
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end);
      if (last.hit.rule.severity === 'warn' && hit.rule.severity === 'error') last.hit = hit;
      continue;
    }
    spans.push({ start: hit.start, end: hit.end, hit });
  }
  return spans;
}

function prefixOf(secret: string, hit: TextHit): string {
  if (hit.encoding) return '';
  const lower = secret.toLowerCase();
  let prefix = '';
  for (const known of tokenPrefixes(hit.rule)) {
    if (known.length > prefix.length && lower.startsWith(known)) prefix = known;
  }
  return secret.slice(0, Math.min(prefix.length, MAX_PREFIX));
}
