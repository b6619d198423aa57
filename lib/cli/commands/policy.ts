import * as fs from 'fs';
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors';
import { KubeObject } from '../../core/manifest';
import type { PolicyItem, PolicyReport } from '../../policy';
import { DEFAULT_PROFILE, parseProfile } from '../../policy/profiles';
import { PROFILE_NAMES } from '../../policy/rule';
import { WAIVERS_ANNOTATION } from '../../policy/waiver-annotation';
import { loadConfig } from '../config';
import { GlobalArgs } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CliIo } from '../io';
import { CommandRunner } from '../runner';

export interface PolicyListArgs extends GlobalArgs {
  readonly json: boolean;
  readonly profile?: string;
}

export interface PolicyCheckArgs extends GlobalArgs {
  readonly paths: readonly string[];
  readonly profile: string;
  readonly strict?: boolean;
  readonly json: boolean;
}

export interface PolicyKyvernoArgs extends GlobalArgs {
  readonly audit: boolean;
}

// Validated with parseProfile rather than yargs `choices`, so a typo gets the one-line message with the fix.
const profileOption = { type: 'string', describe: `Policy profile: ${PROFILE_NAMES.join(', ')}` } as const;

/** `gitplane policy`: list the rules, check YAML files against them, export the Kyverno subset. */
export function policyCommand(run: CommandRunner): CommandModule<object, GlobalArgs> {
  return {
    command: 'policy <command>',
    describe: 'List policy rules, check YAML against them, or export them as Kyverno policies',
    builder: (yargs: Argv) => yargs
      .command(policyListCommand(run))
      .command(policyCheckCommand(run))
      .command(policyKyvernoCommand(run))
      .demandCommand(1, 'name a policy command, e.g. gitplane policy list') as unknown as Argv<GlobalArgs>,
    handler: () => undefined,
  };
}

/** `gitplane policy list`: every rule with its id, severity, title, rationale, fix and mirrors. */
export function policyListCommand(run: CommandRunner): CommandModule<object, PolicyListArgs> {
  return {
    command: 'list',
    describe: 'List the policy rules (including secret rules) with rationale, fix and the controls they mirror',
    builder: (yargs: Argv) => yargs
      .options({
        json: { type: 'boolean', default: false, describe: 'Print the rules as JSON' },
        profile: { ...profileOption, describe: `Only the rules of this profile (${PROFILE_NAMES.join(', ')})` },
      })
      .example('$0 policy list', 'Print every rule')
      .example('$0 policy list --profile baseline --json', 'The baseline rules as JSON') as unknown as Argv<PolicyListArgs>,
    handler: (args) => run(args, (io) => {
      // The rule catalogue is loaded only by the commands that use it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ruleCatalog, rulesForProfile } = require('../../policy') as typeof import('../../policy');
      const catalog = args.profile ? rulesForProfile(ruleCatalog(), parseProfile(args.profile)) : [...ruleCatalog()];
      const rules = catalog.map(({ id, severity, title, rationale, fix, mirrors, profiles }) => ({ id, severity, title, rationale, fix, mirrors, profiles }));
      if (args.json) {
        // Secret rules also list the credential formats they detect, so users can see what is not covered.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { SECRET_RULES } = require('../../policy/secrets') as typeof import('../../policy/secrets');
        const formats = new Map(SECRET_RULES.map((rule) => [rule.id, rule.formats]));
        io.out(JSON.stringify(rules.map((rule) => (formats.has(rule.id) ? { ...rule, formats: formats.get(rule.id) } : rule)), null, 2));
        return ExitCode.OK;
      }
      for (const rule of rules) {
        io.out(`${rule.id.padEnd(11)} ${rule.severity.padEnd(5)} ${rule.title}`);
        io.out(`            why: ${rule.rationale}`);
        io.out(`            fix: ${rule.fix}`);
        io.out(`            mirrors: ${rule.mirrors.length > 0 ? rule.mirrors.join(', ') : '(gitplane only)'}`);
        io.out(`            profiles: ${rule.profiles.join(', ')}`);
      }
      io.out(`${rules.length} rules`);
      return ExitCode.OK;
    }),
  };
}

