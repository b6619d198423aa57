import { keepsFile } from './file-kinds';
import { parseManifestText } from './parse';
import type { ManifestDocument, ManifestTree, ReadMode } from './types';

/**
 * Parses the files of a tree (from a folder or a git ref) into one ManifestTree. In `dist` mode a file
 * that is not a manifest is an error; in `lint` mode it is left out.
 */
export function buildTree(label: string, files: ReadonlyMap<string, string>, mode: ReadMode): ManifestTree {
  const fix = mode === 'dist' ? 'never edit dist/ by hand: run npm run synth and commit the result' : 'fix the file';
  const documents: ManifestDocument[] = [];
  const kept = new Map<string, string>();
  for (const file of [...files.keys()].sort(comparePaths)) {
    const text = files.get(file) as string;
    if (!keepsFile(label, file, mode)) continue;
    kept.set(file, text);
    for (const object of parseManifestText(`${label}${file}`, text, { fix })) documents.push({ file, object });
  }
  return { label, files: kept, documents };
}

/** Code-unit order, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
