import { PolicyItem, Rule, RuleContext, RuleMetadata, Violation } from '../rule';
import { bucketName, companionsOf, companionTarget, isAws } from './support/aws';
import { FROM_BASELINE, FROM_RESTRICTED } from './support/define';
import { describeStatement, isPublicStatement, isTlsOnlyStatement, parsePolicy } from './support/iam';
import { at, atPath, dig, list, quote, record, single } from './support/paths';

/**
 * S3 buckets, both flavors (`AWS-S3-*`). Crossplane splits bucket settings into companion kinds that
 * reference the bucket, so each rule checks two things there: that the companion exists (reported on
 * the Bucket) and that it is configured right (reported on the companion). ACK keeps them inline.
 */

const FOR_PROVIDER = '.spec.forProvider';

/** The check of one rule for each shape it applies to; shapes left out are ignored. */
interface S3Checks {
  /** A Crossplane Bucket: usually, whether the companion exists. */
  readonly crossplaneBucket?: (item: PolicyItem, context: RuleContext) => Violation[];
  /** A Crossplane companion of this kind, given its `spec.forProvider`. */
  readonly companion?: { readonly kind: string; readonly check: (forProvider: Record<string, unknown>, item: PolicyItem) => Violation[] };
  /** An ACK Bucket, given its `spec`. */
  readonly ackBucket?: (spec: Record<string, unknown>, item: PolicyItem) => Violation[];
}

function s3Rule(metadata: RuleMetadata, checks: S3Checks): Rule {
  return {
    ...metadata,
    check(item, context) {
      const { object } = item;
      if (checks.crossplaneBucket && isAws(object, 's3', 'Bucket', 'crossplane')) return checks.crossplaneBucket(item, context);
      if (checks.companion && isAws(object, 's3', checks.companion.kind, 'crossplane')) {
        return checks.companion.check(record(dig(object, 'spec', 'forProvider')) ?? {}, item);
      }
      if (checks.ackBucket && isAws(object, 's3', 'Bucket', 'ack')) return checks.ackBucket(record(object.spec) ?? {}, item);
      return [];
    },
  };
}

/** A violation on a Crossplane Bucket that no companion of `kind` configures. */
function requireCompanion(kind: string, what: string) {
  return (item: PolicyItem, context: RuleContext): Violation[] => {
    if (companionsOf(item.object, kind, context).length > 0) return [];
    const name = item.object.metadata.name;
    return [{ path: FOR_PROVIDER, message: `no ${kind} references Bucket ${quote(name)}; add one with spec.forProvider.bucketRef.name ${quote(name)} that ${what}` }];
  };
}

const PUBLIC_ACCESS_FLAGS = {
  crossplane: ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'],
  ack: ['blockPublicACLs', 'blockPublicPolicy', 'ignorePublicACLs', 'restrictPublicBuckets'],
};

function flagsAllTrue(block: Record<string, unknown>, flags: string[], path: string, target: string): Violation[] {
  return flags
    .filter((flag) => block[flag] !== true)
    .map((flag) => ({ path: at(path, flag), message: `${flag} is ${quote(block[flag])} for bucket ${quote(target)}; set it to true` }));
}

export const publicAccessBlocked = s3Rule(
  {
    id: 'AWS-S3-001',
    severity: 'error',
    title: 'S3 buckets must block all public access',
    rationale: 'Block Public Access is the guard that keeps a bucket private even when a policy or ACL goes wrong.',
    fix: 'Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.',
    mirrors: ['aws-securityhub:S3.8', 'checkov:CKV_AWS_53', 'checkov:CKV_AWS_54', 'checkov:CKV_AWS_55', 'checkov:CKV_AWS_56'],
    profiles: FROM_BASELINE,
  },
  {
    crossplaneBucket: requireCompanion('BucketPublicAccessBlock', 'sets all four block flags to true'),
    companion: {
      kind: 'BucketPublicAccessBlock',
      check: (forProvider, item) => flagsAllTrue(forProvider, PUBLIC_ACCESS_FLAGS.crossplane, FOR_PROVIDER, companionTarget(item.object)),
    },
    ackBucket: (spec, item) => {
      const block = record(spec.publicAccessBlock);
      if (!block) {
        return [{ path: '.spec.publicAccessBlock', message: `bucket ${quote(bucketName(item.object))} has no publicAccessBlock; set ${PUBLIC_ACCESS_FLAGS.ack.join(', ')} to true` }];
      }
      return flagsAllTrue(block, PUBLIC_ACCESS_FLAGS.ack, '.spec.publicAccessBlock', bucketName(item.object));
    },
  },
);

