import { apiGroup, KubeObject } from '../../core/manifest';
import { PathSegment } from './path';
import { isSensitiveName } from './sensitive-names';

/**
 * Things that look like secrets but are not, recognised by where they sit or by their exact shape,
 * never by a broad pattern. Decisions, each kept narrow on purpose:
 * - SealedSecret (`bitnami.com`) `spec.encryptedData` and the legacy `spec.data` are ciphertext and are
 *   not scanned. `spec.template.data` is plaintext in the SealedSecret model, so it is scanned.
 * - ExternalSecret, ClusterExternalSecret and PushSecret (`external-secrets.io`): `remoteRef`,
 *   `extract`, `find`, `match` and `secretKey` name entries in a store; they are not values.
 *   `spec.target.template` can hold literal values and is scanned.
 * - Annotations and labels: `checksum/*` keys, and values that are hex digests or UUIDs (git SHAs,
 *   pod-template hashes, config checksums, request ids) unless the key names a credential.
 * - AWS documentation keys: access key ids ending in `EXAMPLE` and secret keys ending in `EXAMPLEKEY`
 *   (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` and their siblings).
 * - A token match that is part of an ARN or follows a `sha256:` digest prefix.
 * - Placeholders: `${VAR}` (shell, Spring, Flux post-build substitution), `$(VAR)` (Kubernetes dependent
 *   env vars), `{{ ... }}` (Helm, Go templates), `<...>`, masks such as `****` or `xxxx`, and dummy words
 *   such as `changeme`, `changeit`, `redacted`, `password`. A placeholder is not a leaked credential;
 *   whether a default that ships is too weak is a question for a policy rule, not for this scanner.
 * UUIDs and hex strings outside metadata stay scannable: assigned to a sensitive name (`WEBHOOK_SECRET`)
 * they are a common shape of real secrets, so the generic rule still warns there.
 */

/** Says whether the field at `path` (holding `value`) is exempt from scanning. */
export type FieldFilter = (path: readonly PathSegment[], value: unknown) => boolean;

const EXTERNAL_SECRET_KINDS = new Set(['ExternalSecret', 'ClusterExternalSecret', 'PushSecret']);
const EXTERNAL_SECRET_REFERENCES = new Set(['remoteRef', 'extract', 'find', 'match']);
const HEX_DIGEST = /^(?:sha(?:1|256|384|512):)?[0-9a-f]{7,128}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The field filter for one object; most objects only get the metadata checks. */
export function allowedFields(object: KubeObject): FieldFilter {
  const group = apiGroup(typeof object.apiVersion === 'string' ? object.apiVersion : '');
  const sealed = object.kind === 'SealedSecret' && group === 'bitnami.com';
  const external = EXTERNAL_SECRET_KINDS.has(object.kind) && group === 'external-secrets.io';
  return (path, value) =>
    (sealed && isSealedCiphertext(path)) || (external && isStoreReference(path)) || isHashMetadata(path, value);
}

function isSealedCiphertext(path: readonly PathSegment[]): boolean {
  return path[0] === 'spec' && (path[1] === 'encryptedData' || (path[1] === 'data' && path.length === 2));
}

function isStoreReference(path: readonly PathSegment[]): boolean {
  if (path[path.length - 1] === 'secretKey') return true;
  return path.some((segment) => typeof segment === 'string' && EXTERNAL_SECRET_REFERENCES.has(segment));
}

function isHashMetadata(path: readonly PathSegment[], value: unknown): boolean {
  const n = path.length;
  if (n < 3 || path[n - 3] !== 'metadata' || (path[n - 2] !== 'annotations' && path[n - 2] !== 'labels')) return false;
  const key = String(path[n - 1]);
  if (key.startsWith('checksum/')) return true;
  // A hex value under a name such as `example.com/webhook-secret` is a secret, not a digest.
  return typeof value === 'string' && (HEX_DIGEST.test(value) || UUID.test(value)) && !isSensitiveName(key);
}

