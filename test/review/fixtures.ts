import { KubeObject } from '../../lib/core/manifest';
import { ReviewDocument, ReviewTree } from '../../lib/review';

/**
 * A small platform as dist/ lays it out (`<env>/<app>/<file>`), in either protection mode and cloud
 * flavor, to build labelled base/head pairs from. Objects are shaped like gitplane's own output.
 */

export interface PlatformOptions {
  readonly env?: string;
  /** Deletion protection on cloud objects and no-prune on Applications, as Protection.PROTECTED renders it. */
  readonly protect?: boolean;
  readonly flavor?: 'crossplane' | 'ack';
  readonly reconciler?: 'argocd' | 'flux';
}

const IMAGE = 'ghcr.io/acme/api:1.4.0@sha256:0b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474';

export function labels(env: string, app: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'gitplane', 'gitplane.dev/app': app, 'gitplane.dev/environment': env };
}

function container(name: string): Record<string, unknown> {
  return {
    name,
    image: IMAGE,
    env: [
      { name: 'DB_HOST', value: 'db.internal' },
      { name: 'QUEUE_URL', value: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
    ],
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/live', port: 'http' } },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    securityContext: {
      runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}

function podSpec(name: string): Record<string, unknown> {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container(name)],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

export function platform(options: PlatformOptions = {}): ReviewDocument[] {
  const env = options.env ?? (options.protect ? 'prod' : 'dev');
  const ns = `${env}-api`;
  const protect = options.protect ?? false;
  const flavor = options.flavor ?? 'crossplane';
  const noPrune: Record<string, string> = protect ? { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' } : {};
  const meta = (app: string, name: string, namespace?: string, annotations: Record<string, string> = {}) => ({
    name, ...(namespace ? { namespace } : {}), labels: labels(env, app), ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  });
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' } };
  const docs: [string, KubeObject][] = [
    ['api/deployment-api.yaml', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('api', 'api', ns),
      spec: { replicas: 3, selector, template: { metadata: { labels: selector.matchLabels }, spec: podSpec('api') } },
    }],
    ['api/service-api.yaml', {
      apiVersion: 'v1', kind: 'Service', metadata: meta('api', 'api', ns),
      spec: { type: 'ClusterIP', selector: selector.matchLabels, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'grpc', port: 9090, targetPort: 9090 }] },
    }],
    ['api/configmap-api.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('api', 'api', ns), data: { LOG_LEVEL: 'info', FEATURE_X: 'off' } }],
    ['api/configmap-api-frozen.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('api', 'api-frozen', ns), immutable: true, data: { MODE: 'a' } }],
    ['api/poddisruptionbudget-api.yaml', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('api', 'api', ns), spec: { minAvailable: 1, selector } }],
    ['api/horizontalpodautoscaler-api.yaml', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('api', 'api', ns),
      spec: { minReplicas: 3, maxReplicas: 10, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } },
    }],
    ['api/networkpolicy-api.yaml', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('api', 'api', ns),
      spec: { podSelector: selector, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `${env}-web` } } }], ports: [{ port: 8080 }] }] },
    }],
    ['api/sealedsecret-db-credentials.yaml', {
      apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: meta('api', 'db-credentials', ns),
      spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq' }, template: { metadata: { name: 'db-credentials' } } },
    }],
    ['api/role-api.yaml', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('api', 'api', ns),
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
    }],
    ['api/rolebinding-api.yaml', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('api', 'api', ns),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'api' }, subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: ns }],
    }],
    ['web/ingress-web.yaml', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web', 'web', `${env}-web`),
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['app.example.com'], secretName: 'web-tls' }], rules: [{ host: 'app.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] },
    }],
    ['db/statefulset-db.yaml', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db', 'db', `${env}-db`),
      spec: {
        serviceName: 'db', replicas: 1, podManagementPolicy: 'OrderedReady', selector: { matchLabels: { 'app.kubernetes.io/name': 'db' } },
        template: { metadata: { labels: { 'app.kubernetes.io/name': 'db' } }, spec: podSpec('db') },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
      },
    }],
    ['db/persistentvolumeclaim-backup.yaml', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('db', 'backup', `${env}-db`, protect ? noPrune : {}),
      spec: { storageClassName: 'gp3', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    }],
    ['jobs/job-migrate.yaml', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: meta('jobs', 'migrate', `${env}-jobs`),
      spec: { backoffLimit: 2, template: { metadata: { labels: { 'app.kubernetes.io/name': 'migrate' } }, spec: { ...podSpec('migrate'), restartPolicy: 'Never' } } },
    }],
    ...cloudObjects(env, flavor, protect, meta),
  ];
  if ((options.reconciler ?? 'argocd') === 'argocd') {
    docs.push(['argocd/application-api.yaml', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
      metadata: { ...meta('argocd', `${env}-api`, 'argocd'), ...(protect ? {} : { finalizers: ['resources-finalizer.argocd.argoproj.io'] }) },
      spec: {
        project: `acme-${env}`, destination: { server: 'https://kubernetes.default.svc', namespace: ns },
        source: { repoURL: 'https://github.com/acme/platform.git', path: `dist/${env}/api`, targetRevision: 'main' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    }]);
    docs.push(['argocd/appproject-acme.yaml', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: meta('argocd', `acme-${env}`, 'argocd'),
      spec: { sourceRepos: ['https://github.com/acme/platform.git'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: `${env}-*` }] },
    }]);
  } else {
    docs.push(['flux/kustomization-api.yaml', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: meta('flux', `${env}-api`, 'flux-system'),
      spec: { interval: '5m', path: `./dist/${env}/api`, prune: true, sourceRef: { kind: 'GitRepository', name: `acme-${env}` }, targetNamespace: ns },
    }]);
    docs.push(['flux/gitrepository-acme.yaml', {
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: meta('flux', `acme-${env}`, 'flux-system'),
      spec: { interval: '1m', url: 'https://github.com/acme/platform.git', ref: { branch: 'main' } },
    }]);
    docs.push(['flux/namespace-api.yaml', { apiVersion: 'v1', kind: 'Namespace', metadata: meta('flux', ns, undefined, protect ? noPrune : {}) }]);
  }
  return docs.map(([file, object]) => ({ file: `${env}/${file}`, object }));
}

