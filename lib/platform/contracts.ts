import type { IConstruct } from 'constructs';
import type { Environment } from './environment';

/**
 * What the platform needs from a GitOps engine. Implementations live in `lib/gitops/` (Argo CD,
 * Flux); the platform only calls them, so it never depends on either engine's object shapes.
 */
export interface IReconciler {
  /** `argocd` or `flux`. Also the name of the folder its objects are written to. */
  readonly kind: 'argocd' | 'flux';
  /** Adds the engine's objects for `environment`. Called once, after every app has been added. */
  bind(environment: Environment): void;
  /**
   * Annotations that stop this engine from deleting an object when it disappears from Git;
   * used on stateful resources in protected environments.
   */
  retainAnnotations(): Record<string, string>;
  /**
   * Annotations that make this engine delete and re-create an object whose change touches an
   * immutable field (a Job's pod template), instead of failing every sync.
   */
  recreateAnnotations(): Record<string, string>;
}

/**
 * The controller that turns cloud claims into AWS resources. Implementations live in `lib/cloud/`
 * (Crossplane, ACK).
 */
export interface ICloudFlavor {
  /** `crossplane` or `ack`. */
  readonly kind: 'crossplane' | 'ack';
  /**
   * Crossplane only: the `ProviderConfig` (provider-aws) that holds the environment's credentials.
   * @default 'default'
   */
  readonly providerConfigName?: string;
  /**
   * The environment's 12-digit AWS account id. Needed where an ARN must be written out because the
   * controllers cannot reference the other object: a queue's dead-letter ARN, and the bucket policy
   * that lets a CloudFront distribution read a bucket.
   * @default - unknown; constructs that need it fail with a message saying so
   */
  readonly accountId?: string;
  /**
   * API groups of the cluster-scoped kinds this flavor emits (legacy Crossplane), which GitOps
   * projects must permit cluster-wide; empty when every object is namespaced.
   * @default - none
   */
  readonly clusterApiGroups?: readonly string[];
}

/** Where a reconciler sends sync and health notifications. Rendered by `lib/gitops/`. */
export class NotificationTarget {
  /** A Slack channel, e.g. `NotificationTarget.slack('#media-deploys')`. */
  public static slack(channel: string): NotificationTarget {
    return new NotificationTarget('slack', channel.replace(/^#/, ''));
  }

  /** A Microsoft Teams channel reached through an incoming-webhook service configured in the engine. */
  public static msteams(channel: string): NotificationTarget {
    return new NotificationTarget('msteams', channel);
  }

  /** A generic webhook service configured in the engine under `name`. */
  public static webhook(name: string): NotificationTarget {
    return new NotificationTarget('webhook', name);
  }

  private constructor(
    /** The service type: `slack`, `msteams` or `webhook`. */
    public readonly service: 'slack' | 'msteams' | 'webhook',
    /** Channel (without `#`) or webhook name. */
    public readonly recipient: string,
  ) {}
}

/**
 * Policy rule sets, from least to most demanding: `baseline` blocks known privilege escalations,
 * `restricted` adds hardening and hygiene, `prod` adds availability and deletion protection.
 */
export type PolicyProfile = 'baseline' | 'restricted' | 'prod';

/** The ServiceAccount a workload runs as, when it is the workload's own. */
export interface IWorkloadServiceAccount {
  readonly name: string;
  readonly namespace: string;
  /** Adds an annotation to the ServiceAccount (IRSA's `eks.amazonaws.com/role-arn`). */
  addAnnotation(key: string, value: string): void;
}

/**
 * Something that runs code and can be told where a resource is: workloads. It receives the
 * resource's coordinates as plain environment variables.
 */
export interface IResourceConsumer extends IConstruct {
  addEnvFromValues(values: Record<string, string>): void;
  /**
   * The workload's own ServiceAccount, created on first call when it has none, for resources that
   * grant it AWS access: an IAM role belongs to exactly one workload.
   */
  ownServiceAccount(): IWorkloadServiceAccount;
}

/**
 * How a workload uses a resource: `uses(queue, { access: 'consume', env: { url: 'JOBS_URL' } })`.
 * `A` is the resource's access levels, `K` the names of the values it hands over.
 */
export interface UseOptions<A extends string = string, K extends string = string> {
  /**
   * The AWS permissions the workload gets on the resource, as an IAM role of its own with exactly
   * the actions of this level on exactly the resource's ARNs.
   * @default - no permission: only the coordinates
   */
  readonly access?: A;
  /**
   * The names of the environment variables, per value, e.g. `{ url: 'SETTLEMENTS_URL' }`. Naming them
   * keeps them stable when the resource's construct id changes.
   * @default - `<PREFIX>_<NOUN>_<VALUE>` from the resource's `envPrefix`
   */
  readonly env?: Partial<Record<K, string>>;
}

/** A resource a workload can consume (`web.uses(bucket)`): a bucket, a CDN, a queue. */
export interface IConsumable<A extends string = string, K extends string = string> extends IConstruct {
  /**
   * The environment variables a consumer gets, e.g. `{ ASSETS_BUCKET_NAME: 'acme-prod-assets' }`;
   * `names` renames them per value.
   */
  consumerEnv(names?: Partial<Record<K, string>>): Record<string, string>;
  /** Gives `consumer` the environment variables (and the access asked for) and makes it depend on this resource. */
  connectTo(consumer: IResourceConsumer, options?: UseOptions<A, K>): void;
}
