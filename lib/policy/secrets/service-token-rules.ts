import { forEachAssignment } from './assignments';
import { shannonEntropy } from './entropy';
import { joinedWords } from './sensitive-names';
import { random, regexMatches, tokenRule, TokenMatch } from './token-rule';

/**
 * Tokens of SaaS and infrastructure providers (SEC-020 onwards), each recognised by its documented
 * prefix and grammar: the prefix, the alphabet and the exact or bounded length, so a prefix alone
 * (`dckr_pat_`), a truncated token or a placeholder (`hf_xxxxxxxx...`, rejected by entropy) is not a
 * finding. The grammars follow the providers' documentation and the rule sets of secretlint's
 * recommended preset and gitleaks; ids are stable and never reused.
 */

const STORE_FIX = 'Revoke the token with its provider, keep the new one in a secret store and reference it (gitplane ExternalSecret or SealedSecret).';

/** `(?<![...])` and `(?![...])` around a token: not glued to other token characters. */
const B = 'A-Za-z0-9_';

// SEC-020 ---------------------------------------------------------------------------------------------
/** `ops_` + base64 of a JSON document (`eyJ` ... `fQ`), several hundred characters. */
const ONEPASSWORD_SERVICE_ACCOUNT = /(?<![A-Za-z0-9_])ops_eyJ[A-Za-z0-9+/]{100,1280}={0,2}(?![A-Za-z0-9+/=])/g;

export const onePasswordToken = tokenRule(
  {
    id: 'SEC-020',
    title: '1Password service account token',
    noun: 'a 1Password service account token',
    prefixes: ['ops_'],
    formats: ['1Password service account token (ops_eyJ...)'],
    rationale: 'A service account token reads every vault the service account was granted, without a password or a second factor.',
    fix: `Revoke the service account token in 1Password. ${STORE_FIX}`,
    mirrors: ['gitleaks:1password-service-account-token'],
  },
  ['ops_eyj'],
  (text) => regexMatches(ONEPASSWORD_SERVICE_ACCOUNT, text, random(4, 7)),
);

// SEC-021 ---------------------------------------------------------------------------------------------
const GRAFANA_TOKEN = new RegExp(
  [
    `(?<![${B}])glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])`, // Grafana Cloud access policy / API token (base64 JSON)
    `(?<![${B}])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![${B}])`, // service account token: body and a CRC32 checksum
    `(?<![A-Za-z0-9+/])eyJrIjoi[A-Za-z0-9+/]{50,400}={0,2}(?![A-Za-z0-9+/=])`, // legacy API key: base64 of {"k":"...
  ].join('|'),
  'g',
);

export const grafanaToken = tokenRule(
  {
    id: 'SEC-021',
    title: 'Grafana token',
    noun: 'a Grafana token',
    prefixes: ['glc_', 'glsa_', 'eyjrijoi'],
    formats: ['Grafana Cloud token (glc_)', 'Grafana service account token (glsa_)', 'Grafana legacy API key (eyJrIjoi...)'],
    rationale: 'Grafana tokens read dashboards, data sources (and their credentials) and alerting, or administer the whole stack.',
    fix: `Delete the token in Grafana (Cloud access policies or the service account). ${STORE_FIX}`,
    mirrors: ['gitleaks:grafana-cloud-api-token', 'gitleaks:grafana-service-account-token', 'gitleaks:grafana-api-key'],
  },
  ['glc_', 'glsa_', 'eyjrijoi'],
  (text) => regexMatches(GRAFANA_TOKEN, text, (secret) => shannonEntropy(secret.slice(secret.indexOf('_') + 1)) >= 3.5),
);

// SEC-022 ---------------------------------------------------------------------------------------------
const HUGGING_FACE_TOKEN = /(?<![A-Za-z0-9_])(?:hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})(?![A-Za-z0-9_])/g;

export const huggingFaceToken = tokenRule(
  {
    id: 'SEC-022',
    title: 'Hugging Face token',
    noun: 'a Hugging Face token',
    formats: ['Hugging Face user access token (hf_)', 'Hugging Face organization API token (api_org_)'],
    rationale: 'A Hugging Face token reads private models and datasets and, with write scope, replaces them for every consumer.',
    fix: `Invalidate the token in the Hugging Face settings. ${STORE_FIX}`,
    mirrors: ['gitleaks:huggingface-access-token', 'gitleaks:huggingface-organization-api-token'],
  },
  ['hf_', 'api_org_'],
  (text) => regexMatches(HUGGING_FACE_TOKEN, text, (secret) => shannonEntropy(secret.slice(secret.lastIndexOf('_') + 1)) >= 3.5),
);

