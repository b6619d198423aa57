import * as path from 'path';
import { visitFolderFiles } from '../manifests';
import { ContentDigest, digestOf } from './content-digest';
import { isGenerated } from './serialize';

/**
 * What synth needs to know of a file already in dist/: whether new content equals it and whether
 * gitplane wrote it, without holding its text (at 40,000 files, the text of both trees would be over
 * a gigabyte).
 */
export interface FileDigest extends ContentDigest {
  /** It starts with gitplane's header. */
  readonly generated: boolean;
}

/** The output folder as one read found it: each file by its digest, never by its text. */
export interface DistDigests {
  /** The folder. */
  readonly dir: string;
  /** How messages name it: `dist/`. */
  readonly label: string;
  /** Every file (POSIX relative path, sorted) with its digest; a missing folder has none. */
  readonly files: ReadonlyMap<string, FileDigest>;
}

/**
 * Reads every file below `dir` once, keeping only its digest: the writer's no-op check and the day-2
 * gate both work from this one read. Read through the one manifest reader, so a symlink or FIFO in the
 * folder is refused as everywhere else; each file's bytes are dropped as soon as they are digested.
 */
export function readDistDigests(dir: string, label = `${path.basename(path.resolve(dir))}/`): DistDigests {
  const files = new Map<string, FileDigest>();
  visitFolderFiles(dir, { label, mode: 'all' }, (file, bytes) => {
    // The header is ASCII: its first bytes decide, whatever follows.
    files.set(file, { ...digestOf(bytes), generated: isGenerated(bytes.toString('utf8', 0, Math.min(bytes.length, 128))) });
  });
  return { dir, label, files };
}
