import type { KubeObject } from '../core/manifest';
import { keepsFile } from './file-kinds';
import { parseManifestText } from './parse';
import type { ManifestDocument, ManifestTree, ReadMode } from './types';

/**
 * Parses the files of a tree (from a folder or a git ref) into one ManifestTree. In `dist` mode a file
 * that is not a manifest is an error; in `lint` mode it is left out.
 */
export function buildTree(label: string, files: ReadonlyMap<string, string>, mode: ReadMode): ManifestTree {
  const parser = new TreeParser(label, mode);
  for (const [file, text] of files) parser.add(file, text);
  return parser.tree();
}

/** A file's objects, or what parsing it threw. */
type Parsed = { readonly objects: KubeObject[] } | { readonly error: unknown };

/**
 * Parses files as they come, in any order, into the tree `buildTree` makes of them: files and objects
 * in path order, and, when files do not parse, the error of the first one in path order.
 */
export class TreeParser {
  private readonly fix: string;
  private readonly parsed = new Map<string, { readonly text: string; readonly result: Parsed }>();

  constructor(private readonly label: string, private readonly mode: ReadMode) {
    this.fix = mode === 'dist' ? 'never edit dist/ by hand: run npm run synth and commit the result' : 'fix the file';
  }

  public add(file: string, text: string): void {
    let result: Parsed;
    try {
      if (!keepsFile(this.label, file, this.mode)) return; // left out (lint mode); dist mode throws
      result = { objects: parseManifestText(`${this.label}${file}`, text, { fix: this.fix }) };
    } catch (error) {
      result = { error };
    }
    this.parsed.set(file, { text, result });
  }

  public tree(): ManifestTree {
    const documents: ManifestDocument[] = [];
    const kept = new Map<string, string>();
    for (const file of [...this.parsed.keys()].sort(comparePaths)) {
      const { text, result } = this.parsed.get(file) as { text: string; result: Parsed };
      if ('error' in result) throw result.error;
      kept.set(file, text);
      for (const object of result.objects) documents.push({ file, object });
    }
    return { label: this.label, files: kept, documents };
  }
}

/** Code-unit order, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
