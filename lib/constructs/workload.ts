import { createHash } from 'crypto';
import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { ProblemList, ValidationError, propsFix, show } from '../core/errors';
import { rejectUnknownOptions, unknownPropProblems } from '../core/props';
import { Labels, selectorLabels } from '../core/labels';
import { GITPLANE_PREFIX } from '../core/manifest';
import { dnsLabelProblems, dnsSubdomainProblems } from '../core/names';
import { AppChart } from '../platform/app-chart';
import { isLiteralCredential } from '../policy/secrets/structural-rules';
import { ResourceSettings } from '../platform/app-settings';
import type { IConsumable, IWorkloadServiceAccount, UseOptions } from '../platform/contracts';
import { Environment } from '../platform/environment';
import { WorkloadNetworkPolicy } from './network-policy';
import { CONNECT_OPTIONS, MOUNT_SECRET_OPTIONS } from './prop-keys';
import {
  ContainerOptions, ContainerPortOptions, PodAffinity, portListProblems, renderAddedContainer, Toleration, tolerationProblems,
  volumeProblems, WorkloadVolume,
} from './pod-extras';
import { Probe } from './probe';
import {
  containerSecurityContext, DEFAULT_USER_ID, idProblems, imageProblems, integerProblems, labelValueProblems,
  podSecurityContext, renderResources, ResolvedResources, resolveResources, RunAsIds, TMP_MOUNT_PATH, versionLabel,
} from './workload-defaults';

/**
 * Pod template annotation holding a hash of the workload's ConfigMap and of the secrets it reads
 * (names and the version of their definitions), so a change to either rolls the pods.
 */
export const CONFIG_HASH_ANNOTATION = `${GITPLANE_PREFIX}/config-hash`;

/**
 * Stakater Reloader: on the controller's metadata, the Secrets whose data changes roll the pods
 * (comma-separated names). Reloader watches Secrets and patches the pod template of the workloads
 * that name them here (docs.stakater.com/reloader, "Annotation Reference").
 */
export const RELOADER_SECRETS_ANNOTATION = 'secret.reloader.stakater.com/reload';

/**
 * Which Kubernetes identity a workload's pods run as.
 *
 * The default is the namespace's `default` ServiceAccount with no token mounted. Gitplane gives
 * every app its own namespace, so that account already belongs to the app alone, and a pod without
 * a token cannot call the API server at all; a dedicated account would only add an object that
 * grants nothing. Ask for one (`dedicated()`) when the workload needs RBAC or a cloud identity
 * (an IRSA role annotation, for example).
 */
export class WorkloadServiceAccount {
  /** The namespace's `default` ServiceAccount. The default. */
  public static none(): WorkloadServiceAccount {
    return new WorkloadServiceAccount('none');
  }

  /**
   * A ServiceAccount named after the workload, created with it; `annotations` carry cloud
   * identities, e.g. `{ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::…:role/web' }`.
   */
  public static dedicated(options: { readonly annotations?: Record<string, string> } = {}): WorkloadServiceAccount {
    rejectUnknownOptions('WorkloadServiceAccount.dedicated', { annotations: true }, options, 'pass { annotations: {...} }');
    return new WorkloadServiceAccount('dedicated', undefined, options.annotations);
  }

  /** A ServiceAccount that exists already (created elsewhere), by name. */
  public static existing(name: string): WorkloadServiceAccount {
    return new WorkloadServiceAccount('existing', name);
  }

  private constructor(
    /** @internal */ public readonly _kind: 'none' | 'dedicated' | 'existing',
    /** @internal */ public readonly _name?: string,
    /** @internal */ public readonly _annotations?: Record<string, string>,
  ) {}
}

