import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { AppChart } from '../platform/app-chart';
import { ICloudFlavor } from '../platform/contracts';
import { Environment } from '../platform/environment';
import { CloudFlavor, CrossplaneProviderConfigKind, CrossplaneScope, WorkloadIdentity } from './flavor';

/** The AWS partition of a region: ARNs start with `arn:<partition>:`. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * Everything a renderer needs to know about where a cloud resource lives. Plain data: renderers are
 * pure functions of a model and this context.
 */
export interface RenderContext {
  /** Environment name, e.g. `prod`. */
  readonly envName: string;
  /** App name, e.g. `web`. */
  readonly appName: string;
  /** The app's namespace: where ACK objects and namespaced Crossplane objects go. */
  readonly namespace: string;
  /** AWS region of the environment. */
  readonly region: string;
  readonly partition: AwsPartition;
  /** The environment's account id, when the flavor names one. */
  readonly accountId?: string;
  /** Crossplane provider config name. */
  readonly providerConfigName: string;
  /** Crossplane: namespaced (`*.aws.m.upbound.io`) or legacy cluster-scoped managed resources. */
  readonly crossplaneScope: CrossplaneScope;
  /** Crossplane namespaced scope: the kind `providerConfigRef` names. */
  readonly providerConfigKind: CrossplaneProviderConfigKind;
  /** The environment's EKS cluster, for Pod Identity associations. */
  readonly clusterName?: string;
  /** How pods assume their IAM role. */
  readonly workloadIdentity: WorkloadIdentity;
  /** True in protected environments: nothing may delete the real resource. */
  readonly isProtected: boolean;
  /** The GitOps engine's "never prune or delete this object" annotations (empty when unprotected). */
  readonly retainAnnotations: Readonly<Record<string, string>>;
  /** Tags every resource carries, so `plan`/`drift` and the AWS console can tell where it came from. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A cloud construct's environment, app and flavor, resolved once in its constructor. */
export interface CloudScope {
  readonly environment: Environment;
  readonly app: AppChart;
  readonly flavor: ICloudFlavor;
  readonly context: RenderContext;
}

/**
 * Resolves the environment, app and cloud flavor of a cloud construct. Throws when the environment
 * has no cloud flavor, naming the construct and the fix.
 */
export function cloudScopeOf(scope: Construct, what: string): CloudScope {
  const app = AppChart.of(scope);
  const environment = app.environment;
  const flavor = environment.cloud;
  if (!flavor) {
    throw new ValidationError(scope.node.path,
      `${what} is a cloud resource, but environment '${environment.envName}' has no cloud flavor`,
      `set cloud: CloudFlavor.crossplane() or CloudFlavor.ack() on environment '${environment.envName}'`);
  }
  const isProtected = environment.isProtected;
  const options = flavor instanceof CloudFlavor ? flavor : undefined;
  return {
    environment,
    app,
    flavor,
    context: {
      envName: environment.envName,
      appName: app.appName,
      namespace: app.namespace ?? `${environment.envName}-${app.appName}`,
      region: environment.region,
      partition: partitionOf(environment.region),
      accountId: flavor.accountId,
      providerConfigName: flavor.providerConfigName ?? 'default',
      crossplaneScope: options?.crossplaneScope ?? 'namespaced',
      providerConfigKind: options?.providerConfigKind ?? 'ClusterProviderConfig',
      clusterName: options?.clusterName,
      workloadIdentity: options?.workloadIdentity ?? WorkloadIdentity.podIdentity(),
      isProtected,
      retainAnnotations: isProtected ? { ...environment.reconciler.retainAnnotations() } : {},
      tags: { 'gitplane:environment': environment.envName, 'gitplane:app': app.appName },
    },
  };
}

export function partitionOf(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `amazonaws.com`, or `amazonaws.com.cn` in China. */
export function dnsSuffixOf(partition: AwsPartition): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `MyAssets` / `my_assets` → `my-assets`: a construct id as a DNS label. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** `MyAssets` → `MY_ASSETS`: a construct id as an environment variable prefix. */
export function upperSnakeCase(id: string): string {
  return kebabCase(id).replace(/-/g, '_').toUpperCase();
}
