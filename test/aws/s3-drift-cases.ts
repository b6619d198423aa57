import { BucketField } from '../../lib/aws/model';

/**
 * Labelled drift cases: for every bucket configuration field, one where the live bucket has more than
 * declared and one where it has less. `live` edits the configuration written to the server, `declared`
 * edits what the manifests say; plan must report exactly `field` as changed.
 */
export interface DriftCase {
  readonly label: string;
  readonly field: BucketField;
  readonly direction: 'live has more' | 'live has less';
  readonly live?: (fields: Record<string, any>) => void;
  readonly declared?: (fields: Record<string, any>) => void;
}

export const DRIFT_CASES: readonly DriftCase[] = [
  { label: 'versioning suspended in the console', field: 'versioning', direction: 'live has less', live: (f) => { f.versioning = 'Suspended'; } },
  { label: 'versioning on where the stacks leave it off', field: 'versioning', direction: 'live has more', declared: (f) => { f.versioning = 'Disabled'; } },
  { label: 'public policies allowed (block lifted)', field: 'publicAccessBlock', direction: 'live has less', live: (f) => { f.publicAccessBlock = { ...f.publicAccessBlock, blockPublicPolicy: false }; } },
  { label: 'public ACLs ignored where the stacks allow them', field: 'publicAccessBlock', direction: 'live has more', declared: (f) => { f.publicAccessBlock = { ...f.publicAccessBlock, ignorePublicAcls: false }; } },
  { label: 'ACLs re-enabled (BucketOwnerPreferred)', field: 'ownershipControls', direction: 'live has less', live: (f) => { f.ownershipControls = 'BucketOwnerPreferred'; } },
  { label: 'ownership enforced where the stacks set none', field: 'ownershipControls', direction: 'live has more', declared: (f) => { f.ownershipControls = 'none'; } },
  { label: 'encryption switched to KMS', field: 'encryption', direction: 'live has more', live: (f) => { f.encryption = { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555', bucketKey: true }; } },
  { label: 'KMS declared, S3-managed live', field: 'encryption', direction: 'live has less', declared: (f) => { f.encryption = { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555', bucketKey: true }; } },
  {
    label: 'a public-read statement added to the policy', field: 'policy', direction: 'live has more',
    live: (f) => { f.policy = { ...f.policy, Statement: [...f.policy.Statement, { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pictura-dev-assets/*' }] }; },
  },
  { label: 'the TLS-only statement removed', field: 'policy', direction: 'live has less', live: (f) => { f.policy = { ...f.policy, Statement: f.policy.Statement.filter((s: any) => s.Sid !== 'DenyInsecureTransport') }; } },
  { label: 'an expiration rule added', field: 'lifecycle', direction: 'live has more', live: (f) => { f.lifecycle = [...f.lifecycle, { id: 'expire-tmp', status: 'Enabled', prefix: 'tmp/', expirationDays: 1 }]; } },
  { label: 'the multipart-abort rule deleted', field: 'lifecycle', direction: 'live has less', live: (f) => { f.lifecycle = []; } },
  {
    label: 'a CORS rule added in the console', field: 'cors', direction: 'live has more',
    live: (f) => { f.cors = [...f.cors, { allowedOrigins: ['https://evil.example'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 60 }]; },
  },
  { label: 'the CORS configuration removed', field: 'cors', direction: 'live has less', live: (f) => { f.cors = []; } },
  { label: 'a cost-center tag added', field: 'tags', direction: 'live has more', live: (f) => { f.tags = { ...f.tags, 'cost-center': '42' }; } },
  { label: 'the data-class tag removed', field: 'tags', direction: 'live has less', live: (f) => { const { 'pictura:data-class': _gone, ...rest } = f.tags; f.tags = rest; } },
  { label: 'object lock on a bucket declared without it', field: 'objectLock', direction: 'live has more', live: (f) => { f.objectLock = true; f.versioning = 'Enabled'; } },
  { label: 'object lock declared, bucket created without it', field: 'objectLock', direction: 'live has less', declared: (f) => { f.objectLock = true; } },
];
