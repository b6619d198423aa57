import { ApiObject, Chart } from 'cdk8s';
import { Annotations } from '../../core/annotations';
import { ProblemList, show } from '../../core/errors';
import { Labels } from '../../core/labels';
import { apiGroup } from '../../core/manifest';
import { dnsLabelProblems } from '../../core/names';
import { whileTreeIsRead } from '../../core/render';
import type { IReconciler, NotificationTarget } from '../../platform/contracts';
import type { Environment } from '../../platform/environment';
import {
  AppInfo, checkDuration, checkNames, compare, describeEnvironment, durationMs, EnvironmentInfo, hpaScaledWorkloads,
  isClusterScoped, isSystemNamespace, namespaceLabels, PodSecurityLevel, reconcilerChart, ScaledWorkload, sortedRecord, SYSTEM_NAMESPACES,
} from '../common';
import { objectWaves } from './object-waves';
import {
  ApplicationSpec, AppProjectSpec, ARGOCD_API_VERSION, ArgoGroupKind, ArgoIgnoreDifference, ArgoRetry, ArgoSyncPolicy,
} from './types';

/**
 * A trigger of Argo CD Notifications. The named ones are in Argo CD's trigger catalog; the catalog
 * (or your own trigger of that name) must be installed in `argocd-notifications-cm`.
 */
export class ArgoCdTrigger {
  /** A sync operation failed. */
  public static readonly SYNC_FAILED = new ArgoCdTrigger('on-sync-failed');
  /** The app's health became Degraded. */
  public static readonly HEALTH_DEGRADED = new ArgoCdTrigger('on-health-degraded');
  /** A new revision was synced and the app is Healthy; once per revision, so it reads as a deploy log. */
  public static readonly DEPLOYED = new ArgoCdTrigger('on-deployed');
  /** Every successful sync operation, including self-heal re-syncs. */
  public static readonly SYNC_SUCCEEDED = new ArgoCdTrigger('on-sync-succeeded');
  /** The sync status became Unknown (e.g. the repository cannot be read). */
  public static readonly SYNC_STATUS_UNKNOWN = new ArgoCdTrigger('on-sync-status-unknown');

  /** A trigger you defined in `argocd-notifications-cm`, e.g. `ArgoCdTrigger.custom('on-image-updated')`. */
  public static custom(name: string): ArgoCdTrigger {
    return new ArgoCdTrigger(name);
  }

  private constructor(public readonly name: string) {}
}

/** How an automated sync that failed is retried. */
export interface ArgoCdRetry {
  /**
   * Retries after a failed sync; a negative number retries forever.
   * @default 5
   */
  readonly limit?: number;
  /**
   * Wait before the first retry.
   * @default '10s'
   */
  readonly backoffDuration?: string;
  /**
   * Each further wait is the previous one times this.
   * @default 2
   */
  readonly backoffFactor?: number;
  /**
   * Longest wait between retries.
   * @default '3m'
   */
  readonly backoffMaxDuration?: string;
}

export interface ArgoCdProps {
  /**
   * Namespace Argo CD runs in; Applications and AppProjects must live there.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Name of the AppProject the environment's apps belong to. The root app uses a second project,
   * `<project>-gitops`.
   * @default - `<platform>-<environment>`
   */
  readonly project?: string;
  /**
   * Kubernetes API server the apps are deployed to.
   * @default 'https://kubernetes.default.svc' - the cluster Argo CD runs in
   */
  readonly destinationServer?: string;
  /**
   * Delete objects that were removed from Git. Stateful objects of protected environments are
   * kept regardless (see `retainAnnotations`).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made to the cluster by hand.
   * @default true
   */
  readonly selfHeal?: boolean;
  /** @default - 5 retries, backoff 10s doubling up to 3m */
  readonly retry?: ArgoCdRetry;
  /**
   * Apply with server-side apply: no size limit from the last-applied annotation, field ownership
   * shared cleanly with controllers such as the HPA.
   * @default true
   */
  readonly serverSideApply?: boolean;
  /**
   * Let HorizontalPodAutoscalers own `spec.replicas`: workloads scaled by an HPA of the same app get
   * an `ignoreDifferences` entry for `/spec/replicas` (respected during sync, not only in the diff).
   * @default true
   */
  readonly ignoreHpaReplicas?: boolean;
  /**
   * Triggers subscribed for each of the environment's `notifications` targets.
   * @default - ArgoCdTrigger.SYNC_FAILED and HEALTH_DEGRADED; plus DEPLOYED in protected environments
   */
  readonly notificationTriggers?: ArgoCdTrigger[];
  /**
   * Pod Security level of the namespaces Argo CD creates for the apps.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Repository URLs the projects keep allowing next to the platform repository's, while the
   * environment moves to a new URL: Applications still naming the old URL are not rejected during
   * the move. Remove an entry once every Application names the new URL.
   * @default - only the platform repository
   */
  readonly previousRepositories?: string[];
}

