import { describe, expect, it } from 'vitest';
import { AssetBucket, BucketEncryption, Cdn, CdnOrigin, CloudFlavor, Queue, QueueEncryption, WorkloadIdentity } from '../../lib/cloud';
import { CronJob, Worker, WorkloadServiceAccount } from '../../lib/constructs';
import { KubeObject } from '../../lib/core/manifest';
import { AppChart, ICloudFlavor, Protection } from '../../lib/platform';
import { evaluate } from '../../lib/policy';
import { HAS_CRDS } from '../helpers/crds';
import { findOne } from '../helpers/manifests';
import { ACCOUNT, CRD_TIMEOUT, cloudPlatform, crdValidator, messageOf, RetainingReconciler, synthCloud, warningsOf } from './helpers';

const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const CLUSTER = 'acme-test';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The three flavors with the cluster name Pod Identity needs. */
const FLAVORS: [string, () => ICloudFlavor][] = [
  ['crossplane', () => CloudFlavor.crossplane({ accountId: ACCOUNT, clusterName: CLUSTER })],
  ['crossplane-cluster', () => CloudFlavor.crossplane({ accountId: ACCOUNT, clusterName: CLUSTER, scope: 'cluster' })],
  ['ack', () => CloudFlavor.ack({ accountId: ACCOUNT, clusterName: CLUSTER })],
];

