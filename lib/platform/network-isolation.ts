import { unknownPropProblems } from '../core/props';
import { PER_WORKLOAD_ISOLATION_OPTIONS } from './prop-keys';
import { ProblemList } from '../core/errors';
import { dnsLabelProblems } from '../core/names';

export interface PerWorkloadIsolationOptions {
  /**
   * Namespaces of the ingress controllers that forward traffic to services with an Ingress.
   * @default ['ingress-nginx']
   */
  readonly ingressControllerNamespaces?: string[];
  /**
   * Namespaces allowed to reach every workload, e.g. the metrics scraper's: on the ports the
   * workload's containers declare, never on any other port. A workload without ports admits nothing
   * from them.
   * @default - none
   */
  readonly allowFromNamespaces?: string[];
}

/**
 * Which pods may reach a workload. With `perWorkload()`, every workload gets a NetworkPolicy that
 * denies ingress except from the workloads that `connectTo` it, from the ingress controllers when it
 * has an Ingress, and from the namespaces named in `allowFromNamespaces`. Egress is not restricted.
 */
export class NetworkIsolation {
  /** No NetworkPolicies: any pod in the cluster can reach any workload. */
  public static none(): NetworkIsolation {
    return new NetworkIsolation(false, [], []);
  }

  /** A NetworkPolicy per workload, derived from the connections the stacks declare. */
  public static perWorkload(options: PerWorkloadIsolationOptions = {}): NetworkIsolation {
    const ingress = options.ingressControllerNamespaces ?? ['ingress-nginx'];
    const allow = options.allowFromNamespaces ?? [];
    const problems = new ProblemList();
    for (const p of unknownPropProblems(PER_WORKLOAD_ISOLATION_OPTIONS, options)) problems.add(p);
    ingress.forEach((ns, i) => { for (const p of dnsLabelProblems(`ingressControllerNamespaces[${i}]`, ns)) problems.add(p); });
    allow.forEach((ns, i) => { for (const p of dnsLabelProblems(`allowFromNamespaces[${i}]`, ns)) problems.add(p); });
    problems.throwIfAny('NetworkIsolation.perWorkload', 'pass namespace names such as "ingress-nginx" or "monitoring"');
    return new NetworkIsolation(true, ingress, allow);
  }

  private constructor(
    /** True when workloads get NetworkPolicies. */
    public readonly enabled: boolean,
    public readonly ingressControllerNamespaces: readonly string[],
    public readonly allowFromNamespaces: readonly string[],
  ) {}
}
