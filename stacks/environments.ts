import { EnvironmentProps, NamespaceScheme, NotificationTarget, Protection, Reconciler } from '../lib';

/**
 * Where the platform runs. dev follows `main` on Flux; staging and prod are applied by Argo CD,
 * prod from the `release` branch, protected, and reporting to the on-call channel.
 */
export const environments: EnvironmentProps[] = [
  {
    name: 'dev',
    reconciler: Reconciler.flux(),
    region: 'eu-west-1',
    namespaces: NamespaceScheme.perApp(),
    apps: {
      web: { replicas: 1, imageTag: '2.15.0-rc.3', hosts: ['dev.pictura.example'] },
      api: { replicas: 1, imageTag: '3.9.0-rc.1' },
      'asset-processor': { replicas: 1, imageTag: '1.22.0-rc.2' },
    },
    notifications: [NotificationTarget.slack('#pictura-dev-deploys')],
  },
  {
    name: 'staging',
    reconciler: Reconciler.argoCd(),
    region: 'eu-west-1',
    apps: {
      web: { replicas: 2, imageTag: '2.14.1', hosts: ['staging.pictura.example'] },
      api: { imageTag: '3.8.2' },
      'asset-processor': { imageTag: '1.21.4' },
    },
    notifications: [NotificationTarget.slack('#pictura-staging-deploys')],
  },
  {
    name: 'prod',
    reconciler: Reconciler.argoCd(),
    branch: 'release',
    region: 'eu-west-1',
    protection: Protection.PROTECTED,
    apps: {
      web: { replicas: 4, imageTag: '2.14.0', hosts: ['pictura.example', 'www.pictura.example'], resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
      api: { replicas: 3, imageTag: '3.8.1', resources: { requests: { cpu: '500m', memory: '768Mi' }, limits: { memory: '1536Mi' } } },
      'asset-processor': { replicas: 4, imageTag: '1.21.3', resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } } },
    },
    notifications: [NotificationTarget.slack('#pictura-oncall')],
  },
];
