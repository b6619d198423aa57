import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Labels } from '../core/labels';
import { AppSettings, TrackedSettings } from './app-settings';
import { Environment } from './environment';

/** Builds one app in one environment; called once per environment with that environment's chart. */
export type AppBuilder = (app: AppChart) => void;

export interface AppChartProps {
  /** App name, a DNS label; it names the `dist/<env>/<app>/` folder and the default namespace. */
  readonly appName: string;
  /** The platform's name, used in the `app.kubernetes.io/part-of` label. */
  readonly platformName: string;
  /** Settings every environment starts from. */
  readonly defaults: AppSettings;
  /** Apps that must be synced before this one. */
  readonly dependsOn: readonly string[];
}

/**
 * One app instantiated in one environment: a cdk8s Chart whose objects land in
 * `dist/<env>/<app>/` and are synced by one Argo CD Application or Flux Kustomization.
 */
export class AppChart extends Chart {
  /** The app chart a construct belongs to. Throws if it is not inside one. */
  public static of(scope: Construct): AppChart {
    const found = scope.node.scopes.find((s): s is AppChart => s instanceof AppChart);
    if (!found) {
      throw new ValidationError(scope.node.path, 'this construct must be created inside an app',
        'create it in the builder passed to platform.addApp(name, builder)');
    }
    return found;
  }

  public readonly appName: string;
  public readonly environment: Environment;
  /** The app's settings in this environment: defaults with the environment's overrides applied. */
  public readonly settings: AppSettings;
  /** Apps named as dependencies when the app was defined. */
  public readonly declaredDependencies: readonly string[];

  constructor(environment: Environment, props: AppChartProps) {
    const { namespace, problems } = environment.namespaces.resolve(environment.envName, props.appName);
    if (problems.length > 0) {
      throw new ValidationError(`${environment.node.path}/${props.appName}`, problems,
        `make the namespaces of environment '${environment.envName}' DNS labels, e.g. NamespaceScheme.perApp()`);
    }
    super(environment, props.appName, {
      namespace,
      disableResourceNameHashes: true,
      labels: {
        [Labels.PART_OF]: props.platformName,
        [Labels.MANAGED_BY]: 'gitplane',
        [Labels.ENVIRONMENT]: environment.envName,
        [Labels.APP]: props.appName,
      },
    });
    this.appName = props.appName;
    this.environment = environment;
    this.declaredDependencies = props.dependsOn;
    const settings = new TrackedSettings(props.defaults, environment.overridesFor(props.appName));
    this.settings = settings;
    environment._registerApp(this);

    this.node.addValidation({
      validate: () => settings.unreadOverrides.map((key) =>
        `environment '${environment.envName}' overrides '${key}' but the app never reads app.settings.${key}. ` +
        `Fix: use app.settings.${key} in the builder of app '${props.appName}', or remove the override`),
    });
  }

  /**
   * `repository:tag` with this environment's image tag, e.g. `app.image('ghcr.io/acme/web')`, plus
   * `@sha256:...` when the environment pins a digest. Throws when no tag is set, because an untagged
   * image means `latest`.
   */
  public image(repository: string): string {
    const tag = this.settings.imageTag;
    const digest = this.settings.imageDigest;
    if (!tag) {
      throw new ValidationError(this.node.path, `no 'imageTag' is set for app '${this.appName}' in environment '${this.environment.envName}'`,
        `set defaults.imageTag in platform.addApp or apps.${this.appName}.imageTag in the environment`);
    }
    return digest ? `${repository}:${tag}@${digest}` : `${repository}:${tag}`;
  }

  /**
   * Another app of the same environment, e.g. to connect to its service. The app must be added
   * before this one; this does not add a dependency by itself (consuming constructs do).
   */
  public app(name: string): AppChart {
    const other = this.environment.tryFindApp(name);
    if (!other) {
      const known = this.environment.apps.map((a) => a.appName).filter((n) => n !== this.appName);
      throw new ValidationError(this.node.path, `app '${name}' is not defined in environment '${this.environment.envName}' (defined so far: ${known.join(', ') || 'none'})`,
        `add app '${name}' with platform.addApp before '${this.appName}'`);
    }
    return other;
  }
}
