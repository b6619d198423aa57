import { createHash } from 'crypto';
import { ApiObject, Chart } from 'cdk8s';
import { ProblemList, ValidationError, show } from '../core/errors';
import { Labels } from '../core/labels';
import { isClusterScopedKind } from '../core/scope';
import { apiGroup, KubeObject } from '../core/manifest';
import { dnsLabelProblems } from '../core/names';
import { rendered } from '../core/render';
import { Warnings } from '../core/warnings';
import { AppChart } from '../platform/app-chart';
import { appDependencies, syncWaves } from '../platform/dependencies';
import type { Environment } from '../platform/environment';
import { Platform } from '../platform/platform';

/**
 * Pod Security Admission level written on the namespaces the reconcilers create
 * (`pod-security.kubernetes.io/enforce`, `audit` and `warn`).
 */
export enum PodSecurityLevel {
  /** Hardened pods only (non-root, no privilege escalation, `capabilities.drop: [ALL]`, seccomp). */
  RESTRICTED = 'restricted',
  /** Blocks known privilege escalations but allows e.g. running as root. */
  BASELINE = 'baseline',
  /** No restrictions. Only for system components that need host access. */
  PRIVILEGED = 'privileged',
}

/** Labels of a namespace created for an environment's apps: Pod Security Admission plus gitplane's own. */
export function namespaceLabels(platformName: string, envName: string, level: PodSecurityLevel): Record<string, string> {
  return {
    [Labels.PART_OF]: platformName,
    [Labels.MANAGED_BY]: 'gitplane',
    [Labels.ENVIRONMENT]: envName,
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}

/** Namespaces that exist in every cluster; reconcilers never create them or change their labels. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACES.has(namespace);
}

/** A Go duration as both engines' CRDs accept it: `30s`, `5m`, `1h30m`. */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Adds a problem to `problems` when `value` is not a Go duration. */
export function checkDuration(problems: ProblemList, prop: string, value: string): void {
  problems.check(DURATION.test(value), `'${prop}' (${show(value)}) must be a duration such as "30s", "5m" or "1h30m"`);
}

/** Milliseconds of a duration already checked with `checkDuration`. */
export function durationMs(value: string): number {
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const match of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g)) total += Number(match[1]) * unit[match[2]];
  return total;
}

/**
 * A DNS label made from free text (a Slack channel, a webhook name). Text that already is one is kept;
 * anything else is lower-cased, runs of other characters become `-`, and a short hash of the
 * original text is appended, so `Media_Deploys` and `media.deploys` stay distinct and the result
 * never changes between runs.
 */
export function toDnsLabel(text: string, maxLength = 63): string {
  if (text.length <= maxLength && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(text)) return text;
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  const head = cleaned.slice(0, maxLength - hash.length - 1).replace(/-$/, '');
  return head ? `${head}-${hash}` : `x-${hash}`;
}

/**
 * The URL form Flux accepts (`http://`, `https://` or `ssh://`): scp-like `git@host:org/repo.git`
 * becomes `ssh://git@host/org/repo.git`. Argo CD takes either form and is given the URL as written.
 */
export function toFluxGitUrl(url: string): string {
  const scp = /^([^@/\s]+)@([^:/\s]+):(?!\/)(.+)$/.exec(url);
  return scp ? `ssh://${scp[1]}@${scp[2]}/${scp[3]}` : url;
}

/** What both reconcilers need to know about one app of an environment. */
export interface AppInfo {
  readonly chart: AppChart;
  readonly name: string;
  /** The namespace the app chart puts its objects in. */
  readonly namespace: string;
  /** Sync wave from `syncWaves(env)`: 0 for apps without dependencies. */
  readonly wave: number;
  /** Apps this one must wait for, by app name, sorted. Apps without objects are skipped over. */
  readonly dependsOn: readonly string[];
  /** The app's objects. */
  readonly objects: readonly ApiObject[];
  /** False when every object is cluster-scoped (e.g. admission policies): no namespace to create. */
  readonly needsNamespace: boolean;
}

/** What both reconcilers need to know about an environment, read once at bind time. */
export interface EnvironmentInfo {
  readonly environment: Environment;
  readonly platformName: string;
  readonly envName: string;
  readonly repoUrl: string;
  /** What the apps' sources follow: `env.tag`, else `env.branch`, else the platform repository's branch. */
  readonly revision: { readonly kind: 'branch' | 'tag'; readonly name: string };
  /**
   * The branch the reconciler's own objects (root app, root source) follow, also when the apps are
   * pinned to a tag: a tag bump is a commit on this branch, so it reaches the cluster through Git.
   */
  readonly branch: string;
  readonly distDir: string;
  readonly isProtected: boolean;
  /** Apps that have at least one object, sorted by name. */
  readonly apps: readonly AppInfo[];
}

/**
 * Reads the environment. Apps without objects get no Application or Kustomization (their folder
 * does not exist, so the engine would report a missing path); apps that depend on one depend on its
 * dependencies instead, so ordering is kept. Such apps get warning `GP-W-GITOPS-001`.
 */