/** `gitplane policy check PATH...`: the synth-time rules on any YAML, e.g. hand-written Pods. */
export function policyCheckCommand(run: CommandRunner): CommandModule<object, PolicyCheckArgs> {
  return {
    command: 'check <paths..>',
    describe: 'Check YAML files or folders of YAML against the policy rules and the secret scanner',
    builder: (yargs: Argv) => yargs
      .positional('paths', { type: 'string', array: true, describe: 'YAML files or folders (searched recursively)' })
      .options({
        profile: { ...profileOption, default: DEFAULT_PROFILE },
        strict: { type: 'boolean', describe: 'Also fail on warnings [default: package.json "gitplane.strict" or false]' },
        json: { type: 'boolean', default: false, describe: 'Print the report as JSON' },
      })
      .example('$0 policy check dist/prod --profile prod', 'Check the prod tree with the prod profile')
      .example('$0 policy check pod.yaml --strict --json', 'Fail on warnings too; print JSON') as unknown as Argv<PolicyCheckArgs>,
    handler: (args) => run(args, (io) => {
      if (args.paths.some((given) => given.trim() === '')) {
        throw new UsageError('gitplane policy check was given an empty path', 'pass YAML files or folders, e.g. gitplane policy check dist/prod');
      }
      const profile = parseProfile(args.profile);
      const strict = args.strict ?? loadConfig(io.cwd).strict;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { checkManifests, formatJson, formatText } = require('../../policy') as typeof import('../../policy');
      for (const given of args.paths) {
        // A folder synth writes (dist/) may have been left mid-swap: say so rather than "does not exist".
        const absolute = path.resolve(io.cwd, given);
        if (!fs.existsSync(absolute) || fs.statSync(absolute).isDirectory()) checkOutputFolder(io, absolute, given.endsWith('/') ? given : `${given}/`, 'policy check');
      }
      const items = readPaths(io, args.paths);
      const report = checkManifests(items, { profile });
      const failed = report.hasErrors(strict);
      if (args.json) {
        io.out(formatJson(report, { ok: !failed, profile, strict }).trimEnd());
        return failed ? ExitCode.ERROR : ExitCode.OK;
      }
      io.out(formatText(report, { color: io.isTTY, groupBy: 'file' }).trimEnd());
      if (failed) printProblem(io, `error: ${failureLine(report, strict)}`);
      return failed ? ExitCode.ERROR : ExitCode.OK;
    }),
  };
}

/** `gitplane policy kyverno`: the per-object rules as Kyverno ClusterPolicies (YAML on stdout). */
export function policyKyvernoCommand(run: CommandRunner): CommandModule<object, PolicyKyvernoArgs> {
  return {
    command: 'kyverno',
    describe: 'Print the rules Kyverno can enforce as kyverno.io/v1 ClusterPolicies',
    builder: (yargs: Argv) => yargs
      .options({ audit: { type: 'boolean', default: false, describe: 'Audit instead of Enforce (report only)' } })
      .example('$0 policy kyverno > kyverno-policies.yaml', 'Write the policies to a file')
      .example('$0 policy kyverno --audit', 'Policies that only report violations') as unknown as Argv<PolicyKyvernoArgs>,
    handler: (args) => run(args, (io) => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { kyvernoPolicies } = require('../../policy') as typeof import('../../policy');
      const { stringify } = require('yaml') as typeof import('yaml');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const policies = kyvernoPolicies(undefined, args.audit ? { failureAction: 'Audit' } : {});
      io.out(policies.map((policy) => stringify(policy, { lineWidth: 0 })).join('---\n').trimEnd());
      return ExitCode.OK;
    }),
  };
}

/** The one line a failed check ends with: what failed, where, and how to fix it. */
function failureLine(report: PolicyReport, strict: boolean): string {
  const blocking = report.findings.filter((f) => !f.waived && (f.severity === 'error' || strict));
  const files = [...new Set(blocking.map((f) => f.file ?? f.object))];
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
  return `policy check failed: ${blocking.length} finding(s)${strict ? ' (--strict: warnings count)' : ''} in ${shown}. ` +
    `Fix: change each object as its finding says, or waive a rule with a reason in the "${WAIVERS_ANNOTATION}" annotation`;
}

/** Objects of every YAML file named or found under the named folders; files named relative to cwd. */
function readPaths(io: CliIo, paths: readonly string[]): PolicyItem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { labelledDocuments, readManifestPath } = require('../../manifests') as typeof import('../../manifests');
  const items: PolicyItem[] = [];
  for (const given of paths) {
    const absolute = path.resolve(io.cwd, given);
    if (!fs.existsSync(absolute)) {
      throw new UsageError(`path "${given}" does not exist`, 'pass YAML files or folders that contain them');
    }
    // Files are named as the user typed them, relative to the working folder (also in YAML errors).
    const relative = path.relative(io.cwd, absolute).split(path.sep).join('/');
    const label = fs.statSync(absolute).isDirectory() ? (relative ? `${relative}/` : '') : relative;
    for (const { file, object } of labelledDocuments(readManifestPath(absolute, { label, mode: 'lint' }))) {
      if (!isObject(object)) continue;
      items.push({ object, file });
    }
  }
  return items;
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
