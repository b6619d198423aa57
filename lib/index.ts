// gitplane's public SDK surface: re-exports only, listed by name so a change to the API is deliberate
// (test/public-api.test.ts lists the runtime names). Helpers the constructs share stay internal.

// Errors users may catch, and warnings they acknowledge
export { GitplaneError, isUserError, UsageError, ValidationError } from './core/errors';
export { Labels, selectorLabels } from './core/labels';
export { Warnings } from './core/warnings';
export type { ConstructWarning } from './core/warnings';
export type { KubeObject, SynthesizedObject } from './core/manifest';

// The platform model
export {
  AppChart, AppHandle, Environment, NamespaceScheme, NetworkIsolation, NotificationTarget, Platform, Protection,
} from './platform';
export type {
  AppBuilder, AppChartProps, AppProps, AppSettings, EnvironmentProps, GitSource, ICloudFlavor, IConsumable, IReconciler,
  IResourceConsumer, IWorkloadServiceAccount, ImageOptions, ImageSettings, PerWorkloadIsolationOptions, PlatformProps,
  PolicyProfile, ResourceQuantities, ResourceSettings, UseOptions,
} from './platform';

// Workloads and secrets
export {
  ConcurrencyPolicy, CronJob, DeploymentWorkload, DisruptionBudget, ExternalSecret, Job, JobRestartPolicy, Probe, SealedSecret,
  SealedSecretScope, SecretStore, SecretValue, VolumeSource, WebService, Worker, Workload, WorkloadNetworkPolicy, WorkloadServiceAccount,
} from './constructs';
export type {
  AutoscalingOptions, ConnectOptions, ContainerOptions, ContainerPortOptions, CronJobProps, DeploymentWorkloadProps,
  ExternalSecretProps, HttpProbeOptions, ISecretConsumer, ISecretSource, IServiceEndpoint, ImageReference, IngressOptions,
  IngressPeer, JobProps, JobSettings, MountSecretOptions, ParameterStoreOptions, PodAffinity, ProbeOptions, SealedSecretProps,
  SecretKeyRef, SecretsManagerOptions, TcpProbeOptions, Toleration, VaultOptions, VolumeMountOptions, WebServiceProps,
  WorkerProps, WorkloadProps, WorkloadVolume,
} from './constructs';

// Reconcilers
export { ArgoCdReconciler, ArgoCdTrigger, FluxEventSeverity, FluxReconciler, PodSecurityLevel, Reconciler } from './gitops';
export type { ArgoCdProps, ArgoCdRetry, FluxProps, FluxProviderType } from './gitops';

// Cloud resources
export {
  AssetBucket, BucketEncryption, Cdn, CdnAllowedMethods, CdnCachePolicy, CdnOrigin, CdnOriginRequestPolicy, CdnPriceClass,
  CdnResponseHeadersPolicy, CloudFlavor, Queue, QueueEncryption, WorkloadAccess, WorkloadIdentity,
} from './cloud';
export type {
  AckFlavorOptions, AssetBucketProps, BucketAccess, BucketCorsRule, BucketOriginOptions, CdnAccess, CdnAccessLogging,
  CdnBehavior, CdnProps, CloudFlavorOptions, CorsMethod, CrossplaneFlavorOptions, CrossplaneProviderConfigKind,
  CrossplaneScope, DeadLetterQueueOptions, HttpOriginOptions, QueueAccess, QueueProps,
} from './cloud';

// Policy
export { Policy } from './policy/waivers';
export { AdmissionPolicies, type AdmissionPoliciesProps } from './policy/admission-policies';

export { Duration } from 'cdk8s';
