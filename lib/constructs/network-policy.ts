import { ApiObject, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { rendered } from '../core/render';
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
 * `allow` plus the environment's `allowFromNamespaces`, the latter on the ports the workload's
 * containers declare and on no other (a NetworkPolicy rule without `ports` would open every port).
 * Rendered when synthesized, so connections declared after the workload (a consumer added by a later
 * app) and ports added later are included. No peers at all means no ingress (a queue consumer, a
 * batch job without ports). Egress is left open.
 */
export class WorkloadNetworkPolicy extends Construct {
  private readonly peers: IngressPeer[] = [];
  private readonly allowFromNamespaces: readonly string[];

  constructor(scope: Construct, id: string, props: { readonly name: string; readonly labels: Record<string, string>; readonly selector: Record<string, string>; readonly isolation: NetworkIsolation }) {
    super(scope, id);
    this.allowFromNamespaces = props.isolation.allowFromNamespaces;
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

  /**
   * The container ports of the workload's pod template (named ports by name, so the rule follows a
   * renumbered port), read from the object that holds the template when the policy is rendered: so
   * they follow an `addJsonPatch` on it too. Synth renders the workload once for both readers.
   */
  private declaredPorts(): k8s.NetworkPolicyPort[] {
    const scope = this.node.scope;
    if (!scope) return [];
    const ports = new Map<string, k8s.NetworkPolicyPort>();
    for (const object of scope.node.findAll()) {
      if (!(object instanceof ApiObject) || object.node.scopes.includes(this)) continue;
      const spec = (rendered(object) as { spec?: PodOwnerSpec }).spec;
      const pod = spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
      for (const container of pod?.containers ?? []) {
        for (const port of container.ports ?? []) {
          const protocol = port.protocol ?? 'TCP';
          const value = port.name ? k8s.IntOrString.fromString(port.name) : k8s.IntOrString.fromNumber(port.containerPort);
          ports.set(`${protocol}/${port.name ?? port.containerPort}`, { port: value, protocol });
        }
      }
    }
    return [...ports.keys()].sort().map((k) => ports.get(k)!);
  }

  /** One rule per distinct port set, peers sorted, so the YAML is stable and short. */
  private rules(): k8s.NetworkPolicyIngressRule[] | undefined {
    const byPorts = new Map<string, { ports?: readonly k8s.NetworkPolicyPort[]; from: Map<string, k8s.NetworkPolicyPeer> }>();
    const declared = this.allowFromNamespaces.length > 0 ? this.declaredPorts() : [];
    const namespacePeers: IngressPeer[] = declared.length > 0
      ? this.allowFromNamespaces.map((namespace) => ({ from: namespacePeer(namespace), ports: declared }))
      : []; // no declared port: nothing to reach, so no rule (an empty port list would open every port)
    for (const peer of [...namespacePeers, ...this.peers]) {
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

/** The part of a pod-owning object's spec that holds container ports (Deployment, Job, CronJob, ...). */
interface PodOwnerSpec {
  readonly template?: { readonly spec?: PodPorts };
  readonly jobTemplate?: { readonly spec?: { readonly template?: { readonly spec?: PodPorts } } };
}

interface PodPorts {
  readonly containers?: readonly { readonly ports?: readonly { readonly containerPort: number; readonly name?: string; readonly protocol?: string }[] }[];
}