// SEC-023 ---------------------------------------------------------------------------------------------
const LINEAR_TOKEN = /(?<![A-Za-z0-9_])(?:lin_api_[A-Za-z0-9_]{32,128}|lin_oauth_[a-f0-9]{64})(?![A-Za-z0-9_])/g;

export const linearToken = tokenRule(
  {
    id: 'SEC-023',
    title: 'Linear API key',
    noun: 'a Linear API key',
    formats: ['Linear personal API key (lin_api_)', 'Linear OAuth access token (lin_oauth_)'],
    rationale: 'A Linear key reads and edits every issue, project and comment the user can see, including security reports.',
    fix: `Revoke the key in Linear's API settings. ${STORE_FIX}`,
    mirrors: ['gitleaks:linear-api-key'],
  },
  ['lin_api_', 'lin_oauth_'],
  (text) => regexMatches(LINEAR_TOKEN, text, (secret) => shannonEntropy(secret.slice(secret.lastIndexOf('_') + 1)) >= 3.5),
);

// SEC-024 ---------------------------------------------------------------------------------------------
/**
 * Project, service-account and admin keys (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, about 160
 * characters; the `T3BlbkFJ` marker is base64 of "OpenAI") and legacy user keys (`sk-` + 48).
 */
const OPENAI_KEY = /(?<![A-Za-z0-9_-])(?:sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/g;

export const openAiKey = tokenRule(
  {
    id: 'SEC-024',
    title: 'OpenAI API key',
    noun: 'an OpenAI API key',
    prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-none-'],
    formats: ['OpenAI project key (sk-proj-)', 'OpenAI service account key (sk-svcacct-)', 'OpenAI admin key (sk-admin-)', 'OpenAI legacy user key (sk-...T3BlbkFJ...)'],
    rationale: 'An OpenAI key spends the organization\'s credit and reads its files, assistants and fine-tuned models.',
    fix: `Delete the key in the OpenAI dashboard. ${STORE_FIX}`,
    mirrors: ['gitleaks:openai-api-key'],
  },
  ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-none-', 't3blbkfj'],
  (text) => regexMatches(OPENAI_KEY, text, (secret) => shannonEntropy(secret.slice(secret.indexOf('-', 3) + 1)) >= 4),
);

// SEC-025 ---------------------------------------------------------------------------------------------
const ANTHROPIC_KEY = /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)0\d-[A-Za-z0-9_-]{80,128}AA(?![A-Za-z0-9_-])/g;

export const anthropicKey = tokenRule(
  {
    id: 'SEC-025',
    title: 'Anthropic API key',
    noun: 'an Anthropic API key',
    formats: ['Anthropic API key (sk-ant-api03-)', 'Anthropic admin key (sk-ant-admin01-)'],
    rationale: 'An Anthropic key spends the organization\'s credit; an admin key also manages its members and keys.',
    fix: `Disable the key in the Anthropic console. ${STORE_FIX}`,
    mirrors: ['gitleaks:anthropic-api-key', 'gitleaks:anthropic-admin-api-key'],
  },
  ['sk-ant-'],
  (text) => regexMatches(ANTHROPIC_KEY, text, random(4, 14)),
);

// SEC-026 ---------------------------------------------------------------------------------------------
const SHOPIFY_TOKEN = /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/g;

export const shopifyToken = tokenRule(
  {
    id: 'SEC-026',
    title: 'Shopify token',
    noun: 'a Shopify token',
    formats: ['Shopify Admin API access token (shpat_)', 'Shopify custom app token (shpca_)', 'Shopify private app password (shppa_)', 'Shopify shared secret (shpss_)'],
    rationale: 'Shopify tokens read and change a shop\'s orders, customers and products; the shared secret signs webhooks and app sessions.',
    fix: `Rotate the token or secret in the Shopify admin or Partner dashboard. ${STORE_FIX}`,
    mirrors: ['gitleaks:shopify-access-token', 'gitleaks:shopify-custom-access-token', 'gitleaks:shopify-private-app-access-token', 'gitleaks:shopify-shared-secret'],
  },
  ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  (text) => regexMatches(SHOPIFY_TOKEN, text, random(3, 6)),
);

// SEC-027 ---------------------------------------------------------------------------------------------
/** `tskey-<type>-<key id>-<secret>` (auth, api, client, scim, webhook keys), and the older `tskey-<id>-<secret>`. */
const TAILSCALE_KEY = /(?<![A-Za-z0-9_-])tskey-(?:[a-z]{2,20}-)?[A-Za-z0-9_]{6,40}-[A-Za-z0-9_]{16,80}(?![A-Za-z0-9_-])/g;

