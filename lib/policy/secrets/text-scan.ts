import { isAllowedMatch, isEncryptedValue } from './allow-list';
import { decodeBase64Runs, decodeOtherEncodings, decodeWholeBase64, SecretEncoding } from './encoding';
import { tokenPrefixes, TokenMatch, TokenRule } from './token-rule';
import { TOKEN_RULES } from './token-rules';

/**
 * Runs the token rules over one string, then over the base64-decoded text inside it. Offsets of a
 * match in decoded text are reported as the span of the base64 run that held it.
 */

export interface TextHit {
  readonly rule: TokenRule;
  readonly start: number;
  readonly end: number;
  readonly encoding?: SecretEncoding;
}

/** Shorter strings hold no credential in a known format and no meaningful entropy. */
const MIN_LENGTH = 8;
/** base64 inside base64 is common (a Secret's `data` holding a kubeconfig); deeper nesting is not. */
const MAX_DEPTH = 2;
const KEY_RULES = TOKEN_RULES.filter((rule) => rule.severity === 'error');
/**
 * Rules for text decoded from the lenient encodings: blocking formats recognisable without a name
 * (a literal prefix or keyword), never the generic rule nor rules that need the field's name.
 */
const ENCODED_RULES = KEY_RULES.filter((rule) => rule.keywords.length > 0 || tokenPrefixes(rule).length > 0);
/** One test that rules out every keyword-filtered rule at once: most strings hold no keyword at all. */
const ANY_KEYWORD = new RegExp(
  TOKEN_RULES.flatMap((rule) => rule.keywords)
    .map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
);

/**
 * Literal prefixes of the token formats (`ghp_`, `dckr_pat_`, `sk-proj-`). A value that starts with one
 * and that no format rule accepted is a truncated or placeholder token (`dckr_pat_`, `ghp_xxxx`), not a
 * random secret, so the generic rule stays quiet about it.
 */
const FORMAT_PREFIXES = [...new Set(KEY_RULES.flatMap(tokenPrefixes))];

function startsWithFormatPrefix(lower: string, start: number): boolean {
  for (const prefix of FORMAT_PREFIXES) if (lower.startsWith(prefix, start)) return true;
  return false;
}

/**
 * Secrets in `text`. `key` is the name the text is assigned to; `base64` says the field is base64 by
 * definition (Secret `data`, ConfigMap `binaryData`).
 */
export function scanText(text: string, key: string | undefined, base64 = false): readonly TextHit[] {
  if (text.length < MIN_LENGTH && !base64) return NONE;
  const byText = text.length <= MAX_CACHED_LENGTH ? cacheFor(base64, key) : undefined;
  const cached = byText?.get(text);
  if (cached) return cached;
  const hits: TextHit[] = [];
  collect(text, key, base64, 0, hits, undefined);
  if (byText) remember(byText, text, hits);
  return hits;
}

/** Secrets in a map key: format rules only, since a key has no name of its own to judge by. */
export function scanKey(key: string): readonly TextHit[] {
  if (key.length < 16) return NONE;
  return keyCache.get(key) ?? remember(keyCache, key, matchRules(key, undefined, KEY_RULES));
}

const NONE: readonly TextHit[] = Object.freeze([]);
/**
 * Manifests repeat themselves (label keys, env values, annotations across thousands of objects), so
 * verdicts on short strings are remembered. Hits hold offsets and rules only, never the text.
 */
const MAX_CACHED_LENGTH = 256;
/** Entries across all caches before they are dropped and refilled: bounds memory on huge inputs. */
const CACHE_LIMIT = 50_000;
/** Hits by field name, then by text (nested rather than concatenated, to allocate nothing per lookup). */
const textCaches = [new Map<string, Map<string, readonly TextHit[]>>(), new Map<string, Map<string, readonly TextHit[]>>()];
const keyCache = new Map<string, readonly TextHit[]>();
let cachedEntries = 0;

function cacheFor(base64: boolean, key: string | undefined): Map<string, readonly TextHit[]> {
  const byKey = textCaches[base64 ? 1 : 0];
  let byText = byKey.get(key ?? '');
  if (!byText) {
    byText = new Map();
    byKey.set(key ?? '', byText);
  }
  return byText;
}

