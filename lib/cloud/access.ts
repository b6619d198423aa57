import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { ValidationError, show } from '../core/errors';
import { Warnings } from '../core/warnings';
import type { IResourceConsumer, IWorkloadServiceAccount } from '../platform/contracts';
import { addRenderedObjects } from './cloud-object';
import { cloudScopeOf, RenderContext } from './context';
import { WorkloadRoleModel } from './model';
import { documentJson, IdentityStatement, TrustStatement } from './policy';
import { renderersFor } from './render';

/** What a workload may do with an `AssetBucket`. */
export type BucketAccess = 'read' | 'write' | 'read-write';
/** What a workload may do with a `Queue`: receive and delete (`consume`), send, or both. */
export type QueueAccess = 'consume' | 'send' | 'consume-send';
/** What a workload may do with a `Cdn`: create and read invalidations. */
export type CdnAccess = 'invalidate';

/**
 * What one resource grants for a set of access levels: a pure function from the levels asked for (one
 * or more `uses()` of the same resource) to the statements, one per AWS resource.
 */
export interface AccessGrant<A extends string> {
  /** Every level the resource offers, for the error message. */
  readonly levels: readonly A[];
  /** The statements for `levels`; empty (with `pending` set) when an ARN is not known yet. */
  statements(levels: ReadonlySet<A>): IdentityStatement[];
  /** Why nothing can be granted yet, and how to go on (a warning, never a silent gap). */
  readonly pending?: string;
}

/**
 * Grants `consumer` the access `level` on `resource`: validates the level and merges it into the
 * workload's own IAM role (one per workload, one statement per resource).
 */
export function grantAccess<A extends string>(resource: Construct, consumer: IResourceConsumer, level: A, grant: AccessGrant<A>): void {
  if (!grant.levels.includes(level)) {
    throw new ValidationError(consumer.node.path,
      `'access' (${show(level)}) for ${resource.node.path} must be one of ${grant.levels.map((l) => show(l)).join(', ')}`,
      `pass one of those levels in uses(resource, { access })`);
  }
  if (grant.pending) {
    Warnings.of(consumer).add('GP-W-IAM-001', `${resource.node.path}: no permission granted yet: ${grant.pending}`);
    return;
  }
  WorkloadAccess.of(consumer).add(resource.node.path, level, grant);
}

/**
 * The IAM role of one workload and everything that binds it to the workload's ServiceAccount: a
 * `Role` trusting EKS Pod Identity (or the IRSA subject), a `Policy` with one statement per used
 * resource, and a `PodIdentityAssociation` on the environment's cluster (or the IRSA annotation).
 * Created on the first `uses(resource, { access })`; later uses add statements to the same policy.
 */
export class WorkloadAccess extends Construct {
  /** The access construct of `consumer`, created on first use under the id `AwsAccess`. */
  public static of(consumer: IResourceConsumer): WorkloadAccess {
    const existing = consumer.node.tryFindChild('AwsAccess');
    return existing instanceof WorkloadAccess ? existing : new WorkloadAccess(consumer);
  }

  /** The role's name in IAM. */
  public readonly roleName: string;
  private readonly grants = new Map<string, { levels: Set<string>; grant: AccessGrant<string> }>();

  private constructor(consumer: IResourceConsumer) {
    super(consumer, 'AwsAccess');
    const { context, flavor } = cloudScopeOf(this, 'uses(resource, { access })');
    const account = consumer.ownServiceAccount();
    this.roleName = roleNameOf(context, account);
    const identity = context.workloadIdentity;
    if (identity.kind === 'pod-identity' && !context.clusterName) {
      throw new ValidationError(consumer.node.path,
        `granting AWS access through EKS Pod Identity needs the name of environment '${context.envName}''s EKS cluster`,
        `set clusterName on the environment's flavor: cloud: CloudFlavor.${flavor.kind}({ clusterName: 'my-cluster', ... })`);
    }
    if (identity.kind === 'irsa') {
      if (!context.accountId) {
        throw new ValidationError(consumer.node.path, `IRSA names the role by ARN, which needs environment '${context.envName}''s AWS account id`,
          `set accountId on the environment's flavor: cloud: CloudFlavor.${flavor.kind}({ accountId: '123456789012', ... })`);
      }
      // IRSA: the pod identity webhook reads this annotation and mounts a web identity token.
      account.addAnnotation('eks.amazonaws.com/role-arn', `arn:${context.partition}:iam::${context.accountId}:role/${this.roleName}`);
    }
    const model = (): WorkloadRoleModel => ({
      localName: account.name,
      roleName: this.roleName,
      description: `gitplane ${context.envName}: AWS access of ${account.namespace}/${account.name}`,
      namespace: account.namespace,
      serviceAccount: account.name,
      trustPolicy: documentJson([trustStatement(context, account)]),
      policy: documentJson(this.statements()),
      identity: identity.kind,
      clusterName: context.clusterName,
      tags: { ...context.tags },
    });
    const render = renderersFor(flavor).workloadRole;
    addRenderedObjects(this, () => render(model(), context));
  }

