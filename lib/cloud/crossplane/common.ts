import { Annotations } from '../../core/annotations';
import type { RenderContext } from '../context';

/** The provider-aws services gitplane renders. */
export type UpboundService = 's3' | 'cloudfront' | 'sqs' | 'iam' | 'eks';

/**
 * API groups of the legacy cluster-scoped provider-aws kinds gitplane emits, per service. The
 * namespaced ones are the same with `.m.` (`s3.aws.m.upbound.io`) and need no cluster-wide permit.
 */
export const UPBOUND_GROUP: Readonly<Record<UpboundService, string>> = {
  s3: 's3.aws.upbound.io',
  cloudfront: 'cloudfront.aws.upbound.io',
  sqs: 'sqs.aws.upbound.io',
  iam: 'iam.aws.upbound.io',
  eks: 'eks.aws.upbound.io',
};

/** Crossplane's annotation for the name of the real resource (bucket name, distribution id, ...). */
export const EXTERNAL_NAME = Annotations.CROSSPLANE_EXTERNAL_NAME;

/**
 * What Crossplane may do in a protected environment: everything but `Delete`, so deleting the
 * managed resource (or pruning it from Git) orphans the real resource.
 */
export const RETAIN_MANAGEMENT_POLICIES = ['Observe', 'Create', 'Update', 'LateInitialize'] as const;

/**
 * `apiVersion` and scope of a provider-aws kind. Namespaced managed resources (provider-upjet-aws v2)
 * live in `<service>.aws.m.upbound.io` and serve only v1beta1; the legacy cluster-scoped ones live in
 * `<service>.aws.upbound.io` at the CRD's storage version, passed as `clusterVersion`.
 */
export function upboundType(ctx: RenderContext, service: UpboundService, clusterVersion: 'v1beta1' | 'v1beta2'): { apiVersion: string; clusterScoped: boolean } {
  return ctx.crossplaneScope === 'namespaced'
    ? { apiVersion: `${service}.aws.m.upbound.io/v1beta1`, clusterScoped: false }
    : { apiVersion: `${UPBOUND_GROUP[service]}/${clusterVersion}`, clusterScoped: true };
}

/**
 * The object name of a managed resource. Namespaced: the local name, in the app's namespace (it moves
 * with the namespace). Cluster-scoped: the environment plus the local name, which is the physical name
 * or a stable id, never the app or namespace, so moving an app or changing the namespace scheme does
 * not rename the object (a renamed object would be pruned, deleting the resource). A local name that
 * already starts with the environment (a default queue name `prod-web-jobs`) is not prefixed twice.
 */
export function managedName(ctx: RenderContext, localName: string): string {
  if (ctx.crossplaneScope === 'namespaced') return localName;
  return localName.startsWith(`${ctx.envName}-`) ? localName : `${ctx.envName}-${localName}`;
}

/**
 * The spec every managed resource shares. `managementPolicies` is always written out: the Upbound
 * CRDs' CEL rules read it, and a reviewer sees at a glance whether Crossplane may delete. In a
 * protected environment `Delete` is missing. Cluster-scoped resources also get `deletionPolicy:
 * Orphan` for controllers that run with the management-policies feature off; namespaced ones have
 * no such field (Crossplane v2 removed it), so there management policies alone protect.
 * Namespaced resources name their provider config with `kind` (`ClusterProviderConfig` or a
 * `ProviderConfig` in the same namespace).
 */
export function managedSpec(ctx: RenderContext, forProvider: Record<string, unknown>): Record<string, unknown> {
  const namespaced = ctx.crossplaneScope === 'namespaced';
  return {
    forProvider,
    managementPolicies: ctx.isProtected ? [...RETAIN_MANAGEMENT_POLICIES] : ['*'],
    ...(ctx.isProtected && !namespaced ? { deletionPolicy: 'Orphan' } : {}),
    providerConfigRef: namespaced ? { kind: ctx.providerConfigKind, name: ctx.providerConfigName } : { name: ctx.providerConfigName },
  };
}

/** The external name (when known) plus the GitOps engine's retain annotations (when protected). */
export function managedAnnotations(ctx: RenderContext, externalName?: string): Record<string, string> {
  return {
    ...(externalName ? { [EXTERNAL_NAME]: externalName } : {}),
    ...ctx.retainAnnotations,
  };
}
