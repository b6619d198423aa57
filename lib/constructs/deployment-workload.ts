import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { show } from '../core/errors';
import { integerProblems } from './workload-defaults';
import { PodTemplateOptions, Workload, WorkloadKind, WorkloadProps } from './workload';

/** CPU (and optionally memory) based autoscaling with a HorizontalPodAutoscaler (autoscaling/v2). */
export interface AutoscalingOptions {
  /**
   * Fewest replicas.
   * @default - `replicas`, else app.settings.replicas, else 2
   */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Average CPU use, as a percentage of the CPU request, that the autoscaler aims for.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
  /**
   * Average memory use, as a percentage of the memory request, that the autoscaler aims for.
   * @default - memory is not a scaling signal
   */
  readonly targetMemoryUtilization?: number;
}

const PERCENT = /^(100|[1-9]?[0-9])%$/;

/**
 * How many pods voluntary disruptions (node drains, cluster upgrades) may take down at once:
 * a PodDisruptionBudget.
 */
export class DisruptionBudget {
  /**
   * At most `value` pods (a count, or a percentage such as `'25%'`) may be evicted at a time. Never
   * blocks a drain for good, because one pod can always move.
   */
  public static maxUnavailable(value: number | string): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', value);
  }

  /** At least `value` pods (a count or a percentage) must stay available. Must be lower than the replica count. */
  public static minAvailable(value: number | string): DisruptionBudget {
    return new DisruptionBudget('minAvailable', value);
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget('none', 0);
  }

  private constructor(
    /** @internal */ public readonly _kind: 'maxUnavailable' | 'minAvailable' | 'none',
    /** @internal */ public readonly _value: number | string,
  ) {}

  /**
   * Problems with the budget for a workload with at least `replicas` pods: the ones that would
   * block node drains forever.
   * @internal
   */
  public _problems(replicas: number): string[] {
    const { _kind: kind, _value: value } = this;
    if (kind === 'none') return [];
    const prop = `disruptionBudget.${kind}`;
    if (typeof value === 'string') {
      if (!PERCENT.test(value)) return [`'${prop}' (${show(value)}) must be a whole number or a percentage such as "25%"`];
      if (kind === 'maxUnavailable' && value === '0%') return [`'${prop}' (${show(value)}) would block every node drain; allow at least 1 pod`];
      if (kind === 'minAvailable' && value === '100%') return [`'${prop}' (${show(value)}) would block every node drain; use DisruptionBudget.maxUnavailable(1)`];
      return [];
    }
    const problems = integerProblems(prop, value, 0, 1000);
    if (problems.length > 0) return problems;
    if (kind === 'maxUnavailable' && value === 0) return [`'${prop}' (0) would block every node drain; allow at least 1 pod`];
    if (kind === 'minAvailable' && value >= replicas) {
      return [`'${prop}' (${value}) must be < the replica count (${replicas}), or node drains block for good; use DisruptionBudget.maxUnavailable(1)`];
    }
    return [];
  }

  /** @internal */
  public _render(): Pick<k8s.PodDisruptionBudgetSpec, 'maxUnavailable' | 'minAvailable'> {
    const value = typeof this._value === 'number' ? k8s.IntOrString.fromNumber(this._value) : k8s.IntOrString.fromString(this._value);
    return this._kind === 'maxUnavailable' ? { maxUnavailable: value } : { minAvailable: value };
  }
}

/** Props of workloads run by a Deployment. */
export interface DeploymentWorkloadProps extends WorkloadProps {
  /**
   * Number of pods. With `autoscaling` it is the default minimum instead.
   * @default - app.settings.replicas, else 2
   */
  readonly replicas?: number;
  /**
   * Scale with load. The autoscaler then owns the replica count and the Deployment does not set one.
   * @default - a fixed replica count
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * PodDisruptionBudget.
   * @default - `DisruptionBudget.maxUnavailable(1)` when the workload runs at least 2 replicas; none otherwise
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Spread the pods across zones and nodes (`topologySpreadConstraints`, best effort: a pod is still
   * scheduled when the spread cannot be kept), so one zone or node failure never takes every replica.
   * @default - true when the workload runs at least 2 replicas
   */
  readonly spread?: boolean;
  /**
   * Roll the pods when the data of a Secret they read changes (a rotated password from an
   * ExternalSecret): the Deployment names those Secrets in Stakater Reloader's
   * `secret.reloader.stakater.com/reload` annotation. Needs Reloader in the cluster; with Argo CD,
   * run it with `reloadStrategy: annotations` (see the README). Changes to a secret's definition in
   * Git roll the pods without Reloader, through the pod template's hash.
   * @default false
   */
  readonly rollOnSecretChange?: boolean;
}

/** Replicas when neither the props nor app.settings give a count: two, so one pod can always move. */
const DEFAULT_REPLICAS = 2;

interface ResolvedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
  readonly targetMemoryUtilization?: number;
}

/**
 * The base of WebService and Worker: a Deployment, and optionally a HorizontalPodAutoscaler and a
 * PodDisruptionBudget, all named after the workload and selecting its pods by name labels.
 */
