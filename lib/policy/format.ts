import { PolicyReport } from './engine';
import { Finding } from './rule';

/** Text and JSON renderings of a policy report. Formatting only: printing belongs to the CLI. */

export interface TextFormatOptions {
  /** ANSI colors; pass true only when writing to a terminal. */
  readonly color: boolean;
  /** Group by construct path (synth) or by file (`policy check`); default: construct path when known. */
  readonly groupBy?: 'construct' | 'file';
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

function paint(color: boolean, code: keyof typeof ANSI, text: string): string {
  return color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
}

function groupKey(finding: Finding, groupBy: TextFormatOptions['groupBy']): string {
  if (groupBy === 'file') return finding.file ?? finding.constructPath ?? finding.object;
  return finding.constructPath ?? finding.file ?? finding.object;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line of counts, e.g. `2 errors, 1 warning, 1 waived (12 objects checked)`. */
export function summaryLine(report: PolicyReport): string {
  const { errors, warnings, waived } = report.counts;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${waived} waived (${plural(report.checked, 'object')} checked)`;
}

/** Findings grouped by construct path or file, in report order, followed by the summary line. */
export function formatText(report: PolicyReport, options: TextFormatOptions): string {
  const { color } = options;
  if (report.findings.length === 0) return `No policy findings (${plural(report.checked, 'object')} checked)\n`;
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = groupKey(finding, options.groupBy);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const lines: string[] = [];
  for (const [key, findings] of groups) {
    const first = findings[0];
    const where = options.groupBy !== 'file' && first.constructPath && first.file ? ` ${paint(color, 'dim', `(${first.file})`)}` : '';
    lines.push(paint(color, 'bold', key) + where);
    for (const finding of findings) {
      const label = finding.waived ? paint(color, 'dim', 'waived') : finding.severity === 'error' ? paint(color, 'red', 'error ') : paint(color, 'yellow', 'warn  ');
      lines.push(`  ${label} ${paint(color, 'bold', finding.ruleId)} ${finding.object} ${paint(color, 'dim', finding.path)}`);
      lines.push(`         ${finding.message}`);
      if (finding.waived) lines.push(`         ${paint(color, 'dim', `waived: ${finding.waived.reason}`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** Stable JSON for machines: counts, number of objects checked, and findings. */
export function formatJson(report: PolicyReport, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, counts: report.counts, checked: report.checked, findings: report.findings }, null, 2) + '\n';
}

/**
 * A finding on one line, as synth reports a blocking one:
 * `[prod/web/web/Resource] PSS-R-001 Deployment/prod-web/web .spec...runAsNonRoot: <message>`.
 */
export function findingLine(finding: Finding): string {
  const where = finding.constructPath ? `[${finding.constructPath}]` : finding.file ? `${finding.file}:` : '';
  return `${where} ${finding.ruleId} ${finding.object} ${finding.path}: ${finding.message}`.trim();
}
