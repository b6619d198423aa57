import type { SkippedCelRule } from './cel-rules';
import type { SchemaFinding, ValidationReport } from './validator';

/**
 * One report for a set from the reports of its parts, in order: the report `validateAll` gives for the
 * whole set (counts summed, kinds and skipped CEL rules in order of first appearance).
 */
export function mergeReports(reports: readonly ValidationReport[]): ValidationReport {
  const findings: SchemaFinding[] = [];
  const byKind: Record<string, number> = {};
  const unknownKinds = new Set<string>();
  const skipped = new Map<string, SkippedCelRule>();
  let objectsChecked = 0;
  let objectsWithProblems = 0;
  let evaluated = 0;
  for (const report of reports) {
    findings.push(...report.findings);
    objectsChecked += report.objectsChecked;
    objectsWithProblems += report.objectsWithProblems;
    for (const [kind, count] of Object.entries(report.byKind)) byKind[kind] = (byKind[kind] ?? 0) + count;
    for (const kind of report.unknownKinds) unknownKinds.add(kind);
    evaluated += report.cel.evaluated;
    for (const rule of report.cel.skipped) {
      const seen = skipped.get(rule.rule);
      if (seen) seen.count += rule.count;
      else skipped.set(rule.rule, { ...rule });
    }
  }
  return {
    findings,
    objectsChecked,
    objectsWithProblems,
    byKind,
    unknownKinds: [...unknownKinds].sort(),
    cel: { evaluated, skipped: [...skipped.values()] },
  };
}
