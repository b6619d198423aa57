import { Annotations } from '../../core/annotations';
import { RenderContext } from '../context';

/** API groups of Upbound's provider-aws family. */
export const UPBOUND_GROUP = {
  s3: 's3.aws.upbound.io',
  cloudfront: 'cloudfront.aws.upbound.io',
  sqs: 'sqs.aws.upbound.io',
} as const;

/** Crossplane's annotation for the name of the real resource (bucket name, distribution id, ...). */
export const EXTERNAL_NAME = Annotations.CROSSPLANE_EXTERNAL_NAME;

/**
 * What Crossplane may do in a protected environment: everything but `Delete`, so deleting the
 * managed resource (or pruning it from Git) orphans the real resource.
 */
export const RETAIN_MANAGEMENT_POLICIES = ['Observe', 'Create', 'Update', 'LateInitialize'] as const;

/**
 * Managed resources are cluster-scoped, so their names carry the app's namespace: the ACK object
 * `prod-web/assets` and the Crossplane object `prod-web-assets` are the same claim. A name that
 * already starts with the namespace (a default queue name `prod-web-jobs`) is not prefixed twice.
 */
export function managedName(ctx: RenderContext, localName: string): string {
  return localName.startsWith(`${ctx.namespace}-`) ? localName : `${ctx.namespace}-${localName}`;
}

/**
 * The spec every managed resource shares. `managementPolicies` is always written out: the Upbound
 * CRDs' CEL rules read it, and a reviewer sees at a glance whether Crossplane may delete. In a
 * protected environment `Delete` is missing and `deletionPolicy: Orphan` covers controllers that
 * run with the management-policies feature off.
 */
export function managedSpec(ctx: RenderContext, forProvider: Record<string, unknown>): Record<string, unknown> {
  return {
    forProvider,
    managementPolicies: ctx.isProtected ? [...RETAIN_MANAGEMENT_POLICIES] : ['*'],
    ...(ctx.isProtected ? { deletionPolicy: 'Orphan' } : {}),
    providerConfigRef: { name: ctx.providerConfigName },
  };
}

/** The external name (when known) plus the GitOps engine's retain annotations (when protected). */
export function managedAnnotations(ctx: RenderContext, externalName?: string): Record<string, string> {
  return {
    ...(externalName ? { [EXTERNAL_NAME]: externalName } : {}),
    ...ctx.retainAnnotations,
  };
}
