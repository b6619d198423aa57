/**
 * A fast reader for the plain block YAML that gitplane writes (and most hand-written manifests use):
 * block mappings and sequences, one scalar per line (plain, single-quoted, or double-quoted without
 * escapes), `{}` and `[]`, comment lines, `---` between documents. It returns undefined for anything
 * else (anchors, tags, flow collections, block scalars, multi-line scalars, comments after content,
 * tabs, CR line ends, duplicate keys, ...), and the caller parses the text with js-yaml as before: a
 * file is either read here into exactly the values js-yaml gives, or not at all. Plain scalars resolve
 * through js-yaml's own core-schema types (null, bool, int, float), in js-yaml's order.
 *
 * Why: js-yaml reads a byte at a time through a general state machine; dist/ of a large platform holds
 * over ten thousand small files of this subset, and reading them line by line takes about half the time.
 */
import { CORE_SCHEMA, type Type } from 'js-yaml';

/**
 * The types js-yaml tries, in order, on a plain scalar with CORE_SCHEMA (null, bool, int, float): the
 * schema's own list, so that a scalar resolves here exactly as there. Should a js-yaml release not
 * expose it, every text goes to js-yaml.
 */
const IMPLICIT_TYPES = ((CORE_SCHEMA as unknown as { compiledImplicit?: unknown }).compiledImplicit) as readonly Type[] | undefined;

export interface PlainYaml {
  readonly documents: unknown[];
  /** Nodes (collections and scalars) of the largest document; the text has no aliases. */
  readonly largestDocument: number;
}

/**
 * Characters the subset allows: LF, printable ASCII, and printable non-ASCII outside the surrogates and
 * the characters YAML or js-yaml treat specially (NEL, LS, PS, BOM). Tabs and CR are outside it too.
 */
