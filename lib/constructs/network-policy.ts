import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { NetworkIsolation } from '../platform/network-isolation';

/** A set of pods allowed in, on some ports (all ports when none are named). */
export interface IngressPeer {
  readonly from: k8s.NetworkPolicyPeer;
  readonly ports?: readonly k8s.NetworkPolicyPort[];
}

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Pods of one namespace (every namespace carries this label since Kubernetes 1.22). */
export function namespacePeer(namespace: string, podLabels?: Record<string, string>): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    podSelector: podLabels ? { matchLabels: podLabels } : undefined,
  };
}

/**
 * The ingress NetworkPolicy of one workload: selects its pods, and admits only the peers added with
 * `allow` plus the environment's `allowFromNamespaces`. Rendered when synthesized, so connections
 * declared after the workload (a consumer added by a later app) are included. No peers at all means
 * no ingress (a queue consumer, a batch job). Egress is left open.
 */
export class WorkloadNetworkPolicy extends Construct {
  private readonly peers: IngressPeer[] = [];

  constructor(scope: Construct, id: string, props: { readonly name: string; readonly labels: Record<string, string>; readonly selector: Record<string, string>; readonly isolation: NetworkIsolation }) {
    super(scope, id);
    for (const namespace of props.isolation.allowFromNamespaces) this.allow({ from: namespacePeer(namespace) });
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, labels: props.labels },
      spec: Lazy.any({
        produce: (): k8s.NetworkPolicySpec => ({
          podSelector: { matchLabels: props.selector },
          policyTypes: ['Ingress'],
          ingress: this.rules(),
        }),
      }),
    });
  }

  /** Admits `peer.from` on `peer.ports`. */
  public allow(peer: IngressPeer): void {
    this.peers.push(peer);
  }

  /** One rule per distinct port set, peers sorted, so the YAML is stable and short. */
  private rules(): k8s.NetworkPolicyIngressRule[] | undefined {
    const byPorts = new Map<string, { ports?: readonly k8s.NetworkPolicyPort[]; from: Map<string, k8s.NetworkPolicyPeer> }>();
    for (const peer of this.peers) {
      const key = JSON.stringify(peer.ports ?? []);
      const group = byPorts.get(key) ?? { ports: peer.ports, from: new Map() };
      group.from.set(JSON.stringify(peer.from), peer.from);
      byPorts.set(key, group);
    }
    const sorted = <T>(map: Map<string, T>) => [...map.keys()].sort().map((k) => map.get(k)!);
    const rules = sorted(byPorts).map((group) => ({ from: sorted(group.from), ports: group.ports ? [...group.ports] : undefined }));
    return rules.length > 0 ? rules : undefined;
  }
}
