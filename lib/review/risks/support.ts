import { apiGroup, KubeObject } from '../../core/manifest';
import { Json, list, record } from '../../policy/rules/support/paths';
import { podSpecOf } from '../../policy/rules/support/pods';
import { DiffResult, EnvironmentState, FieldChange, ObjectChange, RiskId, RiskSeverity } from '../types';

/** A risk before it is placed on an object and raised for protected environments. */
export interface RawRisk {
  readonly id: RiskId;
  readonly severity: RiskSeverity;
  readonly reason: string;
}

/** Everything a risk rule may look at besides the change itself. */
export interface RiskContext {
  readonly result: DiffResult;
  readonly env: EnvironmentState | undefined;
  /** Other changes of the same environment, by kind. */
  changesOfKind(env: string, kind: string): readonly ObjectChange[];
}

export type RiskRule = (change: ObjectChange, context: RiskContext) => RawRisk[];

/** How reasons name an object: `Deployment prod-api/api` (namespace/name) or `Queue prod-media-jobs`. */
export function describe(change: ObjectChange): string {
  return `${change.kind} ${change.namespace ? `${change.namespace}/` : ''}${change.name}`;
}

/** A cloud resource claim: Crossplane provider-aws (cluster-scoped or namespaced `.m.`) or ACK. */
export function cloudKind(object: KubeObject | undefined): { flavor: 'crossplane' | 'ack'; service: string } | undefined {
  if (!object) return undefined;
  const group = apiGroup(String(object.apiVersion ?? ''));
  const crossplane = /^([a-z0-9]+)\.aws\.(?:m\.)?upbound\.io$/.exec(group);
  if (crossplane) return { flavor: 'crossplane', service: crossplane[1] };
  const ack = /^([a-z0-9]+)\.services\.k8s\.aws$/.exec(group);
  if (ack) return { flavor: 'ack', service: ack[1] };
  return undefined;
}

/** Containers (init and app) of a workload's pod spec, by name. */
export function containersByName(object: KubeObject | undefined): Map<string, Json> {
  const result = new Map<string, Json>();
  const pod = object ? podSpecOf(object) : undefined;
  if (!pod) return result;
  for (const kind of ['initContainers', 'containers']) {
    list(pod.spec[kind]).forEach((value, index) => {
      const c = record(value);
      if (c) result.set(typeof c.name === 'string' ? c.name : `#${index}`, c);
    });
  }
  return result;
}

export function podSpec(object: KubeObject | undefined): Json | undefined {
  return object ? podSpecOf(object)?.spec : undefined;
}

/** Changed fields at `prefix` or below it. */
export function fieldsUnder(change: ObjectChange, prefix: string): FieldChange[] {
  return change.fields.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
}

export function risk(id: RiskId, severity: RiskSeverity, reason: string): RawRisk {
  return { id, severity, reason };
}

export function both(change: ObjectChange): change is ObjectChange & { base: KubeObject; head: KubeObject } {
  return change.base !== undefined && change.head !== undefined;
}

/** JSON for reasons: short, one line. */
export function brief(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
