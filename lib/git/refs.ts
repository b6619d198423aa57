import { simpleGit } from 'simple-git';
import { GitplaneError } from '../core/errors';
import { listTree, readBlobs } from './read-tree';

/**
 * What a review compares against: the repository's default branch, the merge-base with it, and one
 * file's text at a commit. Each takes the repository root explicitly. Refs resolve with
 * `resolveCommit` (read-tree.ts).
 */

/** The branch a pull request targets by default: origin/HEAD, else main or master (remote, then local). */
export async function defaultBranch(root: string): Promise<string | undefined> {
  const git = simpleGit({ baseDir: root });
  try {
    const head = (await git.raw(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])).trim();
    if (head) return head.replace(/^refs\/remotes\//, '');
  } catch {
    // No remote HEAD recorded (some CI clones, or no remote at all): try the usual names.
  }
  for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) {
    try {
      if ((await git.raw(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])).trim()) return candidate;
    } catch {
      // not there; try the next name
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
  const slash = file.lastIndexOf('/');
  const entry = (await listTree(root, commit, slash < 0 ? '' : file.slice(0, slash))).find((e) => e.path === file.slice(slash + 1));
  if (!entry) return undefined;
  if (!entry.mode.startsWith('100')) throw new GitplaneError(`${file} at ${commit.slice(0, 7)} is not a regular file`, `commit ${file} as a plain file`);
  return (await readBlobs(root, [entry.sha])).get(entry.sha);
}

/** The top folder of the repository holding `dir`; a GitplaneError when `dir` is not in one. */
export async function repositoryRoot(dir: string): Promise<string> {
  try {
    const top = (await simpleGit({ baseDir: dir }).raw(['rev-parse', '--show-toplevel'])).trim();
    if (top) return top;
  } catch {
    // reported below
  }
  throw new GitplaneError(`${dir.split(/[\\/]/).pop()} is not inside a git repository`, 'run gitplane diff in the repository that commits dist/');
}

/** Short names of the branches (local, and remote-tracking without the remote) and tags a repository knows. */
export interface KnownRevisions {
  readonly branches: ReadonlySet<string>;
  readonly tags: ReadonlySet<string>;
}

/**
 * The branches and tags the repository holding `dir` knows (`origin/release` counts as `release`);
 * undefined when `dir` is not in a repository or it knows no ref at all (nothing to check against).
 */
export async function knownRevisions(dir: string): Promise<KnownRevisions | undefined> {
  let output: string;
  try {
    output = await simpleGit({ baseDir: dir }).raw(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags']);
  } catch {
    return undefined;
  }
  const branches = new Set<string>();
  const tags = new Set<string>();
  for (const ref of output.split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (ref.startsWith('refs/heads/')) branches.add(ref.slice('refs/heads/'.length));
    else if (ref.startsWith('refs/tags/')) tags.add(ref.slice('refs/tags/'.length));
    else if (ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD')) branches.add(ref.split('/').slice(3).join('/'));
  }
  return branches.size + tags.size > 0 ? { branches, tags } : undefined;
}
