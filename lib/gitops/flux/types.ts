/**
 * The parts of the Flux kinds gitplane writes, at the storage version of each upstream CRD:
 * `source.toolkit.fluxcd.io/v1`, `kustomize.toolkit.fluxcd.io/v1` and
 * `notification.toolkit.fluxcd.io/v1beta3`. Field names follow the CRDs; only what is set is typed.
 */

export const FLUX_SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';
export const FLUX_KUSTOMIZE_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
export const FLUX_NOTIFICATION_API_VERSION = 'notification.toolkit.fluxcd.io/v1beta3';

export interface GitRepositorySpec {
  url: string;
  ref: { branch?: string; tag?: string };
  interval: string;
  ignore: string;
  secretRef?: { name: string };
}

export interface KustomizationSpec {
  interval: string;
  retryInterval: string;
  timeout: string;
  path: string;
  prune: boolean;
  wait: boolean;
  sourceRef: { kind: 'GitRepository'; name: string };
  dependsOn?: { name: string }[];
  deletionPolicy?: 'MirrorPrune' | 'Delete' | 'WaitForTermination' | 'Orphan';
  patches?: { patch: string; target: { group: string; version: string; kind: string; name: string; namespace?: string } }[];
}

export type FluxProviderType = 'slack' | 'msteams' | 'generic';

export interface ProviderSpec {
  type: FluxProviderType;
  channel?: string;
  secretRef: { name: string };
}

export interface AlertSpec {
  providerRef: { name: string };
  eventSeverity: 'info' | 'error';
  eventSources: { kind: 'GitRepository' | 'Kustomization'; name: string }[];
  eventMetadata: Record<string, string>;
}
