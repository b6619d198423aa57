/**
 * The example platform: a visual-content product (uploads, rendering, a public site) in dev,
 * staging and prod. `npm run synth` writes it to dist/; `cdk8s synth` also works (cdk8s.yaml).
 */
import { AdmissionPolicies, Platform } from '../lib';
import { api } from './apps/api';
import { assetProcessor } from './apps/asset-processor';
import { cleanup } from './apps/cleanup';
import { media } from './apps/media';
import { web } from './apps/web';
import { environments } from './environments';

export function buildPlatform(): Platform {
  const platform = new Platform({
    name: 'pictura',
    repository: { url: 'https://github.com/pictura/platform.git', branch: 'main', distDir: 'dist' },
    environments,
  });
  // Kyverno enforces the same rules in the cluster, so what bypasses Git is rejected too.
  // Workloads depend on it: their pods are admitted only once the policies are in place.
  platform.addApp('policies', (app) => { new AdmissionPolicies(app, 'kyverno'); });
  const guarded = { dependsOn: ['policies'] };
  platform.addApp('media', media);
  platform.addApp('api', api, guarded);
  platform.addApp('web', web, guarded);
  platform.addApp('asset-processor', assetProcessor, guarded);
  platform.addApp('cleanup', cleanup, {
    ...guarded,
    defaults: { imageTag: '3.8.1', imageDigest: 'sha256:0b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474' },
  });
  return platform;
}

// Run directly (as `cdk8s synth` does): synthesize with cdk8s' own App.synth().
if (require.main === module) buildPlatform().synth();
