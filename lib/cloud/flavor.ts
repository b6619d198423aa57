import { ProblemList, show } from '../core/errors';
import { dnsSubdomainProblems } from '../core/names';
import { ICloudFlavor } from '../platform/contracts';

/** Options shared by both flavors. */
export interface CloudFlavorOptions {
  /**
   * The environment's 12-digit AWS account id. Needed for a queue's dead-letter queue (its ARN goes
   * into the redrive policy) and for a bucket served by a `Cdn` (the bucket policy names the
   * distribution's ARN); neither controller can reference those objects by name.
   * @default - unknown; a construct that needs it fails and says so
   */
  readonly accountId?: string;
}

export interface CrossplaneFlavorOptions extends CloudFlavorOptions {
  /**
   * Name of the provider-aws `ProviderConfig` (cluster-scoped) with the environment's credentials.
   * @default 'default'
   */
  readonly providerConfig?: string;
}

export type AckFlavorOptions = CloudFlavorOptions;

/**
 * The controller that turns an environment's cloud constructs into AWS resources. Set it on the
 * environment: `{ name: 'prod', cloud: CloudFlavor.crossplane({ providerConfig: 'aws-prod' }) }`.
 * The value is plain data; the renderers in `lib/cloud/crossplane/` and `lib/cloud/ack/` read it.
 */
export class CloudFlavor implements ICloudFlavor {
  /** Crossplane with Upbound's provider-aws (cluster-scoped managed resources, `*.aws.upbound.io`). */
  public static crossplane(options: CrossplaneFlavorOptions = {}): CloudFlavor {
    const problems = accountProblems(options.accountId);
    const providerConfig = options.providerConfig ?? 'default';
    for (const p of dnsSubdomainProblems('providerConfig', providerConfig)) problems.add(p);
    problems.throwIfAny('CloudFlavor.crossplane', 'correct the options quoted here, e.g. CloudFlavor.crossplane({ providerConfig: \'aws-prod\', accountId: \'123456789012\' })');
    return new CloudFlavor('crossplane', providerConfig, options.accountId);
  }

  /** AWS Controllers for Kubernetes (namespaced resources, `*.services.k8s.aws`). */
  public static ack(options: AckFlavorOptions = {}): CloudFlavor {
    accountProblems(options.accountId).throwIfAny('CloudFlavor.ack', 'correct the options quoted here, e.g. CloudFlavor.ack({ accountId: \'123456789012\' })');
    return new CloudFlavor('ack', undefined, options.accountId);
  }

  private constructor(
    public readonly kind: 'crossplane' | 'ack',
    public readonly providerConfigName: string | undefined,
    public readonly accountId: string | undefined,
  ) {}
}

function accountProblems(accountId: string | undefined): ProblemList {
  const problems = new ProblemList();
  if (accountId !== undefined) {
    problems.check(/^\d{12}$/.test(accountId), `'accountId' (${show(accountId)}) must be a 12-digit AWS account id such as "123456789012"`);
  }
  return problems;
}
