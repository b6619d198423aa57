import { Construct } from 'constructs';
import { DeploymentWorkload, DeploymentWorkloadProps } from './deployment-workload';
import { Probe } from './probe';
import { WORKER_PROPS } from './prop-keys';

export interface WorkerProps extends DeploymentWorkloadProps {
  /**
   * When a pod must be restarted, e.g. `Probe.exec(['/app/healthcheck'])` or
   * `Probe.httpGet('/healthz', { port: 9090 })` (a worker has no named port, so HTTP and TCP
   * probes must give one).
   * @default - none: the pod restarts only when the process exits
   */
  readonly liveness?: Probe;
  /**
   * Holds the liveness probe back until a slow-starting worker is up.
   * @default - none
   */
  readonly startup?: Probe;
}

/**
 * A background process without a Service, such as a queue consumer: a Deployment (2 replicas by
 * default, so a node drain or a crash never stops the work), a PodDisruptionBudget when it runs 2 or
 * more replicas, and optionally a HorizontalPodAutoscaler. Set `replicas: 1` for a consumer that
 * must run alone.
 *
 * ```ts
 * const worker = new Worker(app, 'thumbnailer', { image: app.image('ghcr.io/acme/thumbnailer') });
 * worker.addEnvFromValues({ QUEUE_URL: queue.url });
 * ```
 */
export class Worker extends DeploymentWorkload {
  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, { component: 'worker', propKeys: WORKER_PROPS });
    for (const p of props.liveness?._problems('liveness', undefined) ?? []) this.problems.add(p);
    for (const p of props.startup?._problems('startup', undefined) ?? []) this.problems.add(p);
    this.throwIfInvalid();

    this.createDeployment({ liveness: props.liveness, startup: props.startup });
  }
}
