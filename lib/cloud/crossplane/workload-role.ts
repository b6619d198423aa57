import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { WorkloadRoleModel } from '../model';
import { managedAnnotations, managedSpec, upboundType } from './common';

/**
 * A workload's IAM role as provider-aws managed resources (v1beta1 in both scopes): `Role`, `Policy`,
 * the `RolePolicyAttachment` that references both, and, for EKS Pod Identity, the
 * `PodIdentityAssociation` that references the role. External names follow provider-upjet-aws
 * `config/externalname.go`: `aws_iam_role` is `NameAsIdentifier` and `aws_iam_policy` `iamPolicy()`
 * (the policy name), so both carry their IAM name; the attachment and the association are
 * `IdentifierFromProvider` and get theirs from the provider. IAM is global: only the association
 * has a region. Namespaced objects sit next to the ServiceAccount, named after it; cluster-scoped
 * ones carry the role name, which includes the namespace.
 */
export function renderCrossplaneWorkloadRole(model: WorkloadRoleModel, ctx: RenderContext): RenderedObject[] {
  const name = ctx.crossplaneScope === 'namespaced' ? model.localName : model.roleName.toLowerCase();
  const objects: RenderedObject[] = [
    {
      id: 'Role',
      ...upboundType(ctx, 'iam', 'v1beta1'),
      kind: 'Role',
      name,
      annotations: managedAnnotations(ctx, model.roleName),
      spec: managedSpec(ctx, {
        assumeRolePolicy: model.trustPolicy,
        description: model.description,
        maxSessionDuration: 3600,
        tags: { ...model.tags },
      }),
    },
    {
      id: 'Policy',
      ...upboundType(ctx, 'iam', 'v1beta1'),
      kind: 'Policy',
      name,
      annotations: managedAnnotations(ctx, model.roleName),
      spec: managedSpec(ctx, { policy: model.policy, description: model.description, tags: { ...model.tags } }),
    },
    {
      id: 'RolePolicyAttachment',
      ...upboundType(ctx, 'iam', 'v1beta1'),
      kind: 'RolePolicyAttachment',
      name,
      annotations: managedAnnotations(ctx),
      spec: managedSpec(ctx, { roleRef: { name }, policyArnRef: { name } }),
    },
  ];
  if (model.identity === 'pod-identity') {
    objects.push({
      id: 'PodIdentityAssociation',
      ...upboundType(ctx, 'eks', 'v1beta1'),
      kind: 'PodIdentityAssociation',
      name,
      annotations: managedAnnotations(ctx),
      spec: managedSpec(ctx, {
        region: ctx.region,
        clusterName: model.clusterName,
        namespace: model.namespace,
        serviceAccount: model.serviceAccount,
        roleArnRef: { name },
        tags: { ...model.tags },
      }),
    });
  }
  return objects;
}
