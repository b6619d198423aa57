import { KubeObject } from '../../lib/core/manifest';
import { ReviewDocument, RiskId } from '../../lib/review';
import { clone, find, platform, PlatformOptions } from './fixtures';

/**
 * Labelled base/head pairs: an edit of the fixture platform and the risk classes it must raise (or
 * none). Shared by the engine tests and the command tests that run them through real git repositories.
 */

export interface Case {
  readonly name: string;
  readonly options?: PlatformOptions;
  readonly editBase?: (docs: ReviewDocument[]) => ReviewDocument[] | void;
  readonly edit: (docs: ReviewDocument[]) => ReviewDocument[] | void;
  readonly risks: readonly RiskId[];
}

export const PROD: PlatformOptions = { protect: true };
const ACK: PlatformOptions = { flavor: 'ack' };
const PROD_ACK: PlatformOptions = { protect: true, flavor: 'ack' };
const FLUX: PlatformOptions = { reconciler: 'flux' };
const PROD_FLUX: PlatformOptions = { protect: true, reconciler: 'flux' };

type Obj = KubeObject & Record<string, any>;
const deployment = (d: ReviewDocument[]): Obj => find(d, 'api/deployment-api.yaml');
const api = (d: ReviewDocument[]) => deployment(d).spec.template.spec.containers[0];
const pod = (d: ReviewDocument[]) => deployment(d).spec.template.spec;
export const without = (suffix: string) => (d: ReviewDocument[]) => d.filter((doc) => !doc.file.endsWith(suffix));
export const move = (suffix: string, to: string) => (d: ReviewDocument[]) => {
  const doc = d.find((x) => x.file.endsWith(suffix))!;
  (doc as { file: string }).file = to;
};
const add = (file: string, object: KubeObject) => (d: ReviewDocument[]) => [...d, { file, object }];
const annotate = (o: Obj, key: string, value?: string) => {
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}) };
  if (value === undefined) delete o.metadata.annotations[key];
  else o.metadata.annotations[key] = value;
};
const policyDoc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export const RISKY: readonly Case[] = [
  // immutable-field
  { name: 'Deployment selector changes', edit: (d) => { deployment(d).spec.selector.matchLabels.tier = 'x'; }, risks: ['immutable-field'] },
  { name: 'Deployment selector changes in a protected environment', options: PROD, edit: (d) => { deployment(d).spec.selector = { matchLabels: { app: 'api' } }; }, risks: ['immutable-field'] },
  { name: 'StatefulSet serviceName changes', edit: (d) => { find(d, 'db/statefulset-db.yaml').spec.serviceName = 'db-headless'; }, risks: ['immutable-field'] },
  { name: 'StatefulSet volumeClaimTemplates grow', edit: (d) => { find(d, 'db/statefulset-db.yaml').spec.volumeClaimTemplates[0].spec.resources.requests.storage = '50Gi'; }, risks: ['immutable-field'] },
  { name: 'StatefulSet podManagementPolicy changes', edit: (d) => { find(d, 'db/statefulset-db.yaml').spec.podManagementPolicy = 'Parallel'; }, risks: ['immutable-field'] },
  { name: 'Job template changes without replace', edit: (d) => { find(d, 'jobs/job-migrate.yaml').spec.template.spec.containers[0].image = 'ghcr.io/acme/migrate:2.0.0'; }, risks: ['immutable-field'] },
  { name: 'Service clusterIP changes', editBase: (d) => { find(d, 'api/service-api.yaml').spec.clusterIP = '10.0.0.10'; }, edit: (d) => { find(d, 'api/service-api.yaml').spec.clusterIP = '10.0.0.11'; }, risks: ['immutable-field'] },
  { name: 'Service becomes ExternalName', edit: (d) => { Object.assign(find(d, 'api/service-api.yaml').spec, { type: 'ExternalName', externalName: 'api.example.com' }); }, risks: ['immutable-field'] },
  { name: 'PVC storageClassName changes', edit: (d) => { find(d, 'db/persistentvolumeclaim-backup.yaml').spec.storageClassName = 'io2'; }, risks: ['immutable-field'] },
  { name: 'PVC accessModes change (protected)', options: PROD, edit: (d) => { find(d, 'db/persistentvolumeclaim-backup.yaml').spec.accessModes = ['ReadWriteMany']; }, risks: ['immutable-field'] },
  { name: 'immutable ConfigMap data changes', edit: (d) => { find(d, 'api/configmap-api-frozen.yaml').data.MODE = 'b'; }, risks: ['immutable-field'] },

  // cloud-replace
  { name: 'Crossplane queue external name changes', edit: (d) => { annotate(find(d, 'media/queue.yaml'), 'crossplane.io/external-name', 'dev-jobs-v2'); }, risks: ['cloud-replace'] },
  { name: 'Crossplane queue name changes (protected)', options: PROD, edit: (d) => { find(d, 'media/queue.yaml').spec.forProvider.name = 'prod-jobs-v2'; }, risks: ['cloud-replace'] },
  { name: 'Crossplane queue becomes FIFO', edit: (d) => { find(d, 'media/queue.yaml').spec.forProvider.fifoQueue = true; }, risks: ['cloud-replace'] },
  { name: 'Crossplane bucket region changes', edit: (d) => { find(d, 'media/bucket.yaml').spec.forProvider.region = 'us-east-1'; }, risks: ['cloud-replace'] },
  { name: 'Crossplane provider account changes', options: PROD, edit: (d) => { find(d, 'media/bucket.yaml').spec.providerConfigRef.name = 'aws-other'; }, risks: ['cloud-replace'] },
  { name: 'ACK bucket name changes', options: ACK, edit: (d) => { find(d, 'media/bucket.yaml').spec.name = 'acme-dev-assets-2'; }, risks: ['cloud-replace'] },
  { name: 'ACK queue name changes (protected)', options: PROD_ACK, edit: (d) => { find(d, 'media/queue.yaml').spec.queueName = 'prod-jobs-2'; }, risks: ['cloud-replace'] },
  { name: 'ACK region annotation changes', options: ACK, edit: (d) => { annotate(find(d, 'media/queue.yaml'), 'services.k8s.aws/region', 'us-west-2'); }, risks: ['cloud-replace'] },
  {
    name: 'flavor switch Crossplane -> ACK for a queue', edit: (d) => [...without('media/queue.yaml')(d), {
      file: 'dev/media/queue.yaml',
      object: { apiVersion: 'sqs.services.k8s.aws/v1alpha1', kind: 'Queue', metadata: { name: 'dev-media-jobs', namespace: 'dev-media' }, spec: { queueName: 'dev-jobs' } },
    }],
    risks: ['cloud-replace'],
  },
  {
    name: 'flavor switch ACK -> Crossplane for a bucket (protected)', options: PROD_ACK, edit: (d) => [...without('media/bucket.yaml')(d), {
      file: 'prod/media/bucket.yaml',
      object: { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'Bucket', metadata: { name: 'prod-media-assets', annotations: { 'crossplane.io/external-name': 'acme-prod-assets' } }, spec: { forProvider: { region: 'eu-west-1' } } },
    }],
    risks: ['cloud-replace'],
  },
  {
    name: 'Crossplane queue moves to a namespaced object whose external name is the queue URL (old one pruned: deletes)', edit: (d) => {
      const q = find(d, 'media/queue.yaml');
      q.apiVersion = 'sqs.aws.m.upbound.io/v1beta1';
      q.metadata = { ...q.metadata, name: 'jobs', namespace: 'dev-media', annotations: { 'crossplane.io/external-name': 'https://sqs.eu-west-1.amazonaws.com/111122223333/dev-jobs' } };
    },
    risks: ['cloud-replace'],
  },
  { name: 'Crossplane queue object renamed (app move renames it)', edit: (d) => { find(d, 'media/queue.yaml').metadata.name = 'dev-worker-jobs'; }, risks: ['cloud-replace'] },
  {
    name: 'Crossplane queue moves to the namespaced API group', edit: (d) => {
      const q = find(d, 'media/queue.yaml');
      q.apiVersion = 'sqs.aws.m.upbound.io/v1beta1';
      q.metadata.namespace = 'dev-media';
    },
    risks: ['cloud-replace'],
  },

  // stateful-delete
  { name: 'Crossplane bucket removed (unprotected: deletes)', edit: without('media/bucket.yaml'), risks: ['stateful-delete'] },
  { name: 'Crossplane bucket removed (protected: orphaned)', options: PROD, edit: without('media/bucket.yaml'), risks: ['stateful-delete'] },
  { name: 'ACK queue removed (unprotected)', options: ACK, edit: without('media/queue.yaml'), risks: ['stateful-delete'] },
  { name: 'ACK queue removed (protected: retained)', options: PROD_ACK, edit: without('media/queue.yaml'), risks: ['stateful-delete'] },
  { name: 'Namespace removed (Flux)', options: FLUX, edit: without('flux/namespace-api.yaml'), risks: ['stateful-delete'] },
  { name: 'PVC removed', edit: without('db/persistentvolumeclaim-backup.yaml'), risks: ['stateful-delete'] },
  { name: 'StatefulSet removed', edit: without('db/statefulset-db.yaml'), risks: ['stateful-delete'] },
  { name: 'CDN distribution removed', edit: without('media/distribution.yaml'), risks: ['stateful-delete'] },
  { name: 'ACK distribution removed (protected)', options: PROD_ACK, edit: without('media/distribution.yaml'), risks: ['stateful-delete'] },
  { name: 'a whole protected environment removed', options: PROD, edit: () => [], risks: ['stateful-delete', 'sync-wiring', 'availability', 'exposure'] },

  // protection-removed
  { name: 'deletionPolicy Orphan dropped', options: PROD, edit: (d) => { delete find(d, 'media/bucket.yaml').spec.deletionPolicy; }, risks: ['protection-removed'] },
  { name: 'managementPolicies gain Delete', options: PROD, edit: (d) => { find(d, 'media/queue.yaml').spec.managementPolicies = ['*']; }, risks: ['protection-removed'] },
  { name: 'ACK retain removed', options: PROD_ACK, edit: (d) => { annotate(find(d, 'media/bucket.yaml'), 'services.k8s.aws/deletion-policy'); }, risks: ['protection-removed'] },
  { name: 'Argo CD Prune=false removed from a PVC', options: PROD, edit: (d) => { annotate(find(d, 'db/persistentvolumeclaim-backup.yaml'), 'argocd.argoproj.io/sync-options'); }, risks: ['protection-removed'] },
  { name: 'Flux prune disabled removed from a Namespace', options: PROD_FLUX, edit: (d) => { annotate(find(d, 'flux/namespace-api.yaml'), 'kustomize.toolkit.fluxcd.io/prune'); }, risks: ['protection-removed'] },
  { name: 'protected Application gains the resources finalizer', options: PROD, edit: (d) => { find(d, 'argocd/application-api.yaml').metadata.finalizers = ['resources-finalizer.argocd.argoproj.io']; }, risks: ['protection-removed'] },
  {
    name: 'environment leaves Protection.PROTECTED', options: PROD, edit: () => platform({ env: 'prod', protect: false }),
    risks: ['protection-removed'],
  },

  // exposure
  { name: 'new Ingress', edit: add('dev/api/ingress-api.yaml', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'api', namespace: 'dev-api' }, spec: { rules: [{ host: 'api.example.com' }] } }), risks: ['exposure'] },
  { name: 'Ingress gains a host', edit: (d) => { find(d, 'web/ingress-web.yaml').spec.rules.push({ host: 'admin.example.com' }); }, risks: ['exposure'] },
  { name: 'Service becomes LoadBalancer', edit: (d) => { find(d, 'api/service-api.yaml').spec.type = 'LoadBalancer'; }, risks: ['exposure'] },
  { name: 'Service gains an external IP', edit: (d) => { find(d, 'api/service-api.yaml').spec.externalIPs = ['203.0.113.10']; }, risks: ['exposure'] },
  {
    name: 'new HTTPRoute (Gateway API)', edit: add('dev/api/httproute-api.yaml', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'api', namespace: 'dev-api' },
      spec: { parentRefs: [{ name: 'public' }], hostnames: ['api.example.com'], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
    } as KubeObject),
    risks: ['exposure'],
  },
  { name: 'Service becomes NodePort (protected)', options: PROD, edit: (d) => { find(d, 'api/service-api.yaml').spec.type = 'NodePort'; }, risks: ['exposure'] },
  { name: 'Crossplane public access block flag off', edit: (d) => { find(d, 'media/bucketpublicaccessblock.yaml').spec.forProvider.blockPublicPolicy = false; }, risks: ['exposure'] },
  { name: 'Crossplane public access block removed', edit: without('media/bucketpublicaccessblock.yaml'), risks: ['exposure'] },
  { name: 'ACK public access block flag off', options: ACK, edit: (d) => { find(d, 'media/bucket.yaml').spec.publicAccessBlock.restrictPublicBuckets = false; }, risks: ['exposure'] },
  { name: 'bucket policy grants a wildcard principal', edit: (d) => { find(d, 'media/bucketpolicy.yaml').spec.forProvider.policy = policyDoc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-assets/*' }); }, risks: ['exposure'] },
  { name: 'ACK bucket policy allows another account', options: ACK, edit: (d) => { find(d, 'media/bucket.yaml').spec.policy = policyDoc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-assets/*' }); }, risks: ['exposure'] },
  { name: 'CDN alias added (Crossplane)', edit: (d) => { find(d, 'media/distribution.yaml').spec.forProvider.aliases.push('www.example.com'); }, risks: ['exposure'] },
  { name: 'CDN origin changed (ACK)', options: ACK, edit: (d) => { find(d, 'media/distribution.yaml').spec.distributionConfig.origins.items[0].domainName = 'other.s3.amazonaws.com'; }, risks: ['exposure'] },
  { name: 'NetworkPolicy removed', edit: without('api/networkpolicy-api.yaml'), risks: ['exposure'] },
  {
    name: 'NetworkPolicy rule allows all ports where it allowed one',
    edit: (d) => { delete find(d, 'api/networkpolicy-api.yaml').spec.ingress[0].ports; },
    risks: ['exposure'],
  },
  { name: 'NetworkPolicy widened to every namespace', edit: (d) => { find(d, 'api/networkpolicy-api.yaml').spec.ingress.push({ from: [{ namespaceSelector: {} }] }); }, risks: ['exposure'] },

  // privilege
  { name: 'container becomes privileged', edit: (d) => { api(d).securityContext.privileged = true; }, risks: ['privilege'] },
  { name: 'container adds NET_ADMIN', edit: (d) => { api(d).securityContext.capabilities.add = ['NET_ADMIN']; }, risks: ['privilege'] },
  { name: 'container runAsNonRoot dropped (protected)', options: PROD, edit: (d) => { api(d).securityContext.runAsNonRoot = false; }, risks: ['privilege'] },
  { name: 'container runs as root (runAsUser 0)', edit: (d) => { api(d).securityContext.runAsUser = 0; }, risks: ['privilege'] },
  { name: 'container stops dropping ALL capabilities', edit: (d) => { api(d).securityContext.capabilities.drop = ['NET_RAW']; }, risks: ['privilege'] },
  { name: 'container seccomp Unconfined (ACK flavor environment)', options: ACK, edit: (d) => { api(d).securityContext.seccompProfile = { type: 'Unconfined' }; }, risks: ['privilege'] },
  {
    name: 'new privileged workload', edit: (d) => {
      const workload = clone([d.find((doc) => doc.file.endsWith('api/deployment-api.yaml'))!])[0];
      (workload.object as Obj).metadata.name = 'debug';
      (workload.object as Obj).spec.template.spec.hostPID = true;
      (workload.object as Obj).spec.template.spec.containers[0].securityContext.privileged = true;
      return [...d, { file: 'dev/api/deployment-debug.yaml', object: workload.object }];
    },
    risks: ['privilege'],
  },
  { name: 'pod joins the host network', edit: (d) => { pod(d).hostNetwork = true; }, risks: ['privilege'] },
  { name: 'pod mounts a hostPath', edit: (d) => { pod(d).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }, risks: ['privilege'] },
  { name: 'pod automounts its token', edit: (d) => { pod(d).automountServiceAccountToken = true; }, risks: ['privilege'] },
  { name: 'Role gains verbs', edit: (d) => { find(d, 'api/role-api.yaml').rules[0].verbs.push('delete'); }, risks: ['privilege'] },
  { name: 'RoleBinding gains a subject', edit: (d) => { find(d, 'api/rolebinding-api.yaml').subjects.push({ kind: 'Group', name: 'system:authenticated' }); }, risks: ['privilege'] },
  {
    name: 'new ClusterRoleBinding', edit: add('dev/api/clusterrolebinding-api.yaml', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'api-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'dev-api' }],
    } as KubeObject),
    risks: ['privilege'],
  },
  { name: 'Crossplane IAM policy widened', edit: (d) => { find(d, 'media/policy-api.yaml').spec.forProvider.policy = policyDoc({ Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }); }, risks: ['privilege'] },
  { name: 'ACK IAM policy widened (protected)', options: PROD_ACK, edit: (d) => { find(d, 'media/policy-api.yaml').spec.policyDocument = policyDoc({ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:DeleteQueue'], Resource: 'arn:aws:sqs:eu-west-1:111122223333:prod-jobs' }); }, risks: ['privilege'] },

  // ownership-move
  { name: 'ConfigMap moves to another app', edit: move('api/configmap-api.yaml', 'dev/web/configmap-api.yaml'), risks: ['ownership-move'] },
  { name: 'Deployment moves to another app (protected)', options: PROD, edit: move('api/deployment-api.yaml', 'prod/backend/deployment-api.yaml'), risks: ['ownership-move'] },
  { name: 'Flux: Service moves to another app', options: FLUX, edit: move('api/service-api.yaml', 'dev/web/service-api.yaml'), risks: ['ownership-move'] },

  // env-var-removed
  { name: 'env var removed', edit: (d) => { api(d).env = api(d).env.filter((e: { name: string }) => e.name !== 'DB_HOST'); }, risks: ['env-var-removed'] },
  { name: 'env var renamed (connected queue renamed)', edit: (d) => { api(d).env[1].name = 'JOBS_QUEUE_URL'; }, risks: ['env-var-removed'] },
  {
    name: 'ConfigMap key removed while a container reads it through envFrom',
    editBase: (d) => { api(d).envFrom = [{ configMapRef: { name: 'api' } }]; },
    edit: (d) => { delete find(d, 'api/configmap-api.yaml').data.FEATURE_X; },
    risks: ['env-var-removed'],
  },
  { name: 'secret env var reference removed (protected)', options: PROD, edit: (d) => { api(d).env = api(d).env.slice(0, 2); }, risks: ['env-var-removed'] },

  // sync-wiring
  { name: 'Application path changes', edit: (d) => { find(d, 'argocd/application-api.yaml').spec.source.path = 'dist/dev/api-v2'; }, risks: ['sync-wiring'] },
  { name: 'Application targetRevision changes (protected)', options: PROD, edit: (d) => { find(d, 'argocd/application-api.yaml').spec.source.targetRevision = 'release'; }, risks: ['sync-wiring'] },
  { name: 'Application destination changes', edit: (d) => { find(d, 'argocd/application-api.yaml').spec.destination.namespace = 'dev-backend'; }, risks: ['sync-wiring'] },
  { name: 'Application prune turned off', edit: (d) => { find(d, 'argocd/application-api.yaml').spec.syncPolicy.automated.prune = false; }, risks: ['sync-wiring'] },
  { name: 'AppProject source repos replaced', edit: (d) => { find(d, 'argocd/appproject-acme.yaml').spec.sourceRepos = ['https://github.com/acme/new.git']; }, risks: ['sync-wiring'] },
  { name: 'Application removed', edit: without('argocd/application-api.yaml'), risks: ['sync-wiring'] },
  { name: 'Kustomization path changes', options: FLUX, edit: (d) => { find(d, 'flux/kustomization-api.yaml').spec.path = './dist/dev/backend'; }, risks: ['sync-wiring'] },
  { name: 'Kustomization prune changes (protected)', options: PROD_FLUX, edit: (d) => { find(d, 'flux/kustomization-api.yaml').spec.prune = false; }, risks: ['sync-wiring'] },
  { name: 'GitRepository branch changes', options: FLUX, edit: (d) => { find(d, 'flux/gitrepository-acme.yaml').spec.ref = { branch: 'release' }; }, risks: ['sync-wiring'] },
  { name: 'GitRepository url changes', options: FLUX, edit: (d) => { find(d, 'flux/gitrepository-acme.yaml').spec.url = 'https://github.com/acme/other.git'; }, risks: ['sync-wiring'] },

  // availability
  { name: 'replicas to 0', edit: (d) => { deployment(d).spec.replicas = 0; }, risks: ['availability'] },
  { name: 'PodDisruptionBudget removed', edit: without('api/poddisruptionbudget-api.yaml'), risks: ['availability'] },
  { name: 'readiness probe removed', edit: (d) => { delete api(d).readinessProbe; }, risks: ['availability'] },
  { name: 'Service port removed', edit: (d) => { find(d, 'api/service-api.yaml').spec.ports.pop(); }, risks: ['availability'] },
  { name: 'HPA minimum lowered (protected)', options: PROD, edit: (d) => { find(d, 'api/horizontalpodautoscaler-api.yaml').spec.minReplicas = 1; }, risks: ['availability'] },
  {
    name: 'autoscaling turned on with replicas dropped (protected)', options: PROD,
    editBase: without('api/horizontalpodautoscaler-api.yaml'),
    edit: (d) => {
      delete deployment(d).spec.replicas;
      const hpa = clone(platform(PROD)).find((doc) => doc.file.endsWith('api/horizontalpodautoscaler-api.yaml'))!;
      (hpa.object as Obj).spec.minReplicas = 2;
      return [...d, hpa];
    },
    risks: ['availability'],
  },

  // policy-regression
  { name: 'new waiver', edit: (d) => { annotate(deployment(d), 'gitplane.dev/waivers', '{"K8S-001":"needs a writable root filesystem"}'); }, risks: ['policy-regression'] },
  { name: 'resources removed: new policy finding', options: PROD, edit: (d) => { delete api(d).resources; }, risks: ['policy-regression'] },
  { name: 'literal password env var: new secret finding', edit: (d) => { api(d).env.push({ name: 'DB_PASSWORD_PLAIN', value: 'hunter2-Xy8!qZ' }); }, risks: ['policy-regression'] },
];

export const SAFE: readonly Case[] = [
  { name: 'image tag bump', edit: (d) => { api(d).image = api(d).image.replace(':1.4.0@', ':1.5.0@'); }, risks: [] },
  { name: 'image digest bump (protected)', options: PROD, edit: (d) => { api(d).image = api(d).image.replace(/0b18/, 'ffff'); }, risks: [] },
  { name: 'replicas up', edit: (d) => { deployment(d).spec.replicas = 5; }, risks: [] },
  { name: 'replicas down (protected)', options: PROD, edit: (d) => { deployment(d).spec.replicas = 2; }, risks: [] },
  { name: 'config value change', edit: (d) => { find(d, 'api/configmap-api.yaml').data.LOG_LEVEL = 'debug'; }, risks: [] },
  { name: 'label added', edit: (d) => { deployment(d).metadata.labels!.team = 'payments'; }, risks: [] },
  { name: 'annotation changed (protected)', options: PROD, edit: (d) => { annotate(find(d, 'argocd/application-api.yaml'), 'notifications.argoproj.io/subscribe.on-sync-failed.slack', 'oncall'); }, risks: [] },
  { name: 'resources tuned', edit: (d) => { api(d).resources.requests.cpu = '250m'; }, risks: [] },
  { name: 'HPA maximum raised', edit: (d) => { find(d, 'api/horizontalpodautoscaler-api.yaml').spec.maxReplicas = 20; }, risks: [] },
  { name: 'HPA minimum raised (protected)', options: PROD, edit: (d) => { find(d, 'api/horizontalpodautoscaler-api.yaml').spec.minReplicas = 4; }, risks: [] },
  { name: 'Service port added', edit: (d) => { find(d, 'api/service-api.yaml').spec.ports.push({ name: 'metrics', port: 9100, targetPort: 9100 }); }, risks: [] },
  {
    name: 'a hardened Deployment added', edit: (d) => {
      const workload = clone([d.find((doc) => doc.file.endsWith('api/deployment-api.yaml'))!])[0];
      (workload.object as Obj).metadata.name = 'reports';
      return [...d, { file: 'dev/api/deployment-reports.yaml', object: workload.object }];
    },
    risks: [],
  },
  { name: 'ConfigMap added', edit: add('dev/api/configmap-extra.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'dev-api' }, data: { A: '1' } }), risks: [] },
  { name: 'Job template change with Argo CD Replace=true', edit: (d) => { const j = find(d, 'jobs/job-migrate.yaml'); annotate(j, 'argocd.argoproj.io/sync-options', 'Force=true,Replace=true'); j.spec.template.spec.containers[0].image = j.spec.template.spec.containers[0].image.replace(':1.4.0@', ':2.0.0@'); }, risks: [] },
  { name: 'Job template change with Flux force', options: FLUX, edit: (d) => { const j = find(d, 'jobs/job-migrate.yaml'); annotate(j, 'kustomize.toolkit.fluxcd.io/force', 'enabled'); j.spec.template.spec.containers[0].image = j.spec.template.spec.containers[0].image.replace(':1.4.0@', ':2.0.0@'); }, risks: [] },
  { name: 'Ingress path changed on the same host', edit: (d) => { find(d, 'web/ingress-web.yaml').spec.rules[0].http.paths[0].path = '/app'; }, risks: [] },
  {
    name: 'NetworkPolicy rules merged without widening (monitoring moves into the web rule, on its port only)',
    editBase: (d) => {
      const np = find(d, 'api/networkpolicy-api.yaml');
      np.spec.ingress.unshift({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] });
    },
    edit: (d) => {
      const np = find(d, 'api/networkpolicy-api.yaml');
      const [monitoring, web] = np.spec.ingress;
      np.spec.ingress = [{ ...web, from: [...web.from, ...monitoring.from] }];
    },
    risks: [],
  },
  { name: 'NetworkPolicy narrowed', edit: (d) => { find(d, 'api/networkpolicy-api.yaml').spec.ingress[0].ports = [{ port: 8080, protocol: 'TCP' }]; }, risks: [] },
  { name: 'queue setting changed (not its identity)', edit: (d) => { find(d, 'media/queue.yaml').spec.forProvider.visibilityTimeoutSeconds = 120; }, risks: [] },
  { name: 'ACK queue setting changed (protected)', options: PROD_ACK, edit: (d) => { find(d, 'media/queue.yaml').spec.visibilityTimeout = '120'; }, risks: [] },
  { name: 'SealedSecret rotated', edit: (d) => { find(d, 'api/sealedsecret-db-credentials.yaml').spec.encryptedData.password = 'AgCnewciphertext000'; }, risks: [] },
  { name: 'Role narrowed', edit: (d) => { find(d, 'api/role-api.yaml').rules[0].verbs = ['get']; }, risks: [] },
  { name: 'ConfigMap key removed that no container reads through envFrom', edit: (d) => { delete find(d, 'api/configmap-api.yaml').data.FEATURE_X; }, risks: [] },
  { name: 'unstateful ConfigMap removed', edit: without('api/configmap-api.yaml'), risks: [] },
  { name: 'PVC expanded', edit: (d) => { find(d, 'db/persistentvolumeclaim-backup.yaml').spec.resources.requests.storage = '40Gi'; }, risks: [] },
  { name: 'CDN enabled flag unchanged, comment-like tag added', edit: (d) => { find(d, 'media/bucket.yaml').spec.forProvider.tags = { team: 'media' }; }, risks: [] },
  {
    name: 'Crossplane public access block renamed with its bucket object, same settings (the rename itself is cloud-replace on the bucket)',
    edit: (d) => { const pab = find(d, 'media/bucketpublicaccessblock.yaml'); pab.metadata.name = 'dev-assets'; pab.spec.forProvider.bucketRef.name = 'dev-assets'; },
    risks: [],
  },
  { name: 'queue external name rewritten from its name to its URL (same queue)', edit: (d) => { annotate(find(d, 'media/queue.yaml'), 'crossplane.io/external-name', 'https://sqs.eu-west-1.amazonaws.com/111122223333/dev-jobs'); }, risks: [] },
  { name: 'Kustomization interval changed', options: FLUX, edit: (d) => { find(d, 'flux/kustomization-api.yaml').spec.interval = '10m'; }, risks: [] },
];

/** Edits that are no change at all: key order, merge-key list order, a file renamed within its app. */
export const NO_CHANGE: readonly Case[] = [
  { name: 'keys reordered', edit: (d) => { const o = deployment(d); const { spec, metadata, kind, apiVersion } = o; d[0] = { file: d[0].file, object: { spec, kind, metadata, apiVersion } }; }, risks: [] },
  { name: 'env list reordered (merge key name)', edit: (d) => { api(d).env.reverse(); }, risks: [] },
  { name: 'file renamed within its app', edit: move('api/configmap-api.yaml', 'dev/api/configmap-api-renamed.yaml'), risks: [] },
  { name: 'Service ports reordered', edit: (d) => { find(d, 'api/service-api.yaml').spec.ports.reverse(); }, risks: [] },
];


/** The base and head documents of a pair. */
export function buildPair(c: Case): { base: ReviewDocument[]; head: ReviewDocument[] } {
  const base = platform(c.options);
  const editedBase = c.editBase ? (c.editBase(base) ?? base) : base;
  const head = clone(editedBase);
  return { base: editedBase, head: c.edit(head) ?? head };
}