/** Props every workload accepts. */
export interface WorkloadProps {
  /**
   * Container image, pinned by tag or digest: `ghcr.io/acme/web:1.4.2` or `ghcr.io/acme/web@sha256:…`.
   * `latest` and untagged images are rejected. `app.image('ghcr.io/acme/web')` adds the environment's tag.
   */
  readonly image: string;
  /**
   * Name of the workload and of every object it creates (a DNS label). It also feeds the
   * selector labels, so it must never change for a running workload.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Entrypoint override.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Plain (non-secret) environment variables. They are stored in a ConfigMap named after the
   * workload and read with `envFrom`. Use `addSecretEnv` for secrets.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Container requests and limits. Missing requests take the limit, a missing memory limit takes the
   * memory request, and there is no CPU limit unless given.
   * @default - app.settings.resources, else requests cpu 100m / memory 128Mi and a 256Mi memory limit
   */
  readonly resources?: ResourceSettings;
  /**
   * User id the container runs as (never 0).
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Primary group id of the container's processes.
   * @default - the same as `runAsUser`
   */
  readonly runAsGroup?: number;
  /**
   * Group that owns mounted volumes.
   * @default - the same as `runAsGroup`
   */
  readonly fsGroup?: number;
  /**
   * Mount the container's root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Mount a writable `emptyDir` at `/tmp`, for apps that write temporary files under a read-only root.
   * @default true
   */
  readonly tmpVolume?: boolean;
  /**
   * The identity the pods run as.
   * @default WorkloadServiceAccount.none() - the namespace's default ServiceAccount
   */
  readonly serviceAccount?: WorkloadServiceAccount;
  /**
   * Mount a Kubernetes API token into the pods. Only workloads that call the API server need one.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Secrets (of type `kubernetes.io/dockerconfigjson`) used to pull the image from a private registry.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Seconds a pod gets between SIGTERM and SIGKILL to finish its work.
   * @default 30 (the Kubernetes default; not written)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * The `app.kubernetes.io/component` label.
   * @default - `web` for a WebService, `worker` for a Worker, `batch` for a Job or CronJob
   */
  readonly component?: string;
  /**
   * Name of an existing ServiceAccount; the same as `serviceAccount: WorkloadServiceAccount.existing(name)`.
   * @default - see `serviceAccount`
   */
  readonly serviceAccountName?: string;
  /**
   * Run only on nodes with these labels, e.g. `{ 'karpenter.sh/capacity-type': 'on-demand' }`.
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Taints the pods tolerate, e.g. `[{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]`.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Node affinity and pod (anti-)affinity, in the Kubernetes `affinity` shape.
   * @default - none (replicated Deployments still spread across zones and nodes, see `spread`)
   */
  readonly affinity?: PodAffinity;
  /**
   * PriorityClass of the pods, e.g. `'business-critical'`.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * Further ports of the main container, e.g. `[{ name: 'metrics', containerPort: 9090 }]`.
   * @default - none (a WebService has its `http` port)
   */
  readonly ports?: ContainerPortOptions[];
  /**
   * Further volumes, mounted into the main container, e.g.
   * `[{ name: 'uploads', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('uploads') }]`.
   * @default - only `/tmp` (see `tmpVolume`) and mounted secrets
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Containers that run to completion, in order, before the main container starts.
   * @default - none
   */
  readonly initContainers?: ContainerOptions[];
  /**
   * Containers that run beside the main one (proxies, log shippers).
   * @default - none
   */
  readonly sidecars?: ContainerOptions[];
}

/** Something workloads can connect to by URL, such as a WebService. */
export interface IServiceEndpoint extends IConstruct {
  /** The service name, e.g. `api`. */
  readonly name: string;
  /** The in-cluster URL, e.g. `http://api.prod-api.svc.cluster.local:80`. */
  readonly url: string;
  /** Lets `consumer`'s pods in, where the environment isolates workloads with NetworkPolicies. */
  acceptConnectionsFrom?(consumer: Workload): void;
}

export interface ConnectOptions {
  /**
   * Environment variable that receives the service's URL.
   * @default - the service name in upper case with `_URL`, e.g. `API_URL` (`-` becomes `_`)
   */
  readonly envVar?: string;
}

export interface MountSecretOptions {
  /**
   * Name of the pod volume.
   * @default - `secret-<secretName>`, shortened with a hash when longer than 63 characters
   */
  readonly volumeName?: string;
}

/** What a concrete workload tells the base class about itself. @internal */
export interface WorkloadKind {
  /** Default `app.kubernetes.io/component`. */
  readonly component: string;
  /** Every key the concrete props accept (unknown keys are rejected, naming the nearest). */
  readonly propKeys: object;
  /** Ports the concrete workload gives its main container, which extra ports must not reuse. */
  readonly ports?: readonly ContainerPortOptions[];
  /** Longest allowed name (CronJob: 52, because the controller appends an 11-character suffix). */
  readonly maxNameLength?: number;
}

