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

/** A base64 JSON document, as 1Password and Grafana Cloud tokens carry. */
function base64Json(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

/** 40 random base64 characters that a scanner can tell from a word: both cases, a digit, high entropy. */
function randomAwsSecret(rng: Prng): string {
  for (;;) {
    const candidate = awsSecret(rng);
    if (/[0-9]/.test(candidate) && new Set(candidate).size >= 26) return candidate;
  }
}

function connectionString(rng: Prng, variant: number): Planted {
  const pass = rng.chars(rng.int(14, 28), password);
  const host = `sql-${rng.chars(6, CHARSETS.lower)}.database.windows.net`;
  switch (variant % 3) {
    case 0:
      return token(`Server=tcp:${host},1433;Initial Catalog=orders;Persist Security Info=False;User ID=app;Password=${pass};MultipleActiveResultSets=False;Encrypt=True;`, 'SQL_CONNECTION_STRING', 'ado', pass);
    case 1:
      return token(`Data Source=${host};Initial Catalog=billing;User Id=sa;Password=${pass}`, 'ConnectionStrings__Default', 'ado-data-source', pass);
    default:
      return token(`Driver={ODBC Driver 18 for SQL Server};Server=${host};Database=shop;UID=report;PWD={${pass}};Encrypt=yes;`, 'ODBC_CONNECTION_STRING', 'odbc', pass);
  }
}

function jdbc(rng: Prng, variant: number): Planted {
  const pass = rng.chars(rng.int(14, 28), password);
  const urls = [
    `jdbc:postgresql://db.${rng.pick(['prod', 'staging'])}.internal:5432/orders?user=app&password=${pass}&sslmode=require`,
    `jdbc:sqlserver://sql.internal:1433;databaseName=orders;user=sa;password=${pass};encrypt=true`,
    `jdbc:mysql://mysql.internal:3306/shop?user=shop&password=${pass}`,
    `jdbc:oracle:thin:app/${pass}@//oracle.internal:1521/ORCL`,
  ];
  return token(urls[variant % urls.length], 'JDBC_URL', ['postgresql', 'sqlserver', 'mysql', 'oracle'][variant % urls.length], pass);
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
      const prefixes = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'ghs_<id>_'];
      const prefix = prefixes[variant % prefixes.length];
      if (prefix === 'ghs_<id>_') {
        // GitHub App installation token in the newer format: installation id and a JWT-style body.
        const part = (n: number): string => rng.chars(n, base64url);
        return token(`ghs_${rng.int(10000, 99999999)}_${part(36)}.${part(rng.int(120, 200))}.${part(43)}`, 'GITHUB_TOKEN', prefix);
      }
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
      const prefixes = ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'whsec_'];
      const prefix = prefixes[variant % prefixes.length];
      if (prefix === 'whsec_') return token(prefix + rng.chars(32, alnum), 'STRIPE_WEBHOOK_SECRET', prefix);
      return token(`${prefix}51${rng.chars(variant % 3 === 0 ? 22 : 97, alnum)}`, 'STRIPE_SECRET_KEY', prefix);
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
    id: 'aws-secret-access-key-neutral-name',
    ruleId: 'SEC-004',
    urlSafe: false,
    generate: (rng, variant) => {
      const names = ['BACKUP_S3_CREDENTIAL', 'RESTIC_REMOTE', 'OBJECT_STORE_AUTH', 'SYNC_TARGET'];
      return token(randomAwsSecret(rng), names[variant % names.length], 'neutral-name');
    },
  },
  {
    id: '1password-service-account',
    ruleId: 'SEC-020',
    urlSafe: false,
    generate: (rng) => {
      const body = base64Json({
        signInAddress: 'my.1password.com',
        userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: rng.chars(22, base64url) },
        email: `${rng.chars(12, CHARSETS.lower)}@1passwordserviceaccounts.com`,
        srpX: rng.chars(64, hex),
        muk: { alg: 'A256GCM', ext: true, k: rng.chars(43, base64url), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
        secretKey: `A3-${rng.chars(6, upperAlnum)}-${rng.chars(11, upperAlnum)}-${rng.chars(5, upperAlnum)}-${rng.chars(5, upperAlnum)}-${rng.chars(5, upperAlnum)}`,
        throttleSecret: { seed: rng.chars(64, hex), uuid: rng.chars(26, upperAlnum) },
        deviceUuid: rng.chars(26, CHARSETS.lower),
      });
      return token(`ops_${body}`, 'OP_SERVICE_ACCOUNT_TOKEN', 'ops_');
    },
  },
  {
    id: 'grafana-cloud-token',
    ruleId: 'SEC-021',
    urlSafe: false,
    generate: (rng, variant) => {
      if (variant % 2 === 1) {
        const legacy = base64Json({ k: rng.chars(32, alnum), n: rng.pick(['ci', 'deploy', 'dashboards']), id: rng.int(1, 999) });
        return token(legacy, 'GRAFANA_API_KEY', 'legacy-api-key');
      }
      const body = base64Json({ o: String(rng.int(100000, 999999)), n: `stack-${rng.int(100000, 999999)}-integration-${rng.chars(6, CHARSETS.lower)}`, k: rng.chars(24, alnum), m: { r: rng.pick(['prod-eu-west-2', 'prod-us-central-0']) } });
      return token(`glc_${body}`, 'GRAFANA_CLOUD_TOKEN', 'glc_');
    },
  },
  {
    id: 'grafana-service-account-token',
    ruleId: 'SEC-021',
    urlSafe: true,
    generate: (rng) => token(`glsa_${rng.chars(32, alnum)}_${rng.chars(8, hex)}`, 'GRAFANA_SERVICE_ACCOUNT_TOKEN', 'glsa_'),
  },
  {
    id: 'hugging-face-token',
    ruleId: 'SEC-022',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = variant % 3 === 2 ? 'api_org_' : 'hf_';
      return token(prefix + rng.chars(34, CHARSETS.upper + CHARSETS.lower), 'HF_TOKEN', prefix);
    },
  },
  {
    id: 'linear-api-key',
    ruleId: 'SEC-023',
    urlSafe: true,
    generate: (rng, variant) =>
      variant % 3 === 2 ? token(`lin_oauth_${rng.chars(64, hex)}`, 'LINEAR_ACCESS_TOKEN', 'lin_oauth_') : token(`lin_api_${rng.chars(40, alnum)}`, 'LINEAR_API_KEY', 'lin_api_'),
  },
  {
    id: 'openai-api-key',
    ruleId: 'SEC-024',
    urlSafe: true,
    generate: (rng, variant) => {
      switch (variant % 4) {
        case 0:
          return token(`sk-proj-${rng.chars(74, base64url)}T3BlbkFJ${rng.chars(74, base64url)}`, 'OPENAI_API_KEY', 'sk-proj-');
        case 1:
          return token(`sk-svcacct-${rng.chars(58, base64url)}T3BlbkFJ${rng.chars(58, base64url)}`, 'OPENAI_API_KEY', 'sk-svcacct-');
        case 2:
          return token(`sk-admin-${rng.chars(58, base64url)}T3BlbkFJ${rng.chars(58, base64url)}`, 'OPENAI_ADMIN_KEY', 'sk-admin-');
        default:
          return token(`sk-${rng.chars(20, alnum)}T3BlbkFJ${rng.chars(20, alnum)}`, 'OPENAI_API_KEY', 'legacy');
      }
    },
  },
  {
    id: 'anthropic-api-key',
    ruleId: 'SEC-025',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = variant % 3 === 2 ? 'sk-ant-admin01-' : 'sk-ant-api03-';
      return token(`${prefix}${rng.chars(93, base64url)}AA`, 'ANTHROPIC_API_KEY', prefix);
    },
  },
  {
    id: 'shopify-token',
    ruleId: 'SEC-026',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = ['shpat_', 'shpca_', 'shppa_', 'shpss_'][variant % 4];
      return token(prefix + rng.chars(32, hex), 'SHOPIFY_ACCESS_TOKEN', prefix);
    },
  },
  {
    id: 'tailscale-key',
    ruleId: 'SEC-027',
    urlSafe: true,
    generate: (rng, variant) => {
      const type = ['auth', 'api', 'client', 'scim', 'webhook', ''][variant % 6];
      const id = `k${rng.chars(rng.int(9, 12), alnum)}CNTRL`;
      const value = `tskey-${type ? `${type}-` : ''}${id}-${rng.chars(33, alnum)}`;
      // The key type is public; the key id and the secret after it are not.
      return token(value, 'TS_AUTHKEY', type || 'legacy', value.slice(value.indexOf(id)));
    },
  },
  {
    id: 'vercel-token',
    ruleId: 'SEC-028',
    urlSafe: true,
    generate: (rng, variant) => {
      if (variant % 6 === 5) return { ...token(rng.chars(24, alnum), 'VERCEL_TOKEN', 'legacy'), selfIdentifying: false };
      const prefix = ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'][variant % 5];
      return token(prefix + rng.chars(rng.int(24, 56), alnum), 'VERCEL_TOKEN', prefix);
    },
  },
  {
    id: 'docker-hub-token',
    ruleId: 'SEC-029',
    urlSafe: true,
    generate: (rng, variant) =>
      variant % 3 === 2 ? token(`dckr_oat_${rng.chars(32, base64url)}`, 'DOCKERHUB_TOKEN', 'dckr_oat_') : token(`dckr_pat_${rng.chars(27, base64url)}`, 'DOCKERHUB_TOKEN', 'dckr_pat_'),
  },
  { id: 'ado-connection-string', ruleId: 'SEC-030', urlSafe: false, generate: connectionString },
  { id: 'jdbc-password', ruleId: 'SEC-030', urlSafe: false, generate: jdbc },
  {
    id: 'pypi-token',
    ruleId: 'SEC-031',
    urlSafe: true,
    generate: (rng) => token(`pypi-AgEIcHlwaS5vcmc${rng.chars(rng.int(150, 180), base64url)}`, 'PYPI_TOKEN', 'pypi-'),
  },
  {
    id: 'digitalocean-token',
    ruleId: 'SEC-032',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = ['dop_v1_', 'doo_v1_', 'dor_v1_'][variant % 3];
      return token(prefix + rng.chars(64, hex), 'DIGITALOCEAN_TOKEN', prefix);
    },
  },
  {
    id: 'vault-token',
    ruleId: 'SEC-033',
    urlSafe: true,
    generate: (rng, variant) =>
      variant % 3 === 2 ? token(`hvb.${rng.chars(rng.int(140, 180), base64url)}`, 'VAULT_TOKEN', 'hvb.') : token(`hvs.${rng.chars(rng.int(91, 110), base64url)}`, 'VAULT_TOKEN', 'hvs.'),
  },
  {
    id: 'cloudflare-token',
    ruleId: 'SEC-034',
    urlSafe: true,
    generate: (rng, variant) => {
      const prefix = ['cfut_', 'cfat_', 'cfk_'][variant % 3];
      return token(`${prefix}${rng.chars(40, alnum)}${rng.chars(8, hex)}`, 'CLOUDFLARE_API_TOKEN', prefix);
    },
  },
  { id: 'databricks-token', ruleId: 'SEC-035', urlSafe: true, generate: (rng, variant) => token(`dapi${rng.chars(32, hex)}${variant % 2 ? '-2' : ''}`, 'DATABRICKS_TOKEN', 'dapi') },
  { id: 'figma-token', ruleId: 'SEC-036', urlSafe: true, generate: (rng) => token(`figd_${rng.chars(rng.int(40, 48), base64url)}`, 'FIGMA_TOKEN', 'figd_') },
  { id: 'groq-api-key', ruleId: 'SEC-037', urlSafe: true, generate: (rng) => token(`gsk_${rng.chars(52, alnum)}`, 'GROQ_API_KEY', 'gsk_') },
  { id: 'notion-token', ruleId: 'SEC-038', urlSafe: true, generate: (rng) => token(`ntn_${rng.chars(11, digits)}${rng.chars(35, alnum)}`, 'NOTION_TOKEN', 'ntn_') },
  {
    id: 'age-secret-key',
    ruleId: 'SEC-039',
    urlSafe: true,
    generate: (rng) => token(`AGE-SECRET-KEY-1${rng.chars(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}`, 'SOPS_AGE_KEY', 'age'),
  },
  {
    id: 'sentry-token',
    ruleId: 'SEC-040',
    urlSafe: true,
    generate: (rng, variant) => {
      if (variant % 2 === 1) return token(`sntryu_${rng.chars(64, hex)}`, 'SENTRY_AUTH_TOKEN', 'sntryu_');
      const body = base64Json({ iat: 1700000000 + rng.int(0, 9999999), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: rng.pick(['pictura', 'orders']) });
      return token(`sntrys_${body.replace(/=+$/, '')}_${rng.chars(43, base64url).replace(/[-_]/g, 'A')}`, 'SENTRY_AUTH_TOKEN', 'sntrys_');
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
