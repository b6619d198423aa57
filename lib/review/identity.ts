import { apiGroup, KubeObject } from '../core/manifest';
import { ObjectIdentity } from './types';

/**
 * How an object is named across trees and in approvals: `<env>/<Kind>[.<group>]/[<namespace>/]<name>`,
 * e.g. `prod/Deployment.apps/prod-api/api` or `prod/Queue.sqs.aws.upbound.io/prod-media-render-jobs`.
 * The file path is not part of it, so a file rename is no change and a move between apps is a move.
 */
export function identityKey(id: ObjectIdentity): string {
  const kind = id.group ? `${id.kind}.${id.group}` : id.kind;
  return [id.env, kind, ...(id.namespace ? [id.namespace] : []), id.name].join('/');
}

export function identityOf(env: string, object: KubeObject): ObjectIdentity {
  const namespace = object.metadata?.namespace;
  return {
    env,
    group: apiGroup(String(object.apiVersion ?? '')),
    kind: String(object.kind),
    ...(namespace ? { namespace } : {}),
    name: String(object.metadata?.name),
  };
}