export const tailscaleKey = tokenRule(
  {
    id: 'SEC-027',
    title: 'Tailscale key',
    noun: 'a Tailscale key',
    formats: ['Tailscale auth key (tskey-auth-)', 'Tailscale API access token (tskey-api-)', 'Tailscale OAuth client secret (tskey-client-)', 'Tailscale SCIM and webhook keys (tskey-scim-, tskey-webhook-)', 'Tailscale legacy key (tskey-<id>-<secret>)'],
    rationale: 'A Tailscale auth key joins machines to the tailnet; API and OAuth keys change its ACLs and devices.',
    fix: `Revoke the key in the Tailscale admin console. ${STORE_FIX}`,
    mirrors: ['gitleaks:tailscale-key'],
  },
  ['tskey-'],
  (text) => regexMatches(TAILSCALE_KEY, text, (secret) => shannonEntropy(secret.slice(secret.lastIndexOf('-') + 1)) >= 3.5),
);

// SEC-028 ---------------------------------------------------------------------------------------------
const VERCEL_TOKEN = /(?<![A-Za-z0-9_])vc[pcaikr]_[A-Za-z0-9]{20,80}(?![A-Za-z0-9_])/g;
/** Unprefixed tokens (before 2025) are 24 alphanumerics: recognised only under a Vercel name. */
const VERCEL_BARE = /^\s*["']?([A-Za-z0-9]{24})["']?\s*$/d;

function isVercelTokenName(name: string): boolean {
  const words = joinedWords(name);
  return /(?:^|_)vercel(?:_|$)/.test(words) && /token|key|secret/.test(words);
}

function isVercelLegacyToken(value: string): boolean {
  return /^[A-Za-z0-9]{24}$/.test(value) && /[a-z]/.test(value) && /[A-Z0-9]/.test(value) && shannonEntropy(value) >= 3.5;
}

export const vercelToken = tokenRule(
  {
    id: 'SEC-028',
    title: 'Vercel token',
    noun: 'a Vercel token',
    prefixes: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_', 'vcc_'],
    formats: ['Vercel access token (vcp_, vci_, vca_, vcr_, vck_)', 'Vercel legacy token (24 alphanumerics under a VERCEL_ name)'],
    rationale: 'A Vercel token deploys to the team\'s projects and reads their environment variables, which hold further secrets.',
    fix: `Delete the token in the Vercel account settings. ${STORE_FIX}`,
    mirrors: ['gitleaks:vercel-api-token'],
  },
  [],
  (text, { key, lower }) => {
    const matches: TokenMatch[] = /vc[pcaikr]_/.test(lower) ? regexMatches(VERCEL_TOKEN, text, random(3.5, 4)) : [];
    if (key !== undefined && text.length <= 32 && isVercelTokenName(key)) {
      const whole = VERCEL_BARE.exec(text);
      if (whole && isVercelLegacyToken(whole[1])) matches.push({ start: whole.indices![1][0], end: whole.indices![1][1] });
    }
    if (lower.includes('vercel')) {
      forEachAssignment(text, (name, value, start) => {
        if (isVercelTokenName(name) && isVercelLegacyToken(value)) matches.push({ start, end: start + value.length });
      });
    }
    return matches;
  },
);

// SEC-029 ---------------------------------------------------------------------------------------------
/** A personal access token is `dckr_pat_` + 27 characters; an organization access token `dckr_oat_` + 32. */
const DOCKER_TOKEN = /(?<![A-Za-z0-9_-])(?:dckr_pat_[A-Za-z0-9_-]{27}|dckr_oat_[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/g;

export const dockerToken = tokenRule(
  {
    id: 'SEC-029',
    title: 'Docker Hub access token',
    noun: 'a Docker Hub access token',
    formats: ['Docker Hub personal access token (dckr_pat_ + 27)', 'Docker Hub organization access token (dckr_oat_ + 32)'],
    rationale: 'A Docker Hub token pulls private images and, with write scope, pushes over the images every cluster runs.',
    fix: `Revoke the token in Docker Hub's security settings; let the cluster pull with a read-only token from a secret store. ${STORE_FIX}`,
    mirrors: ['gitleaks:docker-hub-pat'],
  },
  ['dckr_pat_', 'dckr_oat_'],
  (text) => regexMatches(DOCKER_TOKEN, text, random(3.5, 9)),
);

// SEC-031 ---------------------------------------------------------------------------------------------
/** A PyPI API token is a macaroon: `pypi-AgEIcHlwaS5vcmc` (base64 of its pypi.org location) and more. */
const PYPI_TOKEN = /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g;

export const pypiToken = tokenRule(
  {
    id: 'SEC-031',
    title: 'PyPI API token',
    noun: 'a PyPI token',
    prefixes: ['pypi-'],
    formats: ['PyPI API token (pypi-AgEIcHlwaS5vcmc...)'],
    rationale: 'A PyPI token publishes releases of the projects it covers: a supply-chain attack on everyone who installs them.',
    fix: `Remove the token in the PyPI account settings and publish with trusted publishing (OIDC). ${STORE_FIX}`,
    mirrors: ['gitleaks:pypi-upload-token'],
  },
  ['pypi-ageichlwas5vcmc'],
  (text) => regexMatches(PYPI_TOKEN, text, random(4, 19)),
);

// SEC-032 ---------------------------------------------------------------------------------------------
const DIGITALOCEAN_TOKEN = /(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g;

export const digitalOceanToken = tokenRule(
  {
    id: 'SEC-032',
    title: 'DigitalOcean token',
    noun: 'a DigitalOcean token',
    formats: ['DigitalOcean personal access token (dop_v1_)', 'DigitalOcean OAuth token (doo_v1_)', 'DigitalOcean refresh token (dor_v1_)'],
    rationale: 'A DigitalOcean token creates and destroys droplets, clusters, databases and their backups on the team\'s account.',
    fix: `Regenerate the token in the DigitalOcean control panel. ${STORE_FIX}`,
    mirrors: ['gitleaks:digitalocean-pat', 'gitleaks:digitalocean-access-token', 'gitleaks:digitalocean-refresh-token'],
  },
  ['dop_v1_', 'doo_v1_', 'dor_v1_'],
  (text) => regexMatches(DIGITALOCEAN_TOKEN, text, random(3.3, 7)),
);

// SEC-033 ---------------------------------------------------------------------------------------------
const VAULT_TOKEN = /(?<![A-Za-z0-9_.-])(?:hvs\.[A-Za-z0-9_-]{90,120}|hvb\.[A-Za-z0-9_-]{138,300}|hvr\.[A-Za-z0-9_-]{90,120})(?![A-Za-z0-9_-])/g;

export const vaultToken = tokenRule(
  {
    id: 'SEC-033',
    title: 'HashiCorp Vault token',
    noun: 'a Vault token',
    formats: ['HashiCorp Vault service token (hvs.)', 'HashiCorp Vault batch token (hvb.)', 'HashiCorp Vault recovery token (hvr.)'],
    rationale: 'A Vault token reads every secret its policies allow: often the credentials of the whole platform.',
    fix: 'Revoke the token (vault token revoke) and let the workload log in with its Kubernetes service account (Vault Kubernetes auth or External Secrets).',
    mirrors: ['gitleaks:vault-service-token', 'gitleaks:vault-batch-token'],
  },
  ['hvs.', 'hvb.', 'hvr.'],
  (text) => regexMatches(VAULT_TOKEN, text, random(4, 4)),
);

/**
 * A provider token fully described by its prefixes and one regex: `bits` of entropy required after
 * the prefix (which rejects `xxxx` bodies), the rest is the shared metadata.
 */
function prefixedToken(
  metadata: { id: string; title: string; noun: string; formats: string[]; rationale: string; revoke: string; mirrors: string[] },
  prefixes: string[],
  pattern: RegExp,
  bits = 3.5,
): ReturnType<typeof tokenRule> {
  const { revoke, ...rest } = metadata;
  const lowerPrefixes = prefixes.map((prefix) => prefix.toLowerCase());
  return tokenRule({ ...rest, prefixes: lowerPrefixes, fix: `${revoke} ${STORE_FIX}` }, lowerPrefixes, (text) =>
    regexMatches(pattern, text, (secret) => {
      const lower = secret.toLowerCase();
      const prefix = lowerPrefixes.find((p) => lower.startsWith(p)) ?? '';
      return shannonEntropy(secret.slice(prefix.length)) >= bits;
    }),
  );
}

// SEC-034 ---------------------------------------------------------------------------------------------
export const cloudflareToken = prefixedToken(
  {
    id: 'SEC-034',
    title: 'Cloudflare API token',
    noun: 'a Cloudflare token',
    formats: ['Cloudflare API key and user / account API tokens (cfk_, cfut_, cfat_)'],
    rationale: 'A Cloudflare token changes DNS, TLS and firewall settings of the zones it covers: enough to redirect or intercept all traffic.',
    revoke: 'Roll the token in the Cloudflare dashboard.',
    mirrors: ['gitleaks:cloudflare-api-key'],
  },
  ['cfk_', 'cfut_', 'cfat_'],
  /(?<![A-Za-z0-9_])(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9_])/g,
);

// SEC-035 ---------------------------------------------------------------------------------------------
export const databricksToken = prefixedToken(
  {
    id: 'SEC-035',
    title: 'Databricks access token',
    noun: 'a Databricks token',
    formats: ['Databricks personal access token (dapi + 32 hex)'],
    rationale: 'A Databricks token runs jobs and reads every table and secret scope the user can, on the workspace\'s compute bill.',
    revoke: 'Revoke the token in the Databricks workspace settings.',
    mirrors: ['gitleaks:databricks-api-token'],
  },
  ['dapi'],
  /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9_])/g,
  3,
);

// SEC-036 ---------------------------------------------------------------------------------------------
export const figmaToken = prefixedToken(
  {
    id: 'SEC-036',
    title: 'Figma access token',
    noun: 'a Figma token',
    formats: ['Figma personal access token (figd_)'],
    rationale: 'A Figma token reads (and with write scope edits) every design file the user can open.',
    revoke: 'Revoke the token in the Figma account settings.',
    mirrors: ['gitleaks:figma-pat'],
  },
  ['figd_'],
  /(?<![A-Za-z0-9_])figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g,
);

// SEC-037 ---------------------------------------------------------------------------------------------
export const groqKey = prefixedToken(
  {
    id: 'SEC-037',
    title: 'Groq API key',
    noun: 'a Groq API key',
    formats: ['Groq API key (gsk_ + 52)'],
    rationale: 'A Groq key spends the organization\'s inference credit.',
    revoke: 'Delete the key in the Groq console.',
    mirrors: ['gitleaks:groq-api-key'],
  },
  ['gsk_'],
  /(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
);

// SEC-038 ---------------------------------------------------------------------------------------------
export const notionToken = prefixedToken(
  {
    id: 'SEC-038',
    title: 'Notion integration token',
    noun: 'a Notion token',
    formats: ['Notion integration token (ntn_ + 11 digits + 35)'],
    rationale: 'A Notion integration token reads and edits every page shared with the integration: runbooks, incident notes, customer data.',
    revoke: 'Refresh the token in the Notion integration settings.',
    mirrors: ['gitleaks:notion-api-token'],
  },
  ['ntn_'],
  /(?<![A-Za-z0-9_])ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_])/g,
);