const BUCKET = 'arn:aws:s3:::acme-test-assets';
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:test-web-jobs`;
const DLQ = `arn:aws:sqs:eu-west-1:${ACCOUNT}:test-web-jobs-dlq`;

/** The identity policy of the only role in `objects`, parsed, for either flavor. */
function policyOf(objects: KubeObject[]): any {
  const policy: any = findOne(objects, 'Policy');
  return JSON.parse(policy.spec.forProvider?.policy ?? policy.spec.policyDocument);
}

function trustOf(objects: KubeObject[]): any {
  const role: any = findOne(objects, 'Role');
  return JSON.parse(role.spec.forProvider?.assumeRolePolicy ?? role.spec.assumeRolePolicyDocument);
}

function worker(app: AppChart, id = 'processor'): Worker {
  return new Worker(app, id, { image: IMAGE });
}

describe('uses(resource, { access })', () => {
  describe.each(FLAVORS)('%s', (name, flavor) => {
    // Each level: exactly these actions, on exactly these ARNs.
    const bucketCases: [string, unknown[]][] = [
      ['read', [{ Sid: 'AssetsBucket', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`] }]],
      ['write', [{ Sid: 'AssetsBucket', Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'], Resource: [`${BUCKET}/*`] }]],
      ['read-write', [{
        Sid: 'AssetsBucket', Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'], Resource: [BUCKET, `${BUCKET}/*`],
      }]],
    ];
    it.each(bucketCases)(`grants exactly the bucket's %s actions (${name})`, (access, statements) => {
      const objects = synthCloud(flavor(), (app) => {
        const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
        worker(app).uses(bucket, { access: access as 'read' });
      });
      expect(policyOf(objects)).toEqual({ Version: '2012-10-17', Statement: statements });
    });

    const queueCases: [string, unknown[]][] = [
      ['consume', [
        { Sid: 'JobsQueue', Effect: 'Allow', Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], Resource: [QUEUE] },
        { Sid: 'JobsDeadLetterQueue', Effect: 'Allow', Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], Resource: [DLQ] },
      ]],
      ['send', [{ Sid: 'JobsQueue', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Resource: [QUEUE] }]],
      ['consume-send', [
        { Sid: 'JobsQueue', Effect: 'Allow', Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: [QUEUE] },
        { Sid: 'JobsDeadLetterQueue', Effect: 'Allow', Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], Resource: [DLQ] },
      ]],
    ];
    it.each(queueCases)(`grants exactly the queue's %s actions, the dead-letter queue only when consuming (${name})`, (access, statements) => {
      const objects = synthCloud(flavor(), (app) => { worker(app).uses(new Queue(app, 'Jobs'), { access: access as 'send' }); });
      expect(policyOf(objects)).toEqual({ Version: '2012-10-17', Statement: statements });
    });

    it(`grants invalidations of exactly the distribution (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const cdn = new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('web.example.com'), distributionId: 'E1A2B3C4D5E6F7', domainName: 'd111111abcdef8.cloudfront.net' });
        worker(app).uses(cdn, { access: 'invalidate' });
      });
      expect(policyOf(objects).Statement).toEqual([{
        Sid: 'CdnDistribution', Effect: 'Allow',
        Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
        Resource: [`arn:aws:cloudfront::${ACCOUNT}:distribution/E1A2B3C4D5E6F7`],
      }]);
    });

    it(`adds the KMS key of an encrypted bucket or queue, with the actions of the level (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets', encryption: BucketEncryption.kms(KEY) });
        const queue = new Queue(app, 'Jobs', { encryption: QueueEncryption.kms('alias/jobs'), deadLetterQueue: false });
        worker(app).uses(bucket, { access: 'read' }).uses(queue, { access: 'send' });
      });
      const statements = policyOf(objects).Statement;
      expect(statements.find((s: any) => s.Sid === 'AssetsBucketKey')).toEqual({ Sid: 'AssetsBucketKey', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [KEY] });
      // IAM cannot name a key by alias: any key of the account carrying exactly that alias.
      expect(statements.find((s: any) => s.Sid === 'JobsQueueKey')).toEqual({
        Sid: 'JobsQueueKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`], Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/jobs' } },
      });
    });

    it(`trusts only EKS Pod Identity of this account and cluster, and binds role, namespace and ServiceAccount (${name})`, () => {
      // GIVEN / WHEN
      const objects = synthCloud(flavor(), (app) => { worker(app).uses(new Queue(app, 'Jobs'), { access: 'send' }); });
      // THEN
      expect(trustOf(objects)).toEqual({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AllowEksPodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/${CLUSTER}` } },
        }],
      });
      const association: any = findOne(objects, 'PodIdentityAssociation');
      const spec = association.spec.forProvider ?? association.spec;
      expect(spec).toMatchObject({ clusterName: CLUSTER, namespace: 'test-web', serviceAccount: 'processor' });
      const role = findOne(objects, 'Role');
      expect(spec.roleArnRef ?? spec.roleRef).toEqual(name === 'ack' ? { from: { name: role.metadata.name } } : { name: role.metadata.name });
      const serviceAccount: any = findOne(objects, 'ServiceAccount');
      expect(serviceAccount.metadata.name).toBe('processor');
      expect((findOne(objects, 'Deployment') as any).spec.template.spec.serviceAccountName).toBe('processor');
    });

    it(`merges several uses into one role with one statement per resource; removing a use removes its permission (${name})`, () => {
      const build = (withQueue: boolean) => (app: AppChart) => {
        const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
        const queue = new Queue(app, 'Jobs');
        const w = worker(app).uses(bucket, { access: 'read' });
        if (withQueue) w.uses(queue, { access: 'send' });
      };
      const both = synthCloud(flavor(), build(true));
      expect(both.filter((o) => o.kind === 'Role')).toHaveLength(1);
      expect(policyOf(both).Statement.map((s: any) => s.Sid)).toEqual(['AssetsBucket', 'JobsQueue']);
      const one = synthCloud(flavor(), build(false));
      expect(policyOf(one).Statement.map((s: any) => s.Sid)).toEqual(['AssetsBucket']);
      expect(JSON.stringify(policyOf(one))).not.toContain('sqs:');
    });

    it(`merges two levels on one resource into one statement (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' });
        worker(app).uses(bucket, { access: 'read', env: { name: 'SOURCE_BUCKET', region: 'SOURCE_REGION' } }).uses(bucket, { access: 'write', env: { name: 'TARGET_BUCKET', region: 'TARGET_REGION' } });
      });
      expect(policyOf(objects).Statement).toEqual([bucketCases[2][1][0]]);
    });

    it(`gives two workloads two roles (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const queue = new Queue(app, 'Jobs');
        worker(app, 'producer').uses(queue, { access: 'send' });
        worker(app, 'consumer').uses(queue, { access: 'consume' });
      });
      const roles = objects.filter((o) => o.kind === 'Role');
      expect(roles.map((r: any) => r.spec.forProvider ? r.metadata.annotations['crossplane.io/external-name'] : r.spec.name)).toEqual(['test-web-producer', 'test-web-consumer']);
      const associations = objects.filter((o) => o.kind === 'PodIdentityAssociation').map((a: any) => (a.spec.forProvider ?? a.spec).serviceAccount);
      expect(associations).toEqual(['producer', 'consumer']);
    });

    it(`protects roles and associations like every cloud resource in a protected environment (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => { worker(app).uses(new Queue(app, 'Jobs', { queueName: 'test-web-jobs' }), { access: 'send' }); },
        { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() });
      const iam = objects.filter((o) => ['Role', 'Policy', 'RolePolicyAttachment', 'PodIdentityAssociation'].includes(o.kind));
      expect(iam.length).toBeGreaterThanOrEqual(3);
      for (const object of iam as any[]) {
        expect(object.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
        if (name === 'ack') expect(object.metadata.annotations['services.k8s.aws/deletion-policy']).toBe('retain');
        else expect(object.spec.managementPolicies).toEqual(['Observe', 'Create', 'Update', 'LateInitialize']);
      }
    });

    it(`passes the IAM policy rules: exact permissions, narrow trust, one role per ServiceAccount (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const queue = new Queue(app, 'Jobs');
        worker(app, 'producer').uses(queue, { access: 'send' });
        worker(app, 'consumer').uses(queue, { access: 'consume' });
      });
      const report = evaluate(objects.map((object) => ({ object, file: 'x.yaml' })), { profile: 'prod', only: ['AWS-IAM-001', 'AWS-IAM-002', 'AWS-IAM-003'] });
      expect(report.findings).toEqual([]);
    });

    it.skipIf(!HAS_CRDS)(`validates against the upstream CRDs (${name})`, () => {
      const objects = synthCloud(flavor(), (app) => {
        const bucket = new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets', encryption: BucketEncryption.kms(KEY) });
        worker(app).uses(bucket, { access: 'read-write' }).uses(new Queue(app, 'Jobs'), { access: 'consume-send' });
      }).filter((o) => !['Deployment', 'ConfigMap', 'ServiceAccount', 'PodDisruptionBudget'].includes(o.kind));
      const report = crdValidator().validateAll(objects.map((object) => ({ object })));
      expect(report.findings).toEqual([]);
      expect(report.unknownKinds).toEqual([]);
    }, CRD_TIMEOUT);
  });

  it('uses IRSA on request: a role trusting exactly the ServiceAccount\'s token, the role ARN on the ServiceAccount, no association', () => {
    // GIVEN
    const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const objects = synthCloud(CloudFlavor.crossplane({ accountId: ACCOUNT, workloadIdentity: WorkloadIdentity.irsa(issuer) }),
      (app) => { worker(app).uses(new Queue(app, 'Jobs'), { access: 'send' }); });
    // THEN
    expect(trustOf(objects).Statement).toEqual([{
      Sid: 'AllowServiceAccountWebIdentity', Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuer}:sub`]: 'system:serviceaccount:test-web:processor', [`${issuer}:aud`]: 'sts.amazonaws.com' } },
    }]);
    expect(findOne(objects, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/test-web-processor` });
    expect(objects.some((o) => o.kind === 'PodIdentityAssociation')).toBe(false);
  });

  it('gives a CronJob its own ServiceAccount and role as well', () => {
    const objects = synthCloud(FLAVORS[0][1](), (app) => {
      new CronJob(app, 'cleanup', { image: IMAGE, schedule: '0 3 * * *' }).uses(new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' }), { access: 'write' });
    });
    expect((findOne(objects, 'CronJob') as any).spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('cleanup');
    expect((findOne(objects, 'PodIdentityAssociation') as any).spec.forProvider.serviceAccount).toBe('cleanup');
  });

  it('grants nothing without access: only the coordinates', () => {
    const objects = synthCloud(FLAVORS[0][1](), (app) => { worker(app).uses(new Queue(app, 'Jobs')); });
    expect(objects.map((o) => o.kind).filter((k) => ['Role', 'Policy', 'ServiceAccount'].includes(k))).toEqual([]);
  });

  it('waits for the distribution id before granting invalidations, with a warning instead of a wildcard', () => {
    const platform = cloudPlatform(FLAVORS[0][1](), (app) => {
      const cdn = new Cdn(app, 'Cdn', { origin: CdnOrigin.fromHttp('web.example.com'), domainName: 'd111111abcdef8.cloudfront.net' });
      worker(app).uses(cdn, { access: 'invalidate' });
    });
    expect(warningsOf(platform).map((w) => w.id)).toEqual(['GP-W-IAM-001']);
  });

  it('fails if the level is not one the resource offers, naming the workload and the levels', () => {
    expect(messageOf(() => synthCloud(FLAVORS[0][1](), (app) => {
      worker(app).uses(new AssetBucket(app, 'Assets', { bucketName: 'acme-test-assets' }), { access: 'rw' as 'read' });
    }))).toBe(`[test/web/processor] 'access' ("rw") for test/web/Assets must be one of "read", "write", "read-write". Fix: pass one of those levels in uses(resource, { access })`);
  });

  it('fails if Pod Identity has no cluster name, or the workload runs as a shared ServiceAccount', () => {
    expect(messageOf(() => synthCloud(CloudFlavor.crossplane({ accountId: ACCOUNT }), (app) => { worker(app).uses(new Queue(app, 'Jobs'), { access: 'send' }); })))
      .toBe(`[test/web/processor] granting AWS access through EKS Pod Identity needs the name of environment 'test''s EKS cluster. ` +
        `Fix: set clusterName on the environment's flavor: cloud: CloudFlavor.crossplane({ clusterName: 'my-cluster', ... })`);
    expect(messageOf(() => synthCloud(FLAVORS[0][1](), (app) => {
      new Worker(app, 'processor', { image: IMAGE, serviceAccount: WorkloadServiceAccount.existing('shared') }).uses(new Queue(app, 'Jobs'), { access: 'send' });
    }))).toContain(`the workload runs as the existing ServiceAccount 'shared', which other workloads may share, so it cannot get AWS access of its own`);
  });
});

