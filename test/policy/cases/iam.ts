import {
  ackIamPolicy, ackPodIdentity, ackRole, IRSA_TRUST, irsaServiceAccount, Mutable, xpIamPolicy, xpPodIdentity, xpRole,
} from '../fixtures';
import { fails, RuleCases } from './types';

const fp = '.spec.forProvider';
const doc = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: unknown, resource: unknown) => ({ Effect: 'Allow', Action: action, Resource: resource });

export const iamCases: RuleCases[] = [
  {
    rule: 'AWS-IAM-001',
    pass: [
      [xpIamPolicy()],
      [ackIamPolicy()],
      // A Deny may be as wide as it likes.
      [xpIamPolicy((p: Mutable) => { p.spec.forProvider.policy = doc({ Effect: 'Deny', Action: '*', Resource: '*' }); })],
      [xpRole((r: Mutable) => { r.spec.forProvider.inlinePolicy = [{ name: 'read', policy: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }]; })],
    ],
    fail: [
      fails(`${fp}.policy`, xpIamPolicy((p: Mutable) => { p.spec.forProvider.policy = doc(allow('*', 'arn:aws:s3:::b')); })),
      fails(`${fp}.policy`, xpIamPolicy((p: Mutable) => { p.spec.forProvider.policy = doc(allow(['s3:*'], 'arn:aws:s3:::b')); })),
      fails('.spec.policyDocument', ackIamPolicy((p: Mutable) => { p.spec.policyDocument = doc(allow('sqs:SendMessage', '*')); })),
      fails('.spec.policyDocument', ackIamPolicy((p: Mutable) => { p.spec.policyDocument = doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }); })),
      fails(`${fp}.inlinePolicy[0].policy`, xpRole((r: Mutable) => { r.spec.forProvider.inlinePolicy = [{ name: 'all', policy: doc(allow('s3:GetObject', '*')) }]; })),
      fails('.spec.inlinePolicies.all', ackRole((r: Mutable) => { r.spec.inlinePolicies = { all: doc(allow('*', '*')) }; })),
    ],
  },
  {
    rule: 'AWS-IAM-002',
    pass: [[xpRole()], [ackRole()], [xpRole((r: Mutable) => { r.spec.forProvider.assumeRolePolicy = IRSA_TRUST; })]],
    fail: [
      fails(`${fp}.assumeRolePolicy`, xpRole((r: Mutable) => { r.spec.forProvider.assumeRolePolicy = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }); })),
      fails(`${fp}.assumeRolePolicy`, xpRole((r: Mutable) => { r.spec.forProvider.assumeRolePolicy = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }); })),
      fails('.spec.assumeRolePolicyDocument', ackRole((r: Mutable) => { r.spec.assumeRolePolicyDocument = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }); })),
      fails('.spec.assumeRolePolicyDocument', ackRole((r: Mutable) => { r.spec.assumeRolePolicyDocument = doc({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }); })),
      // IRSA with a wildcard subject: every ServiceAccount of the namespace could assume the role.
      fails(`${fp}.assumeRolePolicy`, xpRole((r: Mutable) => { r.spec.forProvider.assumeRolePolicy = IRSA_TRUST.replace('"StringEquals"', '"StringLike"').replace(':worker"', ':*"'); })),
    ],
  },
  {
    rule: 'AWS-IAM-003',
    pass: [[xpPodIdentity(), xpRole()], [ackPodIdentity(), ackRole()], [irsaServiceAccount(), irsaServiceAccount('other', 'arn:aws:iam::123456789012:role/web-other')]],
    fail: [
      fails(`${fp}.roleArnRef.name`, xpPodIdentity('worker'), xpPodIdentity('other')),
      fails('.spec.roleRef.from.name', ackPodIdentity('worker'), ackPodIdentity('other')),
      fails('.metadata.annotations["eks.amazonaws.com/role-arn"]', irsaServiceAccount('worker'), irsaServiceAccount('other')),
    ],
  },
];
