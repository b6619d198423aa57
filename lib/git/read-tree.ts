import { spawn } from 'child_process';
import { simpleGit } from 'simple-git';
import { GitplaneError } from '../core/errors';

/** A file of a tree at a commit. */
export interface TreeFile {
  /** Path relative to the folder that was read, with forward slashes. */
  readonly path: string;
  /** git's mode: 100644 / 100755 regular, 120000 symlink, 160000 submodule. */
  readonly mode: string;
  readonly sha: string;
  /** Size in bytes (0 for what is not a blob). */
  readonly size: number;
}

/** The commit a ref names, as a full sha. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitplaneError(`"${ref}" is not a git ref`, 'pass a branch, tag or commit');
  let sha = '';
  try {
    sha = (await simpleGit({ baseDir: root }).raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    // simple-git rejects on a non-zero exit: an unknown ref, or not a repository at all.
  }
  if (!sha) {
    throw new GitplaneError(`git ref "${ref}" cannot be read`,
      `does "${ref}" exist and has it been fetched? (git fetch origin ${ref.replace(/^origin\//, '')})`);
  }
  return sha;
}

/**
 * The files under `folder` (relative to the repository root) at `commit`, with their sizes, from one
 * `git ls-tree`.
 * A missing folder is an empty list.
 */
export async function listTree(root: string, commit: string, folder: string): Promise<TreeFile[]> {
  const prefix = folder.replace(/\/+$/, '');
  const out = await simpleGit({ baseDir: root }).raw(['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', prefix]);
  const files: TreeFile[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , sha, size] = record.slice(0, tab).split(/ +/);
    const full = record.slice(tab + 1);
    files.push({ path: prefix ? full.slice(prefix.length + 1) : full, mode, sha, size: Number(size) || 0 });
  }
  return files;
}

/**
 * The contents of many blobs through one `git cat-file --batch` process, not one process per file
 * (40,000 files would otherwise take minutes).
 */
export function readBlobs(root: string, shas: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(shas)];
  const blobs = new Map<string, string>();
  if (unique.length === 0) return Promise.resolve(blobs);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (error) => reject(new GitplaneError(`git cat-file could not start: ${error.message}`, 'is git installed and on PATH?')));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new GitplaneError(`git cat-file failed: ${stderr.split('\n')[0]}`, 'is the repository complete (not a shallow clone missing these commits)?'));
        return;
      }
      try {
        parseBatch(Buffer.concat(chunks), blobs);
        resolve(blobs);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(`${unique.join('\n')}\n`);
  });
}

/** `<sha> <type> <size>\n<content>\n` per object, or `<sha> missing\n`. */
function parseBatch(out: Buffer, into: Map<string, string>): void {
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [sha, type, size] = out.subarray(at, eol).toString().split(' ');
    if (type === 'missing' || size === undefined) {
      throw new GitplaneError(`git object ${sha} is missing`, 'fetch the full history (git fetch --unshallow)');
    }
    const start = eol + 1;
    const end = start + Number(size);
    into.set(sha, out.subarray(start, end).toString('utf8'));
    at = end + 1;
  }
}
