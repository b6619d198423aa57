/**
 * What `validate` found in each clean file of a manifest folder, kept between runs so that an unchanged
 * file is neither parsed, validated nor scanned again. An entry holds only what the report needs from a
 * clean file (its objects counted by kind and its CEL rule tallies), never text of the file; a file
 * with any schema or secret finding gets no entry and is checked in full on every run.
 *
 * An entry is used only for the same bytes (SHA-256 of the file) at the same path (the extension
 * decides how a file is parsed) under the same `context`, a digest of everything else a result depends
 * on (the caller's: gitplane's code, the schemas, the Kubernetes version). One JSON file per folder,
 * rewritten whole through a rename, holds the entries of the files present at its last run; an entry
 * that does not have the expected shape, or a file that does not parse, counts as no entry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeAtomically } from '../../schema/code-cache';
import { sha256 } from '../../schema/validator-cache';

/** What the report needs from a file without findings. */
export interface CleanFileFacts {
  /** Objects per `apiVersion/Kind`, in order of first appearance. */
  readonly kinds: readonly (readonly [kind: string, count: number])[];
  readonly celEvaluated: number;
  /** CEL rules not checked offline (their text comes from the CRD), in order of first appearance. */
  readonly celSkipped: readonly (readonly [rule: string, reason: string, count: number])[];
}

export interface ResultEntry {
  readonly digest: string;
  readonly facts: CleanFileFacts;
}

export interface ResultStore {
  /** The facts recorded for `file` when it had these bytes, or undefined. */
  lookup(file: string, digest: string): CleanFileFacts | undefined;
  /** Replaces every entry with `entries` (the clean files present now); writes only when they changed. */
  save(entries: ReadonlyMap<string, ResultEntry>): void;
}

/** Result files kept (one per folder validated): the least recently written are removed beyond it. */
const MAX_FOLDERS = 32;
const FORMAT = 'gitplane-validate-results/2';


/**
 * The store of the folder `folder` (absolute) in `cacheDir`, for results made under `context`. On disk,
 * files with equal facts (most of a generated tree) share one entry of `facts`: each file is
 * `[digest, index]`; the facts are checked when first used.
 */
export function openResultStore(cacheDir: string, folder: string, context: string): ResultStore {
  const dir = path.join(cacheDir, 'validate-results');
  const file = path.join(dir, `${sha256(folder)}.json`);
  const stored = readStored(file, folder, context);
  const checked = new Map<number, CleanFileFacts | undefined>();
  // An entry of the right bytes whose facts are unusable is replaced on save, even if no digest changed.
  let damaged = false;
  const factsAt = (index: unknown): CleanFileFacts | undefined => {
    if (typeof index !== 'number') return undefined;
    if (!checked.has(index)) checked.set(index, toFacts(stored.facts[index]));
    return checked.get(index);
  };
  return {
    lookup(name, digest) {
      const entry = stored.files.get(name);
      if (entry?.[0] !== digest) return undefined;
      const facts = factsAt(entry[1]);
      if (!facts) damaged = true;
      return facts;
    },
    save(entries) {
      if (!damaged && sameDigests(stored.files, entries)) return;
      const facts: CleanFileFacts[] = [];
      const indexOf = new Map<CleanFileFacts | string, number>();
      const files: Record<string, [string, number]> = {};
      for (const [name, entry] of entries) {
        // The same facts object (from this store) or equal facts (from a fresh check) get one index.
        let index = indexOf.get(entry.facts);
        if (index === undefined) {
          const json = JSON.stringify(entry.facts);
          index = indexOf.get(json) ?? facts.push(entry.facts) - 1;
          indexOf.set(json, index);
          indexOf.set(entry.facts, index);
        }
        files[name] = [entry.digest, index];
      }
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch {
        return; // not writable: the next run checks everything again
      }
      writeAtomically(file, JSON.stringify({ format: FORMAT, folder, context, facts, files }));
      removeOldest(dir);
    },
  };
}

interface Stored {
  readonly facts: readonly unknown[];
  readonly files: ReadonlyMap<string, readonly unknown[]>;
}

function readStored(file: string, folder: string, context: string): Stored {
  const none = { facts: [], files: new Map() };
  let stored: unknown;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return none; // absent, unreadable or truncated
  }
  if (!isRecord(stored) || stored.format !== FORMAT || stored.folder !== folder || stored.context !== context) return none;
  if (!Array.isArray(stored.facts) || !isRecord(stored.files)) return none;
  const files = new Map<string, readonly unknown[]>();
  for (const [name, value] of Object.entries(stored.files)) if (Array.isArray(value) && value.length === 2) files.set(name, value);
  return { facts: stored.facts, files };
}

/** Facts as stored, when they have the shape written; anything else is no entry. */
function toFacts(value: unknown): CleanFileFacts | undefined {
  if (!isRecord(value)) return undefined;
  const { kinds, celEvaluated, celSkipped } = value;
  const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!count(celEvaluated)) return undefined;
  if (!Array.isArray(kinds) || !kinds.every((k) => Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && count(k[1]) && k[1] > 0)) return undefined;
  if (new Set(kinds.map((k) => k[0])).size !== kinds.length) return undefined;
  const isSkip = (s: unknown): boolean => Array.isArray(s) && s.length === 3 && typeof s[0] === 'string' && typeof s[1] === 'string' && count(s[2]) && s[2] > 0;
  if (!Array.isArray(celSkipped) || !celSkipped.every(isSkip) || new Set(celSkipped.map((s) => s[0])).size !== celSkipped.length) return undefined;
  return { kinds, celEvaluated, celSkipped };
}

function sameDigests(stored: ReadonlyMap<string, readonly unknown[]>, entries: ReadonlyMap<string, ResultEntry>): boolean {
  if (stored.size !== entries.size) return false;
  for (const [name, entry] of entries) {
    // Under one context the facts follow from the digest: the same digests mean the same entries.
    if (stored.get(name)?.[0] !== entry.digest) return false;
  }
  return true;
}

function removeOldest(dir: string): void {
  try {
    const names = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
    if (names.length <= MAX_FOLDERS) return;
    const byAge = names.map((name) => ({ name, time: fs.statSync(path.join(dir, name)).mtimeMs })).sort((a, b) => a.time - b.time);
    for (const { name } of byAge.slice(0, names.length - MAX_FOLDERS)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // another run removed them first
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
