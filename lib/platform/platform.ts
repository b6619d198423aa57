import { App, AppProps as Cdk8sAppProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ProblemList, ValidationError, show } from '../core/errors';
import { dnsLabelProblems, gitRefProblems } from '../core/names';
import { closest } from '../core/nearest';
import { unknownPropProblems } from '../core/props';
import { APP_PROPS, PLATFORM_PROPS } from './prop-keys';
import { AppBuilder, AppChart } from './app-chart';
import { AppHandle } from './app-handle';
import { AppSettings, settingsProblems } from './app-settings';
import { Environment, EnvironmentProps } from './environment';

/** The Git repository the reconcilers watch: this repository, with `dist/` committed. */
export interface GitSource {
  /** Clone URL, e.g. `https://github.com/acme/platform.git` or `ssh://git@github.com/acme/platform.git`. */
  readonly url: string;
  /**
   * Branch the reconcilers watch unless an environment names another.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * Folder, relative to the repository root, that holds the synthesized manifests.
   * @default 'dist'
   */
  readonly distDir?: string;
}

export interface PlatformProps {
  /** Platform name, a DNS label; used in labels and in reconciler object names. */
  readonly name: string;
  /** The Git repository and branch the reconcilers watch. */
  readonly repository: GitSource;
  /** The environments, e.g. dev, staging and prod. */
  readonly environments: EnvironmentProps[];
  /**
   * Options for the stock cdk8s App, used only by `cdk8s synth` (gitplane's synth ignores them).
   * @default - cdk8s' defaults (outdir from CDK8S_OUTDIR, one file per chart)
   */
  readonly cdk8s?: Cdk8sAppProps;
}

/**
 * How an app is added. `S` is the shape of the app's own settings, taken from `defaults`: the
 * overrides in `environments` are type-checked against it.
 */
export interface AppProps<S extends object = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  /**
   * Settings every environment starts from: the common ones (`replicas`, `imageTag`, `imageDigest`,
   * `resources`, `hosts`, `images`) and any of the app's own, e.g. `{ cdnHost: 'media.acme.example' }`.
   * @default - no defaults
   */
  readonly defaults?: AppSettings & S;
  /**
   * Overrides per environment name, of the same shape as `defaults`, e.g. `{ dev: { replicas: 1 } }`.
   * An override replaces the default's value whole (`images`: one image at a time), and one the app
   * never reads is an error.
   * @default - every environment uses the defaults (and the environment's own `apps` overrides)
   */
  readonly environments?: Readonly<Record<string, AppSettings & Partial<Omit<NoInfer<S>, keyof AppSettings>>>>;
  /**
   * Apps that must be synced before this one (they must be added first).
   * @default - only the dependencies the app's constructs imply
   */
  readonly dependsOn?: string[];
}

const GIT_URL = /^(https:\/\/|ssh:\/\/|git@)[^\s]+$/;

/**
 * The root of a gitplane program: a cdk8s App holding environments, each holding one chart per app.
 * `stacks/main.ts` builds one and gitplane synthesizes it into `dist/<env>/<app>/`.
 */
const PLATFORM = Symbol.for('gitplane.Platform');

export class Platform extends App {
  /** True for a Platform, also one created by another copy of this module (stack code loaded separately). */
  public static isPlatform(x: unknown): x is Platform {
    return typeof x === 'object' && x !== null && PLATFORM in x;
  }

  /** The platform a construct belongs to. */
  public static of(scope: Construct): Platform {
    const root = scope.node.root;
    if (!Platform.isPlatform(root)) {
      throw new ValidationError(scope.node.path, 'this construct is not part of a gitplane Platform', 'create it inside an app added with platform.addApp');
    }
    return root;
  }

  public readonly platformName: string;
  public readonly repository: Required<GitSource>;
  private readonly envs: Environment[] = [];
  private readonly appNames: string[] = [];
  private prepared = false;

