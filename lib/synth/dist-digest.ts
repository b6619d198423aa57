import { createHash } from 'crypto';
import { readTree } from './dist-tree';
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

/**
 * Every file below `dir` (POSIX relative path, sorted) with its digest; a missing dir is empty. Read
 * through `readTree`, so a symlink or FIFO in the folder is refused as everywhere else; each text is
 * dropped as soon as it is digested, so the writer never holds the old tree while it writes the new one.
 */
export function readTreeDigests(dir: string): Map<string, FileDigest> {
  const files = readTree(dir);
  const digests = new Map<string, FileDigest>();
  for (const [file, content] of files) {
    digests.set(file, { ...digestOf(content), generated: isGenerated(content) });
    files.delete(file);
  }
  return digests;
}
