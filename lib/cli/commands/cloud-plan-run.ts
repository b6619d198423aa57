import { LocatedObject } from '../../aws/declared';
import { formatPlanJson, formatPlanMarkdown, formatPlanText } from '../../aws/format';
import { CloudPlan } from '../../aws/model';
import { planOutcome } from '../../aws/plan';
import { CloudPlanRunOptions, planObjects } from '../../aws/run';
import { UsageError } from '../../core/errors';
import { ExitCode } from '../exit-codes';
import { CliIo } from '../io';
import { CloudPlanArgs, cloudPlanOptions } from './cloud-plan-options';

/** Validates the filters, plans, prints in the chosen format, and maps the outcome to the exit code. */
export async function runCloudPlan(io: CliIo, args: CloudPlanArgs, objects: readonly LocatedObject[], title: string,
  apps?: readonly string[]): Promise<ExitCode> {
  checkNames('--env', args.env, objects.map((o) => o.env));
  checkNames('--app', apps, objects.map((o) => o.app));
  for (const [flag, value] of [['--concurrency', args.concurrency], ['--timeout', args.timeout], ['--deadline', args.deadline]] as const) {
    if (!Number.isFinite(value) || value <= 0 || (flag === '--concurrency' && !Number.isInteger(value))) {
      throw new UsageError(`${flag} must be a positive ${flag === '--concurrency' ? 'whole number' : 'number of seconds'}, got ${String(value)}`, `pass e.g. ${flag} ${cloudPlanOptions[flag.slice(2) as 'timeout'].default}`, flag);
    }
  }
  const progress = io.isTTY && process.stderr.isTTY;
  const options: CloudPlanRunOptions = {
    envs: args.env,
    apps,
    profiles: profilesOf(args.profile),
    concurrency: args.concurrency,
    callTimeoutMs: args.timeout * 1000,
    totalTimeoutMs: args.deadline * 1000,
    onProgress: progress ? (done, total) => process.stderr.write(`\r${title}: ${done}/${total} resources read`) : undefined,
  };
  const plan = await planObjects(objects, options);
  if (progress) process.stderr.write('\r\x1b[K');
  io.out(render(plan, args.json ? 'json' : args.format ?? 'text', title));
  return exitCodeOf(plan);
}

function render(plan: CloudPlan, format: 'text' | 'markdown' | 'json', title: string): string {
  if (format === 'json') return formatPlanJson(plan);
  if (format === 'markdown') return formatPlanMarkdown(plan, title);
  return formatPlanText(plan, title);
}

export function exitCodeOf(plan: CloudPlan): ExitCode {
  switch (planOutcome(plan)) {
    case 'conflicts': return ExitCode.RISKY;
    case 'partial': return ExitCode.PARTIAL;
    case 'changes': return ExitCode.CHANGES;
    default: return ExitCode.OK;
  }
}

function checkNames(flag: string, given: readonly string[] | undefined, known: readonly string[]): void {
  const names = [...new Set(known)].sort();
  for (const name of given ?? []) {
    if (!names.includes(name)) throw new UsageError(`${flag} ${JSON.stringify(name)} is not defined`, `use one of: ${names.join(', ') || '(none)'}`, flag);
  }
}

function profilesOf(pairs: readonly string[] | undefined): Record<string, string> {
  const profiles: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!match) throw new UsageError(`--profile ${JSON.stringify(pair)} must be ENV=PROFILE`, 'pass e.g. --profile prod=platform-prod-readonly', '--profile');
    profiles[match[1]] = match[2];
  }
  return profiles;
}