const OUTSIDE_SUBSET = /[^\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

/** Thrown inside the reader when the text leaves the subset. */
const UNSUPPORTED = Symbol('outside the plain YAML subset');

/** Lines that separate documents get this indent, lower than any content, so every level ends there. */
const SEPARATOR = -1;

/** The documents of `text`, exactly as js-yaml's loadAll with CORE_SCHEMA reads them, or undefined. */
export function parsePlainYaml(text: string): PlainYaml | undefined {
  if (!Array.isArray(IMPLICIT_TYPES) || OUTSIDE_SUBSET.test(text)) return undefined;
  try {
    return new Reader(text).documents();
  } catch (error) {
    if (error === UNSUPPORTED || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Whether `text` holds ` #`; found from the rare `#` rather than the frequent space. */
function hasSpaceThenHash(text: string): boolean {
  for (let hash = text.indexOf('#', 1); hash >= 0; hash = text.indexOf('#', hash + 1)) {
    if (text.charCodeAt(hash - 1) === 0x20) return true;
  }
  return false;
}

function unsupported(): never {
  throw UNSUPPORTED;
}

class Reader {
  /** Content lines only: comments and blank lines are dropped. */
  private readonly indents: number[] = [];
  private readonly texts: string[] = [];
  private pos = 0;
  private nodes = 0;

  constructor(text: string) {
    // Most texts have no comment after content: then no line needs looking at for one.
    const mayHaveComments = hasSpaceThenHash(text);
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let first = start;
      while (first < end && text.charCodeAt(first) === 0x20) first++;
      if (first < end && text.charCodeAt(first) !== 0x23 /* # */) {
        const line = text.slice(first, end);
        const indent = first - start;
        if (text.charCodeAt(end - 1) === 0x20 || (mayHaveComments && line.includes(' #'))) unsupported();
        if (indent === 0 && (line.startsWith('---') || line.startsWith('...'))) {
          if (line !== '---') unsupported();
          this.indents.push(SEPARATOR);
        } else {
          this.indents.push(indent);
        }
        this.texts.push(line);
      }
      start = end + 1;
    }
  }

  public documents(): PlainYaml {
    const { indents } = this;
    const count = indents.length;
    if (count === 0) unsupported();
    const documents: unknown[] = [];
    let largestDocument = 0;
    if (indents[0] === SEPARATOR) this.pos = 1;
    for (;;) {
      // An empty document (js-yaml's null) and a root that is not at column 0 are left to js-yaml.
      if (this.pos >= count || indents[this.pos] !== 0) unsupported();
      this.nodes = 0;
      documents.push(this.collection(0));
      largestDocument = Math.max(largestDocument, this.nodes);
      if (this.pos >= count) break;
      if (indents[this.pos] !== SEPARATOR) unsupported();
      this.pos++;
    }
    return { documents, largestDocument };
  }

  /** The mapping or sequence whose first line is the current one, at `indent`. */
  private collection(indent: number): unknown {
    return isSequenceEntry(this.texts[this.pos]) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const { indents, texts } = this;
    const result: Record<string, unknown> = {};
    this.nodes++;
    while (this.pos < indents.length && indents[this.pos] === indent) {
      const text = texts[this.pos];
      if (isSequenceEntry(text)) unsupported();
      const { key, rest } = splitEntry(text);
      this.pos++;
      const value = rest === undefined ? this.blockValue(indent) : this.inlineValue(rest, indent);
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(result, key)) unsupported();
      result[key] = value;
    }
    this.endOfBlock(indent);
    return result;
  }

  private sequence(indent: number): unknown[] {
    const { indents, texts } = this;
    const result: unknown[] = [];
    this.nodes++;
    while (this.pos < indents.length && indents[this.pos] === indent && isSequenceEntry(texts[this.pos])) {
      const text = texts[this.pos];
      if (text === '-') {
        this.pos++;
        const next = this.pos < indents.length ? indents[this.pos] : indent;
        // After an empty item js-yaml reads a less indented `- ` line into the same sequence: left to it.
        if (next < indent) unsupported();
        result.push(next > indent ? this.collection(next) : this.empty());
        continue;
      }
      const item = text.slice(2);
      if (item.charCodeAt(0) === 0x20) unsupported();
      if (isSequenceEntry(item) || isMappingEntry(item)) {
        // `- key: value` and `- - item` open a collection at the column after the dash.
        indents[this.pos] = indent + 2;
        texts[this.pos] = item;
        result.push(this.collection(indent + 2));
      } else {
        this.pos++;
        result.push(this.inlineValue(item, indent));
      }
    }
    this.endOfBlock(indent);
    return result;
  }

  /** The value of `key:` with nothing after the colon: a nested collection, or null. */
  private blockValue(indent: number): unknown {
    const { indents, texts } = this;
    if (this.pos < indents.length) {
      const next = indents[this.pos];
      if (next > indent) return this.collection(next);
      // A sequence may sit at its key's own indent.
      if (next === indent && isSequenceEntry(texts[this.pos])) return this.sequence(indent);
    }
    return this.empty();
  }

  /** A value on the line of its key or dash; the next line must not be indented deeper. */
  private inlineValue(text: string, indent: number): unknown {
    if (this.pos < this.indents.length && this.indents[this.pos] > indent) unsupported();
    this.nodes++;
    return scalarValue(text);
  }

  private empty(): null {
    this.nodes++;
    return null;
  }

  /** A collection ends at a line indented less; one indented more but not inside it is not YAML's. */
  private endOfBlock(indent: number): void {
    if (this.pos < this.indents.length && this.indents[this.pos] > indent) unsupported();
  }
}

function isSequenceEntry(text: string): boolean {
  return text.charCodeAt(0) === 0x2d /* - */ && (text.length === 1 || text.charCodeAt(1) === 0x20);
}

/** Whether a sequence item is a mapping entry (`key: value`, `key:`, `'key': value`) rather than a scalar. */
function isMappingEntry(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x27 /* ' */) {
    const end = singleQuotedEnd(text);
    return end < text.length && text.charCodeAt(end) === 0x3a /* : */;
  }
  if (first === 0x22 /* " */) {
    // A double-quoted key is js-yaml's to read; a double-quoted scalar item is not a key.
    const end = text.indexOf('"', 1);
    if (end < 0 || text.includes('\\') || text.charCodeAt(end + 1) === 0x3a /* : */) unsupported();
    return false;
  }
  return text.includes(': ') || text.endsWith(':');
}

/** Splits `key: value` / `key:`; `rest` is undefined when nothing follows the colon. */
function splitEntry(text: string): { key: string; rest: string | undefined } {
  let key: string;
  let after: number;
  if (text.charCodeAt(0) === 0x27 /* ' */) {
    after = singleQuotedEnd(text);
    key = singleQuoted(text.slice(0, after));
    if (text.charCodeAt(after) !== 0x3a /* : */) unsupported();
  } else {
    after = text.indexOf(': ');
    if (after < 0) {
      if (!text.endsWith(':')) unsupported();
      after = text.length - 1;
    }
    const plain = text.slice(0, after);
    if (!startsPlainKey(plain) || plain.endsWith(':') || plain.endsWith(' ')) unsupported();
    key = String(resolvePlain(plain));
  }
  if (after + 1 === text.length) return { key, rest: undefined };
  if (text.charCodeAt(after + 1) !== 0x20 || text.charCodeAt(after + 2) === 0x20) unsupported();
  return { key, rest: text.slice(after + 2) };
}

/** The scalar (or `{}` / `[]`) that is the whole of `text`. */
function scalarValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x27 /* ' */) {
    if (singleQuotedEnd(text) !== text.length) unsupported();
    return singleQuoted(text);
  }
  if (first === 0x22 /* " */) {
    // Escapes and inner quotes are js-yaml's to read.
    if (text.length < 2 || !text.endsWith('"') || text.indexOf('"', 1) !== text.length - 1 || text.includes('\\')) unsupported();
    return text.slice(1, -1);
  }
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (!startsPlainValue(text) || text.includes(': ') || text.endsWith(':')) unsupported();
  return resolvePlain(text);
}

