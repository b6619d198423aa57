import { findingLine } from '../policy';
import type { FileDifference } from './compare';
import type { CheckResult } from './check-dist';

const LABEL: Record<FileDifference['status'], string> = {
  missing: 'missing   (synth would create it)',
  stale: 'stale     (synth would remove it)',
  outdated: 'outdated  (synth would rewrite it)',
  edited: 'edited    (differs from synth and from the commit: edited by hand?)',
};

/** The report of `gitplane check` as text: one line per file (with its diff), secret and uncommitted path. */
export function formatCheckReport(result: CheckResult, label: string): string[] {
  const lines: string[] = [];
  for (const d of result.differences) {
    lines.push(`  ${LABEL[d.status]}  ${label}${d.path}`);
    if (d.diff) lines.push(...d.diff.split('\n').map((l) => `      ${l}`));
  }
  for (const finding of result.secrets) lines.push(`  secret    ${findingLine(finding)}`);
  for (const entry of result.uncommitted) lines.push(`  uncommitted  ${entry}`);
  return lines;
}

/** The closing line: up to date, or what is wrong and the fix. */
export function checkSummary(result: CheckResult, label: string, git: boolean): { ok: boolean; line: string } {
  if (result.upToDate) return { ok: true, line: `check: ${label} is up to date (${result.files} files)${git ? ' and committed' : ''}` };
  const parts = [
    result.differences.length > 0 ? `${result.differences.length} file(s) differ from what the stacks produce` : '',
    result.uncommitted.length > 0 ? `${result.uncommitted.length} path(s) are not committed` : '',
    result.secrets.length > 0 ? `${result.secrets.length} possible secret(s) were added by hand (rotate them)` : '',
  ].filter(Boolean).join(' and ');
  return { ok: false, line: `error: ${label} is out of date: ${parts}. Fix: run npm run synth and commit ${label}` };
}
