import { apiGroup, KubeObject } from '../../../core/manifest';
import type { RuleContext } from '../../rule';
import { at, Json, list, record } from './paths';

/** Where the pod spec sits in each workload kind, and where its template metadata is. */
const POD_SPEC_PATHS: Record<string, { spec: string[]; meta: string[] }> = {
  Pod: { spec: ['spec'], meta: ['metadata'] },
  PodTemplate: { spec: ['template', 'spec'], meta: ['template', 'metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
};

/** Built-in groups only: a CRD that happens to have a kind named `Deployment` is not a workload. */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

export interface PodSpecAt {
  readonly spec: Json;
  /** JSON path of the pod spec, e.g. `.spec.template.spec`. */
  readonly path: string;
  /** Labels of the pods this object creates. */
  readonly labels: Record<string, string>;
  /** Annotations of the pods this object creates. */
  readonly annotations: Record<string, string>;
  /** JSON path of the pod metadata, e.g. `.spec.template.metadata`. */
  readonly metaPath: string;
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerAt {
  readonly container: Json;
  readonly path: string;
  readonly kind: ContainerKind;
  /** The container name, or `#index` when unnamed. */
  readonly name: string;
}

/** True for the built-in kinds that carry a pod spec. */
export function isWorkload(object: KubeObject): boolean {
  return POD_SPEC_PATHS[object.kind] !== undefined && WORKLOAD_GROUPS.has(apiGroup(object.apiVersion ?? ''));
}

/** The pod spec of a Pod or a workload, or undefined for anything else. */
export function podSpecOf(object: KubeObject): PodSpecAt | undefined {
  if (!isWorkload(object)) return undefined;
  const paths = POD_SPEC_PATHS[object.kind];
  let spec: unknown = object;
  for (const key of paths.spec) spec = record(spec)?.[key];
  let meta: unknown = object;
  for (const key of paths.meta) meta = record(meta)?.[key];
  const specRecord = record(spec);
  if (!specRecord) return undefined;
  return {
    spec: specRecord,
    path: '.' + paths.spec.join('.'),
    labels: stringMap(record(meta)?.labels),
    annotations: stringMap(record(meta)?.annotations),
    metaPath: '.' + paths.meta.join('.'),
  };
}

const podSpecsByContext = new WeakMap<RuleContext, Map<KubeObject, PodSpecAt | undefined>>();

/**
 * `podSpecOf(object)`, worked out once per object and evaluation: every pod rule asks for it, and
 * copying the pod's labels and annotations for each of them was a third of the rules' time. Kept per
 * evaluation context (each evaluation has its own), so an object changed between two evaluations is
 * read afresh. Rules only read the result.
 */
export function podSpecIn(object: KubeObject, context: RuleContext): PodSpecAt | undefined {
  let specs = podSpecsByContext.get(context);
  if (!specs) {
    specs = new Map();
    podSpecsByContext.set(context, specs);
  }
  if (specs.has(object)) return specs.get(object);
  const pod = podSpecOf(object);
  specs.set(object, pod);
  return pod;
}

/** Every container of a pod spec, in the order Kubernetes lists them. */
export function containersOf(pod: PodSpecAt, kinds: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers']): ContainerAt[] {
  const result: ContainerAt[] = [];
  for (const kind of kinds) {
    list(pod.spec[kind]).forEach((value, index) => {
      const container = record(value);
      if (!container) return;
      const name = typeof container.name === 'string' ? container.name : `#${index}`;
      result.push({ container, path: at(at(pod.path, kind), index), kind, name });
    });
  }
  return result;
}

/** How messages name a container: `container "app"` or `init container "migrate"`. */
export function describeContainer(c: ContainerAt): string {
  const prefix = c.kind === 'initContainers' ? 'init container' : c.kind === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${prefix} ${JSON.stringify(c.name)}`;
}

/** A string-to-string map, dropping entries that are not strings. */
export function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const source = record(value);
  if (!source) return result;
  for (const [key, entry] of Object.entries(source)) {
    if (typeof entry === 'string') result[key] = entry;
  }
  return result;
}
