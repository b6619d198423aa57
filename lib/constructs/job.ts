import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { Environment } from '../platform/environment';
import { show } from '../core/errors';
import { integerProblems } from './workload-defaults';
import { JOB_PROPS } from './prop-keys';
import { Workload, WorkloadProps } from './workload';

/** What happens when the container of a Job's pod fails. */
export enum JobRestartPolicy {
  /** A new pod is created for each retry; failed pods (and their logs) stay for inspection. */
  NEVER = 'Never',
  /** The container is restarted in the same pod. */
  ON_FAILURE = 'OnFailure',
}

/** How a Job runs; shared by Job and CronJob. */
export interface JobSettings {
  /**
   * Retries before the Job is marked failed.
   * @default 6 (the Kubernetes default; not written)
   */
  readonly backoffLimit?: number;
  /**
   * Seconds the Job may run, retries included, before it is stopped and marked failed.
   * @default - no limit
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Delete a finished Job (and its pods) after this many seconds. Only for the Jobs a CronJob
   * creates: a `Job` declared in Git is refused with it, because the reconciler would see it missing
   * and create it again, so it would run again after every TTL.
   * @default - finished Jobs are kept
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Restart policy of the pods.
   * @default JobRestartPolicy.NEVER
   */
  readonly restartPolicy?: JobRestartPolicy;
}

export interface JobProps extends WorkloadProps, JobSettings {}

/** Problems with job settings. @internal */
export function jobSettingsProblems(settings: JobSettings): string[] {
  const problems = [
    ...integerProblems('backoffLimit', settings.backoffLimit, 0, 1000),
    ...integerProblems('activeDeadlineSeconds', settings.activeDeadlineSeconds, 1, 2 ** 31 - 1),
    ...integerProblems('ttlSecondsAfterFinished', settings.ttlSecondsAfterFinished, 0, 2 ** 31 - 1),
  ];
  const policies = Object.values(JobRestartPolicy) as string[];
  if (settings.restartPolicy !== undefined && !policies.includes(settings.restartPolicy)) {
    problems.push(`'restartPolicy' (${show(settings.restartPolicy)}) must be one of ${policies.join(', ')}`);
  }
  return problems;
}

/** The Job spec for `settings` around a pod template. @internal */
export function renderJobSpec(settings: JobSettings, template: k8s.PodTemplateSpec): k8s.JobSpec {
  return {
    backoffLimit: settings.backoffLimit,
    activeDeadlineSeconds: settings.activeDeadlineSeconds,
    ttlSecondsAfterFinished: settings.ttlSecondsAfterFinished,
    template,
  };
}

/**
 * A one-off batch Job, such as a data migration. Its pod template is immutable once the Job exists,
 * so change a Job by giving it a new `name` (e.g. with a version suffix).
 *
 * ```ts
 * new Job(app, 'migrate', { image: app.image('ghcr.io/acme/api'), args: ['migrate'], activeDeadlineSeconds: 600 });
 * ```
 */
export class Job extends Workload {
  /** The Job (construct id `Resource`). */
  public readonly job: k8s.KubeJob;

  constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, props, { component: 'batch', propKeys: JOB_PROPS });
    for (const p of jobSettingsProblems(props)) this.problems.add(p);
    // Argo CD's self-heal and Flux's interval re-apply every object in Git that is missing from the
    // cluster; a Job deleted by its TTL is missing, so it would be recreated and run again.
    if (props.ttlSecondsAfterFinished !== undefined) {
      const engine = Environment.of(this).reconciler.kind === 'argocd' ? 'Argo CD (self-heal)' : 'Flux (every interval)';
      this.problems.add(`'ttlSecondsAfterFinished' (${show(props.ttlSecondsAfterFinished)}) deletes the finished Job, which ${engine} then recreates from Git, so it would run again after every TTL: leave it out (a finished Job stays and runs again only under a new name), or use a CronJob for work that repeats`);
    }
    this.throwIfInvalid();

    this.job = new k8s.KubeJob(this, 'Resource', {
      // A Job's pod template is immutable: a new image would fail every sync, so the reconciler is
      // told to replace the Job instead (the new Job runs once, like the first one did).
      metadata: this.objectMetadata({ withVersion: true, annotations: Environment.of(this).reconciler.recreateAnnotations() }),
      // No config hash on the pod template: a Job's template cannot change, so a hash would turn
      // every settings change into a failed sync. New Jobs read the ConfigMap as it is then.
      spec: renderJobSpec(props, this.podTemplate({ restartPolicy: props.restartPolicy ?? JobRestartPolicy.NEVER })),
    });
    this.adoptController(this.job);
  }
}
