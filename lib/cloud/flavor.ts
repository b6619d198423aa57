import { ProblemList, show, ValidationError } from '../core/errors';
import { dnsSubdomainProblems } from '../core/names';
import { ICloudFlavor } from '../platform/contracts';
import { UPBOUND_GROUP } from './crossplane/common';

/** Options shared by both flavors. */
export interface CloudFlavorOptions {
  /**
   * The environment's 12-digit AWS account id. Needed for a queue's dead-letter queue (its ARN goes
   * into the redrive policy) and for a bucket served by a `Cdn` (the bucket policy names the
   * distribution's ARN); neither controller can reference those objects by name.
   * @default - unknown; a construct that needs it fails and says so
   */
  readonly accountId?: string;
  /**
   * Name of the environment's EKS cluster: a `PodIdentityAssociation` binds a workload's role to its
   * ServiceAccount on this cluster. Needed when a workload `uses()` a resource with an `access` level
   * and `workloadIdentity` is Pod Identity.
   * @default - unknown; `uses(resource, { access })` fails and says so
   */
  readonly clusterName?: string;
  /**
   * How pods receive the AWS credentials of their role.
   * @default WorkloadIdentity.podIdentity()
   */
  readonly workloadIdentity?: WorkloadIdentity;
}

/**
 * How a workload's pods assume their IAM role. EKS Pod Identity (the default) needs the Pod Identity
 * agent add-on and a `PodIdentityAssociation`; IRSA needs the cluster's OIDC provider registered in
 * IAM and annotates the ServiceAccount with `eks.amazonaws.com/role-arn`.
 */
export class WorkloadIdentity {
  /** EKS Pod Identity: the role trusts `pods.eks.amazonaws.com`; gitplane emits the association. */
  public static podIdentity(): WorkloadIdentity {
    return new WorkloadIdentity('pod-identity');
  }

  /**
   * IAM Roles for Service Accounts, for clusters without the Pod Identity agent. `oidcIssuer` is the
   * cluster's OIDC issuer without `https://`, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`.
   */
  public static irsa(oidcIssuer: string): WorkloadIdentity {
    if (!/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Z0-9]+$/.test(oidcIssuer)) {
      throw new ValidationError('WorkloadIdentity.irsa', `'oidcIssuer' (${show(oidcIssuer)}) must be the cluster's OIDC issuer without "https://", such as "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"`,
        'copy it from `aws eks describe-cluster --query cluster.identity.oidc.issuer`, without the scheme');
    }
    return new WorkloadIdentity('irsa', oidcIssuer);
  }

  private constructor(
    public readonly kind: 'pod-identity' | 'irsa',
    /** IRSA only: the OIDC issuer host and path. */
    public readonly oidcIssuer?: string,
  ) {}
}

/**
 * Where Crossplane managed resources live. `namespaced` (Crossplane v2, provider-upjet-aws v2):
 * `*.aws.m.upbound.io` kinds in the app's namespace. `cluster`: the legacy cluster-scoped
 * `*.aws.upbound.io` kinds, for Crossplane v1.
 */
export type CrossplaneScope = 'namespaced' | 'cluster';

/** The kind of provider config a namespaced managed resource names. */
export type CrossplaneProviderConfigKind = 'ClusterProviderConfig' | 'ProviderConfig';

export interface CrossplaneFlavorOptions extends CloudFlavorOptions {
  /**
   * Name of the provider config with the environment's credentials.
   * @default 'default'
   */
  readonly providerConfig?: string;
  /**
   * Namespaced managed resources (Crossplane v2) or the legacy cluster-scoped ones (Crossplane v1).
   * @default 'namespaced'
   */
  readonly scope?: CrossplaneScope;
  /**
   * Namespaced scope only: whether `providerConfig` names a cluster-wide `ClusterProviderConfig` or a
   * `ProviderConfig` (`aws.m.upbound.io/v1beta1`) that exists in every app namespace.
   * @default 'ClusterProviderConfig'
   */
  readonly providerConfigKind?: CrossplaneProviderConfigKind;
}

export type AckFlavorOptions = CloudFlavorOptions;

/**
 * The controller that turns an environment's cloud constructs into AWS resources. Set it on the
 * environment: `{ name: 'prod', cloud: CloudFlavor.crossplane({ providerConfig: 'aws-prod' }) }`.
 * The value is plain data; the renderers in `lib/cloud/crossplane/` and `lib/cloud/ack/` read it.
 */
