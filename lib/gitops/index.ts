export * from './argocd/argocd-reconciler';
export * from './argocd/types';
export { PodSecurityLevel } from './common';
export * from './flux/flux-reconciler';
export * from './flux/types';
export * from './reconciler';
