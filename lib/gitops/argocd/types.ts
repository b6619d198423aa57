/**
 * The parts of Argo CD's `argoproj.io/v1alpha1` kinds gitplane writes (the served and storage
 * version in the upstream CRDs). Field names follow the CRDs exactly; only what is set is typed.
 */

export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';

/** A group and kind, as in `clusterResourceWhitelist`; `''` is the core group. */
export interface ArgoGroupKind {
  group: string;
  kind: string;
}

export interface ArgoDestination {
  server: string;
  namespace: string;
}

export interface AppProjectSpec {
  description: string;
  sourceRepos: string[];
  destinations: ArgoDestination[];
  clusterResourceWhitelist: ArgoGroupKind[];
  namespaceResourceWhitelist?: ArgoGroupKind[];
  orphanedResources?: { warn: boolean };
}

export interface ArgoRetry {
  limit: number;
  backoff: { duration: string; factor: number; maxDuration: string };
}

export interface ArgoSyncPolicy {
  automated: { prune: boolean; selfHeal: boolean };
  syncOptions: string[];
  retry: ArgoRetry;
  managedNamespaceMetadata?: { labels: Record<string, string> };
}

export interface ArgoIgnoreDifference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  jsonPointers: string[];
}

export interface ApplicationSpec {
  project: string;
  source: {
    repoURL: string;
    targetRevision: string;
    path: string;
    directory: { recurse: boolean; include?: string };
  };
  destination: ArgoDestination;
  syncPolicy: ArgoSyncPolicy;
  ignoreDifferences?: ArgoIgnoreDifference[];
}
