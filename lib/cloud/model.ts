/**
 * The typed models the cloud constructs hold and the renderers turn into Crossplane or ACK objects.
 * Every default is already resolved here: renderers only translate, they never decide.
 */
import { PolicyStatement } from './policy';

/** Server-side encryption of a bucket. */
export type BucketEncryptionModel =
  | { readonly algorithm: 'AES256' }
  | { readonly algorithm: 'aws:kms'; readonly kmsKeyArn: string };

export interface CorsRuleModel {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposedHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export interface BucketModel {
  /** Object name (ACK) or its suffix (Crossplane). */
  readonly localName: string;
  /** The S3 bucket name. */
  readonly bucketName: string;
  readonly encryption: BucketEncryptionModel;
  readonly abortIncompleteMultipartUploadDays: number;
  readonly noncurrentVersionExpirationDays?: number;
  readonly cors: readonly CorsRuleModel[];
  /** Every statement of the bucket policy, the deny-non-TLS one first. */
  readonly policyStatements: readonly PolicyStatement[];
  readonly tags: Readonly<Record<string, string>>;
  /** Crossplane `forceDestroy`: delete the objects with the bucket. Always false when protected. */
  readonly forceDestroy: boolean;
}

export interface OriginAccessControlModel {
  /** Object name (ACK) or its suffix (Crossplane). */
  readonly localName: string;
  /** The OAC's name in AWS (at most 64 characters). */
  readonly awsName: string;
  /** The id AWS assigned, once known. */
  readonly id?: string;
}

export type OriginModel =
  | {
    readonly kind: 's3';
    readonly id: string;
    readonly domainName: string;
    readonly originPath?: string;
    readonly originAccessControl: OriginAccessControlModel;
  }
  | {
    readonly kind: 'http';
    readonly id: string;
    readonly domainName: string;
    readonly originPath?: string;
    readonly httpsPort: number;
  };

export interface CacheBehaviorModel {
  /** Absent for the default behavior. */
  readonly pathPattern?: string;
  readonly targetOriginId: string;
  readonly allowedMethods: readonly string[];
  readonly cachedMethods: readonly string[];
  readonly cachePolicyId: string;
  readonly originRequestPolicyId?: string;
  readonly responseHeadersPolicyId?: string;
}

export interface DistributionModel {
  readonly localName: string;
  readonly comment: string;
  /** `""` for none: written out, so no controller late-initializes an old value back. */
  readonly defaultRootObject?: string;
  readonly priceClass: string;
  readonly aliases: readonly string[];
  readonly certificateArn?: string;
  readonly webAclId?: string;
  readonly logging?: { readonly bucketDomainName: string; readonly prefix?: string };
  readonly origins: readonly OriginModel[];
  readonly defaultBehavior: CacheBehaviorModel;
  readonly behaviors: readonly CacheBehaviorModel[];
  /** The id AWS assigned, once known (Crossplane: pins the managed resource to it). */
  readonly distributionId?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export type QueueEncryptionModel =
  | { readonly kind: 'sqs-managed' }
  | { readonly kind: 'kms'; readonly kmsKeyId: string; readonly dataKeyReusePeriodSeconds: number };

export interface QueueSpecModel {
  readonly localName: string;
  /** The SQS queue name (ends in `.fifo` for FIFO queues). */
  readonly queueName: string;
  /** The queue URL, when the account id is known: Crossplane's external name of a queue. */
  readonly queueUrl?: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly delaySeconds: number;
  readonly receiveWaitTimeSeconds: number;
  readonly encryption: QueueEncryptionModel;
  /** Where messages go after `maxReceiveCount` failed receives. */
  readonly redrive?: { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number };
  /** On a dead-letter queue: the only queues allowed to use it. */
  readonly redriveAllowSourceArns?: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface QueueModel {
  readonly queue: QueueSpecModel;
  readonly deadLetterQueue?: QueueSpecModel;
}

/** The IAM role of one workload, its policy, and how its pods assume it. */
export interface WorkloadRoleModel {
  /** Object name in the workload's namespace (ACK, namespaced Crossplane): the ServiceAccount's name. */
  readonly localName: string;
  /** The role's (and its policy's) name in IAM; also the cluster-scoped object name. */
  readonly roleName: string;
  readonly description: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The trust policy, as JSON. */
  readonly trustPolicy: string;
  /** The identity policy, as JSON: one statement per used resource. */
  readonly policy: string;
  /** Pod Identity adds an association; IRSA works through the ServiceAccount annotation alone. */
  readonly identity: 'pod-identity' | 'irsa';
  readonly clusterName?: string;
  readonly tags: Readonly<Record<string, string>>;
}
