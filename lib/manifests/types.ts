import type { KubeObject } from '../core/manifest';

/** One object parsed from a manifest tree. */
export interface ManifestDocument {
  /** The file it came from, relative to the tree root, with forward slashes (`prod/web/deployment-web.yaml`). */
  readonly file: string;
  readonly object: KubeObject;
}

/**
 * A tree of manifest files, read from a folder or from a git ref. `check`, `validate`, `policy check`,
 * `diff` and `drift` all read through this one type, so they refuse the same things.
 */
export interface ManifestTree {
  /** How messages name the tree root, e.g. `dist/` or `1a2b3c4:dist/`; file paths are appended to it. */
  readonly label: string;
  /** The text of every file, keyed by relative path, in path order. */
  readonly files: ReadonlyMap<string, string>;
  /** Every object of every file, `List` kinds flattened, in path order. */
  readonly documents: readonly ManifestDocument[];
}

/**
 * `dist`: a tree gitplane wrote; only manifest files may be in it. `lint`: any folder a user points at;
 * files of other extensions are skipped. `all`: every regular file, for the writer, which decides by
 * content whether a file is its own.
 */
export type ReadMode = 'dist' | 'lint' | 'all';

/** The environment and app of a file in dist/ (`prod/web/deployment-web.yaml` → prod, web). */
export function locateInDist(file: string): { env: string; app: string } {
  const [env = '', app = ''] = file.split('/');
  return { env, app };
}

/** The documents of a tree with each file named as messages show it (`dist/prod/web/deployment-web.yaml`). */
export function labelledDocuments(tree: ManifestTree): ManifestDocument[] {
  return tree.documents.map((document) => ({ file: `${tree.label}${document.file}`, object: document.object }));
}
