/**
 * The example platform: a visual-content product (uploads, rendering, a public site) in dev,
 * staging and prod. `npm run synth` writes it to dist/; `cdk8s synth` also works (cdk8s.yaml).
 */
import { AdmissionPolicies, Platform } from '../lib';
import { api } from './apps/api';
import { assetProcessor } from './apps/asset-processor';
import { media, mediaProps } from './apps/media';
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
  // Each addApp returns a typed handle: later apps use its exports (and sync after it).
  const mediaApp = platform.addApp('media', media, mediaProps);
  const apiApp = platform.addApp('api', (app) => api(app, mediaApp), guarded);
  platform.addApp('web', (app) => web(app, { api: apiApp, media: mediaApp }), guarded);
  platform.addApp('asset-processor', (app) => assetProcessor(app, mediaApp), guarded);
  return platform;
}

// Run directly (as `cdk8s synth` does): synthesize with cdk8s' own App.synth().
if (require.main === module) buildPlatform().synth();
