import { KubeObject } from '../../lib/core/manifest';

/**
 * Builders for policy fixtures. Each returns an object that passes every rule of the `prod` profile
 * on its own (together with its companions), so a case only spells out the one thing it breaks.
 */

export type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DIGEST = `sha256:${'a'.repeat(64)}`;
export const NS = 'web';

/** Deep copy, then let `mutate` change it. */
export function edit<T>(value: T, mutate: (copy: Mutable) => void): T {
  const copy = JSON.parse(JSON.stringify(value)) as Mutable;
  mutate(copy);
  return copy as T;
}

export function container(name = 'app'): Mutable {
  return {
    name,
    image: `ghcr.io/acme/app:1.4.2@${DIGEST}`,
    ports: [{ containerPort: 8080 }],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  };
}

export function podSpec(): Mutable {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container()],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

export function labels(name = 'api'): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': `${name}-prod` };
}

export function pod(mutate: (pod: Mutable) => void = () => undefined): KubeObject {
  return edit({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: NS, labels: labels() }, spec: podSpec() }, mutate);
}

/** A Deployment with two replicas; `mutate` receives the whole object. */
export function deployment(mutate: (d: Mutable) => void = () => undefined, name = 'api'): KubeObject {
  return edit({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, labels: labels(name) },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels(name) },
      template: { metadata: { labels: labels(name) }, spec: podSpec() },
    },
  }, mutate);
}

export function service(mutate: (s: Mutable) => void = () => undefined, name = 'api'): KubeObject {
  return edit({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS },
    spec: { selector: labels(name), ports: [{ port: 80, targetPort: 8080 }] },
  }, mutate);
}

export function pdb(mutate: (p: Mutable) => void = () => undefined, name = 'api'): KubeObject {
  return edit({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: NS },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels(name) } },
  }, mutate);
}

export function configMap(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data: { key: 'value' } };
}

export function serviceAccount(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: NS } };
}

/** A Deployment behind a Service with a PodDisruptionBudget: the compliant web app. */
export function webApp(mutate: (d: Mutable) => void = () => undefined): KubeObject[] {
  return [deployment(mutate), service(), pdb()];
}

// ---- Cloud: Crossplane (Upbound provider-aws) ------------------------------------------------

const RETAINED = { deletionPolicy: 'Orphan' };
const GUARDED = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };

export const TLS_ONLY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::assets', 'arn:aws:s3:::assets/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    {
      Sid: 'AllowCloudFront', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*',
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/EXAMPLE' } },
    },
  ],
});

export function xpBucket(mutate: (b: Mutable) => void = () => undefined, name = 'assets'): KubeObject {
  return edit({
    apiVersion: 's3.aws.upbound.io/v1beta2',
    kind: 'Bucket',
    metadata: { name, annotations: { ...GUARDED } },
    spec: { ...RETAINED, forProvider: { region: 'eu-west-1' } },
  }, mutate);
}

function xpCompanion(kind: string, apiVersion: string, forProvider: Mutable, bucket: string, mutate: (c: Mutable) => void): KubeObject {
  return edit({
    apiVersion,
    kind,
    metadata: { name: `${bucket}-${kind.toLowerCase()}` },
    spec: { forProvider: { region: 'eu-west-1', bucketRef: { name: bucket }, ...forProvider } },
  }, mutate);
}

export function xpPublicAccessBlock(mutate: (c: Mutable) => void = () => undefined, bucket = 'assets'): KubeObject {
  return xpCompanion('BucketPublicAccessBlock', 's3.aws.upbound.io/v1beta1', {
    blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  }, bucket, mutate);
}

export function xpEncryption(mutate: (c: Mutable) => void = () => undefined, bucket = 'assets'): KubeObject {
  return xpCompanion('BucketServerSideEncryptionConfiguration', 's3.aws.upbound.io/v1beta2', {
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
  }, bucket, mutate);
}

export function xpVersioning(mutate: (c: Mutable) => void = () => undefined, bucket = 'assets'): KubeObject {
  return xpCompanion('BucketVersioning', 's3.aws.upbound.io/v1beta2', { versioningConfiguration: { status: 'Enabled' } }, bucket, mutate);
}