/** Where a bucket's policy document sits, for both flavors. */
function policyChecks(check: (policy: unknown, path: string, target: string) => Violation[], crossplaneBucket?: S3Checks['crossplaneBucket']): S3Checks {
  return {
    crossplaneBucket,
    companion: { kind: 'BucketPolicy', check: (forProvider, item) => check(forProvider.policy, at(FOR_PROVIDER, 'policy'), companionTarget(item.object)) },
    ackBucket: (spec, item) => check(spec.policy, '.spec.policy', bucketName(item.object)),
  };
}

export const noPublicPrincipal = s3Rule(
  {
    id: 'AWS-S3-002',
    severity: 'error',
    title: 'S3 bucket policies must not grant access to everyone',
    rationale: 'An Allow for Principal "*" without a narrowing condition makes the bucket readable or writable by anyone.',
    fix: 'Grant the specific principal (e.g. the CloudFront service with an aws:SourceArn condition) instead of "*".',
    mirrors: ['aws-securityhub:S3.2', 'aws-securityhub:S3.3', 'checkov:CKV_AWS_70'],
    profiles: FROM_BASELINE,
  },
  policyChecks((policy, path, target) => {
    if (policy === undefined) return [];
    const parsed = parsePolicy(policy);
    if (!parsed.ok) return [{ path, message: `policy of bucket ${quote(target)} is not valid JSON (${parsed.error}); fix the document` }];
    return parsed.statements.filter(isPublicStatement).map((statement) => ({
      path,
      message: `${describeStatement(statement)} of the policy of bucket ${quote(target)} allows Principal ${quote(statement.principal)}; name the principal or add an aws:SourceArn condition`,
    }));
  }),
);

export const tlsOnly = s3Rule(
  {
    id: 'AWS-S3-003',
    severity: 'error',
    title: 'S3 bucket policies must deny requests without TLS',
    rationale: 'Without a TLS-only statement, clients can read and write objects over plain HTTP.',
    fix: 'Add a Deny statement for all principals with Condition {"Bool": {"aws:SecureTransport": "false"}}.',
    mirrors: ['aws-securityhub:S3.5'],
    profiles: FROM_RESTRICTED,
  },
  policyChecks(
    (policy, path, target) => {
      const hint = 'add a Deny statement with Condition {"Bool": {"aws:SecureTransport": "false"}}';
      if (policy === undefined) return [{ path, message: `bucket ${quote(target)} has no policy; ${hint}` }];
      const parsed = parsePolicy(policy);
      if (!parsed.ok || parsed.statements.some(isTlsOnlyStatement)) return [];
      return [{ path, message: `the policy of bucket ${quote(target)} allows requests without TLS; ${hint}` }];
    },
    requireCompanion('BucketPolicy', 'denies requests where aws:SecureTransport is false'),
  ),
);

const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

function encryptionRules(rules: unknown, path: string, target: string): Violation[] {
  const entries = Array.isArray(rules) ? rules : rules === undefined ? [] : [rules];
  if (entries.length === 0) return [{ path, message: `bucket ${quote(target)} has no encryption rule; add one with sseAlgorithm "aws:kms" or "AES256"` }];
  return entries.flatMap((entry, index) => {
    const rulePath = Array.isArray(rules) ? at(path, index) : path;
    const byDefault = single(record(entry)?.applyServerSideEncryptionByDefault, at(rulePath, 'applyServerSideEncryptionByDefault'));
    const algorithm = byDefault?.value.sseAlgorithm;
    if (typeof algorithm === 'string' && SSE_ALGORITHMS.includes(algorithm)) return [];
    const fieldPath = byDefault ? at(byDefault.path, 'sseAlgorithm') : atPath(rulePath, 'applyServerSideEncryptionByDefault', 'sseAlgorithm');
    return [{ path: fieldPath, message: `sseAlgorithm is ${quote(algorithm)} for bucket ${quote(target)}; set it to "aws:kms" or "AES256"` }];
  });
}

export const encrypted = s3Rule(
  {
    id: 'AWS-S3-004',
    severity: 'error',
    title: 'S3 buckets must declare default encryption',
    rationale: 'Declaring the encryption keeps it under review and lets a customer-managed KMS key control access.',
    fix: 'Configure server-side encryption with sseAlgorithm "aws:kms" (or "AES256").',
    mirrors: ['aws-securityhub:S3.17', 'checkov:CKV_AWS_19', 'checkov:CKV_AWS_145'],
    profiles: FROM_RESTRICTED,
  },
  {
    crossplaneBucket: requireCompanion('BucketServerSideEncryptionConfiguration', 'sets rule[].applyServerSideEncryptionByDefault.sseAlgorithm'),
    companion: {
      kind: 'BucketServerSideEncryptionConfiguration',
      check: (forProvider, item) => encryptionRules(forProvider.rule, at(FOR_PROVIDER, 'rule'), companionTarget(item.object)),
    },
    ackBucket: (spec, item) => encryptionRules(dig(spec, 'encryption', 'rules'), '.spec.encryption.rules', bucketName(item.object)),
  },
);

