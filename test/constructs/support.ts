import { KubeObject } from '../../lib/core/manifest';
import { AppBuilder, AppProps, EnvironmentProps, Platform } from '../../lib/platform';
import { manifestsOf } from '../helpers/manifests';
import { testPlatform } from '../helpers/platform';

/** A pinned image for tests. */
export const IMAGE = 'ghcr.io/acme/web:1.4.2';

/** Synthesizes app `web` in environment `test` (namespace `test-web`) built by `build`. */
export function synthApp(build: AppBuilder, props: AppProps = {}, env: Partial<EnvironmentProps> = {}): KubeObject[] {
  return manifestsOf(platformWith(build, props, env));
}

/** A test platform with app `web` added. */
export function platformWith(build: AppBuilder, props: AppProps = {}, env: Partial<EnvironmentProps> = {}): Platform {
  const platform = testPlatform(env);
  platform.addApp('web', build, props);
  return platform;
}

export { messageOf } from '../helpers/errors';

/** The object at `path` (dot-separated keys, numeric parts index arrays). */
export function dig(object: unknown, path: string): any {
  let node: any = object;
  for (const key of path.split('.')) node = node?.[/^\d+$/.test(key) ? Number(key) : key];
  return node;
}

/** The pod spec of a Deployment, Job or CronJob. */
export function podSpecOf(object: KubeObject): any {
  return object.kind === 'CronJob' ? dig(object, 'spec.jobTemplate.spec.template.spec') : dig(object, 'spec.template.spec');
}

/** The single container of a workload. */
export function containerOf(object: KubeObject): any {
  const containers = podSpecOf(object).containers;
  if (containers.length !== 1) throw new Error(`expected one container, found ${containers.length}`);
  return containers[0];
}

/** Every label and annotation key of every object, including pod templates. */
export function allMetadataKeys(objects: readonly KubeObject[]): string[] {
  const keys: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'labels' || key === 'annotations' || key === 'matchLabels' || key === 'selector') && value && typeof value === 'object') {
        keys.push(...Object.keys(value));
      }
      visit(value);
    }
  };
  visit(objects);
  return keys;
}

/** What every problem with a construct's props ends with, e.g. `propsFix('WebService', 'web')`. */
export function propsFix(className: string, id: string): string {
  return `. Fix: correct the props quoted here in new ${className}(scope, '${id}', {...})`;
}