/** How the concrete workload wants its pod template rendered. @internal */
export interface PodTemplateOptions {
  readonly restartPolicy?: 'Always' | 'Never' | 'OnFailure';
  readonly ports?: k8s.ContainerPort[];
  readonly readiness?: Probe;
  readonly liveness?: Probe;
  readonly startup?: Probe;
  /** Named container port probes use when they name none. */
  readonly probePort?: string;
  /**
   * Add the ConfigMap hash to the pod template so pods restart when plain settings change. Right
   * for Deployments; wrong for Jobs, whose pod template is immutable.
   */
  readonly rollOnConfigChange?: boolean;
  /** Labels on the pod template besides the workload's labels. */
  readonly extraLabels?: Record<string, string>;
  /** How replicas spread across failure domains. */
  readonly topologySpread?: k8s.TopologySpreadConstraint[];
}

type EnvEntry = { readonly source: string } & ({ readonly value: string } | { readonly secretName: string; readonly key: string });

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The fix for a rejected environment variable. */
const ENV_FIX = 'give each variable a valid name, set it once, and keep secrets in a Secret (addSecretEnv or exposeAsEnv)';
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The base of WebService, Worker, Job and CronJob: one container with secure defaults, a stable
 * name and selector, environment variables (plain ones in a ConfigMap, secret ones by reference),
 * secret mounts, and connections to services. Subclasses add the controller object.
 */
export abstract class Workload extends Construct {
  /** The workload's name; every object it creates carries it. */
  public readonly name: string;
  /** The container image. */
  public readonly image: string;
  /** `app.kubernetes.io/name` and `instance`: the immutable selector, derived from names, never from the construct path. */
  public readonly selectorLabels: Record<string, string>;
  /** Labels the workload adds to its objects, on top of the app's labels. */
  public readonly labels: Record<string, string>;

  /** The app chart the workload belongs to. */
  protected readonly appChart: AppChart;
  /** Every problem with the props, thrown together by `throwIfInvalid`. */
  protected readonly problems = new ProblemList();

  private readonly versionLabel?: string;
  private readonly command?: string[];
  private readonly args?: string[];
  private readonly resources: ResolvedResources;
  private readonly ids: RunAsIds;
  private readonly readOnlyRootFilesystem: boolean;
  private readonly tmpVolume: boolean;
  private serviceAccountName?: string;
  private serviceAccountObject?: k8s.KubeServiceAccount;
  private readonly serviceAccountKind: string;
  private readonly automountToken: boolean;
  private readonly imagePullSecrets: string[];
  private readonly terminationGracePeriodSeconds?: number;
  private readonly env = new Map<string, EnvEntry>();
  private readonly secretVolumes = new Map<string, string>(); // secret name -> volume name
  private readonly mounts: { readonly volumeName: string; readonly path: string; readonly readOnly: boolean }[] = [];
  private configMap?: k8s.KubeConfigMap;
  private readonly secretVersions = new Map<string, () => string>(); // secret name -> version of its definition
  private readonly nodeSelector?: Record<string, string>;
  private readonly tolerations: readonly Toleration[];
  private readonly affinity?: PodAffinity;
  private readonly priorityClassName?: string;
  private readonly extraPorts: readonly ContainerPortOptions[];
  private readonly extraVolumes: readonly WorkloadVolume[];
  private readonly initContainers: k8s.Container[] = [];
  private readonly sidecars: k8s.Container[] = [];
  private controllerObject?: ApiObject;
  /** Roll the pods through Stakater Reloader when a referenced Secret's data changes (Deployments only). */
  protected rollOnSecretChange = false;
  /** The ingress NetworkPolicy, where the environment isolates workloads. */
  protected readonly networkPolicy?: WorkloadNetworkPolicy;

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    super(scope, id);
    this.appChart = AppChart.of(this);
    const problems = this.problems;
    for (const p of unknownPropProblems(kind.propKeys, props)) problems.add(p);

    this.name = props.name ?? id;
    for (const p of dnsLabelProblems('name', this.name, kind.maxNameLength ?? 63)) problems.add(p);
    this.image = props.image;
    for (const p of imageProblems('image', props.image)) problems.add(p);

    const component = props.component ?? kind.component;
    for (const p of labelValueProblems('component', component)) problems.add(p);
    this.selectorLabels = selectorLabels(this.name, this.appChart.environment.envName);
    this.labels = { ...this.selectorLabels, [Labels.COMPONENT]: component };
    this.versionLabel = typeof props.image === 'string' ? versionLabel(props.image) : undefined;

