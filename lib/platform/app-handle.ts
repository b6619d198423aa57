import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { AppChart } from './app-chart';
import type { Environment } from './environment';

/**
 * What `platform.addApp` returns: the app's exports (what its builder returned), typed, for the apps
 * added after it. `media.in(app)` gives the exports of the consuming app's own environment and
 * records that the consumer syncs after this app:
 *
 * ```ts
 * const media = platform.addApp('media', (app) => ({ assets: new AssetBucket(app, 'assets', {...}) }));
 * platform.addApp('api', (app) => { api.uses(media.in(app).assets); });
 * ```
 */
export class AppHandle<E> {
  constructor(
    /** The app's name. */
    public readonly appName: string,
    private readonly root: IConstruct,
    private readonly order: readonly string[],
    private readonly exportsByEnvironment: ReadonlyMap<Environment, E>,
  ) {}

  /**
   * The exports of this app in the environment of `scope` (an app chart or any construct in one).
   * Refuses an app of another platform and an app added before this one, which could not depend on it.
   */
  public in(scope: IConstruct): E {
    const consumer = AppChart.of(scope);
    const fix = `use ${this.appName}.in(app) in the builder of an app added after '${this.appName}'`;
    if (consumer.node.root !== this.root) {
      throw new ValidationError(scope.node.path, `app '${this.appName}' belongs to another Platform`, fix);
    }
    if (consumer.appName === this.appName) {
      throw new ValidationError(scope.node.path, `app '${this.appName}' cannot use its own exports through its handle`, 'use the constructs directly inside the builder');
    }
    const exports = this.exportsByEnvironment.get(consumer.environment);
    if (exports === undefined && !this.exportsByEnvironment.has(consumer.environment)) {
      throw new ValidationError(scope.node.path, `app '${this.appName}' is not added in environment '${consumer.environment.envName}'`, fix);
    }
    if (this.order.indexOf(consumer.appName) < this.order.indexOf(this.appName)) {
      throw new ValidationError(scope.node.path,
        `app '${consumer.appName}' was added before app '${this.appName}', so it cannot use its exports (an app may only depend on apps added before it)`,
        `add '${this.appName}' before '${consumer.appName}'`);
    }
    consumer._dependOn(this.appName);
    return exports as E;
  }
}