describe('uses(resource, { env })', () => {
  it('names the variables per value, so renaming the resource\'s id does not rename them', () => {
    const env = (id: string) => {
      const objects = synthCloud(FLAVORS[0][1](), (app) => {
        worker(app).uses(new Queue(app, id, { queueName: 'settlements' }), { env: { url: 'SETTLEMENTS_URL' } });
      });
      return (findOne(objects, 'ConfigMap') as any).data;
    };
    expect(env('Settlements')).toEqual({
      SETTLEMENTS_QUEUE_NAME: 'settlements', SETTLEMENTS_QUEUE_REGION: 'eu-west-1', SETTLEMENTS_URL: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/settlements`,
    });
    expect(env('SettlementEvents').SETTLEMENTS_URL).toBe(`https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/settlements`);
  });

  it('fails if a name is not a variable name or the key is unknown', () => {
    expect(messageOf(() => synthCloud(FLAVORS[0][1](), (app) => {
      worker(app).uses(new Queue(app, 'Jobs'), { env: { url: '1URL', arn: 'X' } as never });
    }))).toBe(`[test/web/Jobs] 'env' names "arn", which test/web/Jobs does not offer; it offers "name", "url", "region"; ` +
      `'env.url' ("1URL") must be an environment variable name: letters, digits and '_', not starting with a digit. Fix: correct the names in uses(resource, { env: {...} })`);
  });
});

describe('Queue in a protected environment', () => {
  it('fails without an explicit queueName, proposing the current one', () => {
    expect(messageOf(() => synthCloud(FLAVORS[0][1](), (app) => { new Queue(app, 'Jobs'); }, { protection: Protection.PROTECTED, reconciler: new RetainingReconciler() })))
      .toContain(`'queueName' is required in protected environment 'test': the default ("test-web-jobs") follows the app and the construct id, so moving the queue or renaming either would create a new, empty queue; set queueName: "test-web-jobs" to keep this one`);
  });
});