export class CloudFlavor implements ICloudFlavor {
  /**
   * Crossplane with Upbound's provider-aws: namespaced managed resources (`*.aws.m.upbound.io`, in
   * the app's namespace) by default, or the legacy cluster-scoped ones with `scope: 'cluster'`.
   */
  public static crossplane(options: CrossplaneFlavorOptions = {}): CloudFlavor {
    const problems = commonProblems(options);
    const providerConfig = options.providerConfig ?? 'default';
    for (const p of dnsSubdomainProblems('providerConfig', providerConfig)) problems.add(p);
    const scope = options.scope ?? 'namespaced';
    problems.check(scope === 'namespaced' || scope === 'cluster', `'scope' (${show(scope)}) must be "namespaced" or "cluster"`);
    const configKind = options.providerConfigKind ?? 'ClusterProviderConfig';
    problems.check(configKind === 'ClusterProviderConfig' || configKind === 'ProviderConfig',
      `'providerConfigKind' (${show(configKind)}) must be "ClusterProviderConfig" or "ProviderConfig"`);
    problems.check(options.providerConfigKind === undefined || scope === 'namespaced',
      `'providerConfigKind' applies to namespaced managed resources only; cluster-scoped ones always name a cluster-scoped ProviderConfig`);
    problems.throwIfAny('CloudFlavor.crossplane', 'correct the options quoted here, e.g. CloudFlavor.crossplane({ providerConfig: \'aws-prod\', accountId: \'123456789012\' })');
    return new CloudFlavor({
      kind: 'crossplane',
      providerConfigName: providerConfig,
      accountId: options.accountId,
      crossplaneScope: scope,
      providerConfigKind: scope === 'namespaced' ? configKind : undefined,
      clusterName: options.clusterName,
      workloadIdentity: options.workloadIdentity ?? WorkloadIdentity.podIdentity(),
    });
  }

  /** AWS Controllers for Kubernetes (namespaced resources, `*.services.k8s.aws`). */
  public static ack(options: AckFlavorOptions = {}): CloudFlavor {
    commonProblems(options).throwIfAny('CloudFlavor.ack', 'correct the options quoted here, e.g. CloudFlavor.ack({ accountId: \'123456789012\' })');
    return new CloudFlavor({
      kind: 'ack',
      providerConfigName: undefined,
      accountId: options.accountId,
      crossplaneScope: undefined,
      providerConfigKind: undefined,
      clusterName: options.clusterName,
      workloadIdentity: options.workloadIdentity ?? WorkloadIdentity.podIdentity(),
    });
  }

  public readonly kind: 'crossplane' | 'ack';
  public readonly providerConfigName: string | undefined;
  public readonly accountId: string | undefined;
  /** Crossplane only: namespaced or cluster-scoped managed resources. */
  public readonly crossplaneScope: CrossplaneScope | undefined;
  /** Crossplane namespaced scope only: the kind `providerConfigRef` names. */
  public readonly providerConfigKind: CrossplaneProviderConfigKind | undefined;
  /** The EKS cluster name, for Pod Identity associations. */
  public readonly clusterName: string | undefined;
  public readonly workloadIdentity: WorkloadIdentity;
  /** The groups of the cluster-scoped kinds emitted: provider-aws's legacy groups with `scope: 'cluster'`, else none. */
  public readonly clusterApiGroups: readonly string[];

  private constructor(values: {
    kind: 'crossplane' | 'ack';
    providerConfigName: string | undefined;
    accountId: string | undefined;
    crossplaneScope: CrossplaneScope | undefined;
    providerConfigKind: CrossplaneProviderConfigKind | undefined;
    clusterName: string | undefined;
    workloadIdentity: WorkloadIdentity;
  }) {
    this.kind = values.kind;
    this.providerConfigName = values.providerConfigName;
    this.accountId = values.accountId;
    this.crossplaneScope = values.crossplaneScope;
    this.providerConfigKind = values.providerConfigKind;
    this.clusterName = values.clusterName;
    this.workloadIdentity = values.workloadIdentity;
    this.clusterApiGroups = values.crossplaneScope === 'cluster' ? Object.values(UPBOUND_GROUP) : [];
  }
}

function commonProblems(options: CloudFlavorOptions): ProblemList {
  const problems = new ProblemList();
  if (options.accountId !== undefined) {
    problems.check(/^\d{12}$/.test(options.accountId), `'accountId' (${show(options.accountId)}) must be a 12-digit AWS account id such as "123456789012"`);
  }
  if (options.clusterName !== undefined) {
    problems.check(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(options.clusterName),
      `'clusterName' (${show(options.clusterName)}) must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit`);
  }
  return problems;
}
