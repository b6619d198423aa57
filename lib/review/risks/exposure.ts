import { isDeepStrictEqual } from 'util';
import { KubeObject } from '../../core/manifest';
import { dig, isRecord, list, record } from '../../policy/rules/support/paths';
import { isPublicStatement, parsePolicy } from '../../policy/rules/support/iam';
import { ObjectChange } from '../types';
import { brief, cloudKind, describe, fieldsUnder, RawRisk, risk, RiskContext } from './support';

/**
 * `exposure`: something becomes reachable that was not. An Ingress or a new host is served by the
 * ingress controller as soon as it is applied; a LoadBalancer/NodePort Service opens a port on the
 * cloud load balancer or every node; S3 Block Public Access flags off let a public policy or ACL take
 * effect; a policy statement with a wider principal grants access to more callers; a CDN alias or
 * origin change serves other names or content; removing or widening a NetworkPolicy lets more pods in
 * (pods not selected by any policy accept all traffic).
 */

const EXPOSED_TYPES = new Set(['LoadBalancer', 'NodePort']);

export function exposure(change: ObjectChange, context: RiskContext): RawRisk[] {
  const out: RawRisk[] = [];
  const push = (reason: string) => out.push(risk('exposure', 'medium', `${describe(change)}: ${reason}`));
  const { base, head } = change;
  const core = change.group === '';
  if (change.kind === 'Ingress' && change.group === 'networking.k8s.io' && head) {
    const before = new Set(hostsOf(base));
    const added = hostsOf(head).filter((h) => !before.has(h));
    if (!base) push(`new Ingress serving ${added.length > 0 ? added.map((h) => JSON.stringify(h)).join(', ') : 'every host'}`);
    else if (added.length > 0) push(`new host(s) ${added.map((h) => JSON.stringify(h)).join(', ')} in .spec.rules`);
  }
  if (change.kind === 'HTTPRoute' && change.group === 'gateway.networking.k8s.io' && head) {
    const before = new Set(list(dig(base, 'spec', 'hostnames')).map(String));
    const added = list(dig(head, 'spec', 'hostnames')).map(String).filter((h) => !before.has(h));
    if (!base) push(`new HTTPRoute serving ${added.length > 0 ? added.map((h) => JSON.stringify(h)).join(', ') : 'every hostname of its gateway'}`);
    else if (added.length > 0) push(`new hostname(s) ${added.map((h) => JSON.stringify(h)).join(', ')} in .spec.hostnames`);
  }
  if (core && change.kind === 'Service' && head) {
    const from = dig(base, 'spec', 'type');
    const to = dig(head, 'spec', 'type');
    if (EXPOSED_TYPES.has(String(to)) && from !== to) push(`.spec.type ${brief(from)} -> ${brief(to)} opens the Service outside the cluster`);
    const ips = new Set(list(dig(base, 'spec', 'externalIPs')).map(String));
    const newIps = list(dig(head, 'spec', 'externalIPs')).map(String).filter((ip) => !ips.has(ip));
    if (newIps.length > 0) push(`.spec.externalIPs gains ${newIps.join(', ')}`);
    if (to === 'LoadBalancer' && from === 'LoadBalancer' && list(dig(base, 'spec', 'loadBalancerSourceRanges')).length > 0
      && list(dig(head, 'spec', 'loadBalancerSourceRanges')).length === 0) push('.spec.loadBalancerSourceRanges removed: the load balancer accepts every source');
  }
  if (change.kind === 'NetworkPolicy' && change.group === 'networking.k8s.io') {
    if (change.action === 'removed') push('NetworkPolicy removed: the pods it selected accept traffic from anywhere in the cluster');
    else if (base && head) out.push(...widenedNetworkPolicy(base, head).map((r) => risk('exposure', 'medium', `${describe(change)}: ${r}`)));
  }
  const cloud = cloudKind(head ?? base);
  if (cloud) {
    for (const f of change.fields) {
      if (/publicAccessBlock|\.forProvider\.(block|ignore|restrict)Public/i.test(f.path) && f.before === true && f.after !== true) push(`${f.path} ${brief(f.before)} -> ${brief(f.after)} turns S3 Block Public Access off`);
    }
    if (change.kind === 'BucketPublicAccessBlock' && change.action === 'removed' && !replacedInPlace(change, context)) push('Block Public Access settings removed from the bucket');
    for (const f of [...fieldsUnder(change, '.spec.forProvider.policy'), ...fieldsUnder(change, '.spec.policy'), ...fieldsUnder(change, '.spec.attributes.Policy')]) {
      const widened = publicStatements(f.after) - publicStatements(f.before);
      if (widened > 0) push(`${f.path} grants access to a wildcard principal (${widened} new public statement(s))`);
      else if (principalsWidened(f.before, f.after)) push(`${f.path} allows new principals`);
    }
    if (change.kind === 'Distribution' && change.base) {
      for (const f of change.fields) if (/aliases|origin/i.test(f.path) && !/originAccessControl(Id|ID)?Ref/i.test(f.path)) push(`${f.path} ${brief(f.before)} -> ${brief(f.after)} changes what the CDN serves or under which names`);
    }
  }
  return out;
}

