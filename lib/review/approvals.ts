import { parse } from 'yaml';
import { GitplaneError } from '../core/errors';
import { isRecord, list } from '../policy/rules/support/paths';
import { Risk, RISK_IDS, RiskId } from './types';

/**
 * Acknowledgements of risky changes, committed with the change that needs them (default
 * `review/approvals.yaml`):
 *
 *   approvals:
 *     - risk: cloud-replace
 *       object: prod/Queue.sqs.aws.upbound.io/prod-media-render-jobs
 *       reason: queue drained and renamed on purpose
 *
 * An approval covers every risk of its class on its object. Approvals that match nothing are stale and
 * reported so they are removed rather than silently approving a later change.
 */

export const APPROVALS_FILE = 'review/approvals.yaml';

export interface Approval {
  readonly risk: RiskId;
  /** Object identity as `identityKey` prints it. */
  readonly object: string;
  readonly reason: string;
}

export interface ApprovalOutcome {
  /** The risks with `acknowledged` set. */
  readonly risks: readonly Risk[];
  /** Approvals that match no risk of this diff. */
  readonly stale: readonly Approval[];
}

/** Parses an approvals file; every problem is reported at once, naming the file and the entry. */
export function parseApprovals(text: string, file: string): Approval[] {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 10 });
  } catch (error) {
    throw new GitplaneError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'correct the YAML syntax');
  }
  if (document === null || document === undefined) return [];
  if (!isRecord(document) || (document.approvals !== undefined && !Array.isArray(document.approvals))) {
    throw new GitplaneError(`${file} must be a map with an "approvals" list`, `write approvals: [{ risk: <risk id>, object: <env/Kind.group/namespace/name>, reason: <why> }]`);
  }
  const problems: string[] = [];
  const approvals: Approval[] = [];
  list(document.approvals).forEach((entry, i) => {
    const where = `approvals[${i}]`;
    if (!isRecord(entry)) return void problems.push(`${where} is not a map`);
    const risk = entry.risk;
    if (typeof risk !== 'string' || !(RISK_IDS as readonly string[]).includes(risk)) problems.push(`${where}.risk ${JSON.stringify(risk ?? null)} is not one of ${RISK_IDS.join(', ')}`);
    if (typeof entry.object !== 'string' || entry.object.split('/').length < 3) problems.push(`${where}.object must be an object identity like "prod/Deployment.apps/prod-api/api" (as gitplane diff prints it)`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') problems.push(`${where}.reason is missing: say why the risk is accepted`);
    if (problems.length === 0) approvals.push({ risk: risk as RiskId, object: String(entry.object), reason: String(entry.reason).trim() });
  });
  if (problems.length > 0) throw new GitplaneError(`${file}: ${problems.join('; ')}`, 'correct the entries named here');
  return approvals;
}

export function applyApprovals(risks: readonly Risk[], approvals: readonly Approval[]): ApprovalOutcome {
  const key = (id: string, object: string) => `${id}\u0000${object}`;
  const given = new Set(approvals.map((a) => key(a.risk, a.object)));
  const used = new Set<string>();
  const marked = risks.map((r) => {
    const k = key(r.id, r.object);
    if (!given.has(k)) return { ...r, acknowledged: false };
    used.add(k);
    return { ...r, acknowledged: true };
  });
  return { risks: marked, stale: approvals.filter((a) => !used.has(key(a.risk, a.object))) };
}

/** One entry per (risk class, object): an approval covers every risk of its class on its object. */
export function uniqueApprovals(risks: readonly Risk[]): Risk[] {
  const seen = new Set<string>();
  return risks.filter((r) => !seen.has(`${r.id} ${r.object}`) && seen.add(`${r.id} ${r.object}`));
}
