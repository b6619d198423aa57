/** How reviews print a field value: JSON on one line, long values shortened in the middle. */
export const MAX_VALUE_CHARS = 120;

export function shortValue(value: unknown, max = MAX_VALUE_CHARS): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' && value === '(changed, hidden)' ? value : JSON.stringify(value);
  if (text.length <= max) return text;
  const keep = Math.floor((max - 20) / 2);
  return `${text.slice(0, keep)}…(${text.length - 2 * keep} chars)…${text.slice(-keep)}`;
}