/**
 * A removed companion (a Crossplane BucketPublicAccessBlock) whose settings come back in an added one of
 * the same kind in the same environment: the object was renamed (its bucket moved or got a stable
 * name), the settings stay. Compared without the reference to the bucket, which is renamed with it.
 */
function replacedInPlace(change: ObjectChange, context: RiskContext): boolean {
  const settings = (o: KubeObject | undefined) => {
    const forProvider = { ...(record(dig(o, 'spec', 'forProvider')) ?? {}) };
    delete forProvider.bucketRef;
    delete forProvider.bucket;
    return forProvider;
  };
  const before = settings(change.base);
  return context.changesOfKind(change.env, change.kind).some((c) => c.action === 'added' && cloudKind(c.head)?.flavor === cloudKind(change.base)?.flavor && isDeepStrictEqual(settings(c.head), before));
}

function hostsOf(object: KubeObject | undefined): string[] {
  const rules = list(dig(object, 'spec', 'rules')).map((r) => String(dig(r, 'host') ?? '*'));
  const tls = list(dig(object, 'spec', 'tls')).flatMap((t) => list(dig(t, 'hosts')).map(String));
  return [...new Set([...rules, ...tls])];
}

function publicStatements(policy: unknown): number {
  if (policy === undefined) return 0;
  const parsed = parsePolicy(policy);
  return parsed.ok ? parsed.statements.filter(isPublicStatement).length : 0;
}

/** Principals of the Allow statements, as JSON strings. */
function principals(policy: unknown): Set<string> {
  if (policy === undefined) return new Set();
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return new Set();
  const out = new Set<string>();
  for (const s of parsed.statements) {
    if (s.effect !== 'Allow') continue;
    const p = s.principal;
    if (isRecord(p)) for (const [type, value] of Object.entries(p)) for (const v of Array.isArray(value) ? value : [value]) out.add(`${type}:${String(v)}`);
    else out.add(String(p));
  }
  return out;
}

function principalsWidened(before: unknown, after: unknown): boolean {
  const b = principals(before);
  return [...principals(after)].some((p) => !b.has(p));
}

/** Rules in the head that the base did not have (any new peer or port widens), and lost policy types. */
function widenedNetworkPolicy(base: KubeObject, head: KubeObject): string[] {
  const out: string[] = [];
  if (!isDeepStrictEqual(dig(base, 'spec', 'podSelector'), dig(head, 'spec', 'podSelector'))) out.push('.spec.podSelector changed: other pods lose or gain this policy');
  const beforeTypes = list(dig(base, 'spec', 'policyTypes')).map(String);
  const afterTypes = new Set(list(dig(head, 'spec', 'policyTypes')).map(String));
  for (const t of beforeTypes) if (!afterTypes.has(t)) out.push(`.spec.policyTypes no longer restricts ${t}`);
  for (const direction of ['ingress', 'egress'] as const) {
    const before = list(dig(base, 'spec', direction)).filter(isRecord);
    const widened = list(dig(head, 'spec', direction)).filter(isRecord).filter((rule) => !ruleCovers(before, rule, direction));
    if (widened.length > 0) out.push(`.spec.${direction} gains ${widened.length} wider rule(s) ${brief(widened[0])}`);
  }
  return out;
}

/**
 * The base rules allow at least what `rule` allows when every (peer, port) pair of `rule` is allowed by
 * one of them. A rule without peers allows every source, one without ports every port.
 */
function ruleCovers(base: readonly Record<string, unknown>[], rule: Record<string, unknown>, direction: 'ingress' | 'egress'): boolean {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const peers = list(rule[peerKey]);
  const ports = list(rule.ports).map(portKey);
  const allows = (b: Record<string, unknown>, peer: unknown, port: string | undefined) => {
    const basePeers = list(b[peerKey]);
    const basePorts = list(b.ports).map(portKey);
    const peerOk = basePeers.length === 0 || (peer !== undefined && basePeers.some((p) => isDeepStrictEqual(p, peer)));
    const portOk = basePorts.length === 0 || (port !== undefined && basePorts.includes(port));
    return peerOk && portOk;
  };
  const peerList: unknown[] = peers.length > 0 ? peers : [undefined];
  const portList: (string | undefined)[] = ports.length > 0 ? ports : [undefined];
  return peerList.every((peer) => portList.every((port) => base.some((b) => allows(b, peer, port))));
}

/** A NetworkPolicy port as its number or name; the protocol defaults to TCP and does not widen it. */
function portKey(port: unknown): string {
  return String(dig(port, 'port') ?? '*');
}
