import { describe, expect, it } from 'vitest';
import { SECRET_RULES, TOKEN_RULES, TokenRule } from '../../../lib/policy/secrets';
import { FORMATS } from './formats';
import { CHARSETS, Prng } from './prng';

/** Rule-level tests: each format is found in a bare string, and its near misses are not. */

function rule(id: string): TokenRule {
  const found = TOKEN_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** The secrets `rule` finds in `text`, as substrings (test-only: the scanner never returns them). */
function find(id: string, text: string, key?: string): string[] {
  return rule(id).find(text, { key, lower: text.toLowerCase() }).map((m) => text.slice(m.start, m.end));
}

const rng = new Prng(4242);
const { alnum, base32, base64, hex } = CHARSETS;

describe('token rules', () => {
  describe.each(FORMATS.filter((f) => f.id !== 'generic-high-entropy'))('$id', (format) => {
    it.each([0, 1, 2, 3, 4, 5])('catches variant %i in a bare string or under its name', (variant) => {
      // GIVEN a generated credential, assigned to its usual name
      const planted = format.generate(rng, variant);

      // WHEN its rule looks at the value
      const found = find(format.ruleId, planted.value, planted.name);

      // THEN it finds the sensitive part
      expect(found.length).toBeGreaterThan(0);
      expect(found.some((s) => s.includes(planted.secret) || planted.secret.includes(s) || planted.value === s)).toBe(true);
    });
  });

  it('catches an AWS secret key next to its key id, with no name to go by', () => {
    const id = `AKIA${rng.chars(16, base32)}`;
    const secret = `Ab${rng.chars(38, base64)}`;
    expect(find('SEC-004', `${id} ${secret}`)).toEqual([secret]);
  });

  it('catches an AWS secret key assigned in a credentials file or JSON', () => {
    const secret = `xY${rng.chars(38, base64)}`;
    expect(find('SEC-004', `[prod]\naws_secret_access_key = ${secret}\n`)).toEqual([secret]);
    expect(find('SEC-004', JSON.stringify({ SecretAccessKey: secret }))).toEqual([secret]);
  });

  it('ignores a 40-character base64 string with no AWS context, and a SHA-1 next to a key id', () => {
    expect(find('SEC-004', `Ab${rng.chars(38, base64)}`)).toEqual([]);
    expect(find('SEC-004', `AKIA${rng.chars(16, base32)} ${rng.chars(40, hex)}`)).toEqual([]);
  });

  it('ignores placeholder tokens with no entropy', () => {
    expect(find('SEC-006', `ghp_${'x'.repeat(36)}`)).toEqual([]);
    expect(find('SEC-003', 'AKIAXXXXXXXXXXXXXXXX')).toEqual([]);
    expect(find('SEC-010', `npm_${'0'.repeat(36)}`)).toEqual([]);
    expect(find('SEC-011', `sk_live_${'x'.repeat(24)}`)).toEqual([]);
  });

  it('ignores tokens glued to other identifier characters', () => {
    const body = rng.chars(36, alnum);
    expect(find('SEC-006', `xghp_${body}`)).toEqual([]);
    expect(find('SEC-003', `AKIA${rng.chars(16, base32)}AB`)).toEqual([]);
  });

  it('requires key material after a private key header', () => {
    expect(find('SEC-005', 'Paste the key between -----BEGIN RSA PRIVATE KEY----- and -----END RSA PRIVATE KEY-----.')).toEqual([]);
    expect(find('SEC-005', `-----BEGIN CERTIFICATE-----\n${rng.chars(128, base64)}\n-----END CERTIFICATE-----`)).toEqual([]);
  });

  it('catches a private key with JSON-escaped newlines, as in a service account key file', () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${rng.chars(64, base64)}\n${rng.chars(64, base64)}\n-----END PRIVATE KEY-----\n`;
    expect(find('SEC-005', JSON.stringify({ type: 'service_account', private_key: key }))).toHaveLength(1);
  });

  it('ignores three base64url parts whose header has no alg', () => {
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(find('SEC-014', `${part({ typ: 'session' })}.${part({ sub: 'guest' })}.${rng.chars(43, alnum)}`)).toEqual([]);
    expect(find('SEC-014', `${part({ alg: 'HS256' })}.${part({ sub: 'guest' })}.${rng.chars(43, alnum)}`)).toHaveLength(1);
  });

  it('ignores URLs whose password is a placeholder, and URLs without a password', () => {
    for (const url of [
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'https://user:<password>@example.com',
      'redis://:changeme@redis:6379',
      'amqp://guest:$(RABBIT_PASSWORD)@mq',
      'mysql://root:{{ .Values.password }}@db/app',
      'https://deploy@git.example.com/repo.git',
      'http://localhost:8080/healthz',
    ]) {
      expect(find('SEC-015', url)).toEqual([]);
    }
  });

  it('catches a URL password that is percent-encoded', () => {
    expect(find('SEC-015', 'postgres://app:p%40ss%2Fw0rd-7Hq2@db:5432/app')).toEqual(['p%40ss%2Fw0rd-7Hq2']);
  });

  it('ignores a Twilio account SID and a 32-hex value under an unrelated name', () => {
    expect(find('SEC-016', `AC${rng.chars(32, hex)}`)).toEqual([]);
    expect(find('SEC-016', rng.chars(32, hex), 'CACHE_KEY')).toEqual([]);
  });

  it('catches an Azure SAS signature in a URL', () => {
    const sig = encodeURIComponent(rng.bytes(32).toString('base64'));
    expect(find('SEC-018', `https://st.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&sig=${sig}`)).toEqual([sig]);
  });

  it('catches Stripe test-mode and webhook secrets, but not publishable keys, which are public', () => {
    const test = `sk_test_51${rng.chars(30, alnum)}`;
    const webhook = `whsec_${rng.chars(32, alnum)}`;
    expect(find('SEC-011', `${test} ${webhook}`)).toEqual([test, webhook]);
    expect(find('SEC-011', `pk_live_${rng.chars(24, alnum)} pk_test_${rng.chars(24, alnum)}`)).toEqual([]);
  });

  describe('generic (SEC-019)', () => {
    it('catches a random value under a sensitive name, bare or in an embedded file', () => {
      const value = rng.chars(24, CHARSETS.password);
      expect(find('SEC-019', value, 'SESSION_SECRET')).toEqual([value]);
      expect(find('SEC-019', `spring.datasource.password=${value}\nserver.port=8080`)).toEqual([value]);
      expect(find('SEC-019', `--client-secret ${value}`)).toEqual([value]);
      expect(find('SEC-019', `https://api.example.com/hook?token=${value}&x=1`)).toEqual([value]);
    });

    it('ignores the same value under a neutral name, and words, names and references under a sensitive one', () => {
      expect(find('SEC-019', rng.chars(24, alnum), 'BUILD_ID')).toEqual([]);
      for (const value of ['changeme', 'orders-db-credentials', '/run/secrets/db', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', 'https://vault.example.com', '3600', 'true']) {
        expect(find('SEC-019', value, 'DB_PASSWORD')).toEqual([]);
      }
    });
  });
});

describe('rule metadata', () => {
  it('numbers the rules SEC-001 to SEC-040 without gaps or duplicates', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `SEC-${String(i + 1).padStart(3, '0')}`));
  });

  it('keeps ids and titles stable', () => {
    // Ids are referenced by waivers and reviews: changing this list is a breaking change.
    expect(Object.fromEntries(SECRET_RULES.map((r) => [r.id, r.title]))).toMatchInlineSnapshot(`
      {
        "SEC-001": "Kubernetes Secret with values in git",
        "SEC-002": "Sensitive env var with a literal value",
        "SEC-003": "AWS access key id",
        "SEC-004": "AWS secret access key",
        "SEC-005": "Private key",
        "SEC-006": "GitHub token",
        "SEC-007": "GitLab token",
        "SEC-008": "Slack token",
        "SEC-009": "Slack webhook URL",
        "SEC-010": "npm access token",
        "SEC-011": "Stripe secret, restricted or webhook signing key",
        "SEC-012": "Google API key",
        "SEC-013": "Google OAuth client secret",
        "SEC-014": "JSON Web Token",
        "SEC-015": "Password in a URL",
        "SEC-016": "Twilio API key or auth token",
        "SEC-017": "SendGrid API key",
        "SEC-018": "Azure storage account key, connection string or SAS signature",
        "SEC-019": "Random-looking value assigned to a sensitive name",
        "SEC-020": "1Password service account token",
        "SEC-021": "Grafana token",
        "SEC-022": "Hugging Face token",
        "SEC-023": "Linear API key",
        "SEC-024": "OpenAI API key",
        "SEC-025": "Anthropic API key",
        "SEC-026": "Shopify token",
        "SEC-027": "Tailscale key",
        "SEC-028": "Vercel token",
        "SEC-029": "Docker Hub access token",
        "SEC-030": "Password in a database connection string",
        "SEC-031": "PyPI API token",
        "SEC-032": "DigitalOcean token",
        "SEC-033": "HashiCorp Vault token",
        "SEC-034": "Cloudflare API token",
        "SEC-035": "Databricks access token",
        "SEC-036": "Figma access token",
        "SEC-037": "Groq API key",
        "SEC-038": "Notion integration token",
        "SEC-039": "age secret key",
        "SEC-040": "Sentry auth token",
      }
    `);
  });

  it('blocks on every rule except the generic one, which warns', () => {
    expect(SECRET_RULES.filter((r) => r.severity === 'warn').map((r) => r.id)).toEqual(['SEC-019']);
  });

  it('gives every rule a rationale, a fix, mirrors in tool:id form and every profile', () => {
    for (const r of SECRET_RULES) {
      expect(r.rationale.length, r.id).toBeGreaterThan(20);
      expect(r.fix.length, r.id).toBeGreaterThan(20);
      for (const mirror of r.mirrors) expect(mirror, r.id).toMatch(/^[a-z-]+:\S+$/);
      expect(r.profiles).toEqual(['baseline', 'restricted', 'prod']);
    }
  });
});
