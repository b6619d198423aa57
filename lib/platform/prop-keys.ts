/**
 * The keys of the platform's props, checked at runtime (a misspelt key fails, naming the nearest)
 * and kept equal to the interfaces by the compiler (`PropKeys<T>`, see core/props).
 */
import { PropKeys } from '../core/props';
import type { ImageOptions } from './app-chart';
import type { EnvironmentProps } from './environment';
import type { PerWorkloadIsolationOptions } from './network-isolation';
import type { AppProps, PlatformProps } from './platform';

export const ENVIRONMENT_PROPS: PropKeys<EnvironmentProps> = {
  name: true, reconciler: true, branch: true, tag: true, namespaces: true, protection: true, cloud: true, region: true,
  apps: true, network: true, policy: true, notifications: true,
};

export const PLATFORM_PROPS: PropKeys<PlatformProps> = {
  name: true, repository: { url: true, branch: true, distDir: true }, environments: ENVIRONMENT_PROPS, cdk8s: true,
};

export const APP_PROPS: PropKeys<AppProps> = { defaults: true, environments: true, dependsOn: true };

export const PER_WORKLOAD_ISOLATION_OPTIONS: PropKeys<PerWorkloadIsolationOptions> = { ingressControllerNamespaces: true, allowFromNamespaces: true };

export const IMAGE_OPTIONS: PropKeys<ImageOptions> = { name: true };
