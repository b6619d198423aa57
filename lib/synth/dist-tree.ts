import * as fs from 'fs';
import * as path from 'path';
import { compareStrings, FileTree } from './layout';

/**
 * Reads every file below `dir` into a tree keyed by POSIX relative path. A missing dir is an empty
 * tree. Symlinks are read as the files they point to would be irrelevant here: dist/ holds none.
 */
export function readTree(dir: string): FileTree {
  const files: FileTree = new Map();
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
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return files;
}
