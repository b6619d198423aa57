import { simpleGit } from 'simple-git';
import { GitplaneError } from '../core/errors';

/**
 * Resolving what a review compares: a ref to its commit, the merge-base with the repository's default
 * branch, and one file's text at a ref. Each takes the repository root explicitly.
 */

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n').find((l) => l.trim() !== '')?.trim() ?? 'git failed';
}

/** The full commit sha of `ref`; a GitplaneError that guesses the cause when it does not resolve. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitplaneError(`"${ref}" is not a git ref`, 'pass a branch, tag or commit, e.g. --base origin/main');
  try {
    const sha = (await simpleGit({ baseDir: root }).raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    if (!sha) throw new Error('unknown revision');
    return sha;
  } catch (error) {
    throw new GitplaneError(`git ref "${ref}" cannot be read (${firstLine(error)})`, `does "${ref}" exist and has it been fetched? Try git fetch origin, or pass a branch, tag or commit`);
  }
}

/** The branch a pull request targets by default: origin/HEAD, else main or master (remote or local). */
export async function defaultBranch(root: string): Promise<string | undefined> {
  const git = simpleGit({ baseDir: root });
  try {
    const head = (await git.raw(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])).trim();
    if (head) return head.replace(/^refs\/remotes\//, '');
  } catch {
    // No remote HEAD recorded (a fresh clone of some CI systems, or no remote): try the usual names.
  }
  for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) {
    try {
      await git.raw(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** The merge-base of HEAD with the default branch, or undefined when there is none to find. */
export async function mergeBaseWithDefault(root: string): Promise<string | undefined> {
  const branch = await defaultBranch(root);
  if (!branch) return undefined;
  try {
    return (await simpleGit({ baseDir: root }).raw(['merge-base', 'HEAD', branch])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The text of `file` (repository-relative, POSIX) at `commit`, or undefined when it does not exist there. */
export async function readFileAtCommit(root: string, commit: string, file: string): Promise<string | undefined> {
  const git = simpleGit({ baseDir: root });
  const listed = (await git.raw(['ls-tree', '--full-tree', commit, '--', file])).trim();
  if (!listed) return undefined;
  const [mode, type] = listed.split(/\s+/);
  if (type !== 'blob' || mode === '120000') throw new GitplaneError(`${file} at ${commit.slice(0, 7)} is not a regular file`, `commit ${file} as a plain file`);
  return git.show([`${commit}:${file}`]);
}

/** The repository's top folder for `dir`, or a GitplaneError when `dir` is not inside a repository. */
export async function repositoryRoot(dir: string): Promise<string> {
  try {
    return (await simpleGit({ baseDir: dir }).revparse(['--show-toplevel'])).trim();
  } catch (error) {
    throw new GitplaneError(`not a git repository (${firstLine(error)})`, 'run gitplane diff inside the repository that commits dist/');
  }
}