/**
 * What the root app reads below `dist/<env>/`: its own folder and the Applications' folder. Argo CD
 * matches `directory.include` against each file's path relative to the source path
 * (`getPotentiallyValidManifestFile` in reposerver/repository), so the app folders are skipped.
 */
const ROOT_INCLUDE = '{argocd/*,bootstrap/*}';

const FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const SYNC_WAVE = Annotations.ARGO_SYNC_WAVE;
const SYNC_OPTIONS = Annotations.ARGO_SYNC_OPTIONS;
const ANNOTATION_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** The notification service name Argo CD Notifications knows each target by. */
function argoService(target: NotificationTarget): { service: string; recipient: string } {
  switch (target.service) {
    case 'slack': return { service: 'slack', recipient: target.recipient };
    case 'msteams': return { service: 'teams', recipient: target.recipient }; // a key of service.teams recipientUrls
    case 'webhook': return { service: target.recipient, recipient: '' }; // service.webhook.<name>; no recipient
  }
}

/**
 * Argo CD wiring for an environment. Layout:
 *
 * - `dist/<env>/bootstrap/`: AppProject `<project>-gitops` and the root Application `<env>-root`.
 *   Applied once by hand: `kubectl apply -f dist/<env>/bootstrap/`. It is a seed: the root app syncs
 *   this folder too (its source is `dist/<env>` with `directory.include` of `bootstrap/*` and
 *   `argocd/*`), so it manages its own spec and project from Git, and its files never need applying
 *   again (except to bootstrap a new cluster, or when the root can no longer read its old branch or
 *   repository, see the README). The root follows the environment's branch, never its tag.
 * - `dist/<env>/argocd/`: AppProject `<project>` (wave -1) and one Application `<env>-<app>` per app,
 *   synced by the root app. Only these pin the environment's `tag`.
 *
 * The root and its project carry `Prune=false,Delete=false`, so no commit can make the root prune
 * itself; the root has no resources finalizer, so deleting it never cascades, and Argo CD never
 * cascades into an Application that manages itself (`isSelfReferencedApp`). The root lives in its own
 * project, which may only create Applications and AppProjects in the Argo CD namespace; the apps'
 * project may not touch that namespace at all, so an app's manifests cannot create Applications
 * that escape their project. (A separate project also keeps the apps' orphaned resource warnings
 * useful: the Argo CD namespace is full of objects no Application owns.)
 *
 * Ordering: each Application gets `argocd.argoproj.io/sync-wave` from `syncWaves(env)`. The root app
 * creates them wave by wave; for the root to also wait until the apps of a wave are Healthy, Argo CD
 * needs the Application health check (`resource.customizations.health.argoproj.io_Application` in
 * `argocd-cm`), which Argo CD no longer enables by default.
 */
export class ArgoCdReconciler implements IReconciler {
  public readonly kind = 'argocd' as const;
  public readonly namespace: string;
  private readonly props: ArgoCdProps;
  private readonly retry: ArgoRetry;
  private readonly destinationServer: string;

