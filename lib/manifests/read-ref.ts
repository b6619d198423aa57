import { GitplaneError } from '../core/errors';
import { listTree, readBlobs, resolveCommit } from '../git/read-tree';
import { keepsFile, MAX_MANIFEST_BYTES } from './file-kinds';
import { buildTree } from './tree';
import type { ManifestTree, ReadMode } from './types';

export interface RefTree extends ManifestTree {
  /** The commit that was read. */
  readonly commit: string;
}

export interface ReadRefOptions {
  /** How messages name the tree; default git's own `<short sha>:<folder>/`, so files read `1a2b3c4:dist/prod/x.yaml`. */
  readonly label?: string;
  readonly mode?: ReadMode;
}

/**
 * A manifest folder as committed at `ref`, read without checking anything out and without running any
 * code from the commit (so CI can read a pull request's tree without trusting it). Symlinks and
 * submodules in the tree are errors, exactly as in a folder: a committed link must not make a reader
 * print what it points to on the CI machine.
 */
export async function readManifestTreeAtRef(root: string, ref: string, folder: string, options: ReadRefOptions = {}): Promise<RefTree> {
  const commit = await resolveCommit(root, ref);
  const label = options.label ?? `${commit.slice(0, 7)}:${folder.replace(/\/+$/, '')}/`;
  const mode = options.mode ?? 'dist';
  const entries = await listTree(root, commit, folder);
  for (const entry of entries) {
    if (entry.mode === '120000' || entry.mode === '160000') {
      const what = entry.mode === '120000' ? 'a symlink' : 'a submodule';
      throw new GitplaneError(`${label}${entry.path} is ${what}; ${folder}/ holds only regular files written by synth`,
        'remove it from the branch and run npm run synth');
    }
    if (entry.size > MAX_MANIFEST_BYTES) {
      throw new GitplaneError(`${label}${entry.path} is ${entry.size} bytes, larger than any manifest (limit ${MAX_MANIFEST_BYTES})`,
        'remove it from the branch and run npm run synth');
    }
  }
  const kept = entries.filter((entry) => keepsFile(label, entry.path, mode));
  const blobs = await readBlobs(root, kept.map((e) => e.sha));
  const files = new Map(kept.map((entry) => [entry.path, blobs.get(entry.sha) as string]));
  return { ...buildTree(label, files, mode), commit };
}