// SEC-039 ---------------------------------------------------------------------------------------------
export const ageSecretKey = prefixedToken(
  {
    id: 'SEC-039',
    title: 'age secret key',
    noun: 'an age secret key',
    formats: ['age secret key (AGE-SECRET-KEY-1 + 58 bech32)'],
    rationale: 'An age secret key decrypts every file encrypted to it, including the SOPS files of the repository it was committed to.',
    revoke: 'Generate a new age key, re-encrypt the SOPS files to it (sops updatekeys) and rotate the secrets they hold.',
    mirrors: ['gitleaks:age-secret-key'],
  },
  ['AGE-SECRET-KEY-1'],
  /(?<![A-Za-z0-9_-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])/g,
);

// SEC-040 ---------------------------------------------------------------------------------------------
export const sentryToken = prefixedToken(
  {
    id: 'SEC-040',
    title: 'Sentry auth token',
    noun: 'a Sentry token',
    formats: ['Sentry organization auth token (sntrys_eyJ...)', 'Sentry user auth token (sntryu_ + 64 hex)'],
    rationale: 'A Sentry token reads error reports (with their request data and user details) and uploads releases and source maps.',
    revoke: 'Revoke the token in the Sentry organization or user settings.',
    mirrors: ['gitleaks:sentry-org-token', 'gitleaks:sentry-user-token'],
  },
  ['sntrys_', 'sntryu_'],
  /(?<![A-Za-z0-9_])(?:sntrys_eyJ[A-Za-z0-9+/=_]{60,300}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9_+/=])/g,
);

/** The provider token rules, in id order. */
export const SERVICE_TOKEN_RULES = [
  onePasswordToken, grafanaToken, huggingFaceToken, linearToken, openAiKey, anthropicKey, shopifyToken, tailscaleKey, vercelToken,
  dockerToken, pypiToken, digitalOceanToken, vaultToken,
];

/** Provider tokens added after the connection-string rule (SEC-030), in id order. */
export const MORE_SERVICE_TOKEN_RULES = [cloudflareToken, databricksToken, figmaToken, groqKey, notionToken, ageSecretKey, sentryToken];
