import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { compareStrings } from './layout';
import { isGenerated } from './serialize';

/**
 * What the incremental writer needs to know of a file already in dist/: enough to tell whether new
 * content equals it and whether gitplane wrote it, without holding its text (at 40,000 files, the
 * text of both trees would be over a gigabyte).
 */
export interface FileDigest {
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  /** It starts with gitplane's header. */
  readonly generated: boolean;
}

export function digestOf(content: string | Buffer): Omit<FileDigest, 'generated'> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** True when `content` has exactly the bytes `digest` describes (size first: the cheap refusal). */
export function sameContent(digest: FileDigest | undefined, content: string): boolean {
  if (digest === undefined || digest.size !== Buffer.byteLength(content, 'utf8')) return false;
  return digestOf(content).sha256 === digest.sha256;
}

/** Every file below `dir` (POSIX relative path, sorted) with its digest; a missing dir is empty. */
export function readTreeDigests(dir: string): Map<string, FileDigest> {
  const files = new Map<string, FileDigest>();
  const walk = (rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return;
      throw error;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(child);
        continue;
      }
      const bytes = fs.readFileSync(path.join(dir, child));
      const head = bytes.subarray(0, 64).toString('utf8');
      files.set(child, { ...digestOf(bytes), generated: isGenerated(head) });
    }
  };
  walk('');
  return files;
}
