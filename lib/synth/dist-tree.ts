import * as path from 'path';
import { readFolderFiles } from '../manifests';
import type { FileTree } from './layout';

/**
 * Every regular file below `dir` by POSIX relative path (a missing dir is an empty tree), read through
 * the one manifest reader: a symlink, FIFO or device in the folder is an error naming it, never
 * followed or opened. Files of any extension are read, so the writer can refuse what it did not write.
 */
export function readTree(dir: string): FileTree {
  return readFolderFiles(dir, { label: `${path.basename(path.resolve(dir))}/`, mode: 'all' });
}