  constructor(props: ArgoCdProps = {}) {
    const problems = new ProblemList();
    this.namespace = props.namespace ?? 'argocd';
    for (const p of dnsLabelProblems('namespace', this.namespace)) problems.add(p);
    if (props.project !== undefined) for (const p of dnsLabelProblems('project', props.project, 63 - '-gitops'.length)) problems.add(p);
    this.destinationServer = props.destinationServer ?? 'https://kubernetes.default.svc';
    problems.check(/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(this.destinationServer),
      `'destinationServer' (${show(this.destinationServer)}) must be an https:// URL such as "https://kubernetes.default.svc"`);

    const retry = props.retry ?? {};
    this.retry = {
      limit: retry.limit ?? 5,
      backoff: { duration: retry.backoffDuration ?? '10s', factor: retry.backoffFactor ?? 2, maxDuration: retry.backoffMaxDuration ?? '3m' },
    };
    problems.check(Number.isInteger(this.retry.limit), `'retry.limit' (${show(this.retry.limit)}) must be a whole number (negative retries forever)`);
    problems.check(Number.isInteger(this.retry.backoff.factor) && this.retry.backoff.factor >= 1,
      `'retry.backoffFactor' (${show(this.retry.backoff.factor)}) must be a whole number >= 1`);
    checkDuration(problems, 'retry.backoffDuration', this.retry.backoff.duration);
    checkDuration(problems, 'retry.backoffMaxDuration', this.retry.backoff.maxDuration);
    if (problems.isEmpty && durationMs(this.retry.backoff.duration) > durationMs(this.retry.backoff.maxDuration)) {
      problems.add(`'retry.backoffDuration' (${show(this.retry.backoff.duration)}) must be <= 'retry.backoffMaxDuration' (${show(this.retry.backoff.maxDuration)})`);
    }
    for (const trigger of props.notificationTriggers ?? []) {
      problems.check(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(trigger.name),
        `'notificationTriggers' contains ${show(trigger.name)}, which is not a trigger name such as "on-sync-failed"`);
    }
    (props.previousRepositories ?? []).forEach((url, i) => problems.check(url.trim() !== '' && !/\s/.test(url),
      `'previousRepositories[${i}]' (${show(url)}) must be a repository URL such as "https://github.com/acme/old-platform.git"`));
    problems.throwIfAny('Reconciler.argoCd()', 'correct the props quoted here in Reconciler.argoCd({...})');
    this.props = props;
  }

  /**
   * `Prune=false` keeps the object when it leaves Git; `Delete=false` keeps it when its Application
   * is deleted (in unprotected environments Applications carry the resources finalizer, which would
   * otherwise delete it).
   */
  public retainAnnotations(): Record<string, string> {
    return { [SYNC_OPTIONS]: 'Prune=false,Delete=false' };
  }

  public recreateAnnotations(): Record<string, string> {
    return { [SYNC_OPTIONS]: 'Force=true,Replace=true' };
  }

