/**
 * "Did you mean" for misspelt names (prop keys, settings, schema fields): the known name nearest
 * to a typo, by edit distance, when it is near enough to be a likely typo.
 */
export function closest(name: string, known: readonly string[], options: { readonly prefixes?: boolean } = {}): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined && options.prefixes && name.length >= 4) {
    // A truncated or extended name (`terminationGracePeriod` for `terminationGracePeriodSeconds`).
    const lower = name.toLowerCase();
    best = known.filter((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()))
      .sort((a, b) => Math.abs(a.length - name.length) - Math.abs(b.length - name.length))[0];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