/** Index just after the closing quote of the single-quoted scalar at the start of `text`. */
function singleQuotedEnd(text: string): number {
  let index = 1;
  for (;;) {
    const quote = text.indexOf("'", index);
    if (quote < 0) unsupported(); // continues on the next line
    if (text.charCodeAt(quote + 1) !== 0x27) return quote + 1;
    index = quote + 2;
  }
}

function singleQuoted(quoted: string): string {
  return quoted.slice(1, -1).replace(/''/g, "'");
}

/** First characters that make a plain scalar something else (an indicator), or that the subset leaves out. */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@` '].map((c) => c.charCodeAt(0)));

function startsPlainKey(text: string): boolean {
  return text.length > 0 && !NOT_PLAIN_START.has(text.charCodeAt(0));
}

/** As a key, and also `-` followed by a non-space (`-1`, `-Xmx`). */
function startsPlainValue(text: string): boolean {
  if (text.charCodeAt(0) === 0x2d /* - */) return text.length > 1 && text.charCodeAt(1) !== 0x20;
  return startsPlainKey(text);
}

/** First characters of the plain scalars js-yaml's core schema may read as int or float (or `~`, null). */
const NUMBER_OR_TILDE = new Set([...'~0123456789+-.'].map((c) => c.charCodeAt(0)));
/** First characters of `null`, `true`, `false` in their three spellings (4 or 5 characters long). */
const WORD_START = new Set([...'nNtTfF'].map((c) => c.charCodeAt(0)));

/** A plain scalar's value: js-yaml's types decide, tried only on a text one of them could match. */
function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  const mayResolve = NUMBER_OR_TILDE.has(first) || (WORD_START.has(first) && (text.length === 4 || text.length === 5));
  if (!mayResolve) return text;
  for (const type of IMPLICIT_TYPES as readonly Type[]) {
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
}
