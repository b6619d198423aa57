import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Labels } from '../core/labels';
import { closest } from '../core/nearest';
import { rejectUnknownOptions } from '../core/props';
import { IMAGE_OPTIONS } from './prop-keys';
import { AppSettings, ImageSettings, overrideKindProblems, settingsProblems, TrackedSettings } from './app-settings';
import { constructCycle } from './construct-cycles';
import { Environment } from './environment';

/**
 * Builds one app in one environment; called once per environment with that environment's chart.
 * What it returns is the app's exports, which later apps reach through the handle `addApp` returns.
 */
export type AppBuilder<S extends object = {}, E = void> = (app: AppChart<S>) => E; // eslint-disable-line @typescript-eslint/no-empty-object-type

export interface ImageOptions {
  /**
   * The name of the image in `app.settings.images`, for a workload that does not run the app's
   * main image (e.g. a cron job with its own image).
   * @default - the app's main image: `app.settings.imageTag` and `imageDigest`
   */
  readonly name?: string;
}

export interface AppChartProps {
  /** App name, a DNS label; it names the `dist/<env>/<app>/` folder and the default namespace. */
  readonly appName: string;
  /** The platform's name, used in the `app.kubernetes.io/part-of` label. */
  readonly platformName: string;
  /** Settings every environment starts from, of the app's own shape. */
  readonly defaults: AppSettings & object;
  /** This environment's overrides given with the app (`addApp(..., { environments })`). */
  readonly overrides: AppSettings & object;
  /** Every key the app's settings have in some environment. */
  readonly settingKeys?: readonly string[];
  /** Apps that must be synced before this one. */
  readonly dependsOn: readonly string[];
}

/**
 * One app instantiated in one environment: a cdk8s Chart whose objects land in
 * `dist/<env>/<app>/` and are synced by one Argo CD Application or Flux Kustomization.
 */
export class AppChart<S extends object = {}> extends Chart { // eslint-disable-line @typescript-eslint/no-empty-object-type
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
  public readonly settings: Readonly<AppSettings & S>;
  private readonly dependencyNames: string[];

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
    this.dependencyNames = [...props.dependsOn];
    const where = `overrides for app '${props.appName}' in environment '${environment.envName}'`;
    const overrides = mergeOverrides(props.overrides, environment.overridesFor(props.appName), where);
    const settingProblems = [...overrides.problems,
      ...settingsProblems(props.overrides, where, Object.keys(props.defaults)),
      ...overrideKindProblems(props.defaults, overrides.merged, where)];
    if (settingProblems.length > 0) {
      throw new ValidationError(`${environment.node.path}/${props.appName}`, settingProblems,
        `override only settings that app '${props.appName}' has in its defaults, with values of the same kind`);
    }
    const settings = new TrackedSettings(props.defaults, overrides.merged, props.settingKeys, `app '${props.appName}'`);
    this.settings = settings.view as AppSettings & S;
    environment._registerApp(this as AppChart);

    this.node.addValidation({
      validate: () => {
        const cycle = constructCycle(this);
        return cycle ? [`constructs of app '${props.appName}' depend on each other in a cycle: ${cycle.join(' -> ')}. ` +
          'Fix: remove one of the dependencies (node.addDependency, uses, connectTo, exposeAsEnv or mountInto)'] : [];
      },
    });
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
  public image(repository: string, options: ImageOptions = {}): string {
    rejectUnknownOptions(this.node.path, IMAGE_OPTIONS, options, `correct the options quoted here in app.image(${JSON.stringify(repository)}, {...})`);
    if (options.name !== undefined) return this.namedImage(repository, options.name);
    const tag = this.settings.imageTag;
    const digest = this.settings.imageDigest;
    if (!tag) {
      throw new ValidationError(this.node.path, `no 'imageTag' is set for app '${this.appName}' in environment '${this.environment.envName}'`,
        `set defaults.imageTag in platform.addApp or apps.${this.appName}.imageTag in the environment`);
    }
    return digest ? `${repository}:${tag}@${digest}` : `${repository}:${tag}`;
  }

  /** Apps this app must sync after: `dependsOn`, and the apps whose exports it used through their handles. */
  public get declaredDependencies(): readonly string[] {
    return this.dependencyNames;
  }

  /** @internal records a dependency on an earlier app of the same environment (from an app handle). */
  public _dependOn(app: string): void {
    if (!this.dependencyNames.includes(app)) this.dependencyNames.push(app);
  }

  private namedImage(repository: string, name: string): string {
    const images: Readonly<Record<string, ImageSettings>> = (this.settings as AppSettings).images ?? {};
    const image = Object.prototype.hasOwnProperty.call(images, name) ? images[name] : undefined;
    const where = `app '${this.appName}' in environment '${this.environment.envName}'`;
    if (!image?.tag) {
      const known = Object.keys(images);
      const near = closest(name, known);
      throw new ValidationError(this.node.path,
        image ? `image '${name}' of ${where} has no 'tag'`
          : `no image '${name}' in app.settings.images of ${where} (images: ${known.join(', ') || 'none'})${near ? `; did you mean '${near}'?` : ''}`,
        `set defaults.images[${JSON.stringify(name)}] = { tag: '1.2.3' } in platform.addApp(${JSON.stringify(this.appName)}, ...), or override it per environment`);
    }
    return image.digest ? `${repository}:${image.tag}@${image.digest}` : `${repository}:${image.tag}`;
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

/**
 * The overrides of one app in one environment: those given with the app and those in the
 * environment's `apps`. A key set in both places is an error, since one of them would be ignored.
 */
function mergeOverrides(withApp: AppSettings & object, inEnvironment: AppSettings, where: string) {
  const problems: string[] = [];
  for (const key of Object.keys(inEnvironment)) {
    if (key in withApp) problems.push(`${where}: '${key}' is set both in addApp's 'environments' and in the environment's 'apps'; keep one`);
  }
  return { merged: { ...withApp, ...inEnvironment } as AppSettings & object, problems };
}
