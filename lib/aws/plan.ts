import { readLiveBucket } from './s3-live';
import { CloudFrontReader } from './cloudfront-live';
import { compareFields } from './compare';
import { describeError } from './errors';
import { mapLimited } from './limiter';
import {
  BUCKET_FIELDS, CloudPlan, DeclaredResource, LiveField, LiveResource, PlanAction, ResourcePlan, UnknownField,
} from './model';
import { SendingClient } from './read-only';

/** Read-only clients for one run (see `createAwsClients`); tests pass local or mocked ones. */
export interface AwsClients {
  s3(env: string, region: string): SendingClient;
  cloudfront(env: string): SendingClient;
}

export interface PlanOptions {
  /**
   * Resources read at once (each is several calls, which also share the clients' call limit).
   * @default 16
   */
  readonly concurrency?: number;
  /** Called after each resource is read, e.g. for a progress line. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Compares every declared resource with its live state. Never throws for AWS failures: a resource
 * that could not be read is `unknown` with the reason, and the others are still planned.
 */
export async function planCloud(declared: readonly DeclaredResource[], clients: AwsClients, options: PlanOptions = {}): Promise<CloudPlan> {
  const readers = new Map<string, CloudFrontReader>();
  const cloudfrontOf = (env: string) => {
    if (!readers.has(env)) readers.set(env, new CloudFrontReader(clients.cloudfront(env)));
    return readers.get(env)!;
  };
  let done = 0;
  const resources = await mapLimited(declared, options.concurrency ?? 16, async (resource) => {
    let plan: ResourcePlan;
    try {
      plan = await planOne(resource, clients, cloudfrontOf);
    } catch (error) {
      plan = result(resource, resource.physicalName ?? '', 'unknown', [], { reason: describeError(error) });
    }
    options.onProgress?.(++done, declared.length);
    return plan;
  });
  const summary: Record<PlanAction, number> = { create: 0, update: 0, 'no-change': 0, conflict: 0, unknown: 0 };
  for (const r of resources) summary[r.action]++;
  return { resources, summary };
}

async function planOne(resource: DeclaredResource, clients: AwsClients, cloudfrontOf: (env: string) => CloudFrontReader): Promise<ResourcePlan> {
  if (resource.kind === 'Bucket') {
    const name = resource.physicalName!;
    const live = await readLiveBucket(clients.s3(resource.env, resource.region), name, BUCKET_FIELDS.filter((f) => f in resource.fields));
    return fromLive(resource, name, live);
  }
  const reader = cloudfrontOf(resource.env);
  if (resource.kind === 'OriginAccessControl') {
    return fromLive(resource, resource.physicalName!, await reader.originAccessControl(resource.physicalName!));
  }
  if (resource.physicalName) {
    const live = await reader.distributionById(resource.physicalName);
    if (live.status === 'missing') {
      return result(resource, resource.physicalName, 'conflict', [], {
        reason: `the stacks pin distribution id ${resource.physicalName}, which does not exist in this account; remove the id to create a new distribution or correct it`,
      });
    }
    return fromLive(resource, resource.physicalName, live);
  }
  // No id yet: the distribution is found by its aliases (an alias can serve one distribution only).
  const aliases = (resource.fields.aliases as string[]) ?? [];
  const label = aliases[0] ?? resource.objectRef;
  let ids: string[];
  try {
    ids = aliases.length > 0 ? await reader.withAliases(aliases) : [];
  } catch (error) {
    return result(resource, label, 'unknown', [], { reason: `ListDistributions failed: ${describeError(error)}` });
  }
  if (ids.length === 0) return result(resource, label, 'create', []);
  if (ids.length > 1) {
    return result(resource, label, 'conflict', [], { reason: `the aliases are split over distributions ${ids.join(', ')}` });
  }
  const live = await reader.distributionById(ids[0]);
  return fromLive(resource, label, live, true);
}

/**
 * The action for one resource from its live state. A found resource that does not carry this
 * environment's ownership tag is someone else's, unless the stacks are adopting it (observe-only).
 */
function fromLive(resource: DeclaredResource, name: string, live: LiveResource, foundByAlias = false): ResourcePlan {
  switch (live.status) {
    case 'missing': return result(resource, name, 'create', []);
    case 'foreign': return result(resource, name, 'conflict', [], { reason: live.reason });
    case 'unknown': return result(resource, name, 'unknown', [], { reason: live.reason });
  }
  const owner = ownerProblem(resource, live.fields.tags);
  if (owner) {
    const what = foundByAlias ? `an alias is already used by distribution ${live.id}, which ${owner}` : `it exists and ${owner}`;
    return result(resource, name, 'conflict', [], { reason: what, liveId: live.id });
  }
  const fields = compareFields(resource, live.fields);
  // A field the server does not implement is shown as unknown but does not make the plan partial.
  const failed = fields.filter((f) => f.status === 'unknown' && !(live.fields[f.field] as UnknownField).unsupported);
  const action: PlanAction = failed.length > 0 ? 'unknown' : fields.some((f) => f.status === 'changed') ? 'update' : 'no-change';
  const reason = failed.length > 0 ? `could not read ${failed.map((f) => f.field).join(', ')}` : undefined;
  return result(resource, name, action, fields, { reason, liveId: live.id });
}

function ownerProblem(resource: DeclaredResource, tags: LiveField | undefined): string | undefined {
  if (resource.observeOnly || resource.kind === 'OriginAccessControl') return undefined;
  const declaredEnv = (resource.fields.tags as Record<string, string> | undefined)?.['gitplane:environment'];
  if (!declaredEnv || !tags || tags.unknown === true) return undefined;
  const liveEnv = (tags.value as Record<string, string>)['gitplane:environment'];
  if (liveEnv === declaredEnv) return undefined;
  return liveEnv
    ? `is tagged gitplane:environment=${liveEnv}, not ${declaredEnv} (another environment manages it)`
    : `is not tagged gitplane:environment=${declaredEnv} (not managed by this platform; adopt it with gitplane import)`;
}

function result(resource: DeclaredResource, physicalName: string, action: PlanAction, fields: ResourcePlan['fields'],
  extra: { reason?: string; liveId?: string } = {}): ResourcePlan {
  return {
    env: resource.env,
    app: resource.app,
    kind: resource.kind,
    flavor: resource.flavor,
    objectRef: resource.objectRef,
    physicalName,
    action,
    fields,
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.liveId && extra.liveId !== resource.physicalName ? { liveId: extra.liveId } : {}),
    removal: resource.removal,
    observeOnly: resource.observeOnly,
  };
}

/** What a whole plan amounts to, most serious first: conflicts, then unread resources, then changes. */
export type PlanOutcome = 'conflicts' | 'partial' | 'changes' | 'no-change';

export function planOutcome(plan: CloudPlan): PlanOutcome {
  if (plan.summary.conflict > 0) return 'conflicts';
  if (plan.summary.unknown > 0) return 'partial';
  if (plan.summary.create + plan.summary.update > 0) return 'changes';
  return 'no-change';
}