export function describeEnvironment(environment: Environment): EnvironmentInfo {
  const platform = Platform.of(environment);
  const waves = syncWaves(environment); // throws on a dependency cycle, naming it
  const deps = appDependencies(environment);
  const objectsOf = new Map<AppChart, ApiObject[]>();
  for (const app of environment.apps) {
    objectsOf.set(app, app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject));
  }
  const isEmpty = (app: AppChart): boolean => (objectsOf.get(app) ?? []).length === 0;

  const effectiveDeps = (app: AppChart, seen = new Set<AppChart>()): string[] => {
    const names = new Set<string>();
    for (const dep of deps.get(app) ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (isEmpty(dep)) for (const n of effectiveDeps(dep, seen)) names.add(n);
      else names.add(dep.appName);
    }
    return [...names].sort(compare);
  };

  const apps: AppInfo[] = [];
  for (const app of [...environment.apps].sort((a, b) => compare(a.appName, b.appName))) {
    if (isEmpty(app)) {
      Warnings.of(app).add('GP-W-GITOPS-001',
        `app '${app.appName}' has no objects in environment '${environment.envName}', so no ${engineName(environment)} ${environment.reconciler.kind === 'argocd' ? 'Application' : 'Kustomization'} is generated for it`);
      continue;
    }
    apps.push({
      chart: app,
      name: app.appName,
      namespace: app.namespace ?? environment.namespaces.resolve(environment.envName, app.appName).namespace,
      wave: waves.get(app) ?? 0,
      dependsOn: effectiveDeps(app),
      objects: objectsOf.get(app) ?? [],
      needsNamespace: (objectsOf.get(app) ?? []).some((o) => !isClusterScopedKind(o.apiVersion, o.kind)),
    });
  }

  return {
    environment,
    platformName: platform.platformName,
    envName: environment.envName,
    repoUrl: platform.repository.url,
    revision: environment.tag !== undefined
      ? { kind: 'tag', name: environment.tag }
      : { kind: 'branch', name: environment.branch ?? platform.repository.branch },
    branch: environment.branch ?? platform.repository.branch,
    distDir: platform.repository.distDir,
    isProtected: environment.isProtected,
    apps,
  };
}

/**
 * Creates the chart holding a reconciler's objects, directly under the environment so its objects
 * land in `dist/<env>/<id>/`. Fails, naming the app, when an app already uses that folder.
 */
export function reconcilerChart(environment: Environment, id: string, platformName: string, namespace?: string): Chart {
  const existing = environment.node.tryFindChild(id);
  if (existing) {
    const what = existing instanceof AppChart ? `app '${id}'` : `'${existing.node.path}'`;
    throw new ValidationError(environment.node.path,
      `${what} uses the folder ${environment.envName}/${id}/, which the ${engineName(environment)} reconciler writes its objects to`,
      `rename the app; 'argocd', 'bootstrap' and 'flux' are reserved folder names`);
  }
  return new Chart(environment, id, {
    namespace,
    disableResourceNameHashes: true,
    labels: {
      [Labels.PART_OF]: platformName,
      [Labels.MANAGED_BY]: 'gitplane',
      [Labels.ENVIRONMENT]: environment.envName,
    },
  });
}

/** Problems with generated object names, all reported at once against the environment. */
export function checkNames(environment: Environment, names: readonly { prop: string; value: string }[], fix: string): void {
  const problems = new ProblemList();
  for (const { prop, value } of names) for (const p of dnsLabelProblems(prop, value)) problems.add(p);
  problems.throwIfAny(environment.node.path, fix);
}

/**
 * True for cluster-scoped kinds (see lib/core/scope.ts), and for any object whose namespace was
 * removed on purpose.
 */
export function isClusterScoped(apiVersion: string, kind: string, namespace: string | undefined): boolean {
  return isClusterScopedKind(apiVersion, kind) || namespace === undefined;
}

/** A workload scaled by a HorizontalPodAutoscaler of the same app. */
export interface ScaledWorkload {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** True when the workload's manifest sets `spec.replicas` (which would fight the HPA). */
  readonly setsReplicas: boolean;
}

/** The workloads of `app` that an HPA in the same app scales, sorted by kind and name. */
export function hpaScaledWorkloads(app: AppInfo): ScaledWorkload[] {
  const found = new Map<string, ScaledWorkload>();
  for (const hpa of app.objects) {
    if (hpa.kind !== 'HorizontalPodAutoscaler') continue;
    const json = rendered(hpa) as KubeObject & { spec?: { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } };
    const ref = json.spec?.scaleTargetRef;
    if (!ref?.kind || !ref.name) continue;
    const namespace = json.metadata.namespace;
    const target = app.objects.find((o) => o.kind === ref.kind && o.name === ref.name);
    const targetJson = target ? (rendered(target) as KubeObject & { spec?: { replicas?: unknown } }) : undefined;
    const apiVersion = ref.apiVersion ?? target?.apiVersion ?? 'apps/v1';
    const slash = apiVersion.indexOf('/');
    found.set(`${ref.kind}/${ref.name}`, {
      group: apiGroup(apiVersion),
      version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
      kind: ref.kind,
      name: ref.name,
      namespace,
      setsReplicas: targetJson?.spec?.replicas !== undefined,
    });
  }
  return [...found.keys()].sort(compare).map((k) => found.get(k)!);
}

function engineName(environment: Environment): string {
  return environment.reconciler.kind === 'argocd' ? 'Argo CD' : 'Flux';
}

/** Code-unit order, independent of locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `record` with keys in sorted order (YAML output sorts anyway; this keeps objects readable in tests). */
export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}
