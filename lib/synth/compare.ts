import { createTwoFilesPatch } from 'diff';
import { compareStrings, FileTree } from './layout';

/** How a file on disk differs from what the code produces. */
export type FileStatus = 'missing' | 'stale' | 'edited';

export interface FileDifference {
  readonly path: string;
  readonly status: FileStatus;
  /** For `edited`: a short unified diff from the expected to the actual content. */
  readonly diff?: string;
}

const MAX_DIFF_LINES = 20;

/**
 * Compares the expected tree with the one on disk: `missing` (synth would create it), `stale` (synth
 * would remove it) and `edited` (content differs, usually a hand edit).
 */
export function compareTrees(expected: FileTree, actual: FileTree): FileDifference[] {
  const differences: FileDifference[] = [];
  for (const [file, content] of expected) {
    const onDisk = actual.get(file);
    if (onDisk === undefined) differences.push({ path: file, status: 'missing' });
    else if (onDisk !== content) differences.push({ path: file, status: 'edited', diff: shortDiff(file, content, onDisk) });
  }
  for (const file of actual.keys()) {
    if (!expected.has(file)) differences.push({ path: file, status: 'stale' });
  }
  return differences.sort((a, b) => compareStrings(a.path, b.path));
}

function shortDiff(file: string, expected: string, actual: string): string {
  const patch = createTwoFilesPatch(`${file} (synthesized)`, `${file} (on disk)`, expected, actual, '', '', { context: 1 });
  const lines = patch.split('\n').slice(3).filter((l) => l !== '' && !l.startsWith('\\'));
  const shown = lines.slice(0, MAX_DIFF_LINES);
  if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more diff lines`);
  return shown.join('\n');
}
