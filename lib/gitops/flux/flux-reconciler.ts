import { ApiObject, Chart } from 'cdk8s';
import { Annotations } from '../../core/annotations';
import { ProblemList, show } from '../../core/errors';
import { Labels } from '../../core/labels';
import { GITPLANE_PREFIX } from '../../core/manifest';
import { dnsLabelProblems, dnsSubdomainProblems } from '../../core/names';
import { whileTreeIsRead } from '../../core/render';
import type { IReconciler, NotificationTarget } from '../../platform/contracts';
import type { Environment } from '../../platform/environment';
import {
  AppInfo, checkDuration, checkNames, compare, describeEnvironment, EnvironmentInfo, hpaScaledWorkloads, isSystemNamespace,
  namespaceLabels, PodSecurityLevel, reconcilerChart, ScaledWorkload, toDnsLabel, toFluxGitUrl,
} from '../common';
import {
  AlertSpec, FLUX_KUSTOMIZE_API_VERSION, FLUX_NOTIFICATION_API_VERSION, FLUX_SOURCE_API_VERSION, FluxProviderType,
  GitRepositorySpec, KustomizationSpec, ProviderSpec,
} from './types';

/** Which Flux events an environment's notification targets receive. */
export enum FluxEventSeverity {
  /** Failures only. */
  ERROR = 'error',
  /** Failures and changes: every applied change and every new revision, a deploy log. */
  INFO = 'info',
}

export interface FluxProps {
  /**
   * Namespace the Flux controllers run in; the GitRepository, Kustomizations, Providers and Alerts
   * are created there.
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * How often the GitRepository is fetched.
   * @default '5m'
   */
  readonly sourceInterval?: string;
  /**
   * How often each Kustomization re-applies its folder (and so reverts changes made by hand).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How long an apply plus the health wait may take.
   * @default '5m'
   */
  readonly timeout?: string;
  /**
   * Wait before retrying a failed reconciliation.
   * @default '1m'
   */
  readonly retryInterval?: string;
  /**
   * Wait for every applied object to become ready before a Kustomization reports Ready, so apps that
   * depend on it start only after it is healthy.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Delete objects that were removed from Git. Stateful objects of protected environments are kept
   * regardless (see `retainAnnotations`).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Secret in the Flux namespace with credentials for the repository (`username`/`password` for
   * https, `identity`/`known_hosts` for ssh). Create it yourself, e.g. with `flux create secret git`.
   * @default - no credentials: the repository is public
   */
  readonly gitSecretName?: string;
  /**
   * Events sent to the environment's notification targets.
   * @default - FluxEventSeverity.INFO in protected environments, FluxEventSeverity.ERROR otherwise
   */
  readonly eventSeverity?: FluxEventSeverity;
  /**
   * Let HorizontalPodAutoscalers own `spec.replicas`: a workload scaled by an HPA of the same app has
   * `spec.replicas` removed by a Kustomization patch, so Flux does not reset it on every reconcile.
   * @default true
   */
  readonly ignoreHpaReplicas?: boolean;
  /**
   * Pod Security level of the app namespaces.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
}

const PRUNE_ANNOTATION = Annotations.FLUX_PRUNE;
const SECRET_ANNOTATION = `${GITPLANE_PREFIX}/required-secret`;

/** The Flux provider type for each notification service. */
const PROVIDER_TYPES: Record<NotificationTarget['service'], FluxProviderType> = {
  slack: 'slack',
  msteams: 'msteams',
  webhook: 'generic',
};

const WEBHOOK_KINDS: Record<NotificationTarget['service'], string> = {
  slack: 'Slack incoming-webhook',
  msteams: 'Microsoft Teams incoming-webhook',
  webhook: 'webhook',
};

/**
 * Flux wiring for an environment, all in `dist/<env>/flux/`, which one `kubectl apply -f
 * dist/<env>/flux/` bootstraps (Flux's controllers must be installed, e.g. with `flux install`):
 *
 * - GitRepository `<platform>-<env>` for the platform repository at the environment's branch (one
 *   per environment because environments may watch different branches of the same repository).
 *   It always follows the branch, also in an environment pinned to a `tag`: then the apps read from
 *   a second GitRepository `<platform>-<env>-pinned` at the tag, and a tag bump is an ordinary
 *   commit on the branch that the root applies (a source pinned to the tag would read, forever, the
 *   tree in which it names that tag). So the first `kubectl apply` is a seed that never needs
 *   repeating;
 * - Kustomization `<env>-root` for `./<dist>/<env>/flux` itself: after the first apply, Flux keeps
 *   this folder in sync, so new apps, namespaces and alerts arrive through Git. Managing its own
 *   definition is Flux's normal bootstrap pattern; the root and its GitRepository carry
 *   `kustomize.toolkit.fluxcd.io/prune: disabled` so the root can never garbage-collect itself or its
 *   source, and `deletionPolicy: Orphan` so deleting it never cascades into the environment;
 * - one Kustomization `<env>-<app>` per app, with `dependsOn` from the app dependency graph;
 * - the app Namespaces. Flux does not create namespaces, and putting them here rather than in each
 *   app folder means the root applies them (kustomize-controller applies Namespaces first) before any
 *   app Kustomization runs, apps sharing a namespace do not fight over it, and deleting an app does
 *   not delete its namespace with everything in it as a side effect of the app's own prune;
 * - a Provider and an Alert per notification target.
 */
export class FluxReconciler implements IReconciler {
  public readonly kind = 'flux' as const;
  public readonly namespace: string;
  private readonly props: FluxProps;
  private readonly sourceInterval: string;
  private readonly interval: string;
  private readonly timeout: string;
  private readonly retryInterval: string;