export abstract class DeploymentWorkload extends Workload {
  /** Replica count, or the minimum when autoscaling. */
  public readonly replicas: number;
  private readonly autoscaling?: ResolvedAutoscaling;
  private readonly budget: DisruptionBudget;
  private readonly spread: boolean;
  private deploymentObject?: k8s.KubeDeployment;

  protected constructor(scope: Construct, id: string, props: DeploymentWorkloadProps, kind: WorkloadKind) {
    super(scope, id, props, kind);
    this.rollOnSecretChange = props.rollOnSecretChange ?? false;
    const problems = this.problems;
    const settings = this.appChart.settings;
    const scaling = props.autoscaling;
    if (scaling) {
      if (props.replicas !== undefined && scaling.minReplicas !== undefined) {
        problems.add(`'replicas' (${show(props.replicas)}) has no effect when 'autoscaling.minReplicas' (${show(scaling.minReplicas)}) is set; remove 'replicas'`);
      }
      // `??` stops at the first value given, so app.settings.replicas is only read when it is used.
      const minReplicas = scaling.minReplicas ?? props.replicas ?? settings.replicas ?? DEFAULT_REPLICAS;
      const targetCpuUtilization = scaling.targetCpuUtilization ?? 70;
      for (const p of integerProblems('minReplicas', minReplicas, 1, 1000)) problems.add(p);
      for (const p of integerProblems('maxReplicas', scaling.maxReplicas, 1, 1000)) problems.add(p);
      if (minReplicas > scaling.maxReplicas) problems.add(`'minReplicas' (${show(minReplicas)}) must be <= 'maxReplicas' (${show(scaling.maxReplicas)})`);
      for (const p of integerProblems('targetCpuUtilization', targetCpuUtilization, 1, 1000)) problems.add(p);
      for (const p of integerProblems('targetMemoryUtilization', scaling.targetMemoryUtilization, 1, 1000)) problems.add(p);
      this.autoscaling = { minReplicas, maxReplicas: scaling.maxReplicas, targetCpuUtilization, targetMemoryUtilization: scaling.targetMemoryUtilization };
      this.replicas = minReplicas;
    } else {
      this.replicas = props.replicas ?? settings.replicas ?? DEFAULT_REPLICAS;
      for (const p of integerProblems('replicas', this.replicas, 0, 1000)) problems.add(p);
    }
    // maxUnavailable rather than minAvailable: it never blocks a drain, whatever the replica count.
    this.budget = props.disruptionBudget ?? (this.replicas >= 2 ? DisruptionBudget.maxUnavailable(1) : DisruptionBudget.none());
    this.spread = props.spread ?? this.replicas >= 2;
    for (const p of this.budget._problems(this.replicas)) problems.add(p);
  }

  /** The Deployment (construct id `Resource`); the same object as `resource`. */
  public get deployment(): k8s.KubeDeployment {
    if (!this.deploymentObject) throw new Error(`${this.node.path}: the Deployment is created at the end of the constructor`);
    return this.deploymentObject;
  }

  /** Creates the Deployment, and the autoscaler and disruption budget if any. Call once, after validation. */
  protected createDeployment(template: PodTemplateOptions): void {
    this.deploymentObject = new k8s.KubeDeployment(this, 'Resource', {
      metadata: this.objectMetadata({ withVersion: true }),
      spec: {
        // With an autoscaler, the HPA owns spec.replicas. Writing a count here would make every
        // GitOps sync reset the number the HPA chose; without one, a new Deployment starts at 1
        // and the HPA raises it to minReplicas within seconds.
        replicas: this.autoscaling ? undefined : this.replicas,
        selector: { matchLabels: this.selectorLabels },
        template: this.podTemplate({ ...template, rollOnConfigChange: true, topologySpread: this.spread ? spreadConstraints(this.selectorLabels) : undefined }),
      },
    });
    this.adoptController(this.deploymentObject);

    const scaling = this.autoscaling;
    if (scaling) {
      const metrics: k8s.MetricSpecV2[] = [utilization('cpu', scaling.targetCpuUtilization)];
      if (scaling.targetMemoryUtilization !== undefined) metrics.push(utilization('memory', scaling.targetMemoryUtilization));
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
        metadata: this.objectMetadata(),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
          minReplicas: scaling.minReplicas,
          maxReplicas: scaling.maxReplicas,
          metrics,
        },
      });
    }

    if (this.budget._kind !== 'none') {
      new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: this.objectMetadata(),
        spec: {
          ...this.budget._render(),
          selector: { matchLabels: this.selectorLabels },
          // Pods that are not ready protect nothing; without this, one crash-looping pod blocks
          // every node drain. (Beta and on by default since Kubernetes 1.27.)
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
    }
  }
}

/** Zones first, then nodes; ScheduleAnyway so a small or single-zone cluster still runs every pod. */
function spreadConstraints(selector: Record<string, string>): k8s.TopologySpreadConstraint[] {
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selector },
  }));
}

function utilization(resource: 'cpu' | 'memory', averageUtilization: number): k8s.MetricSpecV2 {
  return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization } } };
}