export function xpBucketPolicy(mutate: (c: Mutable) => void = () => undefined, bucket = 'assets'): KubeObject {
  return xpCompanion('BucketPolicy', 's3.aws.upbound.io/v1beta1', { policy: TLS_ONLY_POLICY }, bucket, mutate);
}

export function xpOwnership(mutate: (c: Mutable) => void = () => undefined, bucket = 'assets'): KubeObject {
  return xpCompanion('BucketOwnershipControls', 's3.aws.upbound.io/v1beta2', { rule: { objectOwnership: 'BucketOwnerEnforced' } }, bucket, mutate);
}

/** A Crossplane bucket with every companion it needs. */
export function xpBucketSet(bucket = 'assets'): KubeObject[] {
  return [xpBucket(undefined, bucket), xpPublicAccessBlock(undefined, bucket), xpEncryption(undefined, bucket), xpVersioning(undefined, bucket), xpBucketPolicy(undefined, bucket), xpOwnership(undefined, bucket)];
}

export function xpOac(mutate: (c: Mutable) => void = () => undefined, name = 'assets-oac'): KubeObject {
  return edit({
    apiVersion: 'cloudfront.aws.upbound.io/v1beta1',
    kind: 'OriginAccessControl',
    metadata: { name },
    spec: { forProvider: { region: 'us-east-1', name, originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' } },
  }, mutate);
}

export function xpDistribution(mutate: (d: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'cloudfront.aws.upbound.io/v1beta2',
    kind: 'Distribution',
    metadata: { name: 'cdn' },
    spec: {
      forProvider: {
        region: 'us-east-1',
        enabled: true,
        aliases: ['www.example.com'],
        defaultRootObject: 'index.html',
        defaultCacheBehavior: { targetOriginId: 'assets', viewerProtocolPolicy: 'redirect-to-https', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'] },
        orderedCacheBehavior: [{ pathPattern: '/api/*', targetOriginId: 'api', viewerProtocolPolicy: 'https-only' }],
        origin: [
          { originId: 'assets', domainName: 'assets.s3.eu-west-1.amazonaws.com', originAccessControlIdRef: { name: 'assets-oac' } },
          { originId: 'api', domainName: 'api.example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } },
        ],
        viewerCertificate: { acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' },
        restrictions: { geoRestriction: { restrictionType: 'none' } },
      },
    },
  }, mutate);
}

/** A Crossplane distribution with its OAC and origin bucket. */
export function xpCdnSet(mutate: (d: Mutable) => void = () => undefined): KubeObject[] {
  return [xpDistribution(mutate), xpOac(), ...xpBucketSet()];
}

export function xpQueue(mutate: (q: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'sqs.aws.upbound.io/v1beta1',
    kind: 'Queue',
    metadata: { name: 'jobs', annotations: { ...GUARDED } },
    spec: { ...RETAINED, forProvider: { region: 'eu-west-1', sqsManagedSseEnabled: true } },
  }, mutate);
}

// ---- Cloud: ACK ------------------------------------------------------------------------------

const ACK_RETAIN = { 'services.k8s.aws/deletion-policy': 'retain', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };

export function ackBucket(mutate: (b: Mutable) => void = () => undefined, name = 'assets'): KubeObject {
  return edit({
    apiVersion: 's3.services.k8s.aws/v1alpha1',
    kind: 'Bucket',
    metadata: { name, namespace: NS, annotations: { ...ACK_RETAIN } },
    spec: {
      name,
      publicAccessBlock: { blockPublicACLs: true, blockPublicPolicy: true, ignorePublicACLs: true, restrictPublicBuckets: true },
      encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] },
      versioning: { status: 'Enabled' },
      ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
      policy: TLS_ONLY_POLICY,
    },
  }, mutate);
}

export function ackOac(mutate: (c: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'cloudfront.services.k8s.aws/v1alpha1',
    kind: 'OriginAccessControl',
    metadata: { name: 'assets-oac', namespace: NS },
    spec: { originAccessControlConfig: { name: 'assets-oac', originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' } },
  }, mutate);
}

export function ackDistribution(mutate: (d: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'cloudfront.services.k8s.aws/v1alpha1',
    kind: 'Distribution',
    metadata: { name: 'cdn', namespace: NS },
    spec: {
      distributionConfig: {
        enabled: true,
        aliases: { items: ['www.example.com'] },
        defaultRootObject: 'index.html',
        defaultCacheBehavior: { targetOriginID: 'assets', viewerProtocolPolicy: 'redirect-to-https' },
        cacheBehaviors: { items: [{ pathPattern: '/api/*', targetOriginID: 'api', viewerProtocolPolicy: 'https-only' }] },
        origins: {
          items: [
            { id: 'assets', domainName: 'assets.s3.eu-west-1.amazonaws.com', originAccessControlID: 'E2QWRUHAPOMQZL', s3OriginConfig: { originAccessIdentity: '' } },
            { id: 'api', domainName: 'api.example.com', customOriginConfig: { hTTPPort: 80, hTTPSPort: 443, originProtocolPolicy: 'https-only', originSSLProtocols: { items: ['TLSv1.2'] } } },
          ],
        },
        viewerCertificate: { acmCertificateARN: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' },
      },
    },
  }, mutate);
}

export function ackCdnSet(mutate: (d: Mutable) => void = () => undefined): KubeObject[] {
  return [ackDistribution(mutate), ackOac(), ackBucket()];
}

export function ackQueue(mutate: (q: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'sqs.services.k8s.aws/v1alpha1',
    kind: 'Queue',
    metadata: { name: 'jobs', namespace: NS, annotations: { ...ACK_RETAIN } },
    spec: { queueName: 'jobs', sqsManagedSSEEnabled: 'true' },
  }, mutate);
}

export function pvc(mutate: (p: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: NS, annotations: { ...GUARDED } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  }, mutate);
}

