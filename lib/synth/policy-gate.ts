import { GitplaneError } from '../core/errors';
import type { ConstructWarning } from '../core/warnings';
import { SynthesizedObject } from '../core/manifest';
import type { PolicyProfile } from '../platform/contracts';
import { groupBy } from '../core/group';
import { checkManifests, findingLine, PolicyReport, report } from '../policy';

/** Synth found policy errors (or warnings under --strict): nothing is written. */
export class PolicyViolationError extends GitplaneError {
  constructor(public readonly report: PolicyReport, strict: boolean) {
    const blocking = report.findings.filter((f) => !f.waived && (f.severity === 'error' || strict));
    // One line per finding (its message says what to change), then one line with the way out.
    super([...blocking.map(findingLine), `policy: ${blocking.length} finding(s) block synth; nothing was written`].join('\n'),
      `fix each finding above, or waive one with Policy.of(construct).waive('<rule id>', '<reason>')`);
  }
}

/**
 * Runs the policy rules and the secret scanner on every synthesized object, each environment with
 * its own profile (`profiles`: environment name -> profile). Throws before anything is written when
 * a finding blocks.
 */
export function enforcePolicy(objects: readonly SynthesizedObject[], profiles: ReadonlyMap<string, PolicyProfile>, strict: boolean): PolicyReport {
  const report = mergeReports([...groupBy(objects, (o) => o.environment)].map(([environment, items]) =>
    checkEnvironment(items, profiles.get(environment) ?? 'restricted')));
  assertPolicyPasses(report, strict);
  return report;
}

/**
 * The policy report of one environment's objects. Cross-object rules (a Service's selector, a
 * bucket's companions, a role shared by two ServiceAccounts) look only within the environment: each
 * environment is applied by its own reconciler, often to its own cluster and AWS account, so an
 * object in another one never satisfies or conflicts with it.
 */
export function checkEnvironment(objects: readonly SynthesizedObject[], profile: PolicyProfile): PolicyReport {
  return checkManifests(objects.map((o) => ({ object: o.object, constructPath: o.constructPath, environment: o.environment })), { profile });
}

/** The reports of several environments as one, findings in the order given. */
export function mergeReports(reports: readonly PolicyReport[]): PolicyReport {
  return report(reports.flatMap((r) => r.findings), reports.reduce((sum, r) => sum + r.checked, 0));
}

/** Throws when a finding blocks synth: an error, or with `strict` a warning (waived ones never). */
export function assertPolicyPasses(report: PolicyReport, strict: boolean): void {
  if (report.hasErrors(strict)) throw new PolicyViolationError(report, strict);
}

/** Unacknowledged construct warnings under `strict`: nothing is written. */
export class StrictWarningsError extends GitplaneError {
  constructor(public readonly warnings: readonly ConstructWarning[]) {
    // The warnings themselves travel with the error; the CLI prints them as warnings before this line.
    super(`${warnings.length} unacknowledged warning(s) with --strict; nothing was written`,
      "fix them or acknowledge each with Warnings.of(construct).acknowledge('<id>', '<reason>')");
  }
}

/**
 * With `strict`, every construct warning must be acknowledged with a reason: the library and the CLI
 * apply the same rule, so a build script calling synthesize({ strict: true }) fails as --strict does.
 */
export function assertAcknowledged(warnings: readonly ConstructWarning[]): void {
  const open = warnings.filter((w) => w.acknowledged === undefined);
  if (open.length > 0) throw new StrictWarningsError(open);
}