/** AWS documentation keys: `AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` and siblings. */
const AWS_EXAMPLE_KEY_ID = /^(?:AKIA|ASIA)[A-Z0-9]{9}EXAMPLE$/;
const AWS_EXAMPLE_SECRET_KEY = /^[A-Za-z0-9/+]{30}EXAMPLEKEY$/;
const TOKEN_DELIMITER = /[\s"'`,;=()[\]{}<>]/;

/** True for the example credentials of the AWS documentation, which are published and never valid. */
export function isDocumentationExample(value: string): boolean {
  return AWS_EXAMPLE_KEY_ID.test(value) || AWS_EXAMPLE_SECRET_KEY.test(value);
}

/**
 * True when a token rule's match is a known non-secret: a documentation example, or a piece of an
 * ARN or of a digest.
 */
export function isAllowedMatch(text: string, start: number, end: number): boolean {
  if (isDocumentationExample(text.slice(start, end))) return true;
  let tokenStart = start;
  while (tokenStart > 0 && start - tokenStart < 512 && !TOKEN_DELIMITER.test(text[tokenStart - 1])) tokenStart--;
  const before = text.slice(tokenStart, start);
  return before.startsWith('arn:') || /sha(?:256|512):$/.test(before);
}

const TEMPLATE_MARKER = /\$\{|\$\(|\{\{|<%=|%\{|#\{/;
/**
 * A whole value that is one `{NAME}` (Python format strings, Serilog, Vector): `{DB_PASSWORD}`,
 * `{db_password}`, `{dbPassword}`. A mixed-case run such as `{mydstjcOdlaiFHC}` is an ODBC-braced password.
 */
const BRACE_PLACEHOLDER = /^\{(?:[A-Z][A-Z0-9_]{0,63}|[a-z][a-z0-9_.]{0,63}|[a-z]+(?:[A-Z][a-z]+){1,8})\}$/;
/** `%(name)s` (Python, Ansible INI) and `%NAME%` (Windows). */
const PERCENT_PLACEHOLDER = /^%\([A-Za-z_][\w.]{0,63}\)s$|^%[A-Za-z_][\w]{0,63}%$/;
const ANGLE_PLACEHOLDER = /^<[^<>]{1,64}>$/;
const MASK = /^(.)\1{3,}$/;
const DUMMY_WORDS = new Set([
  'changeme', 'changeit', 'replaceme', 'redacted', 'password', 'passwd', 'secret', 'token', 'apikey',
  'dummy', 'example', 'sample', 'placeholder', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined',
  'empty', 'notset', 'unset', 'yourpassword', 'yoursecret', 'yourtoken', 'yourapikey', 'secretvalue',
  'hidden', 'masked', 'omitted', 'xoauthbasic', 'pass', 'pwd', 'changemenow', 'examplepassword', 'mypassword',
  'mysecret', 'mytoken', 'xxx',
]);
const DUMMY_MARKER = /example|changeme|placeholder|replace[-_]?me|your[-_]?(?:token|key|secret|password)/i;
/** `your_password`, `my-token`, `example_secret`, `dummy-api-key`: a dummy word behind a qualifier. */
const DUMMY_PREFIXES = ['your', 'my', 'example', 'sample', 'dummy', 'fake', 'insert', 'enter', 'put'];

/** True for a value that stands in for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = unquote(value.trim());
  if (v.length === 0) return true;
  if (TEMPLATE_MARKER.test(v) || ANGLE_PLACEHOLDER.test(v) || BRACE_PLACEHOLDER.test(v) || PERCENT_PLACEHOLDER.test(v)) return true;
  if (MASK.test(v) || isDocumentationExample(v)) return true;
  // One word that says it is an example: `AIzaSyEXAMPLE`, `my-example-token`, `changeme-in-prod`.
  if (!/[\s@/:]/.test(v) && DUMMY_MARKER.test(v)) return true;
  const word = v.toLowerCase().replace(/[-_ .]/g, '');
  return DUMMY_WORDS.has(word) || DUMMY_PREFIXES.some((prefix) => word.startsWith(prefix) && DUMMY_WORDS.has(word.slice(prefix.length)));
}

/** Values that point at a secret (or at something else) instead of holding one. */
const REFERENCES: readonly RegExp[] = [
  /^arn:aws[a-z-]*:/, // ARNs name resources, including secrets in Secrets Manager
  /@sha(?:256|512):[0-9a-f]{64,128}$/, // image references pinned by digest
  /^(?:\/|\.\.?\/|~\/)\S*$/, // file paths: the secret is mounted there
  /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i, // URLs without credentials
  /^(?:ref\+|vault:|ENC\(|ENC\[|sops:|projects\/[^/]+\/secrets\/|secretsmanager:|ssm:)/, // secret-store references, encrypted values
  /^jdbc:(?![^\s]*password=)[^\s@]*$/i, // JDBC URLs without credentials
];

/**
 * Ciphertext, which is not a plaintext secret wherever it sits: SOPS values (`ENC[AES256_GCM,data:...]`),
 * Vault transit (`vault:v1:...`), AWS KMS ciphertext blobs (base64 starting `AQICAH`/`AQEBAH`, the
 * envelope's version bytes), kubeseal output (`Ag` + the session key), age and PGP armour.
 */
const ENCRYPTED: readonly RegExp[] = [
  /^ENC\[[A-Z0-9_]{3,32},data:[A-Za-z0-9+/=]*(?:,[a-z]+:[A-Za-z0-9+/=]*){0,8}\]$/,
  /^vault:v\d+:[A-Za-z0-9+/=]{16,}$/,
  /^AQ[EI][BCD]AH[A-Za-z0-9+/]{60,}={0,2}$/,
  /^Ag[A-D][A-Za-z0-9+/]{300,}={0,2}$/,
  /^-----BEGIN (?:AGE ENCRYPTED FILE|PGP MESSAGE)-----/,
];

/** True when the whole value is ciphertext in a known envelope. */
export function isEncryptedValue(value: string): boolean {
  const v = unquote(value.trim());
  return ENCRYPTED.some((pattern) => pattern.test(v));
}

/** Shapes that are identifiers or settings, not credentials. */
const NON_SECRET_SHAPES: readonly RegExp[] = [
  /^[^@\s:/]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/, // email addresses
  /^-?\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y|ki|mi|gi|k|g)?$/i, // numbers, durations and quantities
  /^(?:true|false|yes|no|on|off)$/i,
  /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:-[bcdfghjklmnpqrstvwxz2456789]{5,10}){1,2}$/, // Kubernetes names with generated hashes
  /^[a-z]+(?:[-.](?:[a-z]+|\d+))+$/, // resource names made of words (`existingSecret: db-credentials`)
];

/** True when the value refers to a secret kept elsewhere (an ARN, a mounted file, a store reference). */
export function isReference(value: string): boolean {
  return REFERENCES.some((pattern) => pattern.test(value)) || isEncryptedValue(value);
}

/**
 * True when the value's structure says what it is and it is not a credential. Used by the generic
 * high-entropy rule, which otherwise has nothing but a name and a string to go on. A passphrase of
 * lower-case words joined by `-` looks like a resource name and is missed by that (warn-only) rule.
 */
export function isStructuredNonSecret(value: string): boolean {
  return isReference(value) || NON_SECRET_SHAPES.some((pattern) => pattern.test(value));
}

function unquote(value: string): string {
  const first = value[0];
  return value.length >= 2 && (first === '"' || first === "'") && value[value.length - 1] === first ? value.slice(1, -1) : value;
}