    this.command = props.command;
    this.args = props.args;
    this.resources = props.resources !== undefined
      ? resolveResources(props.resources, 'resources', problems)
      : resolveResources(this.appChart.settings.resources, 'app.settings.resources', problems);

    const user = props.runAsUser ?? DEFAULT_USER_ID;
    const group = props.runAsGroup ?? user;
    const fsGroup = props.fsGroup ?? group;
    for (const p of idProblems('runAsUser', user)) problems.add(p);
    for (const p of idProblems('runAsGroup', group)) problems.add(p);
    for (const p of idProblems('fsGroup', fsGroup)) problems.add(p);
    this.ids = { user, group, fsGroup };
    this.readOnlyRootFilesystem = props.readOnlyRootFilesystem ?? true;
    this.tmpVolume = props.tmpVolume ?? true;
    if (this.tmpVolume) this.mounts.push({ volumeName: 'tmp', path: TMP_MOUNT_PATH, readOnly: false });

    if (props.serviceAccountName !== undefined && props.serviceAccount !== undefined) {
      problems.add(`'serviceAccountName' (${show(props.serviceAccountName)}) and 'serviceAccount' are both set; keep one`);
    }
    const serviceAccount = props.serviceAccount
      ?? (props.serviceAccountName !== undefined ? WorkloadServiceAccount.existing(props.serviceAccountName) : WorkloadServiceAccount.none());
    this.automountToken = props.automountServiceAccountToken ?? false;
    if (serviceAccount._kind === 'existing') {
      for (const p of dnsSubdomainProblems('serviceAccount', serviceAccount._name ?? '')) problems.add(p);
      this.serviceAccountName = serviceAccount._name;
    } else if (serviceAccount._kind === 'dedicated') {
      this.addServiceAccount(serviceAccount._annotations);
    }
    this.serviceAccountKind = serviceAccount._kind;

