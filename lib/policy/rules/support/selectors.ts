import { KubeObject } from '../../../core/manifest';
import { PolicyItem, RuleContext } from '../../rule';
import { dig, list, record, text } from './paths';
import { podSpecOf, PodSpecAt, stringMap } from './pods';

/**
 * Label selectors, and the relations rules build from them: which Services select which workloads,
 * which PodDisruptionBudgets cover them. Lookups go through per-evaluation indexes keyed by one
 * `label=value` pair, so relating thousands of objects stays close to linear.
 */

export interface LabelSelector {
  readonly matchLabels: Record<string, string>;
  readonly matchExpressions: readonly { key: string; operator: string; values: readonly string[] }[];
}

/** A `metav1.LabelSelector` (`matchLabels` / `matchExpressions`). */
export function labelSelector(value: unknown): LabelSelector | undefined {
  const source = record(value);
  if (!source) return undefined;
  const matchExpressions = list(source.matchExpressions).flatMap((entry) => {
    const expression = record(entry);
    const key = text(expression?.key);
    const operator = text(expression?.operator);
    if (!key || !operator) return [];
    return [{ key, operator, values: list(expression?.values).filter((v): v is string => typeof v === 'string') }];
  });
  return { matchLabels: stringMap(source.matchLabels), matchExpressions };
}

/** A plain map selector (Services, ReplicationControllers) as a LabelSelector. */
export function mapSelector(value: unknown): LabelSelector {
  return { matchLabels: stringMap(value), matchExpressions: [] };
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Kubernetes selector semantics; an empty selector matches everything. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values } of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Whether two objects can see each other by namespace. An object without a namespace takes the one
 * its reconciler assigns, so it is treated as matching any namespace.
 */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  const x = a.metadata?.namespace;
  const y = b.metadata?.namespace;
  return !x || !y || x === y;
}

interface Workload {
  readonly item: PolicyItem;
  readonly pod: PodSpecAt;
}

interface Selecting {
  readonly item: PolicyItem;
  readonly selector: LabelSelector;
}

function pair(key: string, value: string): string {
  return `${key}=${value}`;
}

/** Groups entries under one label pair each; entries without one go under `*` (checked for everyone). */
function indexBy<T>(entries: readonly T[], keyOf: (entry: T) => string | undefined): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const entry of entries) {
    const key = keyOf(entry) ?? '*';
    const bucket = index.get(key) ?? [];
    bucket.push(entry);
    index.set(key, bucket);
  }
  return index;
}

function workloads(context: RuleContext): Map<string, Workload[]> {
  return context.memo('selectors:workloads', () => {
    const entries = context.items.flatMap((item): Workload[] => {
      const pod = podSpecOf(item.object);
      return pod ? [{ item, pod }] : [];
    });
    // A workload is filed under each of its labels, so any selector pair finds it.
    const index = new Map<string, Workload[]>([['*', entries]]);
    for (const entry of entries) {
      for (const [key, value] of Object.entries(entry.pod.labels)) {
        const bucket = index.get(pair(key, value)) ?? [];
        bucket.push(entry);
        index.set(pair(key, value), bucket);
      }
    }
    return index;
  });
}

function selectorIndex(context: RuleContext, key: string, kind: string, group: string, read: (object: KubeObject) => LabelSelector | undefined): Map<string, Selecting[]> {
  return context.memo(`selectors:${key}`, () => {
    const entries = context.ofKind(kind, group).flatMap((item): Selecting[] => {
      const selector = read(item.object);
      return selector && !isEmptySelector(selector) ? [{ item, selector }] : [];
    });
    return indexBy(entries, ({ selector }) => {
      const first = Object.keys(selector.matchLabels).sort()[0];
      return first === undefined ? undefined : pair(first, selector.matchLabels[first]);
    });
  });
}

/** Entries of `index` whose selector matches `labels` in the namespace of `object`. */
function matching(index: Map<string, Selecting[]>, object: KubeObject, labels: Record<string, string>): PolicyItem[] {
  const candidates = [...(index.get('*') ?? []), ...Object.entries(labels).flatMap(([key, value]) => index.get(pair(key, value)) ?? [])];
  return candidates.filter(({ item, selector }) => sameNamespace(item.object, object) && selectorMatches(selector, labels)).map(({ item }) => item);
}

function serviceSelector(object: KubeObject): LabelSelector | undefined {
  if (object.kind !== 'Service' || dig(object, 'spec', 'type') === 'ExternalName') return undefined;
  return mapSelector(dig(object, 'spec', 'selector'));
}

/** The Services (with a selector) that route to the pods of `item`. */
export function servicesSelecting(item: PolicyItem, pod: PodSpecAt, context: RuleContext): PolicyItem[] {
  return matching(selectorIndex(context, 'services', 'Service', '', serviceSelector), item.object, pod.labels);
}

/** The PodDisruptionBudgets whose selector covers `labels` in the namespace of `object`. */
export function budgetsCovering(object: KubeObject, labels: Record<string, string>, context: RuleContext): PolicyItem[] {
  return matching(selectorIndex(context, 'budgets', 'PodDisruptionBudget', 'policy', (o) => labelSelector(dig(o, 'spec', 'selector'))), object, labels);
}

/** The workloads in the namespace of `selecting` whose pods `selector` picks. */
export function workloadsSelectedBy(selecting: PolicyItem, selector: LabelSelector, context: RuleContext): PolicyItem[] {
  const index = workloads(context);
  const first = Object.keys(selector.matchLabels).sort()[0];
  const candidates = first === undefined ? index.get('*') ?? [] : index.get(pair(first, selector.matchLabels[first])) ?? [];
  return candidates
    .filter(({ item, pod }) => sameNamespace(selecting.object, item.object) && selectorMatches(selector, pod.labels))
    .map(({ item }) => item);
}
