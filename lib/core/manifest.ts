/**
 * Plain Kubernetes objects, as synthesized or as parsed back from YAML. Everything after synth
 * (check, diff, validate, policy, plan, drift) works on these, never on constructs.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** One synthesized object and where it came from. */
export interface SynthesizedObject {
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** App (folder) name inside the environment, e.g. `web` or `argocd`. */
  readonly app: string;
  /** Construct path of the ApiObject that produced it, e.g. `prod/web/web/Deployment`. */
  readonly constructPath: string;
  readonly object: KubeObject;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects): how findings name an object. */
export function objectRef(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const ns = object.metadata?.namespace;
  return ns ? `${object.kind}/${ns}/${object.metadata.name}` : `${object.kind}/${object.metadata?.name}`;
}

/** Gitplane's own annotation and label prefix. */
export const GITPLANE_PREFIX = 'gitplane.dev';
