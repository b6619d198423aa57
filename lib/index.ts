// gitplane's public SDK surface: re-exports only.
export * from './core/errors';
export * from './core/labels';
export { Warnings } from './core/warnings';
export type { ConstructWarning } from './core/warnings';
export type { KubeObject, SynthesizedObject } from './core/manifest';
export * from './platform';
export * from './constructs';
export * from './gitops';
export * from './cloud';
export { Policy } from './policy/waivers';
export { Duration } from 'cdk8s';
export { AdmissionPolicies, type AdmissionPoliciesProps } from './policy/admission-policies';
