import { describe, expect, it } from 'vitest';
import { isSensitiveName } from '../../../lib/policy/secrets';

describe('isSensitiveName', () => {
  it.each([
    'PASSWORD', 'DB_PASSWORD', 'PGPASSWORD', 'db.password', 'spring.datasource.password', 'dbPassword', 'SMTP_PASS', 'DB_PWD',
    'SECRET', 'JWT_SECRET', 'clientSecret', 'NEXTAUTH_SECRET', 'SECRET_KEY_BASE', 'GITHUB_TOKEN', 'accessToken', 'x-api-token',
    'API_KEY', 'apiKey', 'APIKEY', 'PRIVATE_KEY', 'ssh-private-key', 'AWS_SECRET_ACCESS_KEY', 'secretAccessKey', 'CREDENTIALS',
    'GOOGLE_APPLICATION_CREDENTIALS_JSON', 'ENCRYPTION_KEY', 'signingKey', 'KEYSTORE_PASSPHRASE', '--db-password', 'DB_PASSWORD_2',
  ])('treats %s as sensitive', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each([
    'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'SECRET_NAME', 'secretName', 'API_KEY_HEADER', 'TOKEN_URL', 'PASSWORD_FILE', 'MAX_TOKENS',
    'ENABLE_TOKEN_AUTH', 'secretKeyRef', 'existingSecret', 'AWS_ACCESS_KEY_ID', 'SECRET_ARN', 'TOKEN_EXPIRY_SECONDS', 'PWD',
    'CACHE_KEY', 'PARTITION_KEY', 'tokenizer', 'SECRETS_PROVIDER', 'PASSWORD_RESET_URL', 'secretStoreRef', 'checksum/secret',
    'TOKEN_ENDPOINT', 'API_KEY_ROTATION_DAYS', 'name', 'image', 'USE_SECRET_MANAGER', 'bypass', 'secretary',
  ])('treats %s as a name that only describes a secret, or as unrelated', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });
});
