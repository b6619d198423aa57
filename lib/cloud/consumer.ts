import { IConstruct } from 'constructs';
import { ValidationError, show } from '../core/errors';
import { Environment } from '../platform/environment';
import { AccessGrant, grantAccess } from './access';

// The contracts live in the platform layer, so workloads and cloud resources meet without
// depending on each other: `web.uses(bucket)` or `bucket.connectTo(web)`.
export type { IConsumable, IResourceConsumer as ICloudResourceConsumer, UseOptions } from '../platform/contracts';
import type { IConsumable, IResourceConsumer as ICloudResourceConsumer, UseOptions } from '../platform/contracts';

/**
 * Gives `consumer` the resource's environment variables (named as `options.env` says), makes it
 * depend on the resource, so the resource's app syncs first (see `syncWaves`), and grants the
 * `options.access` asked for. Both must be in the same environment.
 */
export function connect<A extends string, K extends string>(
  resource: IConsumable<A, K>, consumer: ICloudResourceConsumer, options: UseOptions<A, K> = {}, grant?: () => AccessGrant<A>,
): void {
  const resourceEnv = environmentOf(resource);
  const consumerEnv = environmentOf(consumer);
  if (resourceEnv !== consumerEnv) {
    throw new ValidationError(consumer.node.path,
      `cannot consume ${resource.node.path}: it belongs to environment '${resourceEnv?.envName}', not '${consumerEnv?.envName}'`,
      'consume the resource declared in the same environment (inside the same platform.addApp builder run)');
  }
  consumer.addEnvFromValues(resource.consumerEnv(options.env));
  consumer.node.addDependency(resource);
  if (options.access !== undefined) {
    if (!grant) {
      throw new ValidationError(consumer.node.path, `${resource.node.path} offers no 'access' levels`, 'remove \'access\' from uses(resource, {...})');
    }
    grantAccess(resource, consumer, options.access, grant());
  }
}

/**
 * The variables a consumer gets: for each value key, `names[key]` or the default name. A key asked
 * for whose value is unknown, an unknown key, or a bad variable name fails, naming the resource.
 */
export function namedEnv<K extends string>(
  resourcePath: string, values: Record<K, { readonly name: string; readonly value: string | undefined; readonly missing?: string }>,
  names: Partial<Record<K, string>> = {},
): Record<string, string> {
  const keys = Object.keys(values) as K[];
  const problems: string[] = [];
  for (const key of Object.keys(names)) {
    if (!keys.includes(key as K)) problems.push(`'env' names ${show(key)}, which ${resourcePath} does not offer; it offers ${keys.map((k) => show(k)).join(', ')}`);
  }
  const env: Record<string, string> = {};
  for (const key of keys) {
    const name = names[key] ?? values[key].name;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push(`'env.${key}' (${show(name)}) must be an environment variable name: letters, digits and '_', not starting with a digit`);
    const value = values[key].value;
    if (value === undefined) {
      if (names[key] !== undefined) problems.push(`'env.${key}' asks for the ${key} of ${resourcePath}, which is not known: ${values[key].missing ?? 'set it on the resource'}`);
      continue;
    }
    env[name] = value;
  }
  if (problems.length > 0) throw new ValidationError(resourcePath, problems.join('; '), 'correct the names in uses(resource, { env: {...} })');
  return env;
}

function environmentOf(construct: IConstruct): Environment | undefined {
  return construct.node.scopes.find(Environment.isEnvironment);
}
