import { CHARSETS, Prng, wrap } from './prng';

/**
 * Generators for every credential format the scanner knows, with real lengths, charsets and prefixes.
 * `variant` picks a sub-format (e.g. `ghp_` vs `github_pat_`) so rounds of the corpus differ.
 */

export interface Planted {
  /** The string put into a manifest (a URL, a connection string, a PEM block, a bare token). */
  readonly value: string;
  /** The sensitive part: no 8-character piece of it may appear in a finding. */
  readonly secret: string;
  /** Env var name for it, e.g. `GITHUB_TOKEN`; other key styles are derived from it. */
  readonly name: string;
  /** Sub-format label for reports, e.g. `ghp_` or `rsa`. */
  readonly variant: string;
  /** False when only the name it is assigned to identifies it (generic secrets, Twilio auth tokens). */
  readonly selfIdentifying: boolean;
}

export interface SecretFormat {
  readonly id: string;
  /** The rule expected to catch it. */
  readonly ruleId: string;
  /** Whether it can sit in a URL's userinfo unescaped. */
  readonly urlSafe: boolean;
  generate(rng: Prng, variant: number): Planted;
}

const { alnum, base32, base64, base64url, hex, digits, upperAlnum, password } = CHARSETS;

function token(value: string, name: string, variant: string, secret = value): Planted {
  return { value, secret, name, variant, selfIdentifying: true };
}

/** 40 base64 characters with both letter cases, like every real AWS secret key. */
function awsSecret(rng: Prng): string {
  for (;;) {
    const candidate = rng.chars(40, base64);
    if (/[A-Z]/.test(candidate) && /[a-z]/.test(candidate)) return candidate;
  }
}

const PEM_VARIANTS = [
  { label: 'rsa', type: 'RSA PRIVATE KEY', bytes: 1192, width: 64, der: true },
  { label: 'ec', type: 'EC PRIVATE KEY', bytes: 121, width: 64, der: true },
  { label: 'openssh', type: 'OPENSSH PRIVATE KEY', bytes: 399, width: 70, der: false },
  { label: 'pkcs8', type: 'PRIVATE KEY', bytes: 1217, width: 64, der: true },
  { label: 'encrypted-pkcs8', type: 'ENCRYPTED PRIVATE KEY', bytes: 1298, width: 64, der: true },
  { label: 'encrypted-rsa', type: 'RSA PRIVATE KEY', bytes: 1192, width: 64, der: true, procType: true },
] as const;

function pem(rng: Prng, variant: number): Planted {
  const v = PEM_VARIANTS[variant % PEM_VARIANTS.length];
  const raw = rng.bytes(v.bytes);
  if (v.der) raw.writeUInt16BE(0x3082, 0); // DER SEQUENCE with a two-byte length, as real keys start
  const body = v.der ? raw.toString('base64') : Buffer.concat([Buffer.from('openssh-key-v1\0'), raw]).toString('base64');
  const wrapped = wrap(body, v.width);
  const headers = 'procType' in v ? `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,${rng.chars(32, hex).toUpperCase()}\n\n` : '';
  const value = `-----BEGIN ${v.type}-----\n${headers}${wrapped}\n-----END ${v.type}-----\n`;
  return token(value, v.label === 'openssh' ? 'SSH_PRIVATE_KEY' : 'TLS_PRIVATE_KEY', v.label, wrapped);
}

