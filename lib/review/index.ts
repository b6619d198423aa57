/** Review of manifest changes: semantic diff, risk classes, approvals and formatters. */
export type {
  ChangeAction, DiffResult, EnvironmentState, FieldChange, ObjectChange, ObjectIdentity, ReviewDocument, ReviewTree, Risk, RiskId, RiskSeverity,
} from './types';
export { RISK_IDS } from './types';
export { diffTrees, type DiffOptions } from './diff-trees';
export { classifyRisks } from './classify';
export { identityKey } from './identity';
export { protectionOf, type ObjectProtection } from './protection';
export { APPROVALS_FILE, applyApprovals, parseApprovals, type Approval, type ApprovalOutcome } from './approvals';
export { hasUnacknowledgedRisk, reviewDiff, reviewTrees, risksByObject, type Review, type ReviewOptions, type ReviewSummary } from './review';
export { HIDDEN } from './redact';
export { formatReviewText, type TextOptions } from './format-text';
export { formatReviewMarkdown, MARKDOWN_MAX_CHARS, type MarkdownOptions } from './format-markdown';
export { formatReviewJson, type JsonRefs } from './format-json';
export { BLOCKING_SEVERITIES, checkRevisions, gateSynthesis, readCommittedFiles, synthesisTree, type CommittedFiles, type SynthGateOptions, type SynthGateResult } from './synth-gate';
export { safePathsFor, type SafePath } from './safe-paths';
export { formatGateLines, gateJson, gateRiskLine } from './format-gate';
export { changedRevisions, isRelease, missingRevisionRisks, type RepositoryRevisions, type RevisionChange } from './revisions';
