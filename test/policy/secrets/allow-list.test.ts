import { describe, expect, it } from 'vitest';
import { isEncryptedValue, isPlaceholder } from '../../../lib/policy/secrets/allow-list';
import { CHARSETS, Prng } from './prng';

/** What stands in for a secret, and what is ciphertext: neither is a plaintext credential. */

const rng = new Prng(99);

describe('isPlaceholder', () => {
  it.each([
    '${DB_PASSWORD}', '${password}', '$(API_TOKEN)', '{{ .Values.password }}', '{{pass}}', '{PASSWORD}', '{db_password}',
    '{dbPassword}', '<password>', '<your-token-here>', 'changeme', 'CHANGE_ME', 'example', 'AIzaSyEXAMPLE', 'my-example-token',
    'password', 'pass', 'your_password', 'dummy-api-key', '********', 'xxxxxxxx', '%(password)s', '%DB_PASSWORD%', '#{secret}',
  ])('treats %s as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    'hunter2', 'Tr0ub4dor&3', rng.chars(24, CHARSETS.password), '{mydstjcOdlaiFHC}', 'test', 'admin', 'postgres',
    'https://user:pw@example.com', 'default',
  ])('does not treat %s as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('isEncryptedValue', () => {
  const b64 = (bytes: number): string => rng.bytes(bytes).toString('base64');

  it.each([
    ['SOPS', `ENC[AES256_GCM,data:${b64(30)},iv:${b64(32)},tag:${b64(16)},type:str]`],
    ['SOPS without a type', `ENC[AES256_GCM,data:${b64(12)},iv:${b64(32)},tag:${b64(16)}]`],
    ['KMS ciphertext blob', Buffer.concat([Buffer.from([1, 2, 2, 0, 0x78]), rng.bytes(180)]).toString('base64')],
    ['older KMS ciphertext blob', Buffer.concat([Buffer.from([1, 1, 2, 0, 0x78]), rng.bytes(150)]).toString('base64')],
    ['Vault transit', `vault:v1:${b64(48)}`],
    ['kubeseal output', `AgB${rng.chars(700, CHARSETS.base64)}==`],
    ['age armour', '-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----'],
  ])('recognises %s', (_label, value) => {
    expect(isEncryptedValue(value)).toBe(true);
  });

  it.each([
    ['a random AWS-shaped key', rng.chars(40, CHARSETS.base64)],
    ['plain text mentioning ENC[', 'ENC[ is how SOPS marks values'],
    ['a short Ag value', `Ag${rng.chars(40, CHARSETS.base64)}`],
  ])('does not take %s for ciphertext', (_label, value) => {
    expect(isEncryptedValue(value)).toBe(false);
  });
});
