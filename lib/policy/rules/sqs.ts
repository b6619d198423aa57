import { Rule, Violation } from '../rule';
import { isAws } from './support/aws';
import { FROM_BASELINE, FROM_RESTRICTED } from './support/define';
import { describeStatement, isPublicStatement, parsePolicy } from './support/iam';
import { at, dig, quote, record, text } from './support/paths';

/**
 * SQS queues, both flavors (`AWS-SQS-*`). Crossplane uses typed fields (`kmsMasterKeyId`,
 * `sqsManagedSseEnabled: true`); ACK uses the SQS attribute strings (`kmsMasterKeyID`,
 * `sqsManagedSSEEnabled: "true"`).
 */

export const queueEncrypted: Rule = {
  id: 'AWS-SQS-001',
  severity: 'error',
  title: 'SQS queues must be encrypted at rest',
  rationale: 'Messages often carry personal or business data; declared encryption keeps it under review and under a key you control.',
  fix: 'Set a KMS key (kmsMasterKeyId) or enable SQS-managed server-side encryption.',
  mirrors: ['aws-securityhub:SQS.1', 'checkov:CKV_AWS_27'],
  profiles: FROM_RESTRICTED,
  check: ({ object }) => {
    if (isAws(object, 'sqs', 'Queue', 'crossplane')) {
      const forProvider = record(dig(object, 'spec', 'forProvider')) ?? {};
      if (text(forProvider.kmsMasterKeyId) || record(forProvider.kmsMasterKeyIdRef) || forProvider.sqsManagedSseEnabled === true) return [];
      return [{ path: '.spec.forProvider.sqsManagedSseEnabled', message: `sqsManagedSseEnabled is ${quote(forProvider.sqsManagedSseEnabled)} and no kmsMasterKeyId is set; set a KMS key or sqsManagedSseEnabled: true` }];
    }
    if (isAws(object, 'sqs', 'Queue', 'ack')) {
      const spec = record(object.spec) ?? {};
      if (text(spec.kmsMasterKeyID) || record(spec.kmsMasterKeyRef) || spec.sqsManagedSSEEnabled === 'true') return [];
      return [{ path: '.spec.sqsManagedSSEEnabled', message: `sqsManagedSSEEnabled is ${quote(spec.sqsManagedSSEEnabled)} and no kmsMasterKeyID is set; set a KMS key or sqsManagedSSEEnabled: "true"` }];
    }
    return [];
  },
};

export const queueNotPublic: Rule = {
  id: 'AWS-SQS-002',
  severity: 'error',
  title: 'SQS queue policies must not grant access to everyone',
  rationale: 'An Allow for Principal "*" lets any AWS account send, read or delete messages.',
  fix: 'Name the principals, or narrow "*" with an aws:SourceArn or aws:SourceAccount condition.',
  mirrors: ['aws-securityhub:SQS.3', 'checkov:CKV_AWS_168'],
  profiles: FROM_BASELINE,
  check: ({ object }) => {
    let policy: unknown;
    let path: string;
    if (isAws(object, 'sqs', 'Queue', 'crossplane') || isAws(object, 'sqs', 'QueuePolicy', 'crossplane')) {
      policy = dig(object, 'spec', 'forProvider', 'policy');
      path = at('.spec.forProvider', 'policy');
    } else if (isAws(object, 'sqs', 'Queue', 'ack')) {
      policy = dig(object, 'spec', 'policy');
      path = '.spec.policy';
    } else {
      return [];
    }
    if (policy === undefined || policy === '') return [];
    const parsed = parsePolicy(policy);
    if (!parsed.ok) return [{ path, message: `the queue policy is not valid JSON (${parsed.error}); fix the document` }];
    return parsed.statements.filter(isPublicStatement).map((statement): Violation => ({
      path,
      message: `${describeStatement(statement)} of the queue policy allows Principal ${quote(statement.principal)}; name the principal or add an aws:SourceArn condition`,
    }));
  },
};

export const sqsRules: readonly Rule[] = [queueEncrypted, queueNotPublic];