type Meta = (app: string, name: string, namespace?: string, annotations?: Record<string, string>) => KubeObject['metadata'];

function cloudObjects(env: string, flavor: 'crossplane' | 'ack', protect: boolean, meta: Meta): [string, KubeObject][] {
  const bucket = `acme-${env}-assets`;
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowCdn', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' } } }],
  });
  const iamPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: `arn:aws:sqs:eu-west-1:111122223333:${env}-jobs` }] });
  if (flavor === 'crossplane') {
    const a: Record<string, string> = protect ? { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } : {};
    const guard = protect ? { deletionPolicy: 'Orphan', managementPolicies: ['Observe', 'Create', 'Update', 'LateInitialize'] } : { managementPolicies: ['*'] };
    const spec = (forProvider: Record<string, unknown>) => ({ ...guard, forProvider: { region: 'eu-west-1', ...forProvider }, providerConfigRef: { name: `aws-${env}` } });
    return [
      ['media/bucket.yaml', { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'Bucket', metadata: meta('media', `${env}-media-assets`, undefined, { ...a, 'crossplane.io/external-name': bucket }), spec: spec({}) }],
      ['media/bucketpolicy.yaml', { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'BucketPolicy', metadata: meta('media', `${env}-media-assets`, undefined, a), spec: spec({ bucketRef: { name: `${env}-media-assets` }, policy }) }],
      ['media/bucketpublicaccessblock.yaml', {
        apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'BucketPublicAccessBlock', metadata: meta('media', `${env}-media-assets`, undefined, a),
        spec: spec({ bucketRef: { name: `${env}-media-assets` }, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
      }],
      ['media/queue.yaml', { apiVersion: 'sqs.aws.upbound.io/v1beta1', kind: 'Queue', metadata: meta('media', `${env}-media-jobs`, undefined, { ...a, 'crossplane.io/external-name': `${env}-jobs` }), spec: spec({ name: `${env}-jobs`, sqsManagedSseEnabled: true, visibilityTimeoutSeconds: 60 }) }],
      ['media/distribution.yaml', {
        apiVersion: 'cloudfront.aws.upbound.io/v1beta1', kind: 'Distribution', metadata: meta('media', `${env}-media-cdn`, undefined, a),
        spec: spec({ aliases: [`cdn.${env}.example.com`], enabled: true, origin: [{ domainName: `${bucket}.s3.eu-west-1.amazonaws.com`, originId: 's3' }] }),
      }],
      ['media/policy-api.yaml', { apiVersion: 'iam.aws.upbound.io/v1beta1', kind: 'Policy', metadata: meta('media', `${env}-api-jobs`, undefined, a), spec: spec({ policy: iamPolicy }) }],
    ];
  }
  const ns = `${env}-media`;
  const retain: Record<string, string> = { 'services.k8s.aws/region': 'eu-west-1', ...(protect ? { 'services.k8s.aws/deletion-policy': 'retain', 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } : {}) };
  return [
    ['media/bucket.yaml', {
      apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: meta('media', bucket, ns, retain),
      spec: { name: bucket, policy, publicAccessBlock: { blockPublicACLs: true, blockPublicPolicy: true, ignorePublicACLs: true, restrictPublicBuckets: true } },
    }],
    ['media/queue.yaml', { apiVersion: 'sqs.services.k8s.aws/v1alpha1', kind: 'Queue', metadata: meta('media', `${env}-media-jobs`, ns, retain), spec: { queueName: `${env}-jobs`, sqsManagedSSEEnabled: 'true' } }],
    ['media/distribution.yaml', {
      apiVersion: 'cloudfront.services.k8s.aws/v1alpha1', kind: 'Distribution', metadata: meta('media', `${env}-media-cdn`, ns, retain),
      spec: { distributionConfig: { aliases: { items: [`cdn.${env}.example.com`] }, enabled: true, origins: { items: [{ domainName: `${bucket}.s3.eu-west-1.amazonaws.com`, id: 's3' }] } } },
    }],
    ['media/policy-api.yaml', { apiVersion: 'iam.services.k8s.aws/v1alpha1', kind: 'Policy', metadata: meta('media', `${env}-api-jobs`, ns, retain), spec: { name: `${env}-api-jobs`, policyDocument: iamPolicy } }],
  ];
}

export function tree(label: string, documents: readonly ReviewDocument[]): ReviewTree {
  return { label, documents };
}

/** A deep copy to edit as the head of a pair. */
export function clone(documents: readonly ReviewDocument[]): ReviewDocument[] {
  return JSON.parse(JSON.stringify(documents)) as ReviewDocument[];
}

/** The object of `kind` whose file ends with `fileSuffix` (e.g. 'api/deployment-api.yaml'). */
export function find(documents: readonly ReviewDocument[], fileSuffix: string): KubeObject & Record<string, any> {
  const doc = documents.find((d) => d.file.endsWith(fileSuffix));
  if (!doc) throw new Error(`no fixture file ending in ${fileSuffix}`);
  return doc.object as KubeObject & Record<string, any>;
}
