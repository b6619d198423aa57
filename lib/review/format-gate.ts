import { APPROVALS_FILE, uniqueApprovals } from './approvals';
import type { SynthGateResult } from './synth-gate';
import { Risk } from './types';

/**
 * What synth prints about its gate: one line per risk (id, severity, object, reason), then per class
 * the safe path, then the approvals entries that acknowledge the refused risks. Lines, for stderr.
 */

/** `[high] protection-removed prod/Queue.sqs.aws.upbound.io/prod-jobs: <reason>` */
export function gateRiskLine(risk: Risk): string {
  return `[${risk.severity}] ${risk.id} ${risk.object}: ${risk.reason}`;
}

export function formatGateLines(gate: SynthGateResult): string[] {
  const lines: string[] = [];
  for (const risk of gate.warnings) lines.push(`warning risk ${gateRiskLine(risk)}`);
  for (const risk of gate.allowed) lines.push(`allowed risk (--allow-risky) ${gateRiskLine(risk)}`);
  for (const risk of gate.blocking) lines.push(`refused risk ${gateRiskLine(risk)}`);
  if (gate.safePaths.length > 0) lines.push('Safe path, per risk class:');
  for (const path of gate.safePaths) {
    path.steps.forEach((step, i) => lines.push(`  ${path.risk} ${i + 1}. ${step}`));
  }
  if (gate.blocking.length === 0) return lines;
  lines.push(`To accept the risk instead, add to ${APPROVALS_FILE} (with a reason each) and run synth again:`, 'approvals:');
  for (const r of uniqueApprovals(gate.blocking)) lines.push(`  - risk: ${r.id}`, `    object: ${r.object}`, '    reason: <why this is safe>');
  return lines;
}

/** The gate in synth's JSON summary. */
export function gateJson(gate: SynthGateResult): Record<string, unknown> {
  const risk = (r: Risk) => ({ id: r.id, severity: r.severity, object: r.object, reason: r.reason, acknowledged: Boolean(r.acknowledged) });
  return {
    status: gate.status,
    refused: gate.blocking.map(risk),
    allowed: gate.allowed.map(risk),
    warnings: gate.warnings.map(risk),
    acknowledged: gate.acknowledged.map(risk),
    safePaths: gate.safePaths,
  };
}