  constructor(props: FluxProps = {}) {
    const problems = new ProblemList();
    this.namespace = props.namespace ?? 'flux-system';
    for (const p of dnsLabelProblems('namespace', this.namespace)) problems.add(p);
    this.sourceInterval = props.sourceInterval ?? '5m';
    this.interval = props.interval ?? '10m';
    this.timeout = props.timeout ?? '5m';
    this.retryInterval = props.retryInterval ?? '1m';
    checkDuration(problems, 'sourceInterval', this.sourceInterval);
    checkDuration(problems, 'interval', this.interval);
    checkDuration(problems, 'timeout', this.timeout);
    checkDuration(problems, 'retryInterval', this.retryInterval);
    if (props.gitSecretName !== undefined) for (const p of dnsSubdomainProblems('gitSecretName', props.gitSecretName)) problems.add(p);
    problems.throwIfAny('Reconciler.flux()', 'correct the props quoted here in Reconciler.flux({...})');
    this.props = props;
  }

  /** Flux never deletes an object with this annotation, neither on prune nor when its Kustomization is deleted. */
  public retainAnnotations(): Record<string, string> {
    return { [PRUNE_ANNOTATION]: 'disabled' };
  }

  public recreateAnnotations(): Record<string, string> {
    return { [Annotations.FLUX_FORCE]: 'enabled' };
  }

