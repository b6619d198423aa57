import { APPROVALS_FILE, uniqueApprovals } from './approvals';
import { shortValue } from './format-values';
import { describeObject, summaryLine } from './format-text';
import { identityKey } from './identity';
import { Review, risksByObject } from './review';
import { ObjectChange, Risk } from './types';
import { groupBy } from '../core/group';

/**
 * The review as one pull-request comment: summary table per environment, risky changes first (with
 * the approvals entry that acknowledges each), then per-app details in `<details>` blocks. GitHub
 * rejects comments over 65,536 characters, so the comment stops before `maxChars` and says how many
 * objects it left out.
 */

export const MARKDOWN_MAX_CHARS = 65_000;

export interface MarkdownOptions {
  readonly maxChars?: number;
  /** Shown in the heading, e.g. `1a2b3c4 -> worktree`. */
  readonly title?: string;
}

/** Text inside a table cell or code span: one line, no pipes or backticks breaking the markup. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
}

export function formatReviewMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const byObject = risksByObject(review);
  const head: string[] = [];
  const unack = review.summary.unacknowledged;
  head.push(`## gitplane diff${options.title ? ` \`${cell(options.title)}\`` : ''}`, '');
  head.push(`${unack > 0 ? `:warning: **${unack} unacknowledged risky change(s)**` : review.summary.risks > 0 ? ':white_check_mark: every risk is acknowledged' : ':white_check_mark: no risky changes'}. ${summaryLine(review)}.`, '');
  if (review.environments.length > 0) {
    head.push('| Environment | Added | Removed | Modified | Moved | Risks | Unacknowledged |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const e of review.environments) head.push(`| ${cell(e.name)} | ${e.added} | ${e.removed} | ${e.modified} | ${e.moved} | ${e.risks} | ${e.unacknowledged} |`);
    head.push('');
  }
  const riskRows = review.risks.map((r) => `| ${r.severity} | \`${r.id}\` | \`${cell(r.object)}\` | ${cell(r.reason)} | ${r.acknowledged ? 'yes' : '**no**'} |`);
  const open = review.risks.filter((r) => !r.acknowledged);
  const howTo = open.length === 0 ? [] : [
    '<details><summary>How to acknowledge</summary>', '',
    `Review each risk; if it is intended, add an entry to \`${APPROVALS_FILE}\` in this pull request:`, '',
    '```yaml', 'approvals:',
    ...uniqueApprovals(open).flatMap((r) => [`  - risk: ${r.id}`, `    object: ${r.object}`, '    reason: <why this is safe>']),
    '```', '', '</details>', '',
  ];
  const stale = review.staleApprovals.length === 0 ? [] : [
    '### Stale approvals', '', `These entries of \`${APPROVALS_FILE}\` match no risk of this change; remove them:`, '',
    ...review.staleApprovals.map((a) => `- \`${a.risk}\` \`${cell(a.object)}\``), '',
  ];

  const out: string[] = [...head];
  let used = length(out);
  const budget = (lines: readonly string[]) => used + length(lines) <= max - 400;
  const add = (lines: readonly string[]) => { out.push(...lines); used += length(lines); };
  let risksLeft = 0;
  if (riskRows.length > 0) {
    add(['### Risky changes', '', '| Severity | Risk | Object | Reason | Acknowledged |', '|---|---|---|---|---|']);
    for (const row of riskRows) {
      if (budget([row])) add([row]);
      else risksLeft++;
    }
    add(['']);
    if (budget(howTo)) add(howTo);
  }
  if (budget(stale)) add(stale);

  let objectsLeft = 0;
  const groups = groupByApp(review.diff.changes);
  if (groups.length > 0) add(['### Changes', '']);
  for (const [label, changes] of groups) {
    const opening = [`<details><summary>${cell(label)} (${changes.length} object${changes.length === 1 ? '' : 's'})</summary>`, ''];
    if (!budget(opening)) {
      objectsLeft += changes.length;
      continue;
    }
    add(opening);
    for (const change of changes) {
      const lines = objectLines(change, byObject.get(identityKey(change)) ?? []);
      if (budget(lines)) add(lines);
      else objectsLeft++;
    }
    add(['', '</details>', '']);
  }
  if (objectsLeft > 0 || risksLeft > 0) {
    const parts = [objectsLeft > 0 ? `${objectsLeft} changed object(s)` : '', risksLeft > 0 ? `${risksLeft} risk row(s)` : ''].filter(Boolean).join(' and ');
    out.push(`> **Cut to fit one comment:** ${parts} left out. Run \`gitplane diff\` locally or read the JSON report (\`--format json\`) for everything.`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function objectLines(change: ObjectChange, risks: readonly Risk[]): string[] {
  const from = change.action === 'moved' ? ` (from app ${cell(change.fromApp ?? '')})` : '';
  const lines = [`- **${change.action}** \`${cell(describeObject(change))}\`${from}`];
  for (const f of change.fields) lines.push(`  - \`${cell(f.path)}\`: \`${cell(shortValue(f.before))}\` → \`${cell(shortValue(f.after))}\``);
  for (const r of risks) lines.push(`  - :warning: ${r.severity} \`${r.id}\`: ${cell(r.reason)}${r.acknowledged ? ' (acknowledged)' : ''}`);
  return lines;
}

function groupByApp(changes: readonly ObjectChange[]): [string, ObjectChange[]][] {
  return [...groupBy(changes, (change) => `${change.env} / ${change.app || '(environment root)'}`).entries()];
}

function length(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
