import * as path from 'path';
import { simpleGit } from 'simple-git';
import { listTree, readBlobs } from './read-tree';

/**
 * The files of `folder` as committed at HEAD, keyed by path relative to the folder, or undefined when
 * there is nothing to compare with (not a repository, no commit yet). Used to tell a hand edit from a
 * file that is merely out of date, so it never fails.
 */
export async function committedFiles(folder: string): Promise<Map<string, string> | undefined> {
  const absolute = path.resolve(folder);
  let top: string;
  try {
    top = (await simpleGit({ baseDir: path.dirname(absolute) }).raw(['rev-parse', '--show-toplevel'])).trim();
    await simpleGit({ baseDir: top }).raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    return undefined;
  }
  const relative = path.relative(top, absolute).split(path.sep).join('/');
  const entries = (await listTree(top, 'HEAD', relative)).filter((entry) => entry.mode.startsWith('100'));
  const blobs = await readBlobs(top, entries.map((entry) => entry.sha));
  return new Map(entries.map((entry) => [entry.path, blobs.get(entry.sha) as string]));
}
