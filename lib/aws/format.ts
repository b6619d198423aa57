import { CloudPlan, FieldChange, PlanAction, ResourcePlan } from './model';
import { groupBy } from '../core/group';

const SYMBOL: Record<PlanAction, string> = { create: '+', update: '~', 'no-change': '=', conflict: '!', unknown: '?' };
const WORD: Record<PlanAction, string> = { create: 'create', update: 'update', 'no-change': 'no change', conflict: 'conflict', unknown: 'unknown' };

/** One line per value, short enough to read: JSON on one line, cut after 160 characters. */
function show(value: unknown): string {
  const text = value === undefined ? 'unset' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * What differs, as briefly as possible: for lists the items only one side has, for objects the keys
 * that differ, else both values.
 */
export function fieldLines(change: FieldChange): string[] {
  if (change.status === 'unknown') return [`? ${change.field}: ${change.reason ?? 'could not be read'}`];
  const { declared, live, field } = change;
  if (Array.isArray(declared) && Array.isArray(live)) {
    const key = (v: unknown) => JSON.stringify(v);
    const extra = live.filter((l) => !declared.some((d) => key(d) === key(l)));
    const missing = declared.filter((d) => !live.some((l) => key(l) === key(d)));
    if (extra.length === 0 && missing.length === 0) return [`${field}: same items in another order`];
    return [
      ...extra.map((item) => `${field}: live only ${show(item)}`),
      ...missing.map((item) => `${field}: declared only ${show(item)}`),
    ];
  }
  if (isObject(declared) && isObject(live)) {
    const keys = [...new Set([...Object.keys(declared), ...Object.keys(live)])].sort();
    return keys.filter((k) => JSON.stringify(declared[k]) !== JSON.stringify(live[k]))
      .map((k) => `${field}.${k}: declared ${show(declared[k])}, live ${show(live[k])}`);
  }
  return [`${field}: declared ${show(declared)}, live ${show(live)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notes(r: ResourcePlan): string[] {
  const lines: string[] = [];
  if (r.reason) lines.push(`${r.action === 'conflict' ? 'conflict' : 'why'}: ${r.reason}`);
  if (r.liveId && r.action !== 'conflict') lines.push(`live id: ${r.liveId} (write it into the stacks: ${r.kind === 'Distribution' ? 'distributionId' : 'originAccessControlId'})`);
  if (r.observeOnly) lines.push('observe-only: the controller adopts it and writes nothing');
  if (r.removal === 'orphan') lines.push('on removal from Git: orphaned (the AWS resource is kept)');
  return lines;
}

function summaryLine(plan: CloudPlan): string {
  const s = plan.summary;
  return `${s.create} to create, ${s.update} to update, ${s['no-change']} unchanged, ${s.conflict} conflict(s), ${s.unknown} unknown`;
}

function groups(plan: CloudPlan): Map<string, ResourcePlan[]> {
  return groupBy(plan.resources, (r) => `${r.env}/${r.app}`);
}

/** The plan for a terminal or a CI log. */
export function formatPlanText(plan: CloudPlan, title: string): string {
  const lines = [`${title}: ${plan.resources.length} cloud resource(s), read-only`];
  for (const [group, resources] of groups(plan)) {
    lines.push('', group);
    for (const r of resources) {
      lines.push(`  ${SYMBOL[r.action]} ${r.kind} ${r.physicalName}  ${WORD[r.action]}  (${r.objectRef})`);
      for (const f of r.fields) for (const line of fieldLines(f)) lines.push(`      ${line}`);
      for (const n of notes(r)) lines.push(`      ${n}`);
    }
  }
  lines.push('', summaryLine(plan));
  return lines.join('\n');
}

/** The plan as a Markdown comment (a pull request or a drift issue). */
export function formatPlanMarkdown(plan: CloudPlan, title: string): string {
  const lines = [`### ${title}`, '', summaryLine(plan), '', '| | environment/app | kind | name | result |', '| --- | --- | --- | --- | --- |'];
  for (const r of plan.resources) {
    lines.push(`| \`${SYMBOL[r.action]}\` | ${r.env}/${r.app} | ${r.kind} | \`${r.physicalName}\` | ${WORD[r.action]} |`);
  }
  const detailed = plan.resources.filter((r) => r.fields.length > 0 || r.reason || r.liveId);
  for (const r of detailed) {
    lines.push('', `<details><summary><code>${SYMBOL[r.action]}</code> ${r.env}/${r.app} ${r.kind} <code>${r.physicalName}</code></summary>`, '');
    for (const f of r.fields) for (const line of fieldLines(f)) lines.push(`- ${line}`);
    for (const n of notes(r)) lines.push(`- ${n}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

/** The plan for machines: `version` 1, one entry per resource. */
export function formatPlanJson(plan: CloudPlan): string {
  return JSON.stringify({
    version: 1,
    summary: plan.summary,
    resources: plan.resources.map((r) => ({
      env: r.env,
      app: r.app,
      kind: r.kind,
      flavor: r.flavor,
      object: r.objectRef,
      physicalName: r.physicalName,
      action: r.action,
      fields: r.fields,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.liveId ? { liveId: r.liveId } : {}),
      removal: r.removal,
      observeOnly: r.observeOnly,
    })),
  }, null, 2);
}
