import { RenderedObject } from '../cloud-object';
import { RenderContext } from '../context';
import { WorkloadRoleModel } from '../model';
import { ACK_GROUP, ackAnnotations, tagList } from './common';

/**
 * A workload's IAM role as ACK objects (`iam.services.k8s.aws/v1alpha1` Role and Policy, the role
 * attaching the policy with `policyRefs`) and, for EKS Pod Identity, an
 * `eks.services.k8s.aws/v1alpha1` PodIdentityAssociation that references the role with `roleRef`.
 * All live next to the ServiceAccount, named after it.
 */
export function renderAckWorkloadRole(model: WorkloadRoleModel, ctx: RenderContext): RenderedObject[] {
  const annotations = ackAnnotations(ctx);
  const objects: RenderedObject[] = [
    {
      id: 'Role',
      apiVersion: `${ACK_GROUP.iam}/v1alpha1`,
      kind: 'Role',
      name: model.localName,
      clusterScoped: false,
      annotations,
      spec: {
        name: model.roleName,
        description: model.description,
        assumeRolePolicyDocument: model.trustPolicy,
        maxSessionDuration: 3600,
        policyRefs: [{ from: { name: model.localName } }],
        tags: tagList(model.tags),
      },
    },
    {
      id: 'Policy',
      apiVersion: `${ACK_GROUP.iam}/v1alpha1`,
      kind: 'Policy',
      name: model.localName,
      clusterScoped: false,
      annotations,
      spec: {
        name: model.roleName,
        description: model.description,
        policyDocument: model.policy,
        tags: tagList(model.tags),
      },
    },
  ];
  if (model.identity === 'pod-identity') {
    objects.push({
      id: 'PodIdentityAssociation',
      apiVersion: `${ACK_GROUP.eks}/v1alpha1`,
      kind: 'PodIdentityAssociation',
      name: model.localName,
      clusterScoped: false,
      annotations,
      spec: {
        clusterName: model.clusterName,
        namespace: model.namespace,
        serviceAccount: model.serviceAccount,
        roleRef: { from: { name: model.localName } },
        tags: { ...model.tags },
      },
    });
  }
  return objects;
}
