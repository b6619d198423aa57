import { KubeObject, objectRef } from '../../core/manifest';
import { RuleMetadata } from '../rule';
import { allowedFields, FieldFilter } from './allow-list';
import type { SecretEncoding } from './encoding';
import { SecretFinding } from './finding';
import { formatPath, PathSegment } from './path';
import { checkStructure } from './structural-rules';
import { scanKey, scanText, TextHit } from './text-scan';

/**
 * The secret scanner over parsed objects: structural rules on each object, then the token rules on
 * every string value (and on map keys), on the base64-decoded content of what is plausibly base64,
 * and on assignments inside embedded documents. Runs inside `synth` before anything is written and in
 * `check`/`validate` over an existing `dist/`.
 */

export interface SecretScanItem {
  readonly object: KubeObject;
  readonly constructPath?: string;
  readonly file?: string;
}

/** A finding before it is placed: the path is still a list of keys, for callers that map it to lines. */
export interface RawSecretFinding {
  readonly rule: RuleMetadata;
  readonly segments: readonly PathSegment[];
  readonly encoding?: SecretEncoding;
  /** How many matches of the rule the field holds. */
  count: number;
  readonly hint?: string;
}

export interface RawScanResult {
  readonly findings: readonly RawSecretFinding[];
  /** Map keys that are secrets themselves; paths print them redacted. */
  readonly redactedKeys: ReadonlySet<string>;
}

/** Scans synthesized or parsed objects; findings come in input order, then in field order. */
export function scanObjects(items: readonly SecretScanItem[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const item of items) {
    for (const member of listMembers(item.object)) {
      const result = scanValue(member.object, member.object);
      const object = objectRef(member.object);
      for (const raw of result.findings) {
        const placed = member.prefix.length > 0 ? { ...raw, segments: [...member.prefix, ...raw.segments] } : raw;
        findings.push(placeFinding(placed, result.redactedKeys, { ...item, object }));
      }
    }
  }
  return findings;
}

/**
 * The objects a manifest stands for: itself, or the members of a `List` / `*List` (`items[]`), which
 * kubectl, Argo CD and Flux apply one by one. Each member gets its own structural rules and
 * allow-list (a Secret with data inside a List is still SEC-001; a SealedSecret's ciphertext is still
 * skipped); findings point into the list (`.items[0].data`) and name the member.
 */
export function listMembers(object: KubeObject): { object: KubeObject; prefix: PathSegment[] }[] {
  if (!isList(object)) return [{ object, prefix: [] }];
  const members: { object: KubeObject; prefix: PathSegment[] }[] = [];
  (object.items as unknown[]).forEach((item, i) => {
    if (isKubeObject(item)) members.push(...listMembers(item).map((m) => ({ object: m.object, prefix: ['items', i, ...m.prefix] })));
  });
  // The list's own fields (and items that are not objects) are still scanned for tokens.
  const rest = { ...object, items: (object.items as unknown[]).map((item) => (isKubeObject(item) ? null : item)) };
  members.unshift({ object: rest, prefix: [] });
  return members;
}

function isList(object: KubeObject): boolean {
  return typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

function isKubeObject(value: unknown): value is KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.apiVersion === 'string' && typeof v.metadata === 'object' && v.metadata !== null;
}

/**
 * Scans one parsed document. `object` enables the structural rules and the structural allow-list; it
 * is absent for YAML documents that are not Kubernetes objects (values files, arbitrary config).
 */
export function scanValue(root: unknown, object?: KubeObject): RawScanResult {
  return new ObjectScan(root, object).run();
}

