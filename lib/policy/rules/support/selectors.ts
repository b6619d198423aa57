import { KubeObject } from '../../../core/manifest';
import { PolicyItem, RuleContext } from '../../rule';
import { dig, list, record, text } from './paths';
import { podSpecIn, PodSpecAt, stringMap } from './pods';

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
  /** Input order, so lookups that merge buckets keep it. */
  readonly position: number;
}

interface Selecting {
  readonly item: PolicyItem;
  readonly selector: LabelSelector;
  readonly position: number;
}

function pair(key: string, value: string): string {
  return `${key}=${value}`;
}

/**
 * The entries filed under one key, also split by namespace ('' for objects without one), so a lookup
 * from a namespaced object visits only its namespace: the same labels in a thousand namespaces stay linear.
 */
interface Bucket<T> {
  readonly all: T[];
  readonly byNamespace: Map<string, T[]>;
}

function file<T extends { item: PolicyItem }>(index: Map<string, Bucket<T>>, key: string, entry: T): void {
  let bucket = index.get(key);
  if (!bucket) index.set(key, bucket = { all: [], byNamespace: new Map() });
  bucket.all.push(entry);
  const namespace = entry.item.object.metadata?.namespace || '';
  const scoped = bucket.byNamespace.get(namespace);
  if (scoped) scoped.push(entry);
  else bucket.byNamespace.set(namespace, [entry]);
}

/** The entries of `bucket` that sameNamespace() can accept for an object in `namespace`, in input order. */
function inScope<T extends { position: number }>(bucket: Bucket<T> | undefined, namespace: string | undefined): T[] {
  if (!bucket) return [];
  if (!namespace) return bucket.all;
  const own = bucket.byNamespace.get(namespace) ?? [];
  const unscoped = bucket.byNamespace.get('') ?? [];
  if (unscoped.length === 0) return own;
  if (own.length === 0) return unscoped;
  return [...own, ...unscoped].sort((a, b) => a.position - b.position);
}

/** Groups entries under one label pair each; entries without one go under `*` (checked for everyone). */
function indexBy<T extends { item: PolicyItem }>(entries: readonly T[], keyOf: (entry: T) => string | undefined): Map<string, Bucket<T>> {
  const index = new Map<string, Bucket<T>>();
  for (const entry of entries) file(index, keyOf(entry) ?? '*', entry);
  return index;
}

function workloads(context: RuleContext): Map<string, Bucket<Workload>> {
  return context.memo('selectors:workloads', () => {
    const entries = context.items.flatMap((item, position): Workload[] => {
      const pod = podSpecIn(item.object, context);
      return pod ? [{ item, pod, position }] : [];
    });
    // A workload is filed under each of its labels, so any selector pair finds it.
    const index = new Map<string, Bucket<Workload>>();
    for (const entry of entries) file(index, '*', entry);
    for (const entry of entries) {
      for (const [key, value] of Object.entries(entry.pod.labels)) file(index, pair(key, value), entry);
    }
    return index;
  });
}

function selectorIndex(context: RuleContext, key: string, kind: string, group: string, read: (object: KubeObject) => LabelSelector | undefined): Map<string, Bucket<Selecting>> {
  return context.memo(`selectors:${key}`, () => {
    const entries = context.ofKind(kind, group).flatMap((item, position): Selecting[] => {
      const selector = read(item.object);
      return selector && !isEmptySelector(selector) ? [{ item, selector, position }] : [];
    });
    return indexBy(entries, ({ selector }) => {
      const first = Object.keys(selector.matchLabels).sort()[0];
      return first === undefined ? undefined : pair(first, selector.matchLabels[first]);
    });
  });
}

/** Entries of `index` whose selector matches `labels` in the namespace of `object`. */
function matching(index: Map<string, Bucket<Selecting>>, object: KubeObject, labels: Record<string, string>): PolicyItem[] {
  const namespace = object.metadata?.namespace;
  const candidates = [...inScope(index.get('*'), namespace), ...Object.entries(labels).flatMap(([key, value]) => inScope(index.get(pair(key, value)), namespace))];
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
  const candidates = inScope(first === undefined ? index.get('*') : index.get(pair(first, selector.matchLabels[first])), selecting.object.metadata?.namespace);
  return candidates
    .filter(({ item, pod }) => sameNamespace(selecting.object, item.object) && selectorMatches(selector, pod.labels))
    .map(({ item }) => item);
}
