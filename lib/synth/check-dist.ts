import { committedFiles } from '../git/committed';
import { statusOf } from '../git/status';
import { parseManifestText, visitFolderFiles } from '../manifests';
import type { Finding } from '../policy';
import { scanYamlText, toPolicyFinding } from '../policy/secrets';
import { compareTrees, FileDifference } from './compare';
import { EncodedTree } from './encoded-tree';
import type { FileTree } from './layout';

export interface CheckDistOptions {
  /** The output folder. */
  readonly outDir: string;
  /** How messages name it: `dist/`. */
  readonly label: string;
  /** Repository root for `git`: also report uncommitted paths under outDir. */
  readonly gitRoot?: string;
}

export interface CheckResult {
  readonly upToDate: boolean;
  /** Files the synthesis produces. */
  readonly files: number;
  readonly differences: readonly FileDifference[];
  /** `git status --porcelain` lines under the folder (only when asked for). */
  readonly uncommitted: readonly string[];
  /** Possible secrets in files that differ from the synthesis (added by hand). */
  readonly secrets: readonly Finding[];
}

const HIDDEN_DIFF = '(diff hidden: the file holds a possible secret)';

/**
 * Proves the output folder is exactly what the stacks produce: compares the synthesized tree with the
 * folder, read through the manifest reader (a symlink or FIFO is an error, never followed), and scans
 * what differs for secrets. Files equal to the synthesis passed synth's own scan. Equal files are
 * compared as bytes and never decoded, so only the files that differ are held as text.
 */
export async function checkDist(expected: FileTree | EncodedTree, options: CheckDistOptions): Promise<CheckResult> {
  const next = expected instanceof EncodedTree ? expected : EncodedTree.encode(expected);
  const onDisk = new Map<string, string>(); // files that differ from the synthesis, or that it lacks
  const present = new Set<string>();
  visitFolderFiles(options.outDir, { label: options.label, mode: 'dist' }, (file, bytes) => {
    present.add(file);
    if (!next.has(file) || !next.bytesOf(file).equals(bytes)) onDisk.set(file, bytes.toString('utf8'));
  });
  const synthesized = new Map(next.paths().filter((file) => !present.has(file) || onDisk.has(file)).map((file) => [file, next.textOf(file)]));
  let differences = compareTrees(synthesized, onDisk);
  if (differences.some((d) => d.status === 'outdated')) {
    differences = compareTrees(synthesized, onDisk, await committedFiles(options.outDir));
  }
  const secrets = differences
    .filter((d) => d.status !== 'missing')
    .flatMap((d) => {
      const file = `${options.label}${d.path}`;
      const text = onDisk.get(d.path) ?? '';
      parseManifestText(file, text); // a hand edit that is no manifest (or an alias bomb) is reported before it is scanned
      return scanYamlText(file, text);
    })
    .map(toPolicyFinding);
  // A diff would print the secret: hide it for files the scanner flagged.
  const flagged = new Set(secrets.map((f) => f.file));
  const shown = differences.map((d) => (d.diff && flagged.has(`${options.label}${d.path}`) ? { ...d, diff: HIDDEN_DIFF } : d));
  const uncommitted = options.gitRoot ? await statusOf(options.gitRoot, options.outDir) : [];
  return {
    upToDate: shown.length === 0 && uncommitted.length === 0,
    files: next.size,
    differences: shown,
    uncommitted,
    secrets,
  };
}