  public bind(environment: Environment): void {
    const env = describeEnvironment(environment);
    const project = this.props.project ?? `${env.platformName}-${env.envName}`;
    const gitopsProject = `${project}-gitops`;
    const rootName = `${env.envName}-root`;
    checkNames(environment, [
      { prop: 'AppProject name', value: project },
      { prop: 'AppProject name', value: gitopsProject },
      { prop: 'Application name', value: rootName },
      ...env.apps.map((app) => ({ prop: 'Application name', value: applicationName(env, app) })),
    ], 'shorten the platform, environment or app name (Argo CD puts Application names in a label, at most 63 characters)');
    const notifications = this.notificationAnnotations(env);

    // The root app syncs bootstrap/ (itself and its project) and argocd/ from the environment's
    // branch: after the one `kubectl apply`, every change to either folder arrives through Git.
    const bootstrap = reconcilerChart(environment, 'bootstrap', env.platformName, this.namespace);
    const selfManaged = { ...this.retainAnnotations(), [SYNC_WAVE]: '-2' };
    this.addAppProject(bootstrap, gitopsProject, {
      description: `gitplane ${env.platformName}/${env.envName}: the root app, which syncs dist/${env.envName}/bootstrap and dist/${env.envName}/argocd`,
      sourceRepos: this.sourceRepos(env),
      destinations: [{ server: this.destinationServer, namespace: this.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'AppProject' }, { group: 'argoproj.io', kind: 'Application' }],
    }, selfManaged);
    this.addApplication(bootstrap, rootName, {}, { ...notifications, ...selfManaged }, false, {
      project: gitopsProject,
      source: {
        repoURL: env.repoUrl,
        targetRevision: env.branch,
        path: `${env.distDir}/${env.envName}`,
        directory: { recurse: true, include: ROOT_INCLUDE },
      },
      destination: { server: this.destinationServer, namespace: this.namespace },
      syncPolicy: this.syncPolicy(['PruneLast=true']),
    });

    const argocd = reconcilerChart(environment, 'argocd', env.platformName, this.namespace);
    this.addAppProject(argocd, project, this.appProjectSpec(env), { [SYNC_WAVE]: '-1' });
    const namespaceOwners = namespaceOwnersOf(env.apps.filter((a) => a.needsNamespace && !isSystemNamespace(a.namespace) && a.namespace !== this.namespace));
    // First read what the apps' rendered objects say (references, HPA targets), then write: inside
    // one read span every object is rendered once, and neither read depends on the sync-wave
    // annotations written afterwards (they read specs only).
    const reads = whileTreeIsRead(() => env.apps.map((app) => ({
      waves: objectWaves(app.chart, app.objects),
      scaled: (this.props.ignoreHpaReplicas ?? true) ? hpaScaledWorkloads(app) : [],
    })));
    env.apps.forEach((app, i) => {
      for (const [object, wave] of reads[i].waves) {
        if (wave > 0) object.metadata.addAnnotation(SYNC_WAVE, String(wave));
      }
      this.addApplication(argocd, applicationName(env, app), { [Labels.APP]: app.name }, {
        [SYNC_WAVE]: String(app.wave),
        ...notifications,
      }, !env.isProtected, this.applicationSpec(env, app, reads[i].scaled, project, namespaceOwners.get(app.namespace) === app));
    });
  }

  /**
   * The apps' project. Its permissions depend on the environment, not on which apps exist today, so
   * removing an app never shrinks them in the same sync: Argo CD's resources finalizer deletes only
   * the live objects the project still permits (`getPermittedAppLiveObjects` filters them with
   * `AppProject.IsLiveResourcePermitted`), so a namespace or kind that left the project with the app
   * would be orphaned silently. Namespaces are permitted by the scheme's pattern (`prod-*`), cloud
   * kinds by API group (`kind: '*'`).
   */
  private appProjectSpec(env: EnvironmentInfo): AppProjectSpec {
    const pattern = environmentNamespacePattern(env, this.namespace);
    const namespaces = new Set<string>(pattern ? [pattern] : []);
    const clusterKinds = new Map<string, ArgoGroupKind>([['/Namespace', { group: '', kind: 'Namespace' }]]);
    const cloudGroups = env.environment.cloud?.clusterApiGroups ?? [];
    for (const group of cloudGroups) clusterKinds.set(`${group}/*`, { group, kind: '*' });
    const permits = (namespace: string) => pattern !== undefined && globMatches(pattern, namespace);
    for (const app of env.apps) {
      if (!permits(app.namespace)) namespaces.add(app.namespace);
      for (const object of app.objects) {
        const group = apiGroup(object.apiVersion);
        if (isClusterScoped(object.apiVersion, object.kind, object.metadata.namespace)) {
          if (isCloudGroup(group)) clusterKinds.set(`${group}/*`, { group, kind: '*' });
          else clusterKinds.set(`${group}/${object.kind}`, { group, kind: object.kind });
        } else if (object.metadata.namespace && !permits(object.metadata.namespace)) {
          namespaces.add(object.metadata.namespace);
        }
      }
    }
    return {
      description: `gitplane ${env.platformName}/${env.envName}: apps synced from dist/${env.envName}`,
      sourceRepos: this.sourceRepos(env),
      destinations: [...namespaces].sort(compare).map((namespace) => ({ server: this.destinationServer, namespace })),
      clusterResourceWhitelist: [...clusterKinds.keys()].sort(compare).map((k) => clusterKinds.get(k)!),
      orphanedResources: { warn: true },
    };
  }

