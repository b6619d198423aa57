import { createHash } from 'crypto';

/**
 * A stand-in for kubeseal output with its exact layout: a 2-byte big-endian length of the
 * RSA-encrypted session key (512 bytes for kubeseal's default 4096-bit key), that key, then the
 * AES-GCM ciphertext of a `valueLength`-byte value plus its 16-byte tag. The bytes are a hash chain
 * of `seed`, so snapshots are stable.
 */
export function fakeSealed(seed: string, valueLength = 12, rsaBytes = 512): string {
  const body = pseudoRandom(seed, rsaBytes + valueLength + 16);
  const header = Buffer.alloc(2);
  header.writeUInt16BE(rsaBytes, 0);
  return Buffer.concat([header, body]).toString('base64');
}

function pseudoRandom(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  let block = createHash('sha256').update(seed).digest();
  while (chunks.length * 32 < length) {
    chunks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(chunks).subarray(0, length);
}
