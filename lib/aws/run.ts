import { createAwsClients, AwsClientOptions } from './clients';
import { declaredResources, LocatedObject } from './declared';
import { CloudPlan } from './model';
import { planCloud, PlanOptions } from './plan';

export interface CloudPlanRunOptions extends AwsClientOptions, PlanOptions {
  /** Only these environments (all when empty). */
  readonly envs?: readonly string[];
  /** Only these apps (all when empty). */
  readonly apps?: readonly string[];
}

/**
 * Plans the cloud resources among `objects` against live AWS with the standard credential chain:
 * what `gitplane plan` (a fresh synthesis) and `gitplane drift` (the committed dist/) both run.
 */
export async function planObjects(objects: readonly LocatedObject[], options: CloudPlanRunOptions = {}): Promise<CloudPlan> {
  const selected = objects.filter((o) => (options.envs?.length ? options.envs.includes(o.env) : true)
    && (options.apps?.length ? options.apps.includes(o.app) : true));
  const { clients, close } = createAwsClients(options);
  try {
    return await planCloud(declaredResources(selected), clients, options);
  } finally {
    close();
  }
}
