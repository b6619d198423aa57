import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { stagedTree, WriterFs } from './dist-folders';

/**
 * A change to the output folder, recorded before it is applied: the commit point of an incremental
 * write is the rename that puts this journal beside the folder. Once it is there, the change is
 * applied to the end, by the run that wrote it or by the next one (see recoverInterruptedWrite).
 */
export interface Journal {
  /** Files staged under the staging folder's `tree/`, to move into the output folder. */
  readonly write: readonly string[];
  /** Files to remove from the output folder. */
  readonly remove: readonly string[];
}

/** The journal beside the output folder cannot be read: the change it recorded cannot be completed. */
export class JournalError extends GitplaneError {}

const FORMAT = 'gitplane-journal/1';

export function journalText(journal: Journal): string {
  return `${JSON.stringify({ format: FORMAT, write: journal.write, remove: journal.remove })}\n`;
}

/**
 * Reads a committed journal. Its paths are checked before anything is moved or removed: each must stay
 * inside the output folder, whoever wrote the file.
 */
export function readJournal(file: string): Journal {
  const name = path.basename(file);
  const refuse = (why: string): JournalError => new JournalError(`${name} (left beside ${path.basename(path.dirname(file)) || '/'}/ by an interrupted synth) ${why}; ` +
    'the output folder may hold part of that synth\'s change', `remove ${name} and the .gitplane-staging folder beside it, then run synth: it rewrites every file that differs`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'not JSON'})`);
  }
  const { format, write, remove } = (data ?? {}) as Record<string, unknown>;
  if (format !== FORMAT) throw refuse(`is not a journal this release of gitplane writes (format ${JSON.stringify(format)})`);
  for (const list of [write, remove]) {
    if (!Array.isArray(list)) throw refuse('lacks its list of files');
    const bad = list.find((entry) => !isInsideRelativePath(entry));
    if (bad !== undefined) throw refuse(`names ${JSON.stringify(bad)}, which is not a path inside the output folder`);
  }
  return { write: write as string[], remove: remove as string[] };
}

/** `env/app/file.yaml`: relative, POSIX, no empty, `.` or `..` segment. */
function isInsideRelativePath(entry: unknown): entry is string {
  return typeof entry === 'string' && entry.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\') && !part.includes('\0'));
}

/**
 * Applies a committed journal to `outDir`: removes the files it removes (and the folders that leaves
 * empty), then renames each staged file into place. Idempotent, so a run killed half-way is completed
 * by running it again: a file already removed or a staged file already moved is skipped.
 */
export function applyJournal(outDir: string, staging: string, journal: Journal, ops: WriterFs): void {
  for (const file of journal.remove) fs.rmSync(path.join(outDir, file), { force: true });
  removeEmptiedFolders(outDir, journal.remove);
  const from = stagedTree(staging);
  const made = new Set<string>();
  for (const file of journal.write) {
    const dir = path.posix.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(path.join(outDir, dir), { recursive: true });
      made.add(dir);
    }
    try {
      ops.rename(path.join(from, file), path.join(outDir, file));
    } catch (error) {
      // Moved by an earlier attempt: the staged file is gone.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(path.join(from, file))) continue;
      throw error;
    }
  }
}

/** Removes the folders of removed files that are empty now, deepest first; the output folder itself stays. */
function removeEmptiedFolders(outDir: string, removed: readonly string[]): void {
  const folders = new Set<string>();
  for (const file of removed) {
    for (let dir = path.posix.dirname(file); dir !== '.' && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  }
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of deepestFirst) {
    try {
      fs.rmdirSync(path.join(outDir, dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
    }
  }
}