function jwt(rng: Prng, variant: number): Planted {
  const algs = [
    { alg: 'HS256', sig: 32 },
    { alg: 'RS256', sig: 256 },
    { alg: 'ES256', sig: 64 },
  ];
  const { alg, sig } = algs[variant % algs.length];
  const header = variant % 2 === 0 ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid: rng.chars(16, hex) };
  const payload = {
    sub: rng.uuid(),
    iss: `https://auth.${rng.pick(['example.com', 'corp.internal', 'id.example.org'])}`,
    aud: rng.pick(['api', 'billing', 'orders']),
    iat: 1700000000 + rng.int(0, 9999999),
    exp: 1800000000 + rng.int(0, 9999999),
    scope: rng.pick(['read write', 'admin', 'orders:read']),
  };
  const encode = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${encode(header)}.${encode(payload)}`;
  const value = `${signed}.${rng.bytes(sig).toString('base64url')}`;
  return token(value, 'API_AUTH_TOKEN', alg, value.slice(value.indexOf('.') + 1));
}

function urlWithPassword(rng: Prng, variant: number): Planted {
  const schemes = [
    { scheme: 'postgres', port: 5432, path: '/orders?sslmode=require' },
    { scheme: 'mysql', port: 3306, path: '/shop' },
    { scheme: 'mongodb+srv', port: 0, path: '/app?retryWrites=true' },
    { scheme: 'redis', port: 6379, path: '/0', noUser: true },
    { scheme: 'amqp', port: 5672, path: '/vhost' },
    { scheme: 'https', port: 0, path: '/repository/npm/' },
    { scheme: 'postgresql', port: 5432, path: '/analytics' },
  ];
  const s = schemes[variant % schemes.length];
  const user = 'noUser' in s ? '' : rng.pick(['app', 'svc_orders', 'admin', 'reporting', 'deploy']);
  const pass = rng.chars(rng.int(16, 32), password);
  const host = `${rng.pick(['db', 'cache', 'mq', 'nexus', 'cluster0'])}.${rng.pick(['prod', 'staging'])}.internal`;
  const value = `${s.scheme}://${user}:${pass}@${host}${s.port ? `:${s.port}` : ''}${s.path}`;
  return token(value, 'DATABASE_URL', s.scheme, pass);
}

function slack(rng: Prng, variant: number): Planted {
  const n = (): string => rng.chars(rng.int(10, 13), digits);
  switch (variant % 4) {
    case 0:
      return token(`xoxb-${n()}-${n()}-${rng.chars(24, alnum)}`, 'SLACK_BOT_TOKEN', 'xoxb');
    case 1:
      return token(`xoxp-${n()}-${n()}-${n()}-${rng.chars(32, hex)}`, 'SLACK_USER_TOKEN', 'xoxp');
    case 2:
      return token(`xapp-1-A${rng.chars(10, upperAlnum)}-${rng.chars(13, digits)}-${rng.chars(64, hex)}`, 'SLACK_APP_TOKEN', 'xapp');
    default:
      return token(`xoxa-2-${n()}-${n()}-${n()}-${rng.chars(32, hex)}`, 'SLACK_ACCESS_TOKEN', 'xoxa');
  }
}

