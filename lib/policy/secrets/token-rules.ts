import { isPlaceholder } from './allow-list';
import { connectionStringPassword } from './connection-string-rule';
import { forEachAssignment } from './assignments';
import { shannonEntropy } from './entropy';
import { genericSecret } from './generic-rule';
import { joinedWords, nameWords } from './sensitive-names';
import { MORE_SERVICE_TOKEN_RULES, SERVICE_TOKEN_RULES } from './service-token-rules';
import { random, regexMatches, tokenRule, TokenMatch, TokenRule } from './token-rule';

/**
 * Why gitplane keeps its own rules instead of running secretlint's recommended preset
 * (`@secretlint/core` 13.0.7 + `@secretlint/secretlint-rule-preset-recommend` 13.0.7), measured on the
 * test corpus (936 planted secrets in 34 formats and 14 YAML contexts, 148 lookalikes) and on the
 * 9,000-object bench fleet: secretlint found 428 of 936 (it neither decodes base64 `data`/`binaryData`
 * nor knows AWS secret keys in context, JWTs, Azure keys, connection strings, PyPI or DigitalOcean
 * tokens) and raised 11 false alarms on the lookalikes (placeholder bodies such as `ghp_xxxx...`);
 * it took 3.6 s linting each object (0.29 s for the whole fleet as one text, which loses the YAML path).
 * These rules find 936 of 936 with 0 false alarms in about 0.2 s. The formats it knows are matched
 * here instead, following its and gitleaks' documented grammars (see service-token-rules.ts).
 *
 * Credential formats, one rule each. Ids are stable (`SEC-001` and `SEC-002` are the structural
 * rules): never renumber or reuse one. Each regex is anchored on a literal prefix or a delimiter and
 * has no nested quantifiers over overlapping classes, and validators reject placeholders such as
 * `ghp_xxxxxxxx...` by entropy.
 */

const rule = tokenRule;

const SECRET_STORE_FIX = 'Move the value to a secret store and reference it with a gitplane ExternalSecret (External Secrets Operator) or commit it encrypted as a SealedSecret (Bitnami); then rotate it, because git history keeps the old value.';

// SEC-003 ---------------------------------------------------------------------------------------------
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;

export const awsAccessKeyId = rule(
  {
    id: 'SEC-003',
    noun: 'an AWS access key id',
    prefixes: ['akia', 'asia', 'abia', 'acca'],
    formats: ['AWS access key id (AKIA, ASIA, ABIA, ACCA)'],
    title: 'AWS access key id',
    rationale: 'An access key id is half of a long-lived AWS credential and names the IAM user it belongs to; its secret key is rarely far away.',
    fix: 'Deactivate and rotate the key in IAM, and give the workload an IAM role (IRSA or EKS Pod Identity) instead of static keys.',
    mirrors: ['gitleaks:aws-access-token', 'checkov:CKV_SECRET_2', 'detect-secrets:AWSKeyDetector'],
  },
  ['akia', 'asia', 'abia', 'acca'],
  (text) => regexMatches(AWS_KEY_ID, text, random(2.5, 4)),
);