export const PUBLIC_READ_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }],
});

// ---- IAM of workloads (both flavors) ---------------------------------------------------------

export const POD_IDENTITY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowEksPodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
});
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const IRSA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow', Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` }, Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${ISSUER}:sub`]: `system:serviceaccount:${NS}:worker`, [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
  }],
});
export const EXACT_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'JobsQueue', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] }],
});

export function xpRole(mutate: (r: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'iam.aws.m.upbound.io/v1beta1',
    kind: 'Role',
    metadata: { name: 'worker', namespace: NS },
    spec: { forProvider: { assumeRolePolicy: POD_IDENTITY_TRUST }, managementPolicies: ['*'], providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' } },
  }, mutate);
}

export function xpIamPolicy(mutate: (p: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'iam.aws.m.upbound.io/v1beta1',
    kind: 'Policy',
    metadata: { name: 'worker', namespace: NS },
    spec: { forProvider: { policy: EXACT_POLICY }, managementPolicies: ['*'], providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' } },
  }, mutate);
}

export function xpPodIdentity(serviceAccount = 'worker', mutate: (p: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'eks.aws.m.upbound.io/v1beta1',
    kind: 'PodIdentityAssociation',
    metadata: { name: serviceAccount, namespace: NS },
    spec: { forProvider: { region: 'eu-west-1', clusterName: 'acme', namespace: NS, serviceAccount, roleArnRef: { name: 'worker' } } },
  }, mutate);
}

export function ackRole(mutate: (r: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Role',
    metadata: { name: 'worker', namespace: NS },
    spec: { name: 'web-worker', assumeRolePolicyDocument: POD_IDENTITY_TRUST, policyRefs: [{ from: { name: 'worker' } }] },
  }, mutate);
}

export function ackIamPolicy(mutate: (p: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'iam.services.k8s.aws/v1alpha1',
    kind: 'Policy',
    metadata: { name: 'worker', namespace: NS },
    spec: { name: 'web-worker', policyDocument: EXACT_POLICY },
  }, mutate);
}

export function ackPodIdentity(serviceAccount = 'worker', mutate: (p: Mutable) => void = () => undefined): KubeObject {
  return edit({
    apiVersion: 'eks.services.k8s.aws/v1alpha1',
    kind: 'PodIdentityAssociation',
    metadata: { name: serviceAccount, namespace: NS },
    spec: { clusterName: 'acme', namespace: NS, serviceAccount, roleRef: { from: { name: 'worker' } } },
  }, mutate);
}

export function irsaServiceAccount(name = 'worker', role = 'arn:aws:iam::123456789012:role/web-worker'): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: NS, annotations: { 'eks.amazonaws.com/role-arn': role } } } as KubeObject;
}
