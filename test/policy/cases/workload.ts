import { configMap, deployment, DIGEST, edit, Mutable, pdb, pod, service, serviceAccount, webApp } from '../fixtures';
import { fails, RuleCases } from './types';

const c0 = '.spec.containers[0]';
const t0 = '.spec.template.spec.containers[0]';
const image = (p: Mutable, value: string) => { p.spec.containers[0].image = value; };
const tpl = (d: Mutable) => d.spec.template.spec;

const hpa = (minReplicas: number | undefined) => edit({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 10 },
}, (h) => { if (minReplicas !== undefined) h.spec.minReplicas = minReplicas; });

const externalSecret = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db-sync', namespace: 'web' }, spec: { target: { name: 'db' } } };
const sealedSecret = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'web' }, spec: { encryptedData: { password: 'AgB...' } } };
const useSecret = (d: Mutable) => { tpl(d).containers[0].env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]; };

export const workloadCases: RuleCases[] = [
  {
    rule: 'K8S-001',
    pass: [[pod()], [pod((p) => { p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; })]],
    fail: [
      fails(`${c0}.securityContext.readOnlyRootFilesystem`, pod((p) => { delete p.spec.containers[0].securityContext.readOnlyRootFilesystem; })),
      fails('.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem', deployment((d) => {
        tpl(d).initContainers = [{ ...tpl(d).containers[0], name: 'migrate', securityContext: { ...tpl(d).containers[0].securityContext, readOnlyRootFilesystem: false } }];
      })),
    ],
  },
  {
    rule: 'K8S-002',
    pass: [[pod((p) => image(p, 'nginx:1.25.3'))], [pod((p) => image(p, `nginx@${DIGEST}`))], [pod((p) => image(p, 'registry.local:5000/team/app:2.0'))]],
    fail: [
      fails(`${c0}.image`, pod((p) => image(p, 'nginx'))),
      fails(`${c0}.image`, pod((p) => image(p, 'nginx:latest'))),
      fails(`${t0}.image`, deployment((d) => { tpl(d).containers[0].image = 'registry.local:5000/team/app'; })),
    ],
  },
  {
    rule: 'K8S-003',
    pass: [[pod()], [deployment()]],
    fail: [
      fails(`${c0}.image`, pod((p) => image(p, 'nginx:1.25.3'))),
      fails('.spec.initContainers[0].image', pod((p) => { p.spec.initContainers = [{ ...p.spec.containers[0], name: 'migrate', image: 'migrate:3' }]; })),
    ],
  },
  {
    rule: 'K8S-004',
    pass: [[pod()], [deployment()]],
    fail: [
      fails(`${c0}.resources.requests.cpu`, pod((p) => { delete p.spec.containers[0].resources.requests; })),
      fails(`${t0}.resources.requests.memory`, deployment((d) => { delete tpl(d).containers[0].resources.requests.memory; })),
    ],
  },
  {
    rule: 'K8S-005',
    pass: [[pod()], [pod((p) => { p.spec.containers[0].resources.limits = { memory: '1Gi', cpu: '1' }; })]],
    fail: [
      fails(`${c0}.resources.limits.memory`, pod((p) => { delete p.spec.containers[0].resources.limits; })),
      fails(`${t0}.resources.limits.memory`, deployment((d) => { tpl(d).containers[0].resources.limits = { cpu: '500m' }; })),
    ],
  },
  {
    rule: 'K8S-006',
    pass: [webApp(), [deployment((d) => { delete tpl(d).containers[0].readinessProbe; })]],
    fail: [
      fails(`${t0}.readinessProbe`, deployment((d) => { delete tpl(d).containers[0].readinessProbe; }), service()),
      fails('.spec.template.spec.containers[1].readinessProbe', deployment((d) => { tpl(d).containers.push({ ...tpl(d).containers[0], name: 'sidecar', readinessProbe: undefined }); }), service()),
    ],
  },
  {
    rule: 'K8S-007',
    pass: [[pod()], [pod((p) => { delete p.metadata.namespace; })]],
    fail: [
      fails('.metadata.namespace', pod((p) => { p.metadata.namespace = 'default'; })),
      fails('.metadata.namespace', edit(configMap('settings'), (c) => { c.metadata.namespace = 'default'; })),
    ],
  },
  {
    rule: 'K8S-008',
    pass: [[service()], [service((s) => { s.spec.type = 'ClusterIP'; })]],
    fail: [
      fails('.spec.type', service((s) => { s.spec.type = 'NodePort'; })),
      fails('.spec.type', service((s) => { s.spec.type = 'NodePort'; s.spec.ports[0].nodePort = 30080; })),
    ],
  },
  {
    rule: 'K8S-009',
    pass: [[service()], [service((s) => { s.spec.externalIPs = []; })]],
    fail: [
      fails('.spec.externalIPs', service((s) => { s.spec.externalIPs = ['203.0.113.10']; })),
      fails('.spec.externalIPs', service((s) => { s.spec.type = 'LoadBalancer'; s.metadata.annotations = { 'gitplane.dev/exposure': 'public' }; s.spec.externalIPs = ['203.0.113.10', '203.0.113.11']; })),
    ],
  },
  {
    rule: 'K8S-010',
    pass: [[service()], [service((s) => { s.spec.type = 'LoadBalancer'; s.metadata.annotations = { 'gitplane.dev/exposure': 'public' }; })]],
    fail: [
      fails('.metadata.annotations["gitplane.dev/exposure"]', service((s) => { s.spec.type = 'LoadBalancer'; })),
      fails('.metadata.annotations["gitplane.dev/exposure"]', service((s) => { s.spec.type = 'LoadBalancer'; s.metadata.annotations = { 'gitplane.dev/exposure': 'yes' }; })),
    ],
  },
  {
    rule: 'K8S-011',
    pass: [
      [deployment()],
      [deployment((d) => { d.spec.selector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['api', 'api-canary'] }] }; })],
    ],
    fail: [
      fails('.spec.selector.matchLabels["app.kubernetes.io/name"]', deployment((d) => { d.spec.selector.matchLabels['app.kubernetes.io/name'] = 'web'; })),
      fails('.spec.selector', deployment((d) => { delete d.spec.selector; })),
      fails('.spec.selector.matchExpressions', deployment((d) => { d.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }; })),
    ],
  },
  {
    rule: 'K8S-012',
    pass: [[service(), deployment()], [service((s) => { delete s.spec.selector; })], [service((s) => { s.spec.type = 'ExternalName'; s.spec.externalName = 'db.example.com'; })]],
    fail: [
      fails('.spec.selector', service((s) => { s.spec.selector = { 'app.kubernetes.io/name': 'web' }; }), deployment()),
      fails('.spec.selector', service(), deployment((d) => { d.metadata.namespace = 'other'; })),
    ],
  },
  {
    rule: 'K8S-013',
    pass: [
      [deployment((d) => { tpl(d).volumes.push({ name: 'cfg', configMap: { name: 'settings' } }); }), configMap('settings')],
      [deployment((d) => { d.metadata.annotations = { 'gitplane.dev/external-refs': 'ConfigMap/ca-bundle' }; tpl(d).volumes.push({ name: 'ca', configMap: { name: 'ca-bundle' } }); })],
      [deployment((d) => { tpl(d).containers[0].envFrom = [{ configMapRef: { name: 'feature-flags', optional: true } }]; })],
    ],
    fail: [
      fails('.spec.template.spec.volumes[1].configMap.name', deployment((d) => { tpl(d).volumes.push({ name: 'cfg', configMap: { name: 'settings' } }); })),
      fails(`${t0}.envFrom[0].configMapRef.name`, deployment((d) => { tpl(d).containers[0].envFrom = [{ configMapRef: { name: 'flags' } }]; }), configMap('settings')),
      fails('.spec.volumes[1].projected.sources[0].configMap.name', pod((p) => { p.spec.volumes.push({ name: 'all', projected: { sources: [{ configMap: { name: 'bundle' } }] } }); })),
    ],
  },
  {
    rule: 'K8S-014',
    pass: [
      [deployment(useSecret), externalSecret],
      [deployment(useSecret), sealedSecret],
      [deployment((d) => { useSecret(d); d.metadata.annotations = { 'gitplane.dev/external-refs': 'Secret/*' }; })],
    ],
    fail: [
      fails(`${t0}.env[0].valueFrom.secretKeyRef.name`, deployment(useSecret)),
      fails('.spec.template.spec.imagePullSecrets[0].name', deployment((d) => { tpl(d).imagePullSecrets = [{ name: 'registry' }]; }), externalSecret),
      fails('.spec.volumes[1].secret.secretName', pod((p) => { p.spec.volumes.push({ name: 'tls', secret: { secretName: 'tls' } }); })),
    ],
  },
  {
    rule: 'K8S-015',
    pass: [[deployment((d) => { tpl(d).serviceAccountName = 'api'; }), serviceAccount('api')], [pod((p) => { p.spec.serviceAccountName = 'default'; })]],
    fail: [
      fails('.spec.template.spec.serviceAccountName', deployment((d) => { tpl(d).serviceAccountName = 'api'; })),
      fails('.spec.serviceAccountName', pod((p) => { p.spec.serviceAccountName = 'api'; }), edit(serviceAccount('api'), (s) => { s.metadata.namespace = 'other'; })),
    ],
  },
  {
    rule: 'K8S-016',
    pass: [
      [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'api', namespace: 'web' } }],
      [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'web' } }],
    ],
    fail: [
      fails('.apiVersion', { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'api', namespace: 'web' } }),
      fails('.apiVersion', { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'report', namespace: 'web' } }),
      fails('.apiVersion', edit(pdb(), (p) => { p.apiVersion = 'policy/v1beta1'; })),
      fails('.apiVersion', { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'web' } }),
      fails('.apiVersion', edit(deployment(), (d) => { d.apiVersion = 'apps/v1beta1'; })),
    ],
  },
  {
    rule: 'K8S-017',
    pass: [[{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'db-1', namespace: 'web' } }], [service()]],
    fail: [
      fails('.apiVersion', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'web' } }),
      fails('.apiVersion', { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: 'etcd-0' } }),
    ],
  },
];

