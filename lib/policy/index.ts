/** Policy as code on plain manifests: rules, engine, profiles, waivers, formatting and Kyverno export. */
export type { Finding, KyvernoCheck, PolicyItem, ProfileName, Rule, RuleContext, RuleMetadata, Severity, Violation } from './rule';
export { PROFILE_NAMES } from './rule';
export { evaluate, report, type EvaluateOptions, type PolicyCounts, type PolicyReport } from './engine';
export { allRules, ruleById } from './rules';
export { isKnownRuleId, ruleCatalog } from './catalog';
export { checkManifests, type CheckOptions } from './check';
export {
  DEFAULT_PROFILE, PROFILE_DESCRIPTIONS, isProfileName, parseProfile, profileByEnvironment, rulesForProfile, type ProfileSelector,
} from './profiles';
export { Policy, applyWaivers, waiversOf } from './waivers';
export { WAIVERS_ANNOTATION, parseWaivers, serializeWaivers } from './waiver-annotation';
export { findingLine, formatJson, formatText, summaryLine, type TextFormatOptions } from './format';
export { KYVERNO_API_VERSION, kyvernoExportable, kyvernoPolicies, type KyvernoExportOptions, type KyvernoFailureAction } from './kyverno';
export { EXPOSURE_ANNOTATION } from './rules/workload';
export { EXTERNAL_REFS_ANNOTATION } from './rules/references';
export { ACK_DELETION_POLICY, ARGO_SYNC_OPTIONS, FLUX_PRUNE } from './rules/deletion-protection';
export { AdmissionPolicies, type AdmissionPoliciesProps } from './admission-policies';