  constructor(props: PlatformProps) {
    super(props.cdk8s);
    Object.defineProperty(this, PLATFORM, { value: true });
    const problems = new ProblemList();
    for (const p of unknownPropProblems(PLATFORM_PROPS, props)) problems.add(p);
    for (const p of dnsLabelProblems('name', props.name ?? '', 40)) problems.add(p);
    const repo = props.repository ?? { url: '' };
    problems.check(GIT_URL.test(repo.url), `'repository.url' (${show(repo.url)}) must be an https://, ssh:// or git@ clone URL`);
    const branch = repo.branch ?? 'main';
    for (const p of gitRefProblems('repository.branch', branch)) problems.add(p);
    const distDir = (repo.distDir ?? 'dist').replace(/\/+$/, '');
    problems.check(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(distDir) && !distDir.split('/').includes('..'),
      `'repository.distDir' (${show(repo.distDir)}) must be a relative folder inside the repository, such as "dist"`);
    problems.check((props.environments ?? []).length > 0, `'environments' must name at least one environment`);
    const seen = new Set<string>();
    for (const env of props.environments ?? []) {
      if (seen.has(env.name)) problems.add(`environment '${env.name}' is defined twice; environment names must be unique`);
      seen.add(env.name);
    }
    problems.throwIfAny(this.node.path || '<platform>', 'correct the props quoted here in new Platform({...})');

    this.platformName = props.name;
    this.repository = { url: repo.url, branch, distDir };
    for (const envProps of props.environments) this.envs.push(new Environment(this, envProps));
  }

  public get environments(): readonly Environment[] {
    return this.envs;
  }

  /** The names of the apps, in the order they were added. */
  public get apps(): readonly string[] {
    return this.appNames;
  }

  public environment(name: string): Environment {
    const env = this.envs.find((e) => e.envName === name);
    if (!env) {
      throw new ValidationError('<platform>', `environment '${name}' is not defined (defined: ${this.envs.map((e) => e.envName).join(', ')})`,
        'use one of the defined names, or add the environment to new Platform({ environments })');
    }
    return env;
  }

  /**
   * Defines an app once; `build` runs for every environment with that environment's chart.
   * Apps named in `dependsOn` must have been added before.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  public addApp<S extends object = {}, E = void>(name: string, build: AppBuilder<S, E>, props: AppProps<S> = {}): AppHandle<E> {
    const path = `<platform>/apps/${name}`;
    const problems = new ProblemList();
    for (const p of unknownPropProblems(APP_PROPS, props)) problems.add(p);
    for (const p of dnsLabelProblems('app name', name, 40)) problems.add(p);
    if (this.appNames.includes(name)) problems.add(`app '${name}' is added twice; app names must be unique`);
    if (this.envs.some((e) => e.envName === name)) problems.add(`app '${name}' has the name of an environment; choose another name`);
    for (const dep of props.dependsOn ?? []) {
      problems.check(this.appNames.includes(dep), `'dependsOn' names app '${dep}', which is not added yet (added: ${this.appNames.join(', ') || 'none'}); add it first`);
    }
    const defaults: AppSettings & object = props.defaults ?? {};
    const customKeys = Object.keys(defaults);
    for (const p of settingsProblems(defaults, 'defaults', customKeys)) problems.add(p);
    const envNames = this.envs.map((e) => e.envName);
    for (const env of Object.keys(props.environments ?? {}).filter((e) => !envNames.includes(e))) {
      const near = closest(env, envNames);
      problems.add(`'environments' names environment '${env}', which is not defined${near ? `; did you mean '${near}'?` : ''} (defined: ${envNames.join(', ')})`);
    }
    if (this.prepared) problems.add('apps cannot be added after the platform was synthesized');
    problems.throwIfAny(path, `correct the arguments quoted here in platform.addApp(${show(name)}, ...)`);

    this.appNames.push(name);
    const settingKeys = [...new Set([...customKeys, ...Object.values(props.environments ?? {}).flatMap((o) => Object.keys(o ?? {})),
      ...this.envs.flatMap((e) => Object.keys(e.overridesFor(name)))])];
    const exports = new Map<Environment, E>();
    for (const env of this.envs) {
      const chart = new AppChart<S>(env, {
        appName: name,
        platformName: this.platformName,
        defaults,
        overrides: props.environments?.[env.envName] ?? {},
        settingKeys,
        dependsOn: props.dependsOn ?? [],
      });
      exports.set(env, build(chart));
    }
    return new AppHandle<E>(name, this, this.appNames, exports);
  }

  /**
   * Adds what is derived from the whole tree (reconciler objects, ordering). Idempotent; both
   * gitplane's synth and the stock `cdk8s synth` path call it.
   */
  public prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    for (const env of this.envs) env.reconciler.bind(env);
  }

  /** The stock cdk8s path (`cdk8s synth`): prepare, then let cdk8s write its own layout. */
  public override synth(): void {
    this.prepare();
    super.synth();
  }
}
