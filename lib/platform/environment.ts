import { Construct } from 'constructs';
import { ProblemList, ValidationError, show } from '../core/errors';
import { dnsLabelProblems, gitRefProblems } from '../core/names';
import type { AppChart } from './app-chart';
import { AppSettings, settingsProblems } from './app-settings';
import { ICloudFlavor, IReconciler, NotificationTarget, PolicyProfile } from './contracts';
import { NamespaceScheme } from './namespace-scheme';
import { NetworkIsolation } from './network-isolation';
import { Protection } from './protection';

export interface EnvironmentProps {
  /** Environment name, a DNS label such as `prod`. It names the `dist/<name>/` folder. */
  readonly name: string;
  /** The GitOps engine that applies this environment, e.g. `Reconciler.argoCd()` or `Reconciler.flux()`. */
  readonly reconciler: IReconciler;
  /**
   * Git branch the reconciler watches.
   * @default - the platform repository's branch
   */
  readonly branch?: string;
  /**
   * Git tag to deploy instead of a branch (e.g. `release-2026.11.3`): the environment runs exactly
   * that tag until the stack names another. Cannot be combined with `branch`.
   * @default - follow the branch
   */
  readonly tag?: string;
  /**
   * How app namespaces are named.
   * @default NamespaceScheme.perApp() - `<environment>-<app>`
   */
  readonly namespaces?: NamespaceScheme;
  /**
   * Protection level. `Protection.PROTECTED` keeps stateful resources when they leave Git.
   * @default Protection.NONE
   */
  readonly protection?: Protection;
  /**
   * Controller for cloud claims (S3, CloudFront, SQS).
   * @default - no cloud resources may be declared in this environment
   */
  readonly cloud?: ICloudFlavor;
  /**
   * AWS region of the environment's cloud resources.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Per-app overrides, keyed by app name.
   * @default - every app uses its defaults
   */
  readonly apps?: Record<string, AppSettings>;
  /**
   * NetworkPolicies for the workloads.
   * @default NetworkIsolation.none()
   */
  readonly network?: NetworkIsolation;
  /**
   * The policy rules synth enforces on this environment's objects.
   * @default - 'prod' in protected environments, otherwise 'restricted'
   */
  readonly policy?: PolicyProfile;
  /**
   * Where the reconciler reports sync failures and degraded health.
   * @default - no notifications
   */
  readonly notifications?: NotificationTarget[];
}

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** One deployment target (dev, staging, prod): a folder `dist/<name>/` watched by one reconciler. */
export class Environment extends Construct {
  public static isEnvironment(x: unknown): x is Environment {
    return x instanceof Environment;
  }

  /** The environment a construct belongs to. Throws if it is not inside one. */
  public static of(scope: Construct): Environment {
    const found = scope.node.scopes.find(Environment.isEnvironment);
    if (!found) {
      throw new ValidationError(scope.node.path, 'this construct must be created inside an app of a Platform environment',
        'create it in the builder passed to platform.addApp(...)');
    }
    return found;
  }

  public readonly envName: string;
  public readonly reconciler: IReconciler;
  public readonly branch?: string;
  public readonly tag?: string;
  public readonly namespaces: NamespaceScheme;
  public readonly protection: Protection;
  public readonly cloud?: ICloudFlavor;
  public readonly region: string;
  public readonly notifications: readonly NotificationTarget[];
  public readonly policy: PolicyProfile;
  public readonly network: NetworkIsolation;
  private readonly overrides: Record<string, AppSettings>;
  private readonly appCharts = new Map<string, AppChart>();

  constructor(scope: Construct, props: EnvironmentProps) {
    super(scope, props.name);
    const problems = new ProblemList();
    for (const p of dnsLabelProblems('name', props.name, 40)) problems.add(p);
    if (!props.reconciler) problems.add(`'reconciler' is required: use Reconciler.argoCd() or Reconciler.flux()`);
    const region = props.region ?? 'us-east-1';
    if (props.branch !== undefined) for (const p of gitRefProblems('branch', props.branch)) problems.add(p);
    if (props.tag !== undefined) for (const p of gitRefProblems('tag', props.tag)) problems.add(p);
    problems.check(props.branch === undefined || props.tag === undefined, `'branch' (${show(props.branch)}) and 'tag' (${show(props.tag)}) are both set; an environment follows one or the other`);
    if (props.policy !== undefined && !['baseline', 'restricted', 'prod'].includes(props.policy)) {
      problems.add(`'policy' (${show(props.policy)}) must be one of "baseline", "restricted", "prod"`);
    }
    problems.check(AWS_REGION.test(region), `'region' (${show(region)}) is not an AWS region such as "eu-west-1"`);
    for (const [app, settings] of Object.entries(props.apps ?? {})) {
      for (const p of settingsProblems(settings, `overrides for app '${app}'`)) problems.add(p);
    }
    problems.throwIfAny(this.node.path, `correct environment ${show(props.name)} in new Platform({ environments: [...] })`);

    this.envName = props.name;
    this.reconciler = props.reconciler;
    this.branch = props.branch;
    this.tag = props.tag;
    this.namespaces = props.namespaces ?? NamespaceScheme.perApp();
    this.protection = props.protection ?? Protection.NONE;
    this.cloud = props.cloud;
    this.region = region;
    this.notifications = props.notifications ?? [];
    this.network = props.network ?? NetworkIsolation.none();
    this.policy = props.policy ?? (this.protection === Protection.PROTECTED ? 'prod' : 'restricted');
    this.overrides = props.apps ?? {};

    // Overrides for apps that were never defined are typos; report them with the known app names.
    this.node.addValidation({
      validate: () => Object.keys(this.overrides)
        .filter((app) => !this.appCharts.has(app))
        .map((app) => `'apps' overrides app '${app}', which the platform does not define (defined: ${[...this.appCharts.keys()].join(', ') || 'none'}). ` +
          `Fix: correct the app name in environment '${this.envName}' 'apps', or remove the overrides`),
    });
  }

  /** True when stateful resources must survive their removal from Git. */
  public get isProtected(): boolean {
    return this.protection === Protection.PROTECTED;
  }

  /** The overrides this environment sets for `app`. */
  public overridesFor(app: string): AppSettings {
    return this.overrides[app] ?? {};
  }

  /** Every app chart of this environment, in definition order. */
  public get apps(): AppChart[] {
    return [...this.appCharts.values()];
  }

  /** The chart of app `name` in this environment, if it has been added. */
  public tryFindApp(name: string): AppChart | undefined {
    return this.appCharts.get(name);
  }

  /**
   * @internal synth, when it owns the platform: drops this environment's constructs once they are
   * synthesized, so the garbage collector can reclaim them while the next environment renders.
   */
  public _release(): void {
    for (const child of this.node.children) this.node.tryRemoveChild(child.node.id);
    this.appCharts.clear();
  }

  /** @internal called by AppChart's constructor. */
  public _registerApp(chart: AppChart): void {
    this.appCharts.set(chart.appName, chart);
  }
}
