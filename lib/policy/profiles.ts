import { UsageError } from '../core/errors';
import { PolicyItem, PROFILE_NAMES, ProfileName, RuleMetadata } from './rule';

/**
 * Profiles select rules. Each profile includes the previous one:
 * - `baseline`: Pod Security baseline, removed API versions, public cloud access; the floor for any cluster.
 * - `restricted` (default): adds Pod Security restricted, workload hygiene, references and cloud hardening.
 * - `prod`: adds availability (replicas, PodDisruptionBudgets) and deletion protection.
 */
export const DEFAULT_PROFILE: ProfileName = 'restricted';

export const PROFILE_DESCRIPTIONS: Readonly<Record<ProfileName, string>> = {
  baseline: 'Pod Security baseline, removed API versions and public cloud access',
  restricted: 'baseline plus Pod Security restricted, workload hygiene, references and cloud hardening',
  prod: 'restricted plus availability and deletion protection',
};

/** Picks the profile of an item, e.g. by environment. */
export type ProfileSelector = ProfileName | ((item: PolicyItem) => ProfileName);

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Parses a profile name typed by a user (flag or config); `source` names where it came from. */
export function parseProfile(value: string, source = '--profile'): ProfileName {
  if (isProfileName(value)) return value;
  throw new UsageError(
    `${source} ${JSON.stringify(value)} is not a policy profile`,
    `use one of ${PROFILE_NAMES.join(', ')}`,
    source.startsWith('--') ? source : undefined,
  );
}

/** The rules of `rules` that run under `profile`. */
export function rulesForProfile<R extends RuleMetadata>(rules: readonly R[], profile: ProfileName): R[] {
  return rules.filter((rule) => rule.profiles.includes(profile));
}

/**
 * A selector that picks the profile by environment name, e.g. `{ prod: 'prod' }`; items of other
 * environments (or with none) get `fallback`.
 */
export function profileByEnvironment(byEnvironment: Readonly<Record<string, ProfileName>>, fallback: ProfileName = DEFAULT_PROFILE): (item: PolicyItem) => ProfileName {
  return (item) => (item.environment !== undefined ? byEnvironment[item.environment] : undefined) ?? fallback;
}
