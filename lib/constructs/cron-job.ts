import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { show } from '../core/errors';
import { integerProblems } from './workload-defaults';
import { JobProps, JobRestartPolicy, jobSettingsProblems, renderJobSpec } from './job';
import { CRON_JOB_PROPS } from './prop-keys';
import { Workload } from './workload';

/** What the CronJob does when a run is due while the previous one is still running. */
export enum ConcurrencyPolicy {
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the running Job and start the new one. */
  REPLACE = 'Replace',
  /** Run both. */
  ALLOW = 'Allow',
}

export interface CronJobProps extends JobProps {
  /**
   * When to run: five cron fields (`minute hour day-of-month month day-of-week`, e.g. `30 2 * * 1-5`)
   * or one of `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
   */
  readonly schedule: string;
  /**
   * IANA time zone the schedule is read in, e.g. `Europe/Berlin`.
   * @default 'Etc/UTC' - written out, so the schedule never depends on the controller's clock
   */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the previous one still runs.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * Seconds after its scheduled time that a missed run may still start; later, it is skipped.
   * @default - no deadline: a missed run starts as soon as the controller notices it
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Finished Jobs kept for inspection.
   * @default 3 (the Kubernetes default; not written)
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs kept for inspection.
   * @default 1 (the Kubernetes default; not written)
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Stop scheduling new runs (running Jobs are not affected).
   * @default false
   */
  readonly suspend?: boolean;
}

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for values, starting at `min`. */
  readonly names?: readonly string[];
  /** Whether `?` (no specific value) is allowed. */
  readonly question?: boolean;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];

/**
 * Problems with a CronJob schedule, as the Kubernetes controller parses it (robfig/cron standard
 * syntax): five fields of values, names, ranges, lists and steps, or a macro such as `@daily`.
 */
export function cronScheduleProblems(prop: string, schedule: string): string[] {
  if (typeof schedule !== 'string' || schedule.trim() === '') return [`'${prop}' is required, e.g. "0 3 * * *" or "@daily"`];
  if (/^(CRON_)?TZ=/.test(schedule.trim())) {
    return [`'${prop}' (${show(schedule)}) must not set a time zone; use the 'timeZone' prop instead`];
  }
  const trimmed = schedule.trim();
  if (trimmed.startsWith('@')) {
    return MACROS.includes(trimmed) ? [] : [`'${prop}' (${show(schedule)}) is not a known macro (allowed: ${MACROS.join(', ')})`];
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) {
    return [`'${prop}' (${show(schedule)}) has ${parts.length} fields; a schedule has 5 (minute hour day-of-month month day-of-week) or is a macro such as "@daily"`];
  }
  return parts.flatMap((part, i) => fieldProblems(part, FIELDS[i]).map((p) => `'${prop}' (${show(schedule)}): ${p}`));
}

function fieldProblems(text: string, field: CronField): string[] {
  const problems: string[] = [];
  for (const item of text.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0 || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) {
      problems.push(`${field.name} ${show(item)} has an invalid step; write "*/15" or "0-30/5"`);
      continue;
    }
    if (range === '*' || (range === '?' && field.question)) continue;
    const bounds = range.split('-');
    if (bounds.length > 2 || bounds.some((b) => b === '')) {
      problems.push(`${field.name} ${show(item)} is not a value, a range "a-b" or "*"`);
      continue;
    }
    const values = bounds.map((b) => fieldValue(b, field));
    if (values.some((v) => v === undefined)) {
      const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : '';
      problems.push(`${field.name} ${show(item)} is out of range ${field.min}-${field.max}${names}`);
    } else if (values.length === 2 && values[0]! > values[1]!) {
      problems.push(`${field.name} range ${show(range)} runs backwards`);
    }
  }
  return problems;
}

function fieldValue(text: string, field: CronField): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? field.min + index : undefined;
}

/** Problems with an IANA time zone name, checked against the time zones Node knows. */
export function timeZoneProblems(prop: string, timeZone: string): string[] {
  const problem = [`'${prop}' (${show(timeZone)}) is not an IANA time zone such as "Europe/Berlin" or "Etc/UTC"`];
  // Offsets such as "+02:00" are valid for Intl but not for Kubernetes, hence the name check first.
  if (typeof timeZone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return problem;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return [];
  } catch {
    return problem;
  }
}

/**
 * Batch work on a schedule: a CronJob whose Jobs run one container with the same secure defaults
 * as every workload. Overlapping runs are skipped by default, and the schedule is read in UTC
 * unless `timeZone` says otherwise.
 *
 * ```ts
 * new CronJob(app, 'report', { image: app.image('ghcr.io/acme/report'), schedule: '0 6 * * 1-5', timeZone: 'Europe/Berlin' });
 * ```
 */
export class CronJob extends Workload {
  /** The CronJob (construct id `Resource`). */
  public readonly cronJob: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    // 52: the controller names each Job `<name>-<11 characters>`, and Job names are limited to 63.
    super(scope, id, props, { component: 'batch', maxNameLength: 52, propKeys: CRON_JOB_PROPS });
    const problems = this.problems;
    const timeZone = props.timeZone ?? 'Etc/UTC';
    const concurrencyPolicy = props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
    for (const p of cronScheduleProblems('schedule', props.schedule)) problems.add(p);
    for (const p of timeZoneProblems('timeZone', timeZone)) problems.add(p);
    const policies = Object.values(ConcurrencyPolicy) as string[];
    problems.check(policies.includes(concurrencyPolicy), `'concurrencyPolicy' (${show(concurrencyPolicy)}) must be one of ${policies.join(', ')}`);
    // The controller checks every 10 seconds; a shorter deadline can skip runs at random.
    for (const p of integerProblems('startingDeadlineSeconds', props.startingDeadlineSeconds, 10, 2 ** 31 - 1)) problems.add(p);
    for (const p of integerProblems('successfulJobsHistoryLimit', props.successfulJobsHistoryLimit, 0, 100)) problems.add(p);
    for (const p of integerProblems('failedJobsHistoryLimit', props.failedJobsHistoryLimit, 0, 100)) problems.add(p);
    for (const p of jobSettingsProblems(props)) problems.add(p);
    this.throwIfInvalid();

    const template = this.podTemplate({ restartPolicy: props.restartPolicy ?? JobRestartPolicy.NEVER });
    this.cronJob = new k8s.KubeCronJob(this, 'Resource', {
      metadata: this.objectMetadata({ withVersion: true }),
      spec: {
        schedule: props.schedule.trim(),
        timeZone,
        concurrencyPolicy,
        startingDeadlineSeconds: props.startingDeadlineSeconds,
        successfulJobsHistoryLimit: props.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: props.failedJobsHistoryLimit,
        suspend: props.suspend ? true : undefined,
        jobTemplate: {
          // The Jobs the CronJob creates carry the workload's labels too, so `kubectl get jobs -l` finds them.
          metadata: { labels: { ...this.appChart.labels, ...this.labelsWithVersion() } },
          spec: renderJobSpec(props, template),
        },
      },
    });
    this.adoptController(this.cronJob);
  }
}
