import { YamlOutputType } from 'cdk8s';
import { WebService } from '../lib/constructs';
import { Reconciler } from '../lib/gitops';
import { Platform, Protection } from '../lib/platform';

export interface SyntheticOptions {
  readonly apps: number;
  /** Passed to cdk8s' App: only the stock `App.synth()` baseline uses it. */
  readonly cdk8sOutdir?: string;
}

/**
 * A platform of `apps` web services in dev, staging and prod, built from gitplane's own
 * constructs: each service is a ConfigMap, Deployment, Service, Ingress, HPA and PDB, and each
 * environment adds its reconciler objects (about 6 objects per app per environment).
 */
export function syntheticPlatform(options: SyntheticOptions): Platform {
  const platform = new Platform({
    name: 'bench',
    repository: { url: 'https://github.com/acme/bench-platform.git' },
    environments: [
      { name: 'dev', reconciler: Reconciler.flux() },
      { name: 'staging', reconciler: Reconciler.argoCd() },
      { name: 'prod', reconciler: Reconciler.argoCd(), protection: Protection.PROTECTED },
    ],
    cdk8s: options.cdk8sOutdir
      ? { outdir: options.cdk8sOutdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }
      : undefined,
  });
  for (let i = 0; i < options.apps; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    platform.addApp(name, (app) => {
      new WebService(app, name, {
        image: `ghcr.io/acme/${name}:1.${i % 10}.0`,
        env: { LOG_LEVEL: 'info', FEATURE_FLAGS: `flag-${i % 7}` },
        autoscaling: { minReplicas: 2, maxReplicas: 6 },
        ingress: { hosts: [`${name}.${app.environment.envName}.example.com`] },
      });
    });
  }
  return platform;
}