/** Turns a raw finding into the public shape; the hint is fixed text plus counts, never the value. */
export function placeFinding(
  raw: RawSecretFinding,
  redactedKeys: ReadonlySet<string>,
  where: { object: string; constructPath?: string; file?: string; line?: number },
): SecretFinding {
  const notes: string[] = [];
  if (raw.encoding) notes.push(`Found after ${raw.encoding}-decoding the field; an encoding hides nothing.`);
  if (raw.count > 1) notes.push(`${raw.count} matches in this field.`);
  notes.push(raw.hint ?? raw.rule.fix);
  return {
    ruleId: raw.rule.id,
    title: raw.rule.title,
    severity: raw.rule.severity,
    ...(where.file !== undefined ? { file: where.file } : {}),
    ...(where.constructPath !== undefined ? { constructPath: where.constructPath } : {}),
    object: where.object,
    path: formatPath(raw.segments, redactedKeys),
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
    hint: notes.join(' '),
  };
}

/** A previous array item that is a flag names the next one: `args: [--db-password, <value>]`. */
const FLAG = /^--?[A-Za-z][A-Za-z0-9_.-]*$/;

class ObjectScan {
  private readonly findings = new Map<string, RawSecretFinding>();
  private readonly redactedKeys = new Set<string>();
  private readonly structuralPaths = new Set<string>();
  private readonly allowed: FieldFilter | undefined;
  private readonly isSecret: boolean;
  private readonly isConfigMap: boolean;

  constructor(
    private readonly root: unknown,
    private readonly object: KubeObject | undefined,
  ) {
    this.allowed = object ? allowedFields(object) : undefined;
    this.isSecret = object?.kind === 'Secret' && object.apiVersion === 'v1';
    this.isConfigMap = object?.kind === 'ConfigMap' && object.apiVersion === 'v1';
  }

  public run(): RawScanResult {
    if (this.object) {
      for (const hit of checkStructure(this.object)) {
        this.add(hit.rule, hit.path, undefined, hit.hint);
        this.structuralPaths.add(keyOf(hit.path));
      }
    }
    this.walk(this.root, [], undefined);
    return { findings: [...this.findings.values()], redactedKeys: this.redactedKeys };
  }

  private walk(value: unknown, path: PathSegment[], key: string | undefined): void {
    if (typeof value === 'string') {
      this.addHits(scanText(value, key, this.isBase64Field(path)), path);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const previous = i > 0 ? value[i - 1] : undefined;
        path.push(i);
        this.walk(value[i], path, typeof previous === 'string' && FLAG.test(previous) ? previous : key);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      const map = value as Record<string, unknown>;
      for (const k of Object.keys(map)) {
        path.push(k);
        if (!this.allowed?.(path, map[k])) {
          const keyHits = scanKey(k);
          if (keyHits.length > 0) {
            this.redactedKeys.add(k);
            this.addHits(keyHits, path);
          }
          // In an env var (or any name/value pair) the value is named by its sibling `name`.
          const name = k === 'value' && typeof map.name === 'string' ? map.name : k;
          this.walk(map[k], path, name);
        }
        path.pop();
      }
    }
  }

  /** Secret `data` and ConfigMap `binaryData` values are base64 by definition. */
  private isBase64Field(path: readonly PathSegment[]): boolean {
    return path.length === 2 && ((this.isSecret && path[0] === 'data') || (this.isConfigMap && path[0] === 'binaryData'));
  }

  private addHits(hits: readonly TextHit[], path: readonly PathSegment[]): void {
    for (const hit of hits) {
      // A literal env var already reported by SEC-002 needs no generic warning on top.
      if (hit.rule.severity === 'warn' && this.structuralPaths.has(keyOf(path))) continue;
      this.add(hit.rule, path, hit.encoding);
    }
  }

  private add(rule: RuleMetadata, path: readonly PathSegment[], encoding?: SecretEncoding, hint?: string): void {
    const id = `${rule.id}\u0000${encoding ?? ''}\u0000${keyOf(path)}`;
    const existing = this.findings.get(id);
    if (existing) {
      existing.count++;
      return;
    }
    this.findings.set(id, { rule, segments: path.slice(), ...(encoding ? { encoding } : {}), count: 1, ...(hint ? { hint } : {}) });
  }
}

function keyOf(path: readonly PathSegment[]): string {
  return path.join('\u0001');
}
