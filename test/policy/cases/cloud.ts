import {
  ackBucket, ackCdnSet, ackDistribution, ackOac, ackQueue, edit, Mutable, PUBLIC_READ_POLICY, pvc, xpBucket, xpBucketPolicy,
  xpBucketSet, xpCdnSet, xpDistribution, xpEncryption, xpOac, xpOwnership, xpPublicAccessBlock, xpQueue, xpVersioning,
} from '../fixtures';
import { fails, RuleCases } from './types';

const fp = '.spec.forProvider';
const dc = '.spec.distributionConfig';
const without = (kind: string) => xpBucketSet().filter((o) => o.kind !== kind);
const xp = (d: Mutable) => d.spec.forProvider;
const ack = (d: Mutable) => d.spec.distributionConfig;

const CONDITIONED_PUBLIC = JSON.stringify({
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:events' } } }],
});
const TLS_VERSION_POLICY = JSON.stringify({
  Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }],
});
const NO_TLS_POLICY = JSON.stringify({
  Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'AWS:SourceArn': 'arn' } } }],
});

export const s3Cases: RuleCases[] = [
  {
    rule: 'AWS-S3-001',
    pass: [xpBucketSet(), [ackBucket()], [xpPublicAccessBlock((c) => { delete xp(c).bucketRef; xp(c).bucket = 'assets'; }), xpBucket()]],
    fail: [
      fails(fp, ...without('BucketPublicAccessBlock')),
      fails(`${fp}.blockPublicPolicy`, xpPublicAccessBlock((c) => { xp(c).blockPublicPolicy = false; }), xpBucket()),
      fails('.spec.publicAccessBlock', ackBucket((b) => { delete b.spec.publicAccessBlock; })),
      fails('.spec.publicAccessBlock.restrictPublicBuckets', ackBucket((b) => { delete b.spec.publicAccessBlock.restrictPublicBuckets; })),
    ],
  },
  {
    rule: 'AWS-S3-002',
    pass: [[xpBucketPolicy()], [ackBucket()], [ackBucket((b) => { b.spec.policy = CONDITIONED_PUBLIC; })]],
    fail: [
      fails(`${fp}.policy`, xpBucketPolicy((c) => { xp(c).policy = PUBLIC_READ_POLICY; })),
      fails('.spec.policy', ackBucket((b) => { b.spec.policy = JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:PutObject', Resource: '*' } }); })),
      fails('.spec.policy', ackBucket((b) => { b.spec.policy = '{"Statement": ['; })),
    ],
  },
  {
    rule: 'AWS-S3-003',
    pass: [xpBucketSet(), [ackBucket()], [ackBucket((b) => { b.spec.policy = TLS_VERSION_POLICY; })]],
    fail: [
      fails(fp, ...without('BucketPolicy')),
      fails(`${fp}.policy`, xpBucketPolicy((c) => { xp(c).policy = NO_TLS_POLICY; }), xpBucket()),
      fails('.spec.policy', ackBucket((b) => { delete b.spec.policy; })),
    ],
  },
  {
    rule: 'AWS-S3-004',
    pass: [
      xpBucketSet(),
      [ackBucket()],
      [xpEncryption((c) => { c.apiVersion = 's3.aws.upbound.io/v1beta1'; xp(c).rule = [{ applyServerSideEncryptionByDefault: [{ sseAlgorithm: 'AES256' }] }]; }), xpBucket()],
    ],
    fail: [
      fails(fp, ...without('BucketServerSideEncryptionConfiguration')),
      fails(`${fp}.rule[0].applyServerSideEncryptionByDefault.sseAlgorithm`, xpEncryption((c) => { xp(c).rule[0].applyServerSideEncryptionByDefault.sseAlgorithm = 'none'; })),
      fails('.spec.encryption.rules', ackBucket((b) => { delete b.spec.encryption; })),
    ],
  },
  {
    rule: 'AWS-S3-005',
    pass: [xpBucketSet(), [ackBucket()], [xpVersioning((c) => { c.apiVersion = 's3.aws.upbound.io/v1beta1'; xp(c).versioningConfiguration = [{ status: 'Enabled' }]; })]],
    fail: [
      fails(fp, ...without('BucketVersioning')),
      fails(`${fp}.versioningConfiguration.status`, xpVersioning((c) => { xp(c).versioningConfiguration.status = 'Suspended'; })),
      fails('.spec.versioning.status', ackBucket((b) => { delete b.spec.versioning; })),
    ],
  },
  {
    rule: 'AWS-S3-006',
    pass: [xpBucketSet(), without('BucketOwnershipControls'), [ackBucket((b) => { delete b.spec.ownershipControls; b.spec.acl = 'private'; })]],
    fail: [
      fails(`${fp}.rule.objectOwnership`, xpOwnership((c) => { xp(c).rule.objectOwnership = 'ObjectWriter'; })),
      fails('.spec.acl', ackBucket((b) => { b.spec.acl = 'public-read'; })),
      fails('.spec.ownershipControls.rules[0].objectOwnership', ackBucket((b) => { b.spec.ownershipControls.rules[0].objectOwnership = 'BucketOwnerPreferred'; })),
    ],
  },
];

export const cloudFrontCases: RuleCases[] = [
  {
    rule: 'AWS-CF-001',
    pass: [xpCdnSet(), ackCdnSet()],
    fail: [
      fails(`${fp}.defaultCacheBehavior.viewerProtocolPolicy`, xpDistribution((d) => { xp(d).defaultCacheBehavior.viewerProtocolPolicy = 'allow-all'; })),
      fails(`${fp}.orderedCacheBehavior[0].viewerProtocolPolicy`, xpDistribution((d) => { xp(d).orderedCacheBehavior[0].viewerProtocolPolicy = 'allow-all'; })),
      fails(`${dc}.cacheBehaviors.items[0].viewerProtocolPolicy`, ackDistribution((d) => { ack(d).cacheBehaviors.items[0].viewerProtocolPolicy = 'allow-all'; })),
    ],
  },
  {
    rule: 'AWS-CF-002',
    pass: [xpCdnSet(), ackCdnSet()],
    fail: [
      fails(`${fp}.origin[1].customOriginConfig.originProtocolPolicy`, xpDistribution((d) => { xp(d).origin[1].customOriginConfig.originProtocolPolicy = 'match-viewer'; })),
      fails(`${dc}.origins.items[1].customOriginConfig.originProtocolPolicy`, ackDistribution((d) => { ack(d).origins.items[1].customOriginConfig.originProtocolPolicy = 'http-only'; })),
    ],
  },
  {
    rule: 'AWS-CF-003',
    pass: [xpCdnSet(), ackCdnSet()],
    fail: [
      fails(`${fp}.origin[1].customOriginConfig.originSslProtocols`, xpDistribution((d) => { xp(d).origin[1].customOriginConfig.originSslProtocols = ['TLSv1', 'TLSv1.2']; })),
      fails(`${dc}.origins.items[1].customOriginConfig.originSSLProtocols.items`, ackDistribution((d) => { ack(d).origins.items[1].customOriginConfig.originSSLProtocols.items = ['SSLv3']; })),
    ],
  },
  {
    rule: 'AWS-CF-004',
    pass: [xpCdnSet(), ackCdnSet(), [xpDistribution((d) => { delete xp(d).aliases; xp(d).viewerCertificate = { cloudfrontDefaultCertificate: true }; })]],
    fail: [
      fails(`${fp}.viewerCertificate.minimumProtocolVersion`, xpDistribution((d) => { xp(d).viewerCertificate.minimumProtocolVersion = 'TLSv1'; })),
      fails(`${fp}.viewerCertificate.cloudfrontDefaultCertificate`, xpDistribution((d) => { xp(d).viewerCertificate = { cloudfrontDefaultCertificate: true }; })),
      fails(`${dc}.viewerCertificate.sslSupportMethod`, ackDistribution((d) => { ack(d).viewerCertificate.sslSupportMethod = 'vip'; })),
    ],
  },
  {
    rule: 'AWS-CF-005',
    pass: [xpCdnSet(), ackCdnSet(), [xpDistribution((d) => { delete xp(d).origin[0].originAccessControlIdRef; xp(d).origin[0].originAccessControlId = 'E2QWRUHAPOMQZL'; })]],
    fail: [
      fails(`${fp}.origin[0].originAccessControlId`, xpDistribution((d) => { delete xp(d).origin[0].originAccessControlIdRef; })),
      fails(`${fp}.origin[0].originAccessControlIdRef.name`, xpDistribution(), ...xpBucketSet()),
      fails(`${dc}.origins.items[0].s3OriginConfig.originAccessIdentity`, ackDistribution((d) => { ack(d).origins.items[0].s3OriginConfig.originAccessIdentity = 'origin-access-identity/cloudfront/E1'; })),
      fails(`${dc}.origins.items[0].originAccessControlID`, ackDistribution((d) => { delete ack(d).origins.items[0].originAccessControlID; }), ackOac()),
    ],
  },
  {
    rule: 'AWS-CF-006',
    pass: [xpCdnSet(), ackCdnSet()],
    fail: [
      fails(`${fp}.origin[0].domainName`, xpDistribution((d) => { xp(d).origin[0].domainName = 'other.s3.eu-west-1.amazonaws.com'; }), ...xpBucketSet()),
      fails(`${dc}.origins.items[0].domainName`, ackDistribution(), ackOac()),
      fails(`${fp}.origin[0].domainName`, xpDistribution((d) => { xp(d).origin[0].s3OriginConfig = {}; xp(d).origin[0].domainName = 'assets.example.com'; }), ...xpBucketSet()),
    ],
  },
  {
    rule: 'AWS-CF-007',
    pass: [xpCdnSet(), ackCdnSet()],
    fail: [
      fails(`${fp}.defaultRootObject`, xpDistribution((d) => { delete xp(d).defaultRootObject; })),
      fails(`${dc}.defaultRootObject`, ackDistribution((d) => { ack(d).defaultRootObject = ''; })),
    ],
  },
  {
    rule: 'AWS-CF-008',
    pass: [[xpOac()], [ackOac()]],
    fail: [
      fails(`${fp}.signingBehavior`, xpOac((o) => { xp(o).signingBehavior = 'never'; })),
      fails('.spec.originAccessControlConfig.signingProtocol', ackOac((o) => { delete o.spec.originAccessControlConfig.signingProtocol; })),
    ],
  },
];

export const sqsCases: RuleCases[] = [
  {
    rule: 'AWS-SQS-001',
    pass: [[xpQueue()], [ackQueue()], [xpQueue((q) => { delete xp(q).sqsManagedSseEnabled; xp(q).kmsMasterKeyId = 'alias/jobs'; })], [ackQueue((q) => { delete q.spec.sqsManagedSSEEnabled; q.spec.kmsMasterKeyID = 'alias/jobs'; })]],
    fail: [
      fails(`${fp}.sqsManagedSseEnabled`, xpQueue((q) => { delete xp(q).sqsManagedSseEnabled; })),
      fails(`${fp}.sqsManagedSseEnabled`, xpQueue((q) => { xp(q).sqsManagedSseEnabled = false; })),
      fails('.spec.sqsManagedSSEEnabled', ackQueue((q) => { q.spec.sqsManagedSSEEnabled = 'false'; })),
    ],
  },
  {
    rule: 'AWS-SQS-002',
    pass: [[xpQueue()], [xpQueue((q) => { xp(q).policy = CONDITIONED_PUBLIC; })], [ackQueue((q) => { q.spec.policy = CONDITIONED_PUBLIC; })]],
    fail: [
      fails(`${fp}.policy`, xpQueue((q) => { xp(q).policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }] }); })),
      fails('.spec.policy', ackQueue((q) => { q.spec.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: '*' }] }); })),
      fails(`${fp}.policy`, edit(xpQueue(), (q) => { q.kind = 'QueuePolicy'; xp(q).policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: '*' }] }); })),
    ],
  },
];

