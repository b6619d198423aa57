import { APPROVALS_FILE, uniqueApprovals } from './approvals';
import { identityKey } from './identity';
import { Review, risksByObject } from './review';
import { shortValue } from './format-values';
import { ObjectChange, Risk } from './types';

/** The review for a terminal: per environment, app and object; colour only when asked (a TTY). */

export interface TextOptions {
  readonly color?: boolean;
}

const SYMBOL: Record<ObjectChange['action'], string> = { added: '+', removed: '-', modified: '~', moved: '>' };
const COLOR: Record<ObjectChange['action'], number> = { added: 32, removed: 31, modified: 33, moved: 36 };

export function formatReviewText(review: Review, options: TextOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const byObject = risksByObject(review);
  const lines: string[] = [`diff ${review.diff.base} -> ${review.diff.head}`];
  let env = '';
  let app = '';
  for (const change of review.diff.changes) {
    if (change.env !== env) {
      env = change.env;
      app = '';
      lines.push('', paint(1, `${env}`));
    }
    if (change.app !== app) {
      app = change.app;
      lines.push(`  ${app || '(environment root)'}`);
    }
    const from = change.action === 'moved' ? ` (from app ${change.fromApp})` : '';
    lines.push(paint(COLOR[change.action], `    ${SYMBOL[change.action]} ${change.action.padEnd(8)} ${describeObject(change)}${from}`));
    for (const field of change.fields) lines.push(`        ${field.path}: ${shortValue(field.before)} -> ${shortValue(field.after)}`);
    for (const risk of byObject.get(identityKey(change)) ?? []) lines.push(paint(risk.acknowledged ? 2 : 31, `        ! ${riskLine(risk)}`));
  }
  if (review.diff.changes.length === 0) lines.push('', 'no changes');
  const open = uniqueApprovals(review.risks.filter((r) => !r.acknowledged));
  if (open.length > 0) {
    lines.push('', `To acknowledge, add to ${APPROVALS_FILE} (with a reason each):`, 'approvals:');
    for (const r of open) lines.push(`  - risk: ${r.id}`, `    object: ${r.object}`, '    reason: <why this is safe>');
  }
  for (const stale of review.staleApprovals) lines.push(`stale approval: ${stale.risk} ${stale.object} matches nothing; remove it`);
  lines.push('', summaryLine(review));
  return `${lines.join('\n')}\n`;
}


export function describeObject(change: ObjectChange): string {
  return `${change.kind}${change.group ? `.${change.group}` : ''} ${change.namespace ? `${change.namespace}/` : ''}${change.name}`;
}

export function riskLine(risk: Risk): string {
  return `[${risk.severity}] ${risk.id}: ${risk.reason}${risk.acknowledged ? ' (acknowledged)' : ''}`;
}

export function summaryLine(review: Review): string {
  const s = review.summary;
  const changes = `${s.added} added, ${s.removed} removed, ${s.modified} modified, ${s.moved} moved`;
  const risks = s.risks === 0 ? 'no risks' : `${s.risks} risk(s), ${s.unacknowledged} unacknowledged`;
  return `${changes}; ${risks}${s.stale > 0 ? `; ${s.stale} stale approval(s)` : ''}`;
}
