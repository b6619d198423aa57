/**
 * The keys each construct's props accept, checked at runtime by `unknownPropProblems` (a misspelt
 * prop fails, naming the nearest key) and kept equal to the props interfaces by the compiler:
 * `PropKeys<T>` requires every key of T and nothing else.
 */
import { PropKeys } from '../core/props';
import type { ResourceSettings } from '../platform/app-settings';
import type { CronJobProps } from './cron-job';
import type { AutoscalingOptions, DeploymentWorkloadProps } from './deployment-workload';
import type { ExternalSecretProps } from './external-secret';
import type { JobProps, JobSettings } from './job';
import type { ContainerOptions, ContainerPortOptions, Toleration, WorkloadVolume } from './pod-extras';
import type { SealedSecretProps } from './sealed-secret';
import type { IngressOptions, WebServiceProps } from './web-service';
import type { WorkerProps } from './worker';
import type { HttpProbeOptions, ProbeOptions, TcpProbeOptions } from './probe';
import type { ConnectOptions, MountSecretOptions, WorkloadProps } from './workload';
import type { ParameterStoreOptions, SecretsManagerOptions, VaultOptions } from './external-secret';

const RESOURCES: PropKeys<ResourceSettings> = { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } };
const PORT: PropKeys<ContainerPortOptions> = { name: true, containerPort: true, protocol: true };
const TOLERATION: PropKeys<Toleration> = { key: true, operator: true, value: true, effect: true, tolerationSeconds: true };
const VOLUME: PropKeys<WorkloadVolume> = { name: true, mountPath: true, source: true, readOnly: true };
const CONTAINER: PropKeys<ContainerOptions> = {
  name: true, image: true, command: true, args: true, env: true, ports: PORT, resources: RESOURCES,
  volumeMounts: { volume: true, mountPath: true, readOnly: true }, readOnlyRootFilesystem: true,
};

const WORKLOAD: PropKeys<WorkloadProps> = {
  image: true, name: true, command: true, args: true, env: true, resources: RESOURCES, runAsUser: true, runAsGroup: true,
  fsGroup: true, readOnlyRootFilesystem: true, tmpVolume: true, serviceAccount: true, automountServiceAccountToken: true,
  imagePullSecrets: true, terminationGracePeriodSeconds: true, component: true, serviceAccountName: true, nodeSelector: true,
  tolerations: TOLERATION, affinity: true, priorityClassName: true, ports: PORT, volumes: VOLUME,
  initContainers: CONTAINER, sidecars: CONTAINER,
};

const AUTOSCALING: PropKeys<AutoscalingOptions> = { minReplicas: true, maxReplicas: true, targetCpuUtilization: true, targetMemoryUtilization: true };

const DEPLOYMENT_WORKLOAD: PropKeys<DeploymentWorkloadProps> = {
  ...WORKLOAD, replicas: true, autoscaling: AUTOSCALING, disruptionBudget: true, spread: true, rollOnSecretChange: true,
};

const INGRESS: PropKeys<IngressOptions> = { hosts: true, path: true, className: true, tls: true, clusterIssuer: true, annotations: true };

export const WEB_SERVICE_PROPS: PropKeys<WebServiceProps> = {
  ...DEPLOYMENT_WORKLOAD, port: true, servicePort: true, readiness: true, liveness: true, startup: true, ingress: INGRESS,
};

export const WORKER_PROPS: PropKeys<WorkerProps> = { ...DEPLOYMENT_WORKLOAD, liveness: true, startup: true };

const JOB_SETTINGS: PropKeys<JobSettings> = { backoffLimit: true, activeDeadlineSeconds: true, ttlSecondsAfterFinished: true, restartPolicy: true };

export const JOB_PROPS: PropKeys<JobProps> = { ...WORKLOAD, ...JOB_SETTINGS };

export const CRON_JOB_PROPS: PropKeys<CronJobProps> = {
  ...JOB_PROPS, schedule: true, timeZone: true, concurrencyPolicy: true, startingDeadlineSeconds: true,
  successfulJobsHistoryLimit: true, failedJobsHistoryLimit: true, suspend: true,
};

export const EXTERNAL_SECRET_PROPS: PropKeys<ExternalSecretProps> = { store: true, data: true, secretName: true, refreshInterval: true, secretType: true };

export const SEALED_SECRET_PROPS: PropKeys<SealedSecretProps> = { encryptedData: true, secretName: true, scope: true, secretType: true };

export const PROBE_OPTIONS: PropKeys<ProbeOptions> = { initialDelaySeconds: true, periodSeconds: true, timeoutSeconds: true, failureThreshold: true };
export const PORT_PROBE_OPTIONS: PropKeys<HttpProbeOptions & TcpProbeOptions> = { ...PROBE_OPTIONS, port: true };

export const CONNECT_OPTIONS: PropKeys<ConnectOptions> = { envVar: true };
export const MOUNT_SECRET_OPTIONS: PropKeys<MountSecretOptions> = { volumeName: true };
export const SECRETS_MANAGER_OPTIONS: PropKeys<SecretsManagerOptions> = { property: true, versionStage: true };
export const PARAMETER_STORE_OPTIONS: PropKeys<ParameterStoreOptions> = { property: true };
export const VAULT_OPTIONS: PropKeys<VaultOptions> = { property: true, version: true };