export const FORMATS: readonly SecretFormat[] = [
  {
    id: 'aws-access-key-id',
    ruleId: 'SEC-003',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = variant % 2 === 0 ? 'AKIA' : 'ASIA';
      return token(prefix + rng.chars(16, base32), 'AWS_ACCESS_KEY_ID', prefix);
    },
  },
  {
    id: 'aws-secret-access-key',
    ruleId: 'SEC-004',
    urlSafe: false,
    generate: (rng) => token(awsSecret(rng), 'AWS_SECRET_ACCESS_KEY', 'secret-key'),
  },
  { id: 'private-key', ruleId: 'SEC-005', urlSafe: false, generate: pem },
  {
    id: 'github-token',
    ruleId: 'SEC-006',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefixes = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'];
      const prefix = prefixes[variant % prefixes.length];
      const body = prefix === 'github_pat_' ? `${rng.chars(22, alnum)}_${rng.chars(59, alnum)}` : rng.chars(36, alnum);
      return token(prefix + body, 'GITHUB_TOKEN', prefix);
    },
  },
  {
    id: 'gitlab-token',
    ruleId: 'SEC-007',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = ['glpat-', 'gldt-', 'glrt-'][variant % 3];
      return token(prefix + rng.chars(20, base64url), 'GITLAB_TOKEN', prefix);
    },
  },
  { id: 'slack-token', ruleId: 'SEC-008', urlSafe: true, generate: slack },
  {
    id: 'slack-webhook',
    ruleId: 'SEC-009',
    urlSafe: true,
    generate: (rng) => {
      const last = rng.chars(24, alnum);
      const value = `https://hooks.slack.com/services/T${rng.chars(rng.int(8, 10), upperAlnum)}/B${rng.chars(rng.int(8, 10), upperAlnum)}/${last}`;
      return token(value, 'SLACK_WEBHOOK_URL', 'services', last);
    },
  },
  { id: 'npm-token', ruleId: 'SEC-010', urlSafe: true, generate: (rng) => token(`npm_${rng.chars(36, alnum)}`, 'NPM_TOKEN', 'npm_') },
  {
    id: 'stripe-key',
    ruleId: 'SEC-011',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = variant % 2 === 0 ? 'sk_live_' : 'rk_live_';
      return token(prefix + rng.chars(variant % 3 === 0 ? 24 : 99, alnum), 'STRIPE_SECRET_KEY', prefix);
    },
  },
  { id: 'google-api-key', ruleId: 'SEC-012', urlSafe: true, generate: (rng) => token(`AIzaSy${rng.chars(33, base64url)}`, 'GOOGLE_API_KEY', 'AIza') },
  {
    id: 'google-oauth-secret',
    ruleId: 'SEC-013',
    urlSafe: true,
    generate: (rng) => token(`GOCSPX-${rng.chars(28, base64url)}`, 'GOOGLE_CLIENT_SECRET', 'GOCSPX'),
  },
  { id: 'jwt', ruleId: 'SEC-014', urlSafe: true, generate: jwt },
  { id: 'url-credentials', ruleId: 'SEC-015', urlSafe: true, generate: urlWithPassword },
  {
    id: 'twilio',
    ruleId: 'SEC-016',
    urlSafe: true,
    generate: (rng, variant) =>
      variant % 2 === 0
        ? token(`SK${rng.chars(32, hex)}`, 'TWILIO_API_KEY', 'api-key')
        : { ...token(rng.chars(32, hex), 'TWILIO_AUTH_TOKEN', 'auth-token'), selfIdentifying: false },
  },
  {
    id: 'sendgrid-key',
    ruleId: 'SEC-017',
    urlSafe: true,
    generate: (rng) => token(`SG.${rng.chars(22, base64url)}.${rng.chars(43, base64url)}`, 'SENDGRID_API_KEY', 'SG.'),
  },
  {
    id: 'azure-storage',
    ruleId: 'SEC-018',
    urlSafe: false,
    generate: (rng, variant) => {
      if (variant % 3 === 1) {
        const key = rng.bytes(32).toString('base64');
        const value = `Endpoint=sb://orders-${rng.chars(6, CHARSETS.lower)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`;
        return token(value, 'SERVICEBUS_CONNECTION_STRING', 'service-bus', key);
      }
      const key = rng.bytes(64).toString('base64');
      if (variant % 3 === 2) return token(key, 'AZURE_STORAGE_ACCOUNT_KEY', 'account-key');
      const value = `DefaultEndpointsProtocol=https;AccountName=st${rng.chars(10, CHARSETS.lower)};AccountKey=${key};EndpointSuffix=core.windows.net`;
      return token(value, 'AZURE_STORAGE_CONNECTION_STRING', 'connection-string', key);
    },
  },
  {
    id: 'generic-high-entropy',
    ruleId: 'SEC-019',
    urlSafe: true,
    generate: (rng, variant) => {
      const names = ['SESSION_SECRET', 'DB_PASSWORD', 'JWT_SIGNING_KEY', 'ENCRYPTION_KEY', 'WEBHOOK_SECRET', 'REDIS_PASSWORD', 'COOKIE_SECRET', 'SMTP_PASSWORD'];
      const name = names[(variant + rng.int(0, names.length - 1)) % names.length];
      const value = variant % 3 === 2 ? rng.chars(64, hex) : rng.chars(rng.int(20, 40), password);
      return { value, secret: value, name, variant: variant % 3 === 2 ? 'hex' : 'password', selfIdentifying: false };
    },
  },
];