export const availabilityCases: RuleCases[] = [
  {
    rule: 'AVL-001',
    pass: [[deployment()], [deployment((d) => { delete d.spec.replicas; }), hpa(3)]],
    fail: [
      fails('.spec.replicas', deployment((d) => { d.spec.replicas = 1; })),
      fails('.spec.replicas', deployment((d) => { delete d.spec.replicas; })),
      fails('.spec.replicas', deployment(), hpa(undefined)),
    ],
  },
  {
    rule: 'AVL-002',
    pass: [webApp(), [deployment()]],
    fail: [
      fails('.spec.template.metadata.labels', deployment(), service()),
      fails('.spec.template.metadata.labels', deployment(), service(), pdb((p) => { p.spec.selector.matchLabels['app.kubernetes.io/name'] = 'web'; })),
    ],
  },
  {
    rule: 'AVL-003',
    pass: [[pdb(), deployment()], [pdb((p) => { delete p.spec.maxUnavailable; p.spec.minAvailable = 1; }), deployment()]],
    fail: [
      fails('.spec.maxUnavailable', pdb((p) => { p.spec.maxUnavailable = 0; })),
      fails('.spec.minAvailable', pdb((p) => { delete p.spec.maxUnavailable; p.spec.minAvailable = '100%'; })),
      fails('.spec.minAvailable', pdb((p) => { delete p.spec.maxUnavailable; p.spec.minAvailable = 2; }), deployment()),
    ],
  },
];