export const versioned = s3Rule(
  {
    id: 'AWS-S3-005',
    severity: 'error',
    title: 'S3 buckets must have versioning enabled',
    rationale: 'Versioning is what lets an overwritten or deleted object be recovered.',
    fix: 'Set the versioning status to Enabled.',
    mirrors: ['aws-securityhub:S3.14', 'checkov:CKV_AWS_21'],
    profiles: FROM_RESTRICTED,
  },
  {
    crossplaneBucket: requireCompanion('BucketVersioning', 'sets versioningConfiguration.status to Enabled'),
    companion: {
      kind: 'BucketVersioning',
      check: (forProvider, item) => {
        const configuration = single(forProvider.versioningConfiguration, at(FOR_PROVIDER, 'versioningConfiguration'));
        const status = configuration?.value.status;
        if (status === 'Enabled') return [];
        const path = configuration ? at(configuration.path, 'status') : atPath(FOR_PROVIDER, 'versioningConfiguration', 'status');
        return [{ path, message: `versioning status is ${quote(status)} for bucket ${quote(companionTarget(item.object))}; set it to "Enabled"` }];
      },
    },
    ackBucket: (spec, item) => {
      const status = dig(spec, 'versioning', 'status');
      return status === 'Enabled'
        ? []
        : [{ path: '.spec.versioning.status', message: `versioning status is ${quote(status)} for bucket ${quote(bucketName(item.object))}; set it to "Enabled"` }];
    },
  },
);

const OWNER_ENFORCED = 'BucketOwnerEnforced';
const ACL_GRANTS = ['grantFullControl', 'grantRead', 'grantReadACP', 'grantWrite', 'grantWriteACP'];

function ownership(value: unknown, path: string, target: string): Violation[] {
  return value === undefined || value === OWNER_ENFORCED
    ? []
    : [{ path, message: `objectOwnership is ${quote(value)} for bucket ${quote(target)}, which enables ACLs; set it to "${OWNER_ENFORCED}"` }];
}

export const aclsDisabled = s3Rule(
  {
    id: 'AWS-S3-006',
    severity: 'error',
    title: 'S3 buckets must keep ACLs disabled',
    rationale: 'ACLs grant access outside the bucket policy, where reviews and Block Public Access do not look.',
    fix: `Use objectOwnership ${OWNER_ENFORCED} and grant access through the bucket policy only.`,
    mirrors: ['aws-securityhub:S3.12', 'checkov:CKV_AWS_20'],
    profiles: FROM_RESTRICTED,
  },
  {
    companion: {
      kind: 'BucketOwnershipControls',
      check: (forProvider, item) => {
        const rule = single(forProvider.rule, at(FOR_PROVIDER, 'rule'));
        const path = rule ? at(rule.path, 'objectOwnership') : atPath(FOR_PROVIDER, 'rule', 'objectOwnership');
        const value = rule?.value.objectOwnership;
        return value === undefined
          ? [{ path, message: `objectOwnership is unset for bucket ${quote(companionTarget(item.object))}; set it to "${OWNER_ENFORCED}"` }]
          : ownership(value, path, companionTarget(item.object));
      },
    },
    ackBucket: (spec, item) => {
      const target = bucketName(item.object);
      const found: Violation[] = [...ownership(spec.objectOwnership, '.spec.objectOwnership', target)];
      list(dig(spec, 'ownershipControls', 'rules')).forEach((rule, index) => {
        found.push(...ownership(record(rule)?.objectOwnership, atPath('.spec.ownershipControls.rules', index, 'objectOwnership'), target));
      });
      if (spec.acl !== undefined && spec.acl !== 'private') {
        found.push({ path: '.spec.acl', message: `acl is ${quote(spec.acl)} for bucket ${quote(target)}; remove it and grant access through the bucket policy` });
      }
      for (const grant of ACL_GRANTS) {
        if (spec[grant] !== undefined) found.push({ path: at('.spec', grant), message: `${grant} is set for bucket ${quote(target)}; remove it and grant access through the bucket policy` });
      }
      return found;
    },
  },
);

export const s3Rules: readonly Rule[] = [publicAccessBlocked, noPublicPrincipal, tlsOnly, encrypted, versioned, aclsDisabled];

