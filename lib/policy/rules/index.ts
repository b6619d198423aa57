import { Rule } from '../rule';
import { apiVersionRules } from './api-versions';
import { availabilityRules } from './availability';
import { cloudFrontRules } from './cloudfront';
import { deletionProtectionRules } from './deletion-protection';
import { iamRules } from './iam';
import { podSecurityRules } from './pod-security';
import { referenceRules } from './references';
import { s3Rules } from './s3';
import { sqsRules } from './sqs';
import { waiverRules } from './waiver-format';
import { workloadRules } from './workload';

/**
 * Every built-in rule, in report order. Ids are stable: a retired rule keeps its id reserved and is
 * never renumbered, because waivers and reviews refer to it.
 */
export const allRules: readonly Rule[] = [
  ...podSecurityRules,
  ...workloadRules,
  ...referenceRules,
  ...apiVersionRules,
  ...availabilityRules,
  ...s3Rules,
  ...cloudFrontRules,
  ...sqsRules,
  ...iamRules,
  ...deletionProtectionRules,
  ...waiverRules,
];

const byId = new Map<string, Rule>();
for (const rule of allRules) {
  if (byId.has(rule.id)) throw new Error(`duplicate policy rule id ${rule.id}`);
  byId.set(rule.id, rule);
}

/** The built-in rule with `id`, if any. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export {
  apiVersionRules, availabilityRules, cloudFrontRules, deletionProtectionRules, iamRules, podSecurityRules, referenceRules, s3Rules, sqsRules,
  waiverRules, workloadRules,
};
