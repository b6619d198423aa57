/**
 * Shannon entropy in bits per character. Random tokens score high (base64 ≈ 5, hex ≈ 4), words and
 * repeated placeholders (`xxxxxxxx`, `changeme`) score low; the generic rule and the token validators
 * use it to tell a generated credential from text.
 */
const ascii = new Uint32Array(128);

export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  ascii.fill(0);
  let other: Map<string, number> | undefined;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) ascii[code]++;
    else (other ??= new Map()).set(value[i], (other.get(value[i]) ?? 0) + 1);
  }
  let bits = 0;
  const add = (count: number): void => {
    if (count === 0) return;
    const p = count / length;
    bits -= p * Math.log2(p);
  };
  ascii.forEach(add);
  other?.forEach(add);
  return bits;
}

