import { apiGroup, KubeObject } from '../core/manifest';
import { formatPath, REDACTED_KEY } from '../policy/secrets/path';
import { scanValue } from '../policy/secrets/scanner';
import { RawFieldChange } from './field-diff';
import { FieldChange } from './types';

/**
 * Decides which changed values a review may print. Secret and SealedSecret payloads never are, nor any
 * field the secret scanner flags on either side (or a field containing one, such as a removed
 * container with a literal password). The scanner is the policy one: one definition of "a secret".
 */

interface Flags {
  readonly paths: readonly string[];
  readonly keys: ReadonlySet<string>;
}

const NONE: Flags = { paths: [], keys: new Set() };

function flagsOf(object: KubeObject | undefined): Flags {
  if (!object) return NONE;
  const result = scanValue(object, object);
  return { paths: result.findings.map((f) => formatPath(f.segments)), keys: result.redactedKeys };
}

/** Fields whose whole value is secret by the object's kind. */
function isSecretPayload(object: KubeObject | undefined, path: string): boolean {
  if (!object) return false;
  if (object.kind === 'Secret' && object.apiVersion === 'v1') return /^\.(data|stringData)([.[]|$)/.test(path);
  if (object.kind === 'SealedSecret' && apiGroup(object.apiVersion) === 'bitnami.com') return /^\.spec\.encryptedData([.[]|$)/.test(path);
  return false;
}

/** One side of a change overlaps a flagged field when either path contains the other. */
function overlaps(path: string | undefined, flagged: readonly string[]): boolean {
  if (path === undefined) return false;
  return flagged.some((f) => f === path || path.startsWith(`${f}.`) || path.startsWith(`${f}[`) || f.startsWith(`${path}.`) || f.startsWith(`${path}[`) || path === '.');
}

/** The changes as a review shows them: secret values hidden, map keys that are secrets redacted in paths. */
export function redactChanges(raw: readonly RawFieldChange[], base: KubeObject | undefined, head: KubeObject | undefined): FieldChange[] {
  if (raw.length === 0) return [];
  const baseFlags = flagsOf(base);
  const headFlags = flagsOf(head);
  const keys = [...baseFlags.keys, ...headFlags.keys];
  return raw.map((change) => {
    let path = change.path;
    for (const key of keys) path = path.split(JSON.stringify(key)).join(JSON.stringify(REDACTED_KEY)).split(`.${key}`).join(`[${JSON.stringify(REDACTED_KEY)}]`);
    const hidden = path !== change.path
      || isSecretPayload(base, change.path) || isSecretPayload(head, change.path)
      || overlaps(change.basePath, baseFlags.paths) || overlaps(change.headPath, headFlags.paths);
    if (hidden) return { path, ...('before' in change ? { before: HIDDEN } : {}), ...('after' in change ? { after: HIDDEN } : {}), hidden: true };
    return { path, ...('before' in change ? { before: change.before } : {}), ...('after' in change ? { after: change.after } : {}) };
  });
}

/** What a review prints for a hidden value. */
export const HIDDEN = '(changed, hidden)';