export const deletionCases: RuleCases[] = [
  {
    rule: 'DEL-001',
    pass: [[xpBucket()], [xpQueue((q) => { delete q.spec.deletionPolicy; q.spec.managementPolicies = ['Observe', 'Create', 'Update', 'LateInitialize']; })], [ackBucket()], [ackQueue()]],
    fail: [
      fails('.spec.deletionPolicy', xpBucket((b) => { b.spec.deletionPolicy = 'Delete'; })),
      fails('.spec.deletionPolicy', xpQueue((q) => { delete q.spec.deletionPolicy; q.spec.managementPolicies = ['*']; })),
      fails('.spec.managementPolicies', xpBucket((b) => { b.spec.managementPolicies = ['Observe', 'Create', 'Update', 'Delete']; })),
      fails('.metadata.annotations["services.k8s.aws/deletion-policy"]', ackBucket((b) => { delete b.metadata.annotations['services.k8s.aws/deletion-policy']; })),
    ],
  },
  {
    rule: 'DEL-002',
    pass: [[xpBucket()], [pvc()], [ackQueue()], [pvc((p) => { p.metadata.annotations = { 'argocd.argoproj.io/sync-options': 'Delete=false' }; })]],
    fail: [
      fails('.metadata.annotations["argocd.argoproj.io/sync-options"]', xpBucket((b) => { delete b.metadata.annotations; })),
      fails('.metadata.annotations["argocd.argoproj.io/sync-options"]', pvc((p) => { p.metadata.annotations = { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' }; })),
      fails('.metadata.annotations["argocd.argoproj.io/sync-options"]', ackQueue((q) => { q.metadata.annotations['kustomize.toolkit.fluxcd.io/prune'] = 'enabled'; })),
    ],
  },
  {
    rule: 'DEL-003',
    pass: [[xpBucket()], [xpBucket((b) => { xp(b).forceDestroy = false; })]],
    fail: [
      fails(`${fp}.forceDestroy`, xpBucket((b) => { xp(b).forceDestroy = true; })),
      fails(`${fp}.forceDestroy`, xpBucket((b) => { delete b.spec.deletionPolicy; b.spec.managementPolicies = ['Observe', 'Create', 'Update']; xp(b).forceDestroy = true; }, 'logs')),
    ],
  },
];

export const waiverFormatCases: RuleCases[] = [
  {
    rule: 'POL-001',
    pass: [
      [edit(xpBucket(), (b) => { b.metadata.annotations['gitplane.dev/waivers'] = JSON.stringify({ 'AWS-S3-005': 'log bucket; objects are immutable' }); })],
      [edit(ackQueue(), (q) => { q.metadata.annotations['gitplane.dev/waivers'] = JSON.stringify({ 'SEC-001': 'test fixture, not a credential' }); })],
    ],
    fail: [
      fails('.metadata.annotations["gitplane.dev/waivers"]', edit(xpBucket(), (b) => { b.metadata.annotations['gitplane.dev/waivers'] = 'AWS-S3-005: log bucket'; })),
      fails('.metadata.annotations["gitplane.dev/waivers"]', edit(xpBucket(), (b) => { b.metadata.annotations['gitplane.dev/waivers'] = JSON.stringify({ 'AWS-S3-999': 'typo' }); })),
      fails('.metadata.annotations["gitplane.dev/waivers"]', edit(xpBucket(), (b) => { b.metadata.annotations['gitplane.dev/waivers'] = JSON.stringify({ 'AWS-S3-005': ' ' }); })),
    ],
  },
];