  public bind(environment: Environment): void {
    const env = describeEnvironment(environment);
    const sourceName = `${env.platformName}-${env.envName}`;
    // A tag-pinned environment reads its apps from a second source; the root source keeps following
    // the branch, where the commit that bumps the tag lands.
    const appSourceName = env.revision.kind === 'tag' ? `${sourceName}-pinned` : sourceName;
    const rootName = `${env.envName}-root`;
    const providers = this.providers(env);
    checkNames(environment, [
      { prop: 'GitRepository name', value: appSourceName },
      { prop: 'Kustomization name', value: rootName },
      ...env.apps.map((app) => ({ prop: 'Kustomization name', value: kustomizationName(env, app.name) })),
    ], 'shorten the platform, environment or app name (Flux puts Kustomization names in a label, at most 63 characters)');

    // No chart namespace: the chart also holds Namespaces, which are cluster-scoped.
    const chart = reconcilerChart(environment, 'flux', env.platformName);
    const prune = this.props.prune ?? true;
    const keep = { [PRUNE_ANNOTATION]: 'disabled' };

    const source = (ref: GitRepositorySpec['ref']): GitRepositorySpec => ({
      url: toFluxGitUrl(env.repoUrl),
      ref,
      interval: this.sourceInterval,
      ignore: ignoreAllBut([...env.distDir.split('/'), env.envName]),
      ...(this.props.gitSecretName ? { secretRef: { name: this.props.gitSecretName } } : {}),
    });
    this.add(chart, FLUX_SOURCE_API_VERSION, 'GitRepository', sourceName, keep, source({ branch: env.branch }));
    if (appSourceName !== sourceName) {
      this.add(chart, FLUX_SOURCE_API_VERSION, 'GitRepository', appSourceName, {}, source({ tag: env.revision.name }));
    }

    this.add(chart, FLUX_KUSTOMIZE_API_VERSION, 'Kustomization', rootName, keep, {
      interval: this.interval,
      retryInterval: this.retryInterval,
      timeout: this.timeout,
      path: `./${env.distDir}/${env.envName}/flux`,
      prune,
      // The root only creates Kustomizations and Namespaces; apps report their own health.
      wait: false,
      sourceRef: { kind: 'GitRepository', name: sourceName },
      deletionPolicy: 'Orphan',
    } satisfies KustomizationSpec);

    // The HPA targets of every app, read from their rendered objects before the Kustomizations are
    // written: inside one read span every object is rendered once.
    const scaled = whileTreeIsRead(() => env.apps.map((app) => (this.props.ignoreHpaReplicas ?? true) ? hpaScaledWorkloads(app) : []));
    env.apps.forEach((app, i) => {
      this.add(chart, FLUX_KUSTOMIZE_API_VERSION, 'Kustomization', kustomizationName(env, app.name), {}, this.kustomizationSpec(env, app, scaled[i], appSourceName), {
        [Labels.APP]: app.name,
      });
    });

    const level = this.props.podSecurity ?? PodSecurityLevel.RESTRICTED;
    const namespaces = [...new Set(env.apps.filter((a) => a.needsNamespace).map((a) => a.namespace))].filter((ns) => !isSystemNamespace(ns) && ns !== this.namespace);
    for (const namespace of namespaces.sort(compare)) {
      // Deleting a Namespace deletes everything in it, stateful objects included.
      new ApiObject(chart, `Namespace-${namespace}`, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace, labels: namespaceLabels(env.platformName, env.envName, level), ...(env.isProtected ? { annotations: keep } : {}) },
      });
    }

