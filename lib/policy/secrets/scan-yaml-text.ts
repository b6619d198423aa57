import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { KubeObject, objectRef } from '../../core/manifest';
import { RuleMetadata } from '../rule';
import type { SecretEncoding } from './encoding';
import { SecretFinding } from './finding';
import { PathSegment } from './path';
import { listMembers, placeFinding, RawSecretFinding, scanValue } from './scanner';
import { isLiteralCredential, sensitiveEnvLiteral } from './structural-rules';
import { scanText } from './text-scan';

/**
 * The secret scanner over a YAML file on disk (a file of `dist/`, or any manifest): each document is
 * parsed and scanned like a synthesized object, with line numbers added. A document that does not
 * parse is still scanned, as text, so a broken file cannot hide a secret: matches are reported by line,
 * and an env var's `name:` and `value:` lines are paired up.
 */

/** A `---` at column 0 starts a document; block scalars are indented, so they never contain one. */
const DOCUMENT_MARKER = /^---(?:\s|$)/;

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly firstLine: number;
  /** 1-based position of the document in the file. */
  readonly index: number;
}

export function scanYamlText(file: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const chunk of splitDocuments(text)) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(chunk.text, { lineCounter, prettyErrors: false });
    if (doc.errors.length > 0) {
      findings.push(...scanUnparsed(file, chunk));
      continue;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const members = isKubeObject(value) ? listMembers(value) : [{ object: undefined, prefix: [] }];
    for (const { object, prefix } of members) {
      const result = scanValue(object ?? value, object);
      const where = object ? objectRef(object) : `document ${chunk.index}`;
      for (const found of result.findings) {
        const raw = prefix.length > 0 ? { ...found, segments: [...prefix, ...found.segments] } : found;
        const offset = offsetOf(doc.contents, raw.segments);
        const line = offset === undefined ? chunk.firstLine : lineCounter.linePos(offset).line + chunk.firstLine - 1;
        findings.push(placeFinding(raw, result.redactedKeys, { object: where, file, line }));
      }
    }
  }
  return findings;
}

function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const body = lines.slice(start, end).join('\n');
    if (body.trim() !== '' && body.trim() !== '---') chunks.push({ text: body, firstLine: start + 1, index: chunks.length + 1 });
  };
  for (let i = 1; i < lines.length; i++) {
    if (DOCUMENT_MARKER.test(lines[i])) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return chunks;
}

function isKubeObject(value: unknown): value is KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const metadata = v.metadata as Record<string, unknown> | undefined;
  return typeof v.kind === 'string' && typeof v.apiVersion === 'string' && typeof metadata?.name === 'string';
}

/** Offset of the field at `segments`: the key of a map entry, or the item of a sequence. */
function offsetOf(node: unknown, segments: readonly PathSegment[]): number | undefined {
  let current = node;
  let offset = rangeStart(node);
  for (const segment of segments) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment];
      offset = rangeStart(current) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

const NAME_LINE = /^\s*(?:-\s+)?name:[ \t]*["']?([^"'\s#]+)["']?\s*$/;
const VALUE_LINE = /^\s*value:[ \t]*(.*?)\s*$/;
/** How far below its `name:` line an env var's `value:` may sit (other keys can come between). */
const PAIR_WINDOW = 3;

/** Scans a document that did not parse, line by line, so a YAML error cannot hide a secret. */
function scanUnparsed(file: string, chunk: Chunk): SecretFinding[] {
  const lines = chunk.text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const lineAt = (position: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const object = describeUnparsed(lines) ?? `document ${chunk.index}`;
  const seen = new Set<string>();
  const findings: SecretFinding[] = [];
  const emit = (rule: RuleMetadata, lineIndex: number, encoding?: SecretEncoding): void => {
    const line = chunk.firstLine + lineIndex;
    const id = `${rule.id}:${line}:${encoding ?? ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    const raw: RawSecretFinding = { rule, segments: [], count: 1, ...(encoding ? { encoding } : {}) };
    findings.push({ ...placeFinding(raw, new Set(), { object, file, line }), path: `line ${line}` });
  };

  for (const hit of scanText(chunk.text, undefined)) emit(hit.rule, lineAt(hit.start), hit.encoding);
  for (let i = 0; i < lines.length; i++) {
    const name = NAME_LINE.exec(lines[i])?.[1];
    if (name === undefined) continue;
    for (let j = i + 1; j <= i + PAIR_WINDOW && j < lines.length; j++) {
      const value = VALUE_LINE.exec(lines[j])?.[1];
      if (value === undefined) continue;
      const unquoted = value.replace(/^(["'])(.*)\1$/, '$2');
      for (const hit of scanText(unquoted, name)) emit(hit.rule, j, hit.encoding);
      if (isLiteralCredential(name, unquoted)) emit(sensitiveEnvLiteral, j);
      break;
    }
  }
  // As for parsed objects, a literal env var reported by SEC-002 needs no generic warning on top.
  const literalLines = new Set(findings.filter((f) => f.ruleId === sensitiveEnvLiteral.id).map((f) => f.line));
  return findings.filter((f) => f.severity !== 'warn' || !literalLines.has(f.line)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** `Kind/namespace/name` read from the top-level `kind:` and `metadata:` lines of a broken document. */
function describeUnparsed(lines: readonly string[]): string | undefined {
  let kind: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let inMetadata = false;
  for (const line of lines) {
    if (/^\S/.test(line)) {
      inMetadata = /^metadata:\s*$/.test(line);
      kind ??= /^kind:[ \t]*["']?([A-Za-z0-9]+)/.exec(line)?.[1];
    } else if (inMetadata && /^ {2}\S/.test(line)) {
      name ??= /^ {2}name:[ \t]*["']?([^"'\s#]+)/.exec(line)?.[1];
      namespace ??= /^ {2}namespace:[ \t]*["']?([^"'\s#]+)/.exec(line)?.[1];
    }
  }
  if (kind === undefined || name === undefined) return undefined;
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
