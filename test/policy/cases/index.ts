import { deletionCases, cloudFrontCases, s3Cases, sqsCases, waiverFormatCases } from './cloud';
import { iamCases } from './iam';
import { podSecurityCases } from './pod-security';
import { RuleCases } from './types';
import { availabilityCases, workloadCases } from './workload';

/** Every rule's fixtures, in rule order. */
export const ALL_CASES: readonly RuleCases[] = [
  ...podSecurityCases, ...workloadCases, ...availabilityCases, ...s3Cases, ...cloudFrontCases, ...sqsCases, ...iamCases, ...deletionCases, ...waiverFormatCases,
];

export type { RuleCases } from './types';