  /** Adds `level` on the resource at `path` (merging with earlier uses of the same resource). */
  public add<A extends string>(path: string, level: A, grant: AccessGrant<A>): void {
    const entry = this.grants.get(path) ?? { levels: new Set<string>(), grant: grant as AccessGrant<string> };
    entry.levels.add(level);
    this.grants.set(path, entry);
  }

  /** Every statement, in order of first use; statement ids made unique. */
  public statements(): IdentityStatement[] {
    const seen = new Set<string>();
    const result: IdentityStatement[] = [];
    for (const { levels, grant } of this.grants.values()) {
      for (const statement of grant.statements(levels)) {
        let sid = statement.Sid;
        for (let n = 2; seen.has(sid); n++) sid = `${statement.Sid}${n}`;
        seen.add(sid);
        result.push({ ...statement, Sid: sid });
      }
    }
    return result;
  }
}

/**
 * Who may assume the role. Pod Identity: the EKS Pod Identity service, with `sts:TagSession` for its
 * session tags, from this account and cluster only (the association then binds namespace and
 * ServiceAccount). IRSA: the cluster's OIDC provider, for exactly this ServiceAccount's token.
 */
function trustStatement(ctx: RenderContext, account: IWorkloadServiceAccount): TrustStatement {
  if (ctx.workloadIdentity.kind === 'irsa') {
    const issuer = ctx.workloadIdentity.oidcIssuer!;
    return {
      Sid: 'AllowServiceAccountWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: `arn:${ctx.partition}:iam::${ctx.accountId}:oidc-provider/${issuer}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${account.namespace}:${account.name}`, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
    };
  }
  return {
    Sid: 'AllowEksPodIdentity',
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    ...(ctx.accountId ? {
      Condition: {
        StringEquals: { 'aws:SourceAccount': ctx.accountId },
        ArnEquals: { 'aws:SourceArn': `arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:cluster/${ctx.clusterName}` },
      },
    } : {}),
  };
}

/**
 * `<environment>-<namespace>-<workload>` (the environment once), at most 64 characters: unique per
 * account, and one per workload, so two workloads never share a role.
 */
function roleNameOf(ctx: RenderContext, account: IWorkloadServiceAccount): string {
  const base = account.namespace.startsWith(`${ctx.envName}-`) || account.namespace === ctx.envName
    ? `${account.namespace}-${account.name}`
    : `${ctx.envName}-${account.namespace}-${account.name}`;
  if (base.length <= 64) return base;
  return `${base.slice(0, 55)}-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`;
}

/** Sorted, de-duplicated actions: the same levels give byte-identical policies. */
export function actionsOf(...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** `my-assets` / `MyAssets` → `MyAssets`: a construct id as a statement id. */
export function sidOf(...parts: string[]): string {
  return parts.join('-').split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * The statement that lets the role use a KMS key: by key ARN, or, for an alias, any key of the
 * account that carries the alias (IAM cannot name a key by alias ARN).
 */
export function kmsStatement(sid: string, actions: readonly string[], key: string, ctx: RenderContext): IdentityStatement | undefined {
  if (actions.length === 0) return undefined;
  const keyArn = /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(key) ? key
    : /^[0-9a-f-]{36}$|^mrk-/.test(key) && ctx.accountId ? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${key}` : undefined;
  if (keyArn) return { Sid: sid, Effect: 'Allow', Action: actionsOf(actions), Resource: [keyArn] };
  const alias = key.replace(/^arn:[^:]+:kms:[^:]+:\d{12}:/, '');
  const region = /^arn:[^:]+:kms:([^:]+):/.exec(key)?.[1] ?? ctx.region;
  const account = /^arn:[^:]+:kms:[^:]+:(\d{12}):/.exec(key)?.[1] ?? ctx.accountId;
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: actionsOf(actions),
    Resource: [`arn:${ctx.partition}:kms:${region}:${account}:key/*`],
    Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } },
  };
}
