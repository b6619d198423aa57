import * as path from 'path';
import { simpleGit } from 'simple-git';
import { GitplaneError } from '../core/errors';

/**
 * Paths under `dir` that differ from HEAD in the repository at `root` (modified, added, deleted,
 * untracked), as `XY path` lines like `git status --porcelain`.
 */
export async function statusOf(root: string, dir: string): Promise<string[]> {
  const git = simpleGit({ baseDir: root });
  let status;
  try {
    status = await git.status(['--porcelain', '--untracked-files=all', '--', path.relative(root, dir) || '.']);
  } catch (error) {
    throw new GitplaneError(`git status failed in ${path.basename(root)}: ${(error as Error).message.split('\n')[0]}`,
      'is this a git repository, and is git installed? Run without --git otherwise');
  }
  return status.files.map((f) => `${f.index}${f.working_dir} ${f.path}`).sort();
}
