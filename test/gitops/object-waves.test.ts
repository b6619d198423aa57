import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Reconciler } from '../../lib/gitops';
import { AppChart, Platform } from '../../lib/platform';
import { collectObjects } from '../../lib/synth/collect';

/**
 * Argo CD applies the objects of one Application wave by wave, and starts a wave only when every
 * object of the previous one is healthy (sync waves docs: "waits for the resources of the previous
 * wave to be healthy"); inside one wave it orders by kind. An object must therefore land after what
 * it references, and an object nothing waits for must not be held back.
 */
function wavesOf(build: (app: AppChart) => void): Record<string, string | undefined> {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'prod', reconciler: Reconciler.argoCd() }],
  });
  platform.addApp('api', build);
  return Object.fromEntries(collectObjects(platform).filter((o) => o.app === 'api')
    .map((o) => [`${o.object.kind}/${o.object.metadata.name}`, o.object.metadata.annotations?.['argocd.argoproj.io/sync-wave']]));
}

const obj = (app: AppChart, kind: string, apiVersion: string, name: string, spec: object = {}) =>
  new ApiObject(app, `${kind}-${name}`, { apiVersion, kind, metadata: { name }, spec });

const podSpec = {
  serviceAccountName: 'api',
  containers: [{
    name: 'api', image: 'ghcr.io/acme/api:1',
    envFrom: [{ configMapRef: { name: 'api-env' } }],
    env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }],
  }],
  volumes: [{ name: 'tls', secret: { secretName: 'api-tls' } }, { name: 'data', persistentVolumeClaim: { claimName: 'api-data' } }],
};

describe('object sync waves inside an app, by dependency depth (Argo CD)', () => {
  it('syncs a pod controller after the ConfigMaps, Secrets, ServiceAccount and claims it references', () => {
    const waves = wavesOf((app) => {
      obj(app, 'ConfigMap', 'v1', 'api-env');
      obj(app, 'ServiceAccount', 'v1', 'api');
      obj(app, 'PersistentVolumeClaim', 'v1', 'api-data');
      // The ExternalSecret writes Secret db-credentials: the Deployment waits for it, not for a Secret in Git.
      obj(app, 'ExternalSecret', 'external-secrets.io/v1', 'db', { target: { name: 'db-credentials' } });
      obj(app, 'Secret', 'v1', 'api-tls');
      obj(app, 'Deployment', 'apps/v1', 'api', { template: { spec: podSpec } });
      // An HPA must not wait for its (possibly unhealthy) target.
      obj(app, 'HorizontalPodAutoscaler', 'autoscaling/v2', 'api', { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } });
      obj(app, 'CronJob', 'batch/v1', 'report', { jobTemplate: { spec: { template: { spec: podSpec } } } });
    });
    expect(waves).toEqual({
      'ConfigMap/api-env': undefined, 'ServiceAccount/api': undefined, 'PersistentVolumeClaim/api-data': undefined,
      'ExternalSecret/db': undefined, 'Secret/api-tls': undefined, 'HorizontalPodAutoscaler/api': undefined,
      'Deployment/api': '1', 'CronJob/report': '1',
    });
  });

  it('orders a chain of references by depth, matching a ...Ref to the kind it names', () => {
    const waves = wavesOf((app) => {
      obj(app, 'Bucket', 's3.aws.upbound.io/v1beta2', 'assets');
      // Same name as the bucket: bucketRef must resolve to the Bucket only, or the two would wait on each other.
      obj(app, 'BucketVersioning', 's3.aws.upbound.io/v1beta1', 'assets', { forProvider: { bucketRef: { name: 'assets' } } });
      obj(app, 'OriginAccessControl', 'cloudfront.aws.upbound.io/v1beta1', 'cdn', { forProvider: { bucketRef: { name: 'assets' } } });
      obj(app, 'Distribution', 'cloudfront.aws.upbound.io/v1beta2', 'cdn', {
        forProvider: { origin: [{ originAccessControlIdRef: { name: 'cdn' } }] }, providerConfigRef: { name: 'default' },
      });
    });
    expect(waves).toEqual({
      'Bucket/assets': undefined, 'BucketVersioning/assets': '1', 'OriginAccessControl/cdn': '1', 'Distribution/cdn': '2',
    });
  });

  it('combines construct dependencies with references', () => {
    const waves = wavesOf((app) => {
      const secret = obj(app, 'ExternalSecret', 'external-secrets.io/v1', 'db');
      const config = obj(app, 'ConfigMap', 'v1', 'api-env');
      config.node.addDependency(secret);
      obj(app, 'Deployment', 'apps/v1', 'api', { template: { spec: { containers: [{ name: 'api', image: 'x', envFrom: [{ configMapRef: { name: 'api-env' } }] }] } } });
    });
    expect(waves).toEqual({ 'ExternalSecret/db': undefined, 'ConfigMap/api-env': '1', 'Deployment/api': '2' });
  });

  it('is deterministic when objects reference each other in a cycle', () => {
    const build = (app: AppChart) => {
      obj(app, 'Widget', 'example.com/v1', 'a', { gadgetRef: { name: 'b' } });
      obj(app, 'Gadget', 'example.com/v1', 'b', { widgetRef: { name: 'a' } });
    };
    expect(wavesOf(build)).toEqual(wavesOf(build));
  });
});
