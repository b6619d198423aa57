/**
 * Whether a name (env var, map key, CLI flag, property) says its value is a credential:
 * `DB_PASSWORD`, `apiKey`, `spring.datasource.password`, `--client-secret`, `PGPASSWORD` are;
 * `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `API_KEY_HEADER`, `MAX_TOKENS` are not, because
 * a word after the sensitive one (or a flag-like first word) says the value is *about* the secret.
 */

/** Words that on their own name a credential. */
const SENSITIVE_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'credential', 'credentials', 'creds',
  'apikey', 'privatekey', 'accesskey', 'secretkey', 'signingkey', 'encryptionkey', 'masterkey', 'accountkey',
  'clientsecret', 'authtoken', 'accesstoken', 'refreshtoken', 'bearertoken', 'sessionkey', 'connectionstring',
]);
/** One word names a credential only after a qualifier: `DB_PASS`, `SMTP_PWD` (`PWD` alone is the working directory). */
const QUALIFIED_WORDS = new Set(['pass', 'pwd', 'pw']);
/** Suffixes that make a longer word sensitive: `pgpassword`, `githubtoken`, `clientsecret`. */
const SENSITIVE_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'apikey', 'privatekey'];
/** `<word>_key` pairs that name a key used as a credential (not a cache or partition key). */
const KEY_QUALIFIERS = new Set([
  'api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'account', 'auth', 'client',
  'app', 'license', 'session', 'hmac', 'shared', 'storage', 'webhook', 'jwt', 'ssh', 'gpg', 'pgp', 'sas',
  'subscription', 'admin', 'root', 'service', 'decryption', 'crypto', 'cookie', 'csrf',
]);
/** A word after the sensitive one that makes the name describe the secret instead of holding it. */
const DESCRIPTOR_WORDS = new Set([
  'ttl', 'expiry', 'expires', 'expire', 'expiration', 'timeout', 'length', 'len', 'size', 'name', 'names',
  'ref', 'refs', 'arn', 'id', 'ids', 'path', 'file', 'files', 'dir', 'filename', 'url', 'uri', 'endpoint',
  'host', 'port', 'header', 'type', 'mode', 'enabled', 'disabled', 'required', 'policy', 'rotation', 'version',
  'field', 'property', 'param', 'location', 'provider', 'algorithm', 'alg', 'format', 'count', 'limit',
  'lifetime', 'age', 'interval', 'period', 'duration', 'seconds', 'secs', 'ms', 'minutes', 'hours', 'days',
  'retries', 'issuer', 'audience', 'scope', 'scopes', 'store', 'mount', 'volume', 'namespace', 'label',
  'annotation', 'hash', 'strength', 'complexity', 'pattern', 'regex', 'prefix', 'suffix', 'validity',
  'lookup', 'source', 'backend', 'manager', 'kind', 'class', 'env', 'var', 'variable', 'encryption',
  'hashing', 'user', 'username', 'email', 'selector', 'template', 'generator', 'stage', 'min', 'max', 'rules',
  'rule', 'keyid', 'checksum', 'digest', 'sha', 'fingerprint',
]);
/**
 * A first word that makes the whole name a switch, a limit, a reference or a digest: `ENABLE_TOKEN_AUTH`,
 * `MAX_TOKENS`, Helm's `existingSecret`, the `checksum/secret` annotation.
 */
const FLAG_PREFIXES = new Set([
  'enable', 'enabled', 'disable', 'disabled', 'use', 'allow', 'require', 'required', 'skip', 'is', 'has',
  'max', 'min', 'num', 'no', 'should', 'force', 'show', 'hide', 'generate', 'rotate', 'auto', 'insecure',
  'existing', 'checksum', 'hash', 'hashed', 'digest', 'sha', 'sha256',
]);

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const ACRONYM_BOUNDARY = /([A-Z]+)([A-Z][a-z])/g;
const SEPARATORS = /[^A-Za-z0-9]+/;

/** Lower-case words of a name: `spring.datasource.password` → `spring datasource password`, `apiKey` → `api key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(ACRONYM_BOUNDARY, '$1 $2')
    .replace(CAMEL_BOUNDARY, '$1 $2')
    .split(SEPARATORS)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function sensitiveAt(words: readonly string[], i: number): boolean {
  const word = words[i];
  if (SENSITIVE_WORDS.has(word)) return true;
  if (QUALIFIED_WORDS.has(word)) return i > 0;
  if (word === 'key') return i > 0 && KEY_QUALIFIERS.has(words[i - 1]);
  return SENSITIVE_SUFFIXES.some((s) => word.length > s.length && word.endsWith(s));
}

/** Names repeat across thousands of objects (`name`, `image`, `DB_PASSWORD`): remember the verdicts. */
const verdicts = new Map<string, boolean>();
const joinedNames = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function remember<T>(cache: Map<string, T>, name: string, compute: (name: string) => T): T {
  let value = cache.get(name);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute(name);
    cache.set(name, value);
  }
  return value;
}

/** The words of a name joined by `_`, for rules that match names by pattern: `secretAccessKey` → `secret_access_key`. */
export function joinedWords(name: string): string {
  return remember(joinedNames, name, (n) => nameWords(n).join('_'));
}

/** True when the name says its value is a credential. */
export function isSensitiveName(name: string): boolean {
  return remember(verdicts, name, computeSensitive);
}

function computeSensitive(name: string): boolean {
  if (name.length < 2 || name.length > 200) return false;
  const words = nameWords(name);
  if (words.length === 0 || FLAG_PREFIXES.has(words[0])) return false;
  let last = -1;
  for (let i = 0; i < words.length; i++) if (sensitiveAt(words, i)) last = i;
  if (last < 0) return false;
  for (let i = last + 1; i < words.length; i++) if (DESCRIPTOR_WORDS.has(words[i])) return false;
  return true;
}
