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
  const hits = scanText(text, undefined);
  if (hits.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const span of merge(hits)) {
    out += text.slice(cursor, span.start);
    out += `${prefixOf(text.slice(span.start, span.end), span.hit)}…(redacted, looks like ${span.hit.rule.noun})`;
    cursor = span.end;
  }
  return out + text.slice(cursor);
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