    this.imagePullSecrets = props.imagePullSecrets ?? [];
    this.imagePullSecrets.forEach((secret, i) => {
      for (const p of dnsSubdomainProblems(`imagePullSecrets[${i}]`, secret)) problems.add(p);
    });
    this.terminationGracePeriodSeconds = props.terminationGracePeriodSeconds;
    for (const p of integerProblems('terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0, 86400)) problems.add(p);

    for (const [name, value] of Object.entries(props.env ?? {})) {
      const problem = this.defineEnv(name, { source: `'env'`, value });
      if (problem) problems.add(problem);
    }

    // Lists from untyped stack code may be anything: a non-list is reported, then treated as empty.
    const list = <T>(prop: string, value: readonly T[] | undefined): readonly T[] => {
      if (value === undefined || Array.isArray(value)) return value ?? [];
      problems.add(`'${prop}' must be a list (found ${show(value)})`);
      return [];
    };
    this.nodeSelector = props.nodeSelector;
    this.tolerations = list('tolerations', props.tolerations);
    this.affinity = props.affinity;
    this.priorityClassName = props.priorityClassName;
    this.extraPorts = list('ports', props.ports);
    this.extraVolumes = list('volumes', props.volumes);
    this.resolvePodExtras({ ...props, initContainers: [...list('initContainers', props.initContainers)], sidecars: [...list('sidecars', props.sidecars)] }, kind);

    const isolation = this.appChart.environment.network;
    if (isolation.enabled) {
      this.networkPolicy = new WorkloadNetworkPolicy(this, 'NetworkPolicy', { name: this.name, labels: this.labels, selector: this.selectorLabels, isolation });
    }
  }

  /** The namespace the workload runs in. */
  public get namespace(): string {
    return this.appChart.namespace ?? '';
  }

  /**
   * Sets a plain environment variable (stored in the workload's ConfigMap). Each variable may be
   * set once, whichever method sets it.
   */
  public addEnv(name: string, value: string): void {
    this.throwIf(this.defineEnv(name, { source: `addEnv(${show(name)})`, value }));
  }

  /** Sets several plain environment variables, e.g. a bucket name and a queue URL from a cloud construct. */
  public addEnvFromValues(values: Record<string, string>): void {
    const problems = new ProblemList();
    for (const [name, value] of Object.entries(values)) {
      const problem = this.defineEnv(name, { source: `addEnvFromValues(${show(name)})`, value });
      if (problem) problems.add(problem);
    }
    problems.throwIfAny(this.node.path, ENV_FIX);
  }

  /**
   * Sets environment variable `envName` from key `key` of Secret `secretName` (a `secretKeyRef`),
   * e.g. a Secret written by an ExternalSecret or SealedSecret. The value never appears in Git.
   */
  public addSecretEnv(envName: string, secretName: string, key: string): void {
    const problems = new ProblemList();
    for (const p of dnsSubdomainProblems('secretName', secretName)) problems.add(p);
    problems.check(SECRET_KEY.test(key), `'key' (${show(key)}) is not a valid Secret key (letters, digits, '-', '_', '.')`);
    problems.throwIfAny(this.node.path, 'pass the name of the Secret and one of its keys, e.g. addSecretEnv(\'DB_PASSWORD\', \'db-credentials\', \'password\')');
    this.throwIf(this.defineEnv(envName, { source: `addSecretEnv(${show(envName)})`, secretName, key }));
    if (!this.secretVersions.has(secretName)) this.trackSecret(secretName, () => '');
  }

  /** Mounts every key of Secret `secretName` as a read-only file under `path`, e.g. `/etc/tls`. */
  public mountSecret(secretName: string, path: string, options: MountSecretOptions = {}): void {
    const problems = new ProblemList();
    for (const p of unknownPropProblems(MOUNT_SECRET_OPTIONS, options, '', 'option')) problems.add(p);
    for (const p of dnsSubdomainProblems('secretName', secretName)) problems.add(p);
    problems.check(/^\/[^\0]*[^/]$/.test(path) && !path.split('/').includes('..'),
      `'path' (${show(path)}) must be an absolute directory such as "/etc/secrets/db", without '..' or a trailing '/'`);
    const taken = this.mounts.find((m) => m.path === path) ?? this.extraVolumes.map((v) => ({ volumeName: v.name, path: v.mountPath })).find((m) => m.path === path);
    if (taken) problems.add(`'path' (${show(path)}) is already used by volume ${show(taken.volumeName)}; mount the secret elsewhere`);
    const volumeName = options.volumeName ?? this.secretVolumes.get(secretName) ?? secretVolumeName(secretName);
    if (this.extraVolumes.some((v) => v.name === volumeName)) problems.add(`'volumeName' (${show(volumeName)}) is already used by one of the workload's volumes; pass a different options.volumeName`);
    for (const p of dnsLabelProblems('volumeName', volumeName)) problems.add(p);
    const owner = [...this.secretVolumes].find(([secret, volume]) => volume === volumeName && secret !== secretName);
    if (owner || volumeName === 'tmp') problems.add(`'volumeName' (${show(volumeName)}) is already used by another volume; pass a different options.volumeName`);
    problems.throwIfAny(this.node.path, `correct the arguments quoted here in mountSecret(${show(secretName)}, ${show(path)})`);

    this.secretVolumes.set(secretName, volumeName);
    this.mounts.push({ volumeName, path, readOnly: true });
    if (!this.secretVersions.has(secretName)) this.trackSecret(secretName, () => '');
  }

  /**
   * Connects to a service: sets an environment variable (default `<NAME>_URL`) to its in-cluster URL
   * and records a dependency, so an app that consumes another app's service syncs after it.
   */
  public connectTo(service: IServiceEndpoint, options: ConnectOptions = {}): void {
    rejectUnknownOptions(this.node.path, CONNECT_OPTIONS, options, 'correct the options quoted here in connectTo(service, {...})');
    if ((service as IConstruct) === this) {
      throw new ValidationError(this.node.path, 'a workload cannot connect to itself', 'connect to the service of another workload, or remove the connectTo call');
    }
    const mine = Environment.of(this);
    const theirs = Environment.of(service);
    if (mine !== theirs) {
      throw new ValidationError(this.node.path,
        `cannot connect to ${service.node.path}: it is in environment '${theirs.envName}' and this workload is in '${mine.envName}'`,
        'connect to the service of the same environment, e.g. via app.app(name) in the builder');
    }
    const envVar = options.envVar ?? `${service.name.toUpperCase().replace(/-/g, '_')}_URL`;
    this.throwIf(this.defineEnv(envVar, { source: `connectTo(${show(service.name)})`, value: service.url }));
    service.acceptConnectionsFrom?.(this);
    this.node.addDependency(service);
  }

  /**
   * Consumes cloud resources (`web.uses(bucket, queue)`): the workload gets their coordinates as
   * environment variables and depends on them, so they sync first. With options, one resource:
   * `uses(queue, { access: 'consume', env: { url: 'JOBS_URL' } })` also grants exactly that access
   * through an IAM role of the workload's own, and names the variables.
   */
  public uses<A extends string, K extends string>(resource: IConsumable<A, K>, options: UseOptions<A, K>): this;
  public uses(...resources: IConsumable[]): this;
  public uses(...args: unknown[]): this {
    const last = args[args.length - 1] as IConsumable | UseOptions | undefined;
    if (args.length === 2 && last !== undefined && !Construct.isConstruct(last)) {
      (args[0] as IConsumable).connectTo(this, last as UseOptions);
      return this;
    }
    for (const resource of args as IConsumable[]) resource.connectTo(this);
    return this;
  }

  /**
   * The workload's own ServiceAccount (named after the workload), created on first call when it runs
   * as the namespace's default one. Fails when it runs as an existing, possibly shared, ServiceAccount.
   */
  public ownServiceAccount(): IWorkloadServiceAccount {
    if (this.serviceAccountKind === 'existing') {
      throw new ValidationError(this.node.path,
        `the workload runs as the existing ServiceAccount '${this.serviceAccountName}', which other workloads may share, so it cannot get AWS access of its own`,
        `use serviceAccount: WorkloadServiceAccount.dedicated(), or grant the access outside gitplane`);
    }
    const account = this.serviceAccountObject ?? this.addServiceAccount(undefined);
    return {
      name: this.name,
      namespace: this.namespace,
      addAnnotation: (key, value) => account.metadata.addAnnotation(key, value),
    };
  }

  private addServiceAccount(annotations: Record<string, string> | undefined): k8s.KubeServiceAccount {
    this.serviceAccountName = this.name;
    this.serviceAccountObject = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name, labels: this.labels, annotations },
      // The pod spec decides about tokens; the account itself never hands one out implicitly. EKS Pod
      // Identity and IRSA mount their own projected token, whatever this says.
      automountServiceAccountToken: false,
    });
    return this.serviceAccountObject;
  }

  /**
   * The object that runs the pods (Deployment, Job or CronJob; construct id `Resource`). For what
   * the props do not cover, patch it: `workload.resource.addJsonPatch(JsonPatch.add('/spec/...', value))`.
   * Policy rules run on the patched object.
   */
  public get resource(): ApiObject {
    if (!this.controllerObject) throw new ValidationError(this.node.path, 'the workload object is created at the end of the constructor', 'use workload.resource after new ...(scope, id, props) returns');
    return this.controllerObject;
  }

  /**
   * Records a Secret the pods read and the version of its definition (ExternalSecret spec, sealed
   * ciphertext), so a change rolls the pods; `exposeAsEnv` and `mountInto` call it.
   */
  public trackSecret(secretName: string, version: () => string): void {
    this.secretVersions.set(secretName, version);
    this.syncReloaderAnnotation();
  }

  /** Registers the object that runs the pods (called by subclasses right after creating it). */
  protected adoptController(object: ApiObject): void {
    this.controllerObject = object;
    this.syncReloaderAnnotation();
  }

  /** Throws every problem collected while resolving the props, all at once. */
  protected throwIfInvalid(): void {
    this.problems.throwIfAny(this.node.path, propsFix(this.constructor.name, this.node.id));
  }

  /** Metadata for an object of this workload: its name and labels (cdk8s adds the app's labels and namespace). */
  protected objectMetadata(options: { readonly withVersion?: boolean; readonly annotations?: Record<string, string> } = {}): k8s.ObjectMeta {
    return {
      name: this.name,
      labels: options.withVersion ? this.labelsWithVersion() : this.labels,
      annotations: options.annotations,
    };
  }

  /**
   * The pod template, rendered when the object is serialized so that env vars and mounts added
   * after construction are included.
   */
  protected podTemplate(options: PodTemplateOptions): k8s.PodTemplateSpec {
    return Lazy.any({ produce: () => this.renderPodTemplate(options) });
  }

  /**
   * Labels of the pods: the app's labels, the workload's, and the version. The version is only on
   * the controller and its pods (not on the Service, ConfigMap, ...), so an image bump changes one
   * object in `dist/`.
   */
  protected labelsWithVersion(): Record<string, string> {
    return this.versionLabel ? { ...this.labels, [Labels.VERSION]: this.versionLabel } : { ...this.labels };
  }

  private renderPodTemplate(options: PodTemplateOptions): k8s.PodTemplateSpec {
    const annotations = options.rollOnConfigChange && (this.configMap || this.secretVersions.size > 0)
      ? { [CONFIG_HASH_ANNOTATION]: this.configHash() }
      : undefined;
    return {
      metadata: {
        labels: { ...this.appChart.labels, ...this.labelsWithVersion(), ...options.extraLabels },
        annotations,
      },
      spec: this.renderPodSpec(options),
    };
  }

  private renderPodSpec(options: PodTemplateOptions): k8s.PodSpec {
    const volumes: k8s.Volume[] = [];
    if (this.tmpVolume) volumes.push({ name: 'tmp', emptyDir: {} });
    for (const [secretName, volumeName] of this.secretVolumes) volumes.push({ name: volumeName, secret: { secretName } });
    for (const volume of this.extraVolumes) volumes.push({ name: volume.name, ...volume.source._source });
    return {
      automountServiceAccountToken: this.automountToken,
      // No <SERVICE>_SERVICE_HOST variables for every Service in the namespace: apps get the URLs
      // they need from connectTo, and the env stays what the code says.
      enableServiceLinks: false,
      serviceAccountName: this.serviceAccountName,
      imagePullSecrets: this.imagePullSecrets.length > 0 ? this.imagePullSecrets.map((name) => ({ name })) : undefined,
      restartPolicy: options.restartPolicy,
      terminationGracePeriodSeconds: this.terminationGracePeriodSeconds,
      securityContext: podSecurityContext(this.ids),
      priorityClassName: this.priorityClassName,
      nodeSelector: this.nodeSelector,
      tolerations: this.tolerations.length > 0 ? this.tolerations.map((t) => ({ ...t })) : undefined,
      affinity: this.affinity,
      initContainers: this.initContainers.length > 0 ? this.initContainers : undefined,
      containers: [this.renderContainer(options), ...this.sidecars],
      topologySpreadConstraints: options.topologySpread,
      volumes: volumes.length > 0 ? volumes : undefined,
    };
  }

  private renderContainer(options: PodTemplateOptions): k8s.Container {
    const ports = [...(options.ports ?? []), ...this.extraPorts.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }))];
    const secretEnv: k8s.EnvVar[] = [];
    for (const [name, entry] of [...this.env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if ('secretName' in entry) secretEnv.push({ name, valueFrom: { secretKeyRef: { name: entry.secretName, key: entry.key } } });
    }
    return {
      name: this.name,
      image: this.image,
      command: this.command,
      args: this.args,
      ports: ports.length > 0 ? ports : undefined,
      envFrom: this.configMap ? [{ configMapRef: { name: this.name } }] : undefined,
      env: secretEnv.length > 0 ? secretEnv : undefined,
      resources: renderResources(this.resources),
      securityContext: containerSecurityContext(this.readOnlyRootFilesystem),
      readinessProbe: options.readiness?._render(options.probePort),
      livenessProbe: options.liveness?._render(options.probePort),
      startupProbe: options.startup?._render(options.probePort),
      volumeMounts: this.mounts.length + this.extraVolumes.length > 0
        ? [...this.mounts.map((m) => ({ name: m.volumeName, mountPath: m.path, readOnly: m.readOnly || undefined })),
          ...this.extraVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath, readOnly: v.readOnly || undefined }))]
        : undefined,
    };
  }

  /** Records one env var; returns the problem instead of throwing, so the constructor can collect them. */
  private defineEnv(name: string, entry: EnvEntry): string | undefined {
    if (typeof name !== 'string' || !ENV_NAME.test(name)) {
      return `environment variable ${show(name)} from ${entry.source} is not a valid name (letters, digits and '_', not starting with a digit)`;
    }
    const existing = this.env.get(name);
    if (existing) return `environment variable ${show(name)} from ${entry.source} is already set by ${existing.source}; each variable may be set once`;
    if ('value' in entry && typeof entry.value !== 'string') {
      return `environment variable ${show(name)} from ${entry.source} must be a string (found ${show(entry.value)}); use String(value)`;
    }
    // Plain values land in the workload's ConfigMap, in Git: a credential there is a leak (never echo it).
    if ('value' in entry && isLiteralCredential(name, entry.value)) {
      return `environment variable ${show(name)} from ${entry.source} is named like a credential, but its value would be committed ` +
        `in plain text in ConfigMap ${show(this.name)}; keep it in a secret store and reference it: ` +
        `new ExternalSecret(...).exposeAsEnv(workload, { ${name}: '<key>' }) or addSecretEnv(${show(name)}, '<secret>', '<key>')`;
    }
    this.env.set(name, entry);
    if ('value' in entry && !this.configMap) {
      this.configMap = new k8s.KubeConfigMap(this, 'Config', {
        metadata: this.objectMetadata(),
        data: Lazy.any({ produce: () => this.configData() }),
      });
    }
    return undefined;
  }

  private configData(): Record<string, string> {
    const data: Record<string, string> = {};
    for (const [name, entry] of [...this.env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if ('value' in entry) data[name] = entry.value;
    }
    return data;
  }

  /**
   * The ConfigMap's data and, when the pods read secrets, each secret's name and definition version.
   * (Without secrets the input is the data alone, so hashes of secret-free workloads stay as they were.)
   */
  private configHash(): string {
    const data = Object.entries(this.configData());
    const secrets = [...this.secretVersions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, version]) => [name, version()]);
    const input = secrets.length > 0 ? [data, secrets] : data;
    return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
  }

  /** Keeps the Reloader annotation on the controller listing every Secret the pods read. */
  private syncReloaderAnnotation(): void {
    if (!this.rollOnSecretChange || !this.controllerObject || this.secretVersions.size === 0) return;
    this.controllerObject.metadata.addAnnotation(RELOADER_SECRETS_ANNOTATION, [...this.secretVersions.keys()].sort().join(','));
  }

  /** Checks the scheduling props, extra ports and volumes, and renders the added containers. */
  private resolvePodExtras(props: WorkloadProps, kind: WorkloadKind): void {
    const problems = this.problems;
    if (props.priorityClassName !== undefined) for (const p of dnsSubdomainProblems('priorityClassName', props.priorityClassName)) problems.add(p);
    for (const [key, value] of Object.entries(props.nodeSelector ?? {})) {
      if (typeof value !== 'string') problems.add(`'nodeSelector.${key}' (${show(value)}) must be a string`);
      else for (const p of labelValueProblems(`nodeSelector.${key}`, value)) problems.add(p);
    }
    for (const p of tolerationProblems(this.tolerations)) problems.add(p);
    const ports = new Map<string, string>();
    for (const port of kind.ports ?? []) {
      ports.set(`name:${port.name}`, `the workload's own port ${show(port.name)}`);
      ports.set(`port:${port.containerPort}/${port.protocol ?? 'TCP'}`, `the workload's own port ${show(port.name)}`);
    }
    for (const p of portListProblems('ports', this.extraPorts, ports)) problems.add(p);
    const volumes = new Set<string>(this.tmpVolume ? ['tmp'] : []);
    for (const p of volumeProblems(this.extraVolumes, volumes, new Set(this.tmpVolume ? [TMP_MOUNT_PATH] : []))) problems.add(p);
    const pod = { volumes, tmp: this.tmpVolume, ports, names: new Set([this.name]) };
    (props.initContainers ?? []).forEach((c, i) => this.initContainers.push(renderAddedContainer(`initContainers[${i}]`, c, pod, problems)));
    (props.sidecars ?? []).forEach((c, i) => this.sidecars.push(renderAddedContainer(`sidecars[${i}]`, c, pod, problems)));
  }

  private throwIf(problem: string | undefined): void {
    if (problem) throw new ValidationError(this.node.path, problem, ENV_FIX);
  }
}

/** `secret-<name>` as a DNS label: dots become dashes, and long names are cut and suffixed with a hash. */
function secretVolumeName(secretName: string): string {
  const base = `secret-${secretName.replace(/\./g, '-')}`;
  if (base.length <= 63) return base;
  const hash = createHash('sha256').update(secretName).digest('hex').slice(0, 8);
  return `${base.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}
