import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { AppChart } from './app-chart';
import type { Environment } from './environment';

/**
 * The apps each app of `environment` depends on, from `dependsOn` and from construct dependencies
 * that cross app boundaries (`node.addDependency`, a workload consuming another app's service or a
 * cloud resource). Sorted by app name so everything derived from it is deterministic.
 */
export function appDependencies(environment: Environment): Map<AppChart, AppChart[]> {
  const deps = new Map<AppChart, Set<AppChart>>();
  for (const app of environment.apps) {
    const set = new Set<AppChart>();
    for (const name of app.declaredDependencies) set.add(app.app(name));
    for (const construct of app.node.findAll()) {
      for (const target of construct.node.dependencies) {
        const targetApp = owningApp(target);
        if (targetApp && targetApp !== app && targetApp.environment === environment) set.add(targetApp);
      }
    }
    deps.set(app, set);
  }
  const sorted = new Map<AppChart, AppChart[]>();
  for (const [app, set] of deps) sorted.set(app, [...set].sort(byName));
  return sorted;
}

/**
 * Sync order as waves: an app's wave is one more than the highest wave of its dependencies, so
 * independent apps share a wave and sync in parallel. Throws on a cycle, naming it.
 */
export function syncWaves(environment: Environment): Map<AppChart, number> {
  const deps = appDependencies(environment);
  const waves = new Map<AppChart, number>();
  const visiting: AppChart[] = [];
  const visit = (app: AppChart): number => {
    const known = waves.get(app);
    if (known !== undefined) return known;
    const at = visiting.indexOf(app);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), app].map((a) => a.appName).join(' -> ');
      throw new ValidationError(environment.node.path, `apps depend on each other in a cycle: ${cycle}`,
        'remove one of the dependencies (dependsOn, addDependency or a uses/connect call)');
    }
    visiting.push(app);
    const wave = Math.max(-1, ...(deps.get(app) ?? []).map(visit)) + 1;
    visiting.pop();
    waves.set(app, wave);
    return wave;
  };
  for (const app of [...deps.keys()].sort(byName)) visit(app);
  return waves;
}

function owningApp(construct: IConstruct): AppChart | undefined {
  return construct.node.scopes.find((s): s is AppChart => s instanceof AppChart);
}

function byName(a: AppChart, b: AppChart): number {
  return a.appName < b.appName ? -1 : a.appName > b.appName ? 1 : 0;
}
