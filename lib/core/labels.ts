import { GITPLANE_PREFIX } from './manifest';

/** The recommended Kubernetes labels gitplane sets. Selectors only ever use NAME and INSTANCE. */
export const Labels = {
  NAME: 'app.kubernetes.io/name',
  INSTANCE: 'app.kubernetes.io/instance',
  COMPONENT: 'app.kubernetes.io/component',
  PART_OF: 'app.kubernetes.io/part-of',
  MANAGED_BY: 'app.kubernetes.io/managed-by',
  VERSION: 'app.kubernetes.io/version',
  ENVIRONMENT: `${GITPLANE_PREFIX}/environment`,
  APP: `${GITPLANE_PREFIX}/app`,
} as const;

/**
 * The immutable selector of a workload. It is derived from names the user chose (workload and
 * environment), never from the construct path, so refactoring the TypeScript tree cannot change
 * `spec.selector`, which Kubernetes forbids changing on a live Deployment.
 */
export function selectorLabels(workloadName: string, environment: string): Record<string, string> {
  return {
    [Labels.NAME]: workloadName,
    [Labels.INSTANCE]: `${workloadName}-${environment}`,
  };
}
