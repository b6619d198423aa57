import { Approval, applyApprovals } from './approvals';
import { classifyRisks } from './classify';
import { diffTrees, DiffOptions } from './diff-trees';
import { identityKey } from './identity';
import { ChangeAction, DiffResult, Risk, ReviewTree } from './types';
import { groupBy } from '../core/group';

/**
 * The whole review of two trees: diff, risks and approvals, with the verdict the gate uses. `diff`
 * runs it on dist/ at two refs; synth can run it on the committed dist/ and a fresh synthesis.
 */

export interface ReviewOptions extends DiffOptions {
  readonly approvals?: readonly Approval[];
}

export interface ReviewSummary {
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
  readonly moved: number;
  readonly risks: number;
  readonly acknowledged: number;
  readonly unacknowledged: number;
  /** Approvals that matched nothing. */
  readonly stale: number;
}

export interface Review {
  readonly diff: DiffResult;
  /** Every risk with `acknowledged` set, in change order. */
  readonly risks: readonly Risk[];
  readonly staleApprovals: readonly Approval[];
  readonly summary: ReviewSummary;
  /** Per environment, the same counts. */
  readonly environments: readonly (ReviewSummary & { readonly name: string })[];
}

export function reviewTrees(base: ReviewTree, head: ReviewTree, options: ReviewOptions = {}): Review {
  const diff = diffTrees(base, head, options);
  return reviewDiff(diff, options.approvals ?? [], options);
}

/**
 * Risks with approvals applied. When the diff was narrowed (`envs`/`apps`), an approval outside the
 * part reviewed is not called stale: it may well match something in the part left out.
 */
export function reviewDiff(diff: DiffResult, approvals: readonly Approval[], narrowed: DiffOptions = {}): Review {
  const applied = applyApprovals(classifyRisks(diff), approvals);
  const changed = new Set(diff.changes.map(identityKey));
  const inScope = (a: Approval) => (!narrowed.envs?.length || narrowed.envs.includes(a.object.split('/')[0]))
    && (!narrowed.apps?.length || changed.has(a.object));
  const outcome = { risks: applied.risks, stale: applied.stale.filter(inScope) };
  const envNames = [...new Set(diff.changes.map((c) => c.env))];
  return {
    diff,
    risks: outcome.risks,
    staleApprovals: outcome.stale,
    summary: summarize(diff, outcome.risks, undefined, outcome.stale.length),
    environments: envNames.map((name) => ({ name, ...summarize(diff, outcome.risks, name, outcome.stale.filter((a) => a.object.startsWith(`${name}/`)).length) })),
  };
}

/** True when a risk is not acknowledged: the gate fails (exit 3). */
export function hasUnacknowledgedRisk(review: Review): boolean {
  return review.summary.unacknowledged > 0;
}

/** The risks of each changed object, by identity key. */
export function risksByObject(review: Review): Map<string, Risk[]> {
  return groupBy(review.risks, (risk) => risk.object);
}

function summarize(diff: DiffResult, risks: readonly Risk[], env: string | undefined, stale: number): ReviewSummary {
  const changes = diff.changes.filter((c) => env === undefined || c.env === env);
  const count = (action: ChangeAction) => changes.filter((c) => c.action === action).length;
  const mine = risks.filter((r) => env === undefined || r.object.startsWith(`${env}/`));
  const acknowledged = mine.filter((r) => r.acknowledged).length;
  return {
    added: count('added'), removed: count('removed'), modified: count('modified'), moved: count('moved'),
    risks: mine.length, acknowledged, unacknowledged: mine.length - acknowledged, stale,
  };
}
