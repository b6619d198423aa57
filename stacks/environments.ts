import { CloudFlavor, EnvironmentProps, NamespaceScheme, NetworkIsolation, NotificationTarget, Protection, Reconciler } from '../lib';

/** Only declared connections reach a workload: its consumers, the ingress controller, and metrics scrapers. */
const network = NetworkIsolation.perWorkload({ ingressControllerNamespaces: ['ingress-nginx'], allowFromNamespaces: ['monitoring'] });

/**
 * Where the platform runs. dev follows `main` on Flux; staging and prod are applied by Argo CD,
 * prod pinned to a release tag, protected, and reporting to the on-call channel. Cloud resources
 * are namespaced Crossplane managed resources in dev (Crossplane v2), legacy cluster-scoped ones in
 * prod (still on Crossplane v1), and ACK resources in staging.
 */
export const environments: EnvironmentProps[] = [
  {
    name: 'dev',
    reconciler: Reconciler.flux(),
    cloud: CloudFlavor.crossplane({ providerConfig: 'aws-dev', accountId: '111122223333', clusterName: 'pictura-dev' }),
    region: 'eu-west-1',
    network,
    namespaces: NamespaceScheme.perApp(),
    apps: {
      web: { replicas: 1, imageTag: '2.15.0-rc.3', imageDigest: 'sha256:9a76f5d168b1378fa945e2be354811a00ce0b6b07226c6d0f62866471cd5d021', hosts: ['dev.pictura.example'] },
      api: {
        replicas: 1, imageTag: '3.9.0-rc.1', imageDigest: 'sha256:551df6860bc1115fddf071239b9d13b520c67b9e41cae2174605d67baddf6d1b',
        images: { cleanup: { tag: '1.5.0-rc.1', digest: 'sha256:4c56299e340a1ccae6257b3220bb7e52cb745dfa3e5f47443c8c65b4fc06ae69' } },
      },
      'asset-processor': { replicas: 1, imageTag: '1.22.0-rc.2', imageDigest: 'sha256:b2172ed27604cdb63b89834dc4facca063802f5b74f77ff0fb6304723533e952' },
    },
    notifications: [NotificationTarget.slack('#pictura-dev-deploys')],
  },
  {
    name: 'staging',
    reconciler: Reconciler.argoCd(),
    cloud: CloudFlavor.ack({ accountId: '444455556666', clusterName: 'pictura-staging' }),
    region: 'eu-west-1',
    network,
    apps: {
      web: { replicas: 2, imageTag: '2.14.1', imageDigest: 'sha256:2ec62c7993b439d6494025349b007f1b271ae1fa33b6f9ae1790c07879b52946', hosts: ['staging.pictura.example'] },
      api: {
        imageTag: '3.8.2', imageDigest: 'sha256:10313520e93f20ebd3b23f9ca2175fea753b368bbc5a76cf7d390d925e7dac93',
        images: { cleanup: { tag: '1.4.1', digest: 'sha256:763598b6c243d325b7bc67b65e06585646ef0936acd8e46c5e5be1307623b1f4' } },
      },
      'asset-processor': { imageTag: '1.21.4', imageDigest: 'sha256:cdb2b1ed583c132e9c1865ff622e39209fe2be7230aa0283bc977c6a4a35f2ed' },
    },
    notifications: [NotificationTarget.slack('#pictura-staging-deploys')],
  },
  {
    name: 'prod',
    reconciler: Reconciler.argoCd(),
    // A release is a git tag: prod's apps run exactly that commit's dist/prod, while prod's root
    // Application follows main, so bumping this tag on main is the whole release.
    tag: 'release-2026.11.3',
    cloud: CloudFlavor.crossplane({ providerConfig: 'aws-prod', accountId: '777788889999', scope: 'cluster', clusterName: 'pictura-prod' }),
    region: 'eu-west-1',
    network,
    protection: Protection.PROTECTED,
    apps: {
      web: { replicas: 4, imageTag: '2.14.0', imageDigest: 'sha256:1373bd39f3dadc5ff2581d1e2214662fc828691519a23b62e4583d100c51ec39', hosts: ['pictura.example', 'www.pictura.example'], resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
      api: {
        replicas: 3, imageTag: '3.8.1', imageDigest: 'sha256:0b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474', resources: { requests: { cpu: '500m', memory: '768Mi' }, limits: { memory: '1536Mi' } },
        images: { cleanup: { tag: '1.4.0', digest: 'sha256:75e0b7f2ac6e983538c7bc535f2d571bd9c3bace8e4f45a13a081cd6622dd913' } },
      },
      'asset-processor': { replicas: 4, imageTag: '1.21.3', imageDigest: 'sha256:e490088b23ece8b78a89731d1c8b7b019207632fbbccd31264dda50b07258ef2', resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } } },
    },
    notifications: [NotificationTarget.slack('#pictura-oncall')],
  },
];
