import { createTwoFilesPatch } from 'diff';
import { compareStrings, FileTree } from './layout';

/**
 * How a file on disk differs from what the code produces: `missing` (synth would create it), `stale`
 * (synth would remove it), `outdated` (synth would rewrite it; the stacks changed since the last
 * synth) and `edited` (it differs from the committed version too: someone edited it by hand).
 */
export type FileStatus = 'missing' | 'stale' | 'outdated' | 'edited';

export interface FileDifference {
  readonly path: string;
  readonly status: FileStatus;
  /** For `outdated` and `edited`: a short unified diff from the file on disk to the synthesized one, as `git diff` shows what synth would change. */
  readonly diff?: string;
}

const MAX_DIFF_LINES = 20;

/**
 * Compares the synthesized tree with the one on disk. A file whose content differs is `edited` only
 * when it also differs from `committed` (the version at HEAD): after a change to the stacks every
 * regenerated file differs from disk, and calling those hand edits would send the reader the wrong way.
 * A file with no committed version (no repository, or never committed) cannot be called a hand edit.
 */
export function compareTrees(expected: FileTree, actual: FileTree, committed?: ReadonlyMap<string, string>): FileDifference[] {
  const differences: FileDifference[] = [];
  for (const [file, content] of expected) {
    const onDisk = actual.get(file);
    if (onDisk === undefined) differences.push({ path: file, status: 'missing' });
    else if (onDisk !== content) {
      const before = committed?.get(file);
      const status = before !== undefined && before !== onDisk ? 'edited' : 'outdated';
      differences.push({ path: file, status, diff: shortDiff(file, onDisk, content) });
    }
  }
  for (const file of actual.keys()) {
    if (!expected.has(file)) differences.push({ path: file, status: 'stale' });
  }
  return differences.sort((a, b) => compareStrings(a.path, b.path));
}

function shortDiff(file: string, onDisk: string, synthesized: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, onDisk, synthesized, '', '', { context: 1 });
  const lines = patch.split('\n').slice(3).filter((l) => l !== '' && !l.startsWith('\\'));
  const shown = lines.slice(0, MAX_DIFF_LINES);
  if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more diff lines`);
  return shown.join('\n');
}