function remember(cache: Map<string, readonly TextHit[]>, key: string, hits: readonly TextHit[]): readonly TextHit[] {
  if (++cachedEntries > CACHE_LIMIT) {
    for (const byKey of textCaches) byKey.clear();
    keyCache.clear();
    cachedEntries = 1;
  }
  cache.set(key, hits);
  return hits;
}

/** Where a decoded text came from: the span of the encoded run in the scanned string, and its encoding. */
interface Outer {
  readonly start: number;
  readonly end: number;
  readonly encoding: SecretEncoding;
}

/**
 * Scans `text`, then what it decodes to. Standard padded base64 is rescanned with every rule (as the
 * scanner always did); unpadded or URL-safe base64, hex and percent-encoding only with the rules of
 * self-identifying formats (`restricted`), so decoding random-looking data adds no false alarms.
 */
function collect(text: string, key: string | undefined, base64: boolean, depth: number, hits: TextHit[], outer?: Outer, restricted = false): void {
  if (text.length < MIN_LENGTH && !base64) return;
  // Ciphertext (SOPS, KMS, Vault transit, kubeseal) is not a plaintext secret, whatever it is assigned to.
  if (depth === 0 && isEncryptedValue(text)) return;
  const whole = depth < MAX_DEPTH ? decodeWholeBase64(text, base64) : undefined;
  for (const hit of matchRules(text, restricted ? undefined : key, restricted ? ENCODED_RULES : TOKEN_RULES)) {
    // Encoded text is judged by what it decodes to; its base64 form only looks random.
    if (whole !== undefined && hit.rule.severity === 'warn') continue;
    hits.push(outer ? { rule: hit.rule, start: outer.start, end: outer.end, encoding: outer.encoding } : hit);
  }
  if (depth >= MAX_DEPTH) return;
  if (whole !== undefined) {
    collect(whole, key, false, depth + 1, hits, outer ?? { start: 0, end: text.length, encoding: 'base64' }, restricted);
    return;
  }
  for (const run of decodeBase64Runs(text)) collect(run.text, key, false, depth + 1, hits, outer ?? { ...run, encoding: 'base64' }, restricted);
  for (const run of decodeOtherEncodings(text)) collect(run.text, undefined, false, depth + 1, hits, outer ?? run, true);
}

function matchRules(text: string, key: string | undefined, rules: readonly TokenRule[]): TextHit[] {
  const lower = text.toLowerCase();
  const context = { key, lower };
  const anyKeyword = ANY_KEYWORD.test(lower);
  const found: TextHit[] = [];
  let errorSpans: TokenMatch[] = [];
  for (const rule of rules) {
    if (rule.keywords.length > 0 && (!anyKeyword || !hasKeyword(lower, rule.keywords))) continue;
    // One secret is one hit per rule, however many of the rule's patterns saw it.
    const matches = disjoint(rule.find(text, context).filter((m) => !isAllowedMatch(text, m.start, m.end)));
    if (rule.severity === 'error') {
      for (const m of matches) found.push({ rule, start: m.start, end: m.end });
      errorSpans = errorSpans.concat(matches);
      continue;
    }
    // The generic rule comes last and adds nothing where a format rule matched the same characters.
    const covered = disjoint(errorSpans);
    let j = 0;
    for (const m of matches) {
      while (j < covered.length && covered[j].end <= m.start) j++;
      if (j < covered.length && covered[j].start < m.end) continue;
      if (startsWithFormatPrefix(lower, m.start)) continue;
      found.push({ rule, start: m.start, end: m.end });
    }
  }
  return found;
}

function hasKeyword(lower: string, keywords: readonly string[]): boolean {
  for (const keyword of keywords) if (lower.includes(keyword)) return true;
  return false;
}

/** Spans sorted by start with overlapping ones merged, so both lists can be walked in one pass. */
function disjoint(spans: readonly TokenMatch[]): TokenMatch[] {
  if (spans.length <= 1) return spans.slice();
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TokenMatch[] = [sorted[0]];
  for (let i = 1; i < sorted.length; i++) {
    const last = merged[merged.length - 1];
    const next = sorted[i];
    if (next.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    else merged.push(next);
  }
  return merged;
}
