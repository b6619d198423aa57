/**
 * What the throw-away projects of the bad-input suite import (as `@test/cli/bad-input-kit`): a valid
 * platform to break, and cdk8s' ApiObject and JsonPatch for raw objects (a temp project has no
 * node_modules, so it cannot import cdk8s itself).
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { CloudFlavor, EnvironmentProps, Platform, PlatformProps, Protection, Reconciler, WebService } from '../../lib';

export { ApiObject, JsonPatch };

/** A container image pinned by tag and digest, valid in every profile. */
export const IMAGE = `ghcr.io/acme/web:1.4.2@sha256:${'a'.repeat(64)}`;

/** `dev` (Flux) and `prod` (Argo CD, protected: the `prod` policy profile), both with Crossplane claims. */
export function environments(): EnvironmentProps[] {
  return [
    {
      name: 'dev',
      reconciler: Reconciler.flux(),
      cloud: CloudFlavor.crossplane({ providerConfig: 'aws-dev', accountId: '111122223333' }),
      region: 'eu-west-1',
    },
    {
      name: 'prod',
      reconciler: Reconciler.argoCd(),
      cloud: CloudFlavor.crossplane({ providerConfig: 'aws-prod', accountId: '777788889999' }),
      region: 'eu-west-1',
      protection: Protection.PROTECTED,
    },
  ];
}

/**
 * The baseline: platform `acme` with app `web` (a WebService) in dev and prod. `extend` adds to it
 * (usually one broken app); `props` replace platform props.
 */
export function acme(extend: (platform: Platform) => void = () => undefined, props: Partial<PlatformProps> = {}): Platform {
  const platform = new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: environments(),
    ...props,
  });
  platform.addApp('web', (app) => {
    new WebService(app, 'web', { image: IMAGE, port: 8080 });
  });
  extend(platform);
  return platform;
}