  /**
   * The repository, then `previousRepositories`: during a move both stay allowed, so Applications
   * that still name the old URL are not rejected while the root app rolls the new one out.
   */
  private sourceRepos(env: EnvironmentInfo): string[] {
    return [...new Set([env.repoUrl, ...(this.props.previousRepositories ?? [])])];
  }

  /** `scaled`: the app's workloads that an HPA scales, when `ignoreHpaReplicas` (else none). */
  private applicationSpec(env: EnvironmentInfo, app: AppInfo, scaled: readonly ScaledWorkload[], project: string, ownsNamespace: boolean): ApplicationSpec {
    const ignoreDifferences: ArgoIgnoreDifference[] = scaled.map((w) => ({
      group: w.group, kind: w.kind, name: w.name, ...(w.namespace ? { namespace: w.namespace } : {}), jsonPointers: ['/spec/replicas'],
    }));
    const options = [
      ...(ownsNamespace ? ['CreateNamespace=true'] : []),
      'PrunePropagationPolicy=foreground',
      'PruneLast=true',
      ...(ignoreDifferences.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
    ];
    const syncPolicy = this.syncPolicy(options);
    if (ownsNamespace) {
      syncPolicy.managedNamespaceMetadata = {
        labels: namespaceLabels(env.platformName, env.envName, this.props.podSecurity ?? PodSecurityLevel.RESTRICTED),
      };
    }
    return {
      project,
      source: { repoURL: env.repoUrl, targetRevision: env.revision.name, path: `${env.distDir}/${env.envName}/${app.name}`, directory: { recurse: true } },
      destination: { server: this.destinationServer, namespace: app.namespace },
      syncPolicy,
      ...(ignoreDifferences.length > 0 ? { ignoreDifferences } : {}),
    };
  }

  private syncPolicy(options: string[]): ArgoSyncPolicy {
    return {
      automated: { prune: this.props.prune ?? true, selfHeal: this.props.selfHeal ?? true },
      syncOptions: [...options, ...((this.props.serverSideApply ?? true) ? ['ServerSideApply=true'] : [])],
      retry: { limit: this.retry.limit, backoff: { ...this.retry.backoff } },
    };
  }

  /**
   * `notifications.argoproj.io/subscribe.<trigger>.<service>: <recipients>` for every trigger and
   * target; several recipients of one service are joined with `;` as Argo CD expects.
   */
  private notificationAnnotations(env: EnvironmentInfo): Record<string, string> {
    const targets = env.environment.notifications;
    if (targets.length === 0) return {};
    const triggers = this.props.notificationTriggers
      ?? [ArgoCdTrigger.SYNC_FAILED, ArgoCdTrigger.HEALTH_DEGRADED, ...(env.isProtected ? [ArgoCdTrigger.DEPLOYED] : [])];
    const byService = new Map<string, Set<string>>();
    for (const target of targets) {
      const { service, recipient } = argoService(target);
      const set = byService.get(service) ?? new Set<string>();
      if (recipient) set.add(recipient);
      byService.set(service, set);
    }
    const problems = new ProblemList();
    const annotations: Record<string, string> = {};
    for (const trigger of [...new Set(triggers.map((t) => t.name))].sort(compare)) {
      for (const [service, recipients] of [...byService].sort(([a], [b]) => compare(a, b))) {
        const name = `subscribe.${trigger}.${service}`;
        if (name.length > 63 || !ANNOTATION_NAME.test(name)) {
          problems.add(`notification annotation 'notifications.argoproj.io/${name}' is not a valid annotation key (at most 63 characters of letters, digits, '-', '_' and '.' after the prefix)`);
          continue;
        }
        annotations[`notifications.argoproj.io/${name}`] = [...recipients].sort(compare).join(';');
      }
    }
    problems.throwIfAny(env.environment.node.path, 'use a shorter webhook or trigger name');
    return annotations;
  }

  private addAppProject(chart: Chart, name: string, spec: AppProjectSpec, annotations: Record<string, string> = {}): void {
    new ApiObject(chart, `AppProject-${name}`, {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'AppProject',
      metadata: { name, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
      spec,
    });
  }

  /**
   * With the resources finalizer, deleting an Application deletes everything it synced. Protected
   * environments omit it: deleting an Application (by hand, or because the app left the platform and
   * the root app pruned it) orphans the app's objects instead, and a person removes them. The root app
   * never has it, so deleting the root (e.g. to re-bootstrap) never cascades into the environment.
   */
  private addApplication(chart: Chart, name: string, labels: Record<string, string>, annotations: Record<string, string>,
    finalizer: boolean, spec: ApplicationSpec): void {
    new ApiObject(chart, `Application-${name}`, {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'Application',
      metadata: {
        name,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        ...(Object.keys(annotations).length > 0 ? { annotations: sortedRecord(annotations) } : {}),
        ...(finalizer ? { finalizers: [FINALIZER] } : {}),
      },
      spec,
    });
  }
}

/** Cloud API groups whose kinds are permitted as a group: Upbound's provider-aws families. */
function isCloudGroup(group: string): boolean {
  return group === 'aws.upbound.io' || group.endsWith('.aws.upbound.io');
}

/**
 * The namespaces of the environment's apps as one Argo CD destination pattern, read from the
 * namespace scheme: `perApp()` gives `prod-*`, `shared('media')` gives `media`, a custom scheme of the
 * form prefix + app + suffix gives `prefix*suffix`. Undefined when the scheme has no such form, or
 * the pattern would also admit the Argo CD namespace or a system namespace (then each namespace is
 * listed by name).
 */
function environmentNamespacePattern(env: EnvironmentInfo, argoNamespace: string): string | undefined {
  const probe = (app: string) => env.environment.namespaces.resolve(env.envName, app).namespace;
  let a: string;
  let b: string;
  try {
    [a, b] = [probe('gitplane-probe-a'), probe('gitplane-probe-b')];
  } catch {
    return undefined; // a custom scheme that rejects unknown app names: list namespaces by name
  }
  let pattern: string | undefined;
  if (a === b) {
    pattern = a;
  } else {
    const at = a.indexOf('gitplane-probe-a');
    const prefix = a.slice(0, Math.max(at, 0));
    const suffix = a.slice(at + 'gitplane-probe-a'.length);
    if (at >= 0 && b === `${prefix}gitplane-probe-b${suffix}` && (prefix + suffix).length > 0) pattern = `${prefix}*${suffix}`;
  }
  if (pattern === undefined || pattern === '') return undefined;
  const forbidden = [argoNamespace, ...SYSTEM_NAMESPACES];
  return forbidden.some((ns) => globMatches(pattern!, ns)) ? undefined : pattern;
}

/**
 * Argo CD's destination glob (`isDestinationMatched` → `globMatch` in pkg/apis/application/v1alpha1),
 * for the patterns gitplane writes: `*` matches any run of characters.
 */
function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

function applicationName(env: EnvironmentInfo, app: AppInfo): string {
  return `${env.envName}-${app.name}`;
}

/**
 * The app that creates each namespace: the first by (wave, name). When apps share a namespace
 * (`NamespaceScheme.shared`), only that app sets `CreateNamespace=true` and `managedNamespaceMetadata`,
 * so two Applications never compete over one Namespace's metadata; the others retry until it exists.
 */
function namespaceOwnersOf(apps: readonly AppInfo[]): Map<string, AppInfo> {
  const owners = new Map<string, AppInfo>();
  for (const app of [...apps].sort((a, b) => a.wave - b.wave || compare(a.name, b.name))) {
    if (!owners.has(app.namespace)) owners.set(app.namespace, app);
  }
  return owners;
}