// SEC-004 ---------------------------------------------------------------------------------------------
const AWS_SECRET_NAME = /aws_secret|secret_access_key|aws_sk$/;
const AWS_SECRET_WHOLE = /^\s*["']?([A-Za-z0-9/+]{40})["']?\s*$/d;
const AWS_SECRET_ASSIGNED =
  /(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)["']?[ \t]*(?:=>|=|:)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi;
const BASE64_40 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const KEY_ID_NEARBY = 300;
/** Cheap test before looking for assignments: a 40-character base64 value right after `=`, `:` or a quote. */
const BASE64_40_ASSIGNED = /[=:"' ][ \t]*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;

/** 40 base64 characters with both letter cases and enough entropy: not a SHA-1 or a word run. */
function isAwsSecretShape(secret: string): boolean {
  return /[A-Z]/.test(secret) && /[a-z]/.test(secret) && shannonEntropy(secret) >= 3.5;
}

/**
 * Without an AWS name or a key id nearby, only a clearly random value counts: letters of both cases,
 * a digit, and about the entropy of 30 random bytes (random 40-character base64 scores 4.5 to 5).
 */
function isRandomAwsSecretShape(secret: string): boolean {
  return isAwsSecretShape(secret) && /[0-9]/.test(secret) && shannonEntropy(secret) >= 4.2;
}

/** A last word that says the value identifies or fingerprints something: `build-id`, `etag`, `commitSha`. */
const IDENTIFIER_WORDS = new Set([
  'id', 'ids', 'uid', 'uuid', 'guid', 'hash', 'digest', 'checksum', 'sha', 'sha1', 'sha256', 'nonce', 'salt', 'etag',
  'fingerprint', 'version', 'revision', 'rev', 'commit', 'ref', 'build', 'serial', 'thumbprint', 'kid', 'hmac',
]);

/** A name that neither says the value identifies something nor names it as something other than a key. */
function isNeutralOrSensitiveName(name: string): boolean {
  const words = nameWords(name);
  return words.length > 0 && !IDENTIFIER_WORDS.has(words[words.length - 1]);
}

export const awsSecretAccessKey = rule(
  {
    id: 'SEC-004',
    noun: 'an AWS secret access key',
    formats: ['AWS secret access key (40 base64 characters) under an AWS name, next to an access key id, or under a neutral or sensitive name when random'],
    title: 'AWS secret access key',
    rationale: 'The secret access key signs AWS API requests; with its key id it grants everything the IAM user may do, from anywhere.',
    fix: 'Deactivate and rotate the key in IAM, and give the workload an IAM role (IRSA or EKS Pod Identity) instead of static keys.',
    mirrors: ['checkov:CKV_SECRET_2', 'detect-secrets:AWSKeyDetector'],
  },
  [],
  (text, { key, lower }) => {
    const matches: TokenMatch[] = [];
    if (text.length < 40) return matches;
    // A bare value assigned to a name such as AWS_SECRET_ACCESS_KEY or secretAccessKey.
    if (key !== undefined && text.length <= 48) {
      const whole = AWS_SECRET_WHOLE.exec(text);
      const named = whole !== null && AWS_SECRET_NAME.test(joinedWords(key));
      // Under a neutral name (`S3_KEY`, `backup`, `value`) only a clearly random value is taken.
      if (whole && (named ? isAwsSecretShape(whole[1]) : isNeutralOrSensitiveName(key) && isRandomAwsSecretShape(whole[1]))) {
        matches.push({ start: whole.indices![1][0], end: whole.indices![1][1] });
      }
    }
    // An assignment inside a credentials file, .env, properties or JSON document.
    if (lower.includes('secret')) matches.push(...regexMatches(AWS_SECRET_ASSIGNED, text, isAwsSecretShape, 1));
    // `name = value` inside an embedded document: a clearly random value under a neutral or sensitive name.
    if (text.length > 40 && BASE64_40_ASSIGNED.test(text)) {
      forEachAssignment(text, (name, value, start) => {
        const seen = matches.some((m) => m.start === start);
        if (!seen && value.length === 40 && isNeutralOrSensitiveName(name) && isRandomAwsSecretShape(value)) matches.push({ start, end: start + 40 });
      });
    }
    // Any 40-character base64 token close to an access key id.
    const ids = /akia|asia|abia|acca/.test(lower) ? regexMatches(AWS_KEY_ID, text) : [];
    if (ids.length > 0) {
      const near = (start: number): boolean => ids.some((id) => Math.abs(id.start - start) <= KEY_ID_NEARBY);
      matches.push(...regexMatches(BASE64_40, text, (secret, start) => near(start) && isAwsSecretShape(secret)));
    }
    return matches;
  },
);

// SEC-005 ---------------------------------------------------------------------------------------------
const PRIVATE_KEY_HEADER = /-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----/g;
const PRIVATE_KEY_FOOTER = /-----END [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;
/** Key material needed after the header: a bare header in documentation is not a key. */
const MIN_BODY = 64;
/** Where to look for the footer: a 16384-bit RSA key in PEM is about 12,600 characters. */
const MAX_KEY_LENGTH = 16_384;

export const privateKey = rule(
  {
    id: 'SEC-005',
    noun: 'a private key',
    formats: ['PEM private key (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8, PGP)'],
    title: 'Private key',
    rationale: 'A PEM private key (RSA, EC, DSA, OpenSSH, PKCS#8, PGP, encrypted or not) lets anyone impersonate its owner: TLS servers, SSH users, signers.',
    fix: SECRET_STORE_FIX,
    mirrors: ['gitleaks:private-key', 'checkov:CKV_SECRET_13', 'detect-secrets:PrivateKeyDetector'],
  },
  ['private key'],
  (text) => {
    const matches: TokenMatch[] = [];
    PRIVATE_KEY_HEADER.lastIndex = 0;
    for (let m = PRIVATE_KEY_HEADER.exec(text); m !== null; m = PRIVATE_KEY_HEADER.exec(text)) {
      const bodyStart = m.index + m[0].length;
      // Bounded window, so text full of headers without footers stays linear.
      const window = text.slice(bodyStart, bodyStart + MAX_KEY_LENGTH);
      PRIVATE_KEY_FOOTER.lastIndex = 0;
      const footer = PRIVATE_KEY_FOOTER.exec(window);
      const bodyEnd = footer ? footer.index : Math.min(window.length, 4096);
      let body = 0;
      for (let i = 0; i < bodyEnd && body < MIN_BODY; i++) if (BASE64_CHAR.test(window[i])) body++;
      const end = bodyStart + (footer ? footer.index + footer[0].length : bodyEnd);
      if (body >= MIN_BODY) matches.push({ start: m.index, end });
      if (footer) PRIVATE_KEY_HEADER.lastIndex = end;
    }
    return matches;
  },
);

// SEC-006 ---------------------------------------------------------------------------------------------
const GITHUB_TOKEN = /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{70,240})(?![A-Za-z0-9_])/g;
/** The newer installation token of a GitHub App: `ghs_<installation id>_` and a JWT-style three-part body. */
const GITHUB_APP_INSTALLATION_TOKEN = /(?<![A-Za-z0-9_])ghs_[0-9]{1,20}_[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{8,10000}\.[A-Za-z0-9_-]{8,1000}(?![A-Za-z0-9_-])/g;

export const githubToken = rule(
  {
    id: 'SEC-006',
    noun: 'a GitHub token',
    formats: ['GitHub personal access token (ghp_)', 'GitHub OAuth token (gho_)', 'GitHub user-to-server token (ghu_)', 'GitHub App installation token (ghs_, classic and ghs_<id>_ JWT-style)', 'GitHub refresh token (ghr_)', 'GitHub fine-grained PAT (github_pat_)'],
    title: 'GitHub token',
    rationale: 'Personal access, OAuth, user-to-server, server-to-server and refresh tokens act on repositories and organizations as their owner.',
    fix: 'Revoke the token in GitHub, use a GitHub App or an ExternalSecret for the workload, and rotate.',
    mirrors: ['gitleaks:github-pat', 'gitleaks:github-fine-grained-pat', 'gitleaks:github-oauth', 'gitleaks:github-app-token', 'gitleaks:github-refresh-token', 'detect-secrets:GitHubTokenDetector'],
  },
  ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  (text) => [
    ...regexMatches(GITHUB_TOKEN, text, (secret) => shannonEntropy(secret.slice(secret.indexOf('_') + 1)) >= 3),
    ...(text.includes('ghs_') ? regexMatches(GITHUB_APP_INSTALLATION_TOKEN, text, random(3.5, 4)) : []),
  ],
);

// SEC-007 ---------------------------------------------------------------------------------------------
const GITLAB_TOKEN = /(?<![A-Za-z0-9_-])(?:gl(?:pat|dt|rt|ptt|soat|ft|agent)-[A-Za-z0-9_-]{20,250}|GR1348941[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g;

export const gitlabToken = rule(
  {
    id: 'SEC-007',
    noun: 'a GitLab token',
    prefixes: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-', 'glft-', 'glagent-', 'gr1348941'],
    formats: ['GitLab personal, project and group access token (glpat-)', 'GitLab deploy token (gldt-)', 'GitLab runner token (glrt-, GR1348941)', 'GitLab pipeline trigger, SCIM, feed and agent tokens (glptt-, glsoat-, glft-, glagent-)'],
    title: 'GitLab token',
    rationale: 'GitLab personal, deploy, runner, trigger and agent tokens give API, registry or runner access to projects.',
    fix: 'Revoke the token in GitLab, reference it from a secret store (gitplane ExternalSecret), and rotate.',
    mirrors: ['gitleaks:gitlab-pat', 'detect-secrets:GitLabTokenDetector'],
  },
  ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-', 'glft-', 'glagent-', 'gr1348941'],
  (text) => regexMatches(GITLAB_TOKEN, text, (secret) => shannonEntropy(secret.slice(secret.indexOf('-') + 1)) >= 3),
);

// SEC-008 ---------------------------------------------------------------------------------------------
const SLACK_TOKEN = /(?<![A-Za-z0-9-])(?:xox[abposre]-[0-9]{1,13}-[A-Za-z0-9-]{10,250}|xapp-[0-9]-[A-Z0-9]{6,16}-[0-9]{6,16}-[a-f0-9]{32,128})(?![A-Za-z0-9-])/g;

export const slackToken = rule(
  {
    id: 'SEC-008',
    noun: 'a Slack token',
    prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xapp-'],
    formats: ['Slack bot, user, app-level, access, refresh and config tokens (xoxb-, xoxp-, xapp-, xoxa-, xoxr-, xoxe-, xoxo-, xoxs-)'],
    title: 'Slack token',
    rationale: 'Bot, user, app and configuration tokens read and post in a Slack workspace as the app or the user.',
    fix: 'Revoke the token in the Slack app settings, reference it from a secret store, and rotate.',
    mirrors: ['gitleaks:slack-bot-token', 'gitleaks:slack-user-token', 'gitleaks:slack-app-token', 'checkov:CKV_SECRET_14', 'detect-secrets:SlackDetector'],
  },
  ['xox', 'xapp-'],
  (text) => regexMatches(SLACK_TOKEN, text, random(3, 5)),
);

// SEC-009 ---------------------------------------------------------------------------------------------
const SLACK_WEBHOOK = /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Za-z0-9/]{20,160}/g;

export const slackWebhook = rule(
  {
    id: 'SEC-009',
    noun: 'a Slack webhook URL',
    prefixes: [],
    formats: ['Slack incoming webhook and workflow trigger URLs (hooks.slack.com)'],
    title: 'Slack webhook URL',
    rationale: 'Anyone with an incoming-webhook URL can post to its channel, which makes it a phishing channel inside the company.',
    fix: 'Regenerate the webhook in Slack and reference the URL from a secret store.',
    mirrors: ['gitleaks:slack-webhook-url', 'checkov:CKV_SECRET_14', 'detect-secrets:SlackDetector'],
  },
  ['hooks.slack.com'],
  (text) => regexMatches(SLACK_WEBHOOK, text, (secret) => {
    const last = secret.slice(secret.lastIndexOf('/') + 1);
    return last.length >= 20 && shannonEntropy(last) >= 3;
  }),
);

// SEC-010 ---------------------------------------------------------------------------------------------
const NPM_TOKEN = /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g;
const NPMRC_AUTH = /:_authToken[ \t]*=[ \t]*["']?([A-Za-z0-9_\-.=/+]{20,})/dg;

export const npmToken = rule(
  {
    id: 'SEC-010',
    noun: 'an npm token',
    prefixes: ['npm_'],
    formats: ['npm access token (npm_)', '.npmrc _authToken'],
    title: 'npm access token',
    rationale: 'An npm token can publish packages as its owner: a supply-chain attack on everyone who installs them.',
    fix: 'Revoke the token on npmjs.com, use a granular read-only token from a secret store, and rotate.',
    mirrors: ['gitleaks:npm-access-token', 'checkov:CKV_SECRET_12', 'detect-secrets:NpmDetector'],
  },
  ['npm_', '_authtoken'],
  (text) => [...regexMatches(NPM_TOKEN, text, random(3, 4)), ...regexMatches(NPMRC_AUTH, text, random(3), 1)],
);

// SEC-011 ---------------------------------------------------------------------------------------------
/** Secret and restricted keys in live and test mode, and webhook signing secrets; publishable `pk_` keys are public. */
const STRIPE_KEY = /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247}|whsec_[A-Za-z0-9+/]{32,88})(?![A-Za-z0-9])/g;

export const stripeKey = rule(
  {
    id: 'SEC-011',
    noun: 'a Stripe key',
    formats: ['Stripe secret key (sk_live_, sk_test_)', 'Stripe restricted key (rk_live_, rk_test_)', 'Stripe webhook signing secret (whsec_)'],
    title: 'Stripe secret, restricted or webhook signing key',
    rationale: 'A live Stripe key moves real money (charges, refunds, payouts); a test key reads the account\'s test data and configuration, and a webhook secret lets anyone forge Stripe events.',
    fix: 'Roll the key in the Stripe dashboard, reference it from a secret store, and rotate.',
    mirrors: ['gitleaks:stripe-access-token', 'checkov:CKV_SECRET_17', 'detect-secrets:StripeDetector'],
  },
  ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'sk_prod_', 'rk_prod_', 'whsec_'],
  (text) => regexMatches(STRIPE_KEY, text, (secret) => shannonEntropy(secret.slice(secret.lastIndexOf('_') + 1)) >= 3),
);

// SEC-012 ---------------------------------------------------------------------------------------------
const GOOGLE_API_KEY = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g;

export const googleApiKey = rule(
  {
    id: 'SEC-012',
    noun: 'a Google API key',
    prefixes: ['aiza'],
    formats: ['Google API key (AIza)'],
    title: 'Google API key',
    rationale: 'A Google API key bills its project and, unless restricted, opens every API enabled on it.',
    fix: 'Delete or restrict the key in the Google Cloud console, reference it from a secret store, and rotate.',
    mirrors: ['gitleaks:gcp-api-key'],
  },
  ['aiza'],
  (text) => regexMatches(GOOGLE_API_KEY, text, random(3, 4)),
);

// SEC-013 ---------------------------------------------------------------------------------------------
const GOOGLE_OAUTH_SECRET = /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g;

export const googleOAuthSecret = rule(
  {
    id: 'SEC-013',
    noun: 'a Google OAuth client secret',
    formats: ['Google OAuth client secret (GOCSPX-)'],
    title: 'Google OAuth client secret',
    rationale: 'With the client id, the client secret lets anyone run the OAuth flow as the application and harvest user tokens.',
    fix: 'Reset the client secret in the Google Cloud console, reference it from a secret store, and rotate.',
    mirrors: [],
  },
  ['gocspx-'],
  (text) => regexMatches(GOOGLE_OAUTH_SECRET, text, random(3, 7)),
);

// SEC-014 ---------------------------------------------------------------------------------------------
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g;

/** The header of a JWT is base64url JSON with an `alg`: anything else with three parts is not a token. */
function hasJwtHeader(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export const jsonWebToken = rule(
  {
    id: 'SEC-014',
    noun: 'a JSON Web Token',
    prefixes: ['eyj'],
    formats: ['signed JSON Web Token (eyJ...eyJ...sig with an alg header)'],
    title: 'JSON Web Token',
    rationale: 'A signed JWT is a bearer credential: whoever holds it is the subject until it expires, and committed tokens often never do.',
    fix: 'Revoke the token or rotate its signing key, and let the workload obtain tokens at run time (projected service account tokens, OIDC).',
    mirrors: ['gitleaks:jwt', 'checkov:CKV_SECRET_9', 'detect-secrets:JwtTokenDetector'],
  },
  ['eyj'],
  (text) => regexMatches(JWT, text, hasJwtHeader),
);

// SEC-015 ---------------------------------------------------------------------------------------------
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/?#@'"]{0,128}:([^\s/?#@'"]{1,256})@[A-Za-z0-9[\]]/dgi;

export const urlCredentials = rule(
  {
    id: 'SEC-015',
    noun: 'a password in a URL',
    formats: ['user:password@ in a URL of any scheme (https, ftps, postgres, mongodb+srv, redis, amqp, ...)'],
    title: 'Password in a URL',
    rationale: 'A connection string such as postgres://user:password@host carries the password in plain text, and URLs end up in logs and error messages.',
    fix: 'Build the URL at run time from a password kept in a secret store (env valueFrom.secretKeyRef from an ExternalSecret), or use `${VAR}` substitution.',
    mirrors: ['checkov:CKV_SECRET_4', 'detect-secrets:BasicAuthDetector'],
  },
  ['://'],
  (text) => (text.includes('@') ? regexMatches(URL_CREDENTIALS, text, (password) => !isPlaceholder(decodeURIComponentSafe(password)), 1) : []),
);

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// SEC-016 ---------------------------------------------------------------------------------------------
const TWILIO_API_KEY = /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g;
const HEX_32 = /^\s*["']?([0-9a-f]{32})["']?\s*$/d;

const TWILIO_TOKEN_NAME = /(?:^|_)twilio(?:_|$)(?:.*_)?(?:token|auth|secret)(?:_|$)/;

function isTwilioTokenName(name: string): boolean {
  return TWILIO_TOKEN_NAME.test(joinedWords(name));
}

export const twilioKey = rule(
  {
    id: 'SEC-016',
    noun: 'a Twilio credential',
    prefixes: [],
    formats: ['Twilio API key (SK + 32 hex)', 'Twilio auth token (32 hex under a Twilio token name)'],
    title: 'Twilio API key or auth token',
    rationale: 'Twilio credentials send messages and place calls billed to the account, and read its message history.',
    fix: 'Delete the key or rotate the auth token in the Twilio console, reference it from a secret store.',
    mirrors: ['gitleaks:twilio-api-key', 'checkov:CKV_SECRET_18', 'detect-secrets:TwilioKeyDetector'],
  },
  [],
  (text, { key, lower }) => {
    const matches = text.includes('SK') ? regexMatches(TWILIO_API_KEY, text, random(3, 2)) : [];
    if (key !== undefined && isTwilioTokenName(key)) {
      const whole = HEX_32.exec(text);
      if (whole) matches.push({ start: whole.indices![1][0], end: whole.indices![1][1] });
    }
    if (lower.includes('twilio')) {
      forEachAssignment(text, (name, value, start) => {
        if (isTwilioTokenName(name) && /^[0-9a-f]{32}$/.test(value)) matches.push({ start, end: start + value.length });
      });
    }
    return matches;
  },
);

// SEC-017 ---------------------------------------------------------------------------------------------
const SENDGRID_KEY = /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

export const sendgridKey = rule(
  {
    id: 'SEC-017',
    noun: 'a SendGrid API key',
    formats: ['SendGrid API key (SG.)'],
    title: 'SendGrid API key',
    rationale: 'A SendGrid key sends mail as the company domain, which makes it a ready-made phishing tool.',
    fix: 'Delete the key in SendGrid, reference a new one from a secret store.',
    mirrors: ['gitleaks:sendgrid-api-token', 'detect-secrets:SendGridDetector'],
  },
  ['sg.'],
  (text) => regexMatches(SENDGRID_KEY, text, random(3, 3)),
);

// SEC-018 ---------------------------------------------------------------------------------------------
const AZURE_ACCOUNT_KEY = /(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{40,86}={0,2})(?![A-Za-z0-9+/=])/dgi;
const AZURE_SAS_SIGNATURE = /[?&;]sig=([A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})/dg;
const BASE64_88 = /^\s*["']?([A-Za-z0-9+/]{86}==)["']?\s*$/d;

/** A storage account key is 64 random bytes: 86 base64 characters and `==`. */
function isAccountKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{86}==$/.test(value) && shannonEntropy(value) >= 4;
}

function isAzureKeyName(name: string): boolean {
  const joined = joinedWords(name);
  return /azure|storage_account|accountkey|account_key/.test(joined) && /key/.test(joined);
}

export const azureStorageKey = rule(
  {
    id: 'SEC-018',
    noun: 'an Azure storage key',
    formats: ['Azure storage account key (88 base64 characters)', 'AccountKey= / SharedAccessKey= in a connection string', 'Azure SAS signature (sig=)'],
    title: 'Azure storage account key, connection string or SAS signature',
    rationale: 'An account key gives full control of every blob, queue, table and file share in the storage account; a SAS grants what its signature covers.',
    fix: 'Rotate the account key (or revoke the SAS), use workload identity or reference the connection string from a secret store.',
    mirrors: ['checkov:CKV_SECRET_3', 'detect-secrets:AzureStorageKeyDetector'],
  },
  [],
  (text, { key, lower }) => {
    const matches: TokenMatch[] = [];
    if (lower.includes('key')) matches.push(...regexMatches(AZURE_ACCOUNT_KEY, text, random(4), 1));
    if (lower.includes('sig=') && lower.includes('sv=')) matches.push(...regexMatches(AZURE_SAS_SIGNATURE, text, random(3.5), 1));
    if (key !== undefined && text.length >= 88 && isAzureKeyName(key)) {
      const whole = BASE64_88.exec(text);
      if (whole && isAccountKey(whole[1])) matches.push({ start: whole.indices![1][0], end: whole.indices![1][1] });
    }
    if (text.length > 88 && (lower.includes('azure') || lower.includes('account'))) {
      forEachAssignment(text, (name, value, start) => {
        if (isAzureKeyName(name) && isAccountKey(value)) matches.push({ start, end: start + value.length });
      });
    }
    return matches;
  },
);

/**
 * Every token rule, most specific first; the generic rule (SEC-019, warn) is last and is dropped
 * where a specific rule matched the same characters.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  privateKey,
  githubToken,
  gitlabToken,
  slackToken,
  slackWebhook,
  npmToken,
  stripeKey,
  googleApiKey,
  googleOAuthSecret,
  jsonWebToken,
  urlCredentials,
  twilioKey,
  sendgridKey,
  azureStorageKey,
  ...SERVICE_TOKEN_RULES,
  connectionStringPassword,
  ...MORE_SERVICE_TOKEN_RULES,
  genericSecret,
];
