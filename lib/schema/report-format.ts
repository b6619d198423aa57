/** Text for a validation report: one line per problem, notes on unchecked CEL rules, one summary line. */
import type { ValidationReport } from './validator';

/** `file: Kind/ns/name: .json.path: message` for every finding. */
export function formatFindings(report: ValidationReport): string[] {
  return report.findings.map((f) => `${f.file ? `${f.file}: ` : ''}${f.object}: ${f.path}: ${f.message}`);
}

/** One note per CEL rule that applied but could not be checked offline. */
export function formatCelNotes(report: ValidationReport): string[] {
  return report.cel.skipped.map(
    (s) => `note: CEL rule not checked (${s.reason}), ${s.count} time${s.count === 1 ? '' : 's'}: ${s.rule}`,
  );
}

export function formatSummary(report: ValidationReport): string {
  const kinds = Object.keys(report.byKind).length;
  const problems = report.findings.length;
  const head = `${plural(report.objectsChecked, 'object')} of ${plural(kinds, 'kind')} checked`;
  const result =
    problems === 0
      ? 'no problems'
      : `${plural(problems, 'problem')} in ${plural(report.objectsWithProblems, 'object')}`;
  const skipped = report.cel.skipped.length;
  const cel = `${plural(report.cel.evaluated, 'CEL rule check')}${skipped > 0 ? `, ${plural(skipped, 'CEL rule')} not checked offline` : ''}`;
  return `${head}: ${result}, ${plural(report.unknownKinds.length, 'unknown kind')}; ${cel}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
