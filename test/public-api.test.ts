import { describe, expect, it } from 'vitest';
import * as gitplane from '../lib';

/**
 * The SDK's runtime surface. Adding or removing a name here is a change to the public API: make it on
 * purpose (types are checked by the compiler where the stacks and README snippets use them).
 */
const PUBLIC_NAMES = [
  'AdmissionPolicies', 'AppChart', 'AppHandle', 'ArgoCdReconciler', 'ArgoCdTrigger', 'AssetBucket', 'BucketEncryption', 'Cdn',
  'CdnAllowedMethods', 'CdnCachePolicy', 'CdnOrigin', 'CdnOriginRequestPolicy', 'CdnPriceClass', 'CdnResponseHeadersPolicy',
  'CloudFlavor', 'ConcurrencyPolicy', 'CronJob', 'DeploymentWorkload', 'DisruptionBudget', 'Duration', 'Environment',
  'ExternalSecret', 'FluxEventSeverity', 'FluxReconciler', 'GitplaneError', 'Job', 'JobRestartPolicy', 'Labels',
  'NamespaceScheme', 'NetworkIsolation', 'NotificationTarget', 'Platform', 'PodSecurityLevel', 'Policy', 'Probe', 'Protection',
  'Queue', 'QueueEncryption', 'Reconciler', 'SealedSecret', 'SealedSecretScope', 'SecretStore', 'SecretValue', 'UsageError',
  'ValidationError', 'VolumeSource', 'Warnings', 'WebService', 'Worker', 'Workload', 'WorkloadAccess', 'WorkloadIdentity',
  'WorkloadNetworkPolicy', 'WorkloadServiceAccount', 'isUserError', 'selectorLabels',
];

describe('public API', () => {
  it('exports exactly the listed names', () => {
    expect(Object.keys(gitplane).sort()).toEqual([...PUBLIC_NAMES].sort());
  });

  it('exports no helper that only the constructs use', () => {
    const names = Object.keys(gitplane);
    expect(names.filter((name) => /Problems?$|^render|Json$|^[A-Z_]+$/.test(name))).toEqual([]);
  });
});
