import { groupBy } from '../core/group';
import { isManifestFile, locateInDist, parseManifestText, readFolderFiles } from '../manifests';
import { DistDigests, FileDigest, readDistDigests } from '../synth/dist-digest';
import { EncodedTree } from '../synth/encoded-tree';
import { isGenerated } from '../synth/serialize';
import { Approval } from './approvals';
import type { Review } from './review';
import { changedRevisions, isRelease, missingRevisionRisks, RepositoryRevisions } from './revisions';
import { safePathsFor, SafePath } from './safe-paths';
import { ReviewDocument, ReviewTree, Risk, RiskSeverity } from './types';

/**
 * The day-2 gate of synth: before a synthesis replaces the committed dist/, the two are reviewed with
 * the same engine and approvals as `gitplane diff`. A transition a reconciler turns into data loss or
 * downtime (an unacknowledged risk of severity high or critical) is refused, with the safe path for
 * its class; lower risks are warnings. An absent or empty dist/ is a first synth: nothing to compare.
 */

export const BLOCKING_SEVERITIES: readonly RiskSeverity[] = ['high', 'critical'];

export interface SynthGateOptions {
  readonly approvals?: readonly Approval[];
  /** Write anyway (`synth --allow-risky`): the blocking risks are reported as allowed. */
  readonly allowRisky?: boolean;
}

export interface SynthGateResult {
  /** `first`: no committed tree; `unchanged`: every file is byte-identical; `reviewed`: a review ran. */
  readonly status: 'first' | 'unchanged' | 'reviewed';
  /** True when the synthesis may be written (no blocking risk, or `allowRisky`). */
  readonly proceed: boolean;
  /** Unacknowledged risks of severity high or critical: they refuse the write. */
  readonly blocking: readonly Risk[];
  /** With `allowRisky`: the blocking risks that were let through. */
  readonly allowed: readonly Risk[];
  /** Unacknowledged risks of lower severity: printed, never blocking. */
  readonly warnings: readonly Risk[];
  /** Risks an approval covers. */
  readonly acknowledged: readonly Risk[];
  /** For each class among the open risks (blocking, allowed or warnings), the two-step way to make the change safely. */
  readonly safePaths: readonly SafePath[];
  readonly review?: Review;
}

/**
 * The committed tree as the gate sees it: the digests of one read of the output folder (the writer
 * works from the same read). Text is read again only for the environments a review looks at.
 */
export type CommittedFiles = DistDigests;

/** Reads the output folder for the gate (and the writer): every file's digest, no text kept. */
export function readCommittedFiles(outDir: string, label: string): CommittedFiles {
  return readDistDigests(outDir, label);
}

/**
 * The files gitplane wrote (its header) that the reconcilers apply, by digest. Files of someone else
 * are left to the writer, which refuses them by name.
 */
function generatedManifests(committed: CommittedFiles): Map<string, FileDigest> {
  return new Map([...committed.files].filter(([file, digest]) => isManifestFile(file) && digest.generated));
}

/** The text of the generated manifests in some environments of the committed tree, read through the one manifest reader. */
function committedText(committed: CommittedFiles, envs: ReadonlySet<string>): Map<string, string> {
  const files = new Map<string, string>();
  const select = (file: string): boolean => envs.has(locateInDist(file).env);
  for (const [file, text] of readFolderFiles(committed.dir, { label: committed.label, mode: 'all', select })) {
    if (isManifestFile(file) && isGenerated(text)) files.set(file, text);
  }
  return files;
}

/** The committed objects; a generated file that no longer parses (edited by hand) is replaced by the write and not reviewed. */
function committedTree(label: string, texts: ReadonlyMap<string, string>): ReviewTree & { files: ReadonlyMap<string, string> } {
  const files = new Map<string, string>();
  const documents: ReviewDocument[] = [];
  for (const [file, text] of texts) {
    let objects;
    try {
      objects = parseManifestText(`${label}${file}`, text);
    } catch {
      continue;
    }
    files.set(file, text);
    for (const object of objects) documents.push({ file, object });
  }
  return { label, files, documents };
}

/**
 * The synthesis as a review tree, from the file texts about to be written. A file whose text equals
 * the committed one has the same objects, so they are taken from the committed tree, not parsed again;
 * the review engine then skips them too (same path, same text).
 */
export function synthesisTree(files: ReadonlyMap<string, string>, committed: ReviewTree & { files: ReadonlyMap<string, string> }): ReviewTree {
  const byFile = groupBy(committed.documents, (doc) => doc.file);
  const documents: ReviewDocument[] = [];
  for (const [file, text] of files) {
    const same = committed.files.get(file) === text ? byFile.get(file) : undefined;
    if (same) documents.push(...same);
    else for (const object of parseManifestText(`synthesis:${file}`, text)) documents.push({ file, object });
  }
  return { label: 'synthesis:', files, documents };
}

