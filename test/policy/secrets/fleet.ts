import { KubeObject } from '../../../lib/core/manifest';
import { CHARSETS, Prng } from './prng';

/**
 * A realistic fleet of clean manifests for timing the scanner: workloads with env vars, probes and
 * digests, config files, services, ingresses and service accounts, in the proportions of a platform.
 */
export function fleet(count: number, seed = 99): KubeObject[] {
  const rng = new Prng(seed);
  const objects: KubeObject[] = [];
  for (let i = 0; objects.length < count; i++) {
    const app = `app-${i}`;
    const namespace = `team-${i % 40}`;
    const metadata = { name: app, namespace, labels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'platform' } };
    const annotations = { 'checksum/config': rng.chars(64, CHARSETS.hex), 'gitplane.dev/source-revision': rng.chars(40, CHARSETS.hex) };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...metadata, annotations },
      spec: {
        replicas: 3,
        selector: { matchLabels: { 'app.kubernetes.io/name': app } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': app }, annotations },
          spec: {
            serviceAccountName: app,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                image: `registry.example.com/${app}@sha256:${rng.chars(64, CHARSETS.hex)}`,
                args: ['--port=8080', '--log-format=json', `--config=/etc/${app}/application.properties`],
                env: [
                  { name: 'LOG_LEVEL', value: 'info' },
                  { name: 'SERVICE_NAME', value: app },
                  { name: 'TOKEN_TTL', value: '3600' },
                  { name: 'DB_HOST', value: `postgres.${namespace}.svc.cluster.local` },
                  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'password' } } },
                  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability:4317' },
                ],
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata,
      data: {
        'application.properties': [
          'server.port=8080',
          `spring.application.name=${app}`,
          `spring.datasource.url=jdbc:postgresql://postgres.${namespace}:5432/${app.replace('-', '_')}`,
          'spring.datasource.username=app',
          'spring.datasource.password=${DB_PASSWORD}',
          'management.endpoints.web.exposure.include=health,info,prometheus',
          `feature.flags=${rng.chars(12, CHARSETS.lower)},${rng.chars(8, CHARSETS.lower)}`,
          'logging.level.root=INFO',
        ].join('\n'),
        'tenant-id': rng.uuid(),
      },
    });
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata, spec: { selector: { 'app.kubernetes.io/name': app }, ports: [{ port: 80, targetPort: 8080 }] } });
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { ...metadata, annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${app}` } },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { ...metadata, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      spec: { rules: [{ host: `${app}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] },
    });
  }
  return objects.slice(0, count);
}
