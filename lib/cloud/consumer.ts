import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Environment } from '../platform/environment';

// The contracts live in the platform layer, so workloads and cloud resources meet without
// depending on each other: `web.uses(bucket)` or `bucket.connectTo(web)`.
export type { IConsumable, IResourceConsumer as ICloudResourceConsumer } from '../platform/contracts';
import type { IConsumable, IResourceConsumer as ICloudResourceConsumer } from '../platform/contracts';

/**
 * Gives `consumer` the resource's environment variables and makes it depend on the resource, so
 * the resource's app syncs first (see `syncWaves`). Both must be in the same environment.
 */
export function connect(resource: IConsumable, consumer: ICloudResourceConsumer): void {
  const resourceEnv = environmentOf(resource);
  const consumerEnv = environmentOf(consumer);
  if (resourceEnv !== consumerEnv) {
    throw new ValidationError(consumer.node.path,
      `cannot consume ${resource.node.path}: it belongs to environment '${resourceEnv?.envName}', not '${consumerEnv?.envName}'`,
      'consume the resource declared in the same environment (inside the same platform.addApp builder run)');
  }
  consumer.addEnvFromValues(resource.consumerEnv());
  consumer.node.addDependency(resource);
}

function environmentOf(construct: IConstruct): Environment | undefined {
  return construct.node.scopes.find(Environment.isEnvironment);
}