/**
 * Reviews `files` (the synthesis: text, or encoded as the CLI's stack worker posts it) against the
 * committed tree. Unchanged files are compared by size and hash; only the environments with a changed
 * file are read as text, parsed and reviewed.
 */
export function gateSynthesis(files: ReadonlyMap<string, string> | EncodedTree, committed: CommittedFiles, options: SynthGateOptions = {}): SynthGateResult {
  const none = { blocking: [], allowed: [], warnings: [], acknowledged: [], safePaths: [] };
  const next = files instanceof EncodedTree ? files : EncodedTree.encode(files);
  const before = generatedManifests(committed);
  if (before.size === 0) return { status: 'first', proceed: true, ...none };
  // Every risk class looks within one environment (its changes, its protection, its apps' policy
  // findings), so environments without a changed file are left out of the review and not read.
  const changed = changedEnvironments(next, before);
  if (changed.size === 0) return { status: 'unchanged', proceed: true, ...none };
  // The review engine (risk rules, policy rules) loads only when something changed: a no-op re-synth
  // costs the one read of dist/ (digests) and a comparison of hashes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { reviewTrees } = require('./review') as typeof import('./review');
  const base = committedTree(committed.label, committedText(committed, changed));
  const head = new Map(next.paths().filter((file) => changed.has(locateInDist(file).env)).map((file) => [file, next.textOf(file)]));
  const review = reviewTrees(base, synthesisTree(head, base), { approvals: options.approvals ?? [] });
  const open = review.risks.filter((r) => !r.acknowledged);
  const blocking = open.filter((r) => BLOCKING_SEVERITIES.includes(r.severity));
  const allowRisky = options.allowRisky ?? false;
  return {
    status: 'reviewed',
    proceed: blocking.length === 0 || allowRisky,
    blocking: allowRisky ? [] : blocking,
    allowed: allowRisky ? blocking : [],
    warnings: open.filter((r) => !BLOCKING_SEVERITIES.includes(r.severity)),
    acknowledged: review.risks.filter((r) => r.acknowledged),
    safePaths: safePathsFor([...blocking, ...open]),
    review,
  };
}

/** Environments (first path segment) with a file added, removed or changed. */
function changedEnvironments(next: EncodedTree, committed: ReadonlyMap<string, FileDigest>): Set<string> {
  const envs = new Set<string>();
  for (const file of next.paths()) if (!next.matches(file, committed.get(file))) envs.add(locateInDist(file).env);
  for (const file of committed.keys()) if (!next.has(file)) envs.add(locateInDist(file).env);
  return envs;
}

/**
 * The gate with the revisions the change points reconcilers at checked against the refs the
 * repository knows (`knownRevisions` in lib/git): a missing one is a blocking `sync-wiring` risk,
 * acknowledged and allowed like any other; a move from one known tag to another is a release and
 * only a warning. Without `known` (not a repository) nothing is checked.
 */
export function checkRevisions(gate: SynthGateResult, known: RepositoryRevisions | undefined, options: SynthGateOptions = {}): SynthGateResult {
  if (!gate.review || !known) return gate;
  const changes = changedRevisions(gate.review);
  if (changes.length === 0) return gate;
  const approved = new Set((options.approvals ?? []).map((a) => `${a.risk}\u0000${a.object}`));
  const missing = missingRevisionRisks(changes, known).map((r) => ({ ...r, acknowledged: approved.has(`${r.id}\u0000${r.object}`) }));
  const release = (r: Risk) => isRelease(r, changes, known);
  const released = [...gate.blocking, ...gate.allowed].filter(release).map((r) => ({ ...r, severity: 'low' as const, reason: `${r.reason} (a release: both are tags in this repository)` }));
  const open = missing.filter((r) => !r.acknowledged);
  const allowRisky = options.allowRisky ?? false;
  const blocking = allowRisky ? [] : [...gate.blocking.filter((r) => !release(r)), ...open];
  const allowed = allowRisky ? [...gate.allowed.filter((r) => !release(r)), ...open] : [];
  const warnings = [...gate.warnings, ...released];
  return {
    ...gate,
    proceed: blocking.length === 0,
    blocking,
    allowed,
    warnings,
    acknowledged: [...gate.acknowledged, ...missing.filter((r) => r.acknowledged)],
    safePaths: safePathsFor([...blocking, ...allowed, ...warnings]),
  };
}
