/**
 * The metadata checks the API server makes itself rather than through the OpenAPI schema: a name is
 * required (unless generateName is set) and must have the shape its kind needs, the namespace is a DNS
 * label, and label keys and values are well formed.
 */
import type { KubeObject } from '../core/manifest';
import { childPath } from './json-path';
import type { SchemaProblem } from './problem';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** RBAC objects are named by path segments (`system:aggregate-to-view` is valid). */
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export function checkMetadata(object: KubeObject): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const metadata = object.metadata as unknown;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return [{ path: '.metadata', message: 'required field "metadata" is missing' }];
  }
  const meta = metadata as Record<string, unknown>;
  const name = meta.name;
  if (name === undefined || name === null || name === '') {
    if (!meta.generateName) problems.push({ path: '.metadata.name', message: 'required field "name" is missing' });
  } else if (typeof name === 'string') {
    const wrong = nameProblem(object.kind, name);
    if (wrong) problems.push({ path: '.metadata.name', message: wrong });
  }
  if (typeof meta.namespace === 'string' && !isDnsLabel(meta.namespace)) {
    problems.push({ path: '.metadata.namespace', message: `must be a DNS label (lower-case letters, digits and "-", at most 63), got ${JSON.stringify(meta.namespace)}` });
  }
  checkKeys(meta.labels, '.metadata.labels', true, problems);
  checkKeys(meta.annotations, '.metadata.annotations', false, problems);
  return problems;
}

function nameProblem(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_NAMED.has(kind)) {
    return name === '.' || name === '..' || /[/%]/.test(name)
      ? `must be a path segment (no "/" or "%", not "." or ".."), got ${JSON.stringify(name)}`
      : undefined;
  }
  if (kind === 'Namespace') {
    return isDnsLabel(name) ? undefined : `must be a DNS label (lower-case letters, digits and "-", at most 63), got ${JSON.stringify(name)}`;
  }
  if (kind === 'Service') {
    return name.length <= 63 && DNS_1035_LABEL.test(name)
      ? undefined
      : `must be a DNS-1035 label (start with a letter; lower-case letters, digits and "-", at most 63), got ${JSON.stringify(name)}`;
  }
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
    ? undefined
    : `must be a DNS subdomain (lower-case letters, digits, "-" and ".", at most 253), got ${JSON.stringify(name)}`;
}

function checkKeys(map: unknown, path: string, values: boolean, problems: SchemaProblem[]): void {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return;
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) problems.push({ path: childPath(path, key), message: `key ${keyProblem}` });
    if (values && typeof value === 'string' && !(value.length <= 63 && LABEL_VALUE.test(value))) {
      problems.push({
        path: childPath(path, key),
        message: `label value must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit, got ${JSON.stringify(value)}`,
      });
    }
  }
}

/** Label and annotation keys: an optional DNS-subdomain prefix and "/", then a name of at most 63. */
function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !(prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) {
    return `${JSON.stringify(key)} has a prefix that is not a DNS subdomain`;
  }
  if (!(name.length <= 63 && QUALIFIED_NAME.test(name))) {
    return `${JSON.stringify(key)} must be a name of at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, optionally prefixed by a DNS subdomain and "/"`;
  }
  return undefined;
}

function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}