    const severity = this.props.eventSeverity ?? (env.isProtected ? FluxEventSeverity.INFO : FluxEventSeverity.ERROR);
    const eventSources: AlertSpec['eventSources'] = [
      ...[...new Set([sourceName, appSourceName])].map((name) => ({ kind: 'GitRepository' as const, name })),
      ...[rootName, ...env.apps.map((a) => kustomizationName(env, a.name))].sort(compare).map((name) => ({ kind: 'Kustomization' as const, name })),
    ];
    for (const provider of providers) {
      this.add(chart, FLUX_NOTIFICATION_API_VERSION, 'Provider', provider.name, {
        [SECRET_ANNOTATION]: `${this.namespace}/${provider.spec.secretRef.name}, key 'address': the ${WEBHOOK_KINDS[provider.target.service]} URL. Create it yourself; gitplane never writes it`,
      }, provider.spec);
      this.add(chart, FLUX_NOTIFICATION_API_VERSION, 'Alert', provider.name, {}, {
        providerRef: { name: provider.name },
        eventSeverity: severity,
        eventSources,
        eventMetadata: { environment: env.envName, platform: env.platformName },
      } satisfies AlertSpec);
    }
  }

  /**
   * In protected environments `deletionPolicy: Orphan`: deleting the Kustomization (by hand, or
   * because the app left the platform and the root pruned it) leaves the app's objects in place for a
   * person to remove. Otherwise the default (`MirrorPrune`) deletes them with it. `prune` stays on in
   * both: objects removed from an app folder are deleted, except stateful ones that carry the
   * `retainAnnotations()`. Turning prune off for the whole environment would leave every removed
   * Deployment and Service running. `scaled`: the app's workloads an HPA scales, when
   * `ignoreHpaReplicas` (else none).
   */
  private kustomizationSpec(env: EnvironmentInfo, app: AppInfo, scaled: readonly ScaledWorkload[], sourceName: string): KustomizationSpec {
    const patches = scaled.filter((w) => w.setsReplicas).map((w) => ({
      patch: '- op: remove\n  path: /spec/replicas\n',
      target: { group: w.group, version: w.version, kind: w.kind, name: w.name, ...(w.namespace ? { namespace: w.namespace } : {}) },
    }));
    return {
      interval: this.interval,
      retryInterval: this.retryInterval,
      timeout: this.timeout,
      path: `./${env.distDir}/${env.envName}/${app.name}`,
      prune: this.props.prune ?? true,
      wait: this.props.wait ?? true,
      sourceRef: { kind: 'GitRepository', name: sourceName },
      ...(app.dependsOn.length > 0 ? { dependsOn: app.dependsOn.map((dep) => ({ name: kustomizationName(env, dep) })) } : {}),
      ...(env.isProtected ? { deletionPolicy: 'Orphan' as const } : {}),
      ...(patches.length > 0 ? { patches } : {}),
    };
  }

  /**
   * One Provider per target, named `<env>-<service>-<recipient>`. Its credentials are in a Secret the
   * user creates in the Flux namespace, `<service>-<recipient>-webhook`, key `address` (the webhook
   * URL); gitplane never writes secret values to Git.
   */
  private providers(env: EnvironmentInfo): { name: string; target: NotificationTarget; spec: ProviderSpec }[] {
    const problems = new ProblemList();
    const byName = new Map<string, { name: string; target: NotificationTarget; spec: ProviderSpec }>();
    for (const target of env.environment.notifications) {
      const name = toDnsLabel(`${env.envName}-${target.service}-${target.recipient}`);
      const secret = `${toDnsLabel(`${target.service}-${target.recipient}`, 63 - '-webhook'.length)}-webhook`;
      if (byName.has(name)) {
        problems.add(`'notifications' names ${target.service} ${show(target.recipient)} twice`);
        continue;
      }
      byName.set(name, {
        name,
        target,
        spec: {
          type: PROVIDER_TYPES[target.service],
          ...(target.service === 'slack' ? { channel: target.recipient } : {}),
          secretRef: { name: secret },
        },
      });
    }
    problems.throwIfAny(env.environment.node.path, 'list each notification target once');
    return [...byName.keys()].sort(compare).map((k) => byName.get(k)!);
  }

  private add(chart: Chart, apiVersion: string, kind: string, name: string, annotations: Record<string, string>, spec: object,
    labels: Record<string, string> = {}): void {
    new ApiObject(chart, `${kind}-${name}`, {
      apiVersion,
      kind,
      metadata: {
        name,
        namespace: this.namespace,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec,
    });
  }
}

function kustomizationName(env: EnvironmentInfo, app: string): string {
  return `${env.envName}-${app}`;
}

/**
 * A `.gitignore`-style `spec.ignore` that keeps only the folder `segments` (e.g. `dist/prod`) in the
 * artifact Flux builds from the repository: smaller artifacts, and source code never reaches the
 * cluster.
 */
function ignoreAllBut(segments: readonly string[]): string {
  const lines = ['/*'];
  let prefix = '';
  segments.forEach((segment, i) => {
    prefix = `${prefix}/${segment}`;
    lines.push(`!${prefix}/`);
    if (i < segments.length - 1) lines.push(`${prefix}/*`);
  });
  return `${lines.join('\n')}\n`;
}
