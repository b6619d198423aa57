import { CRDS_DIR, HAS_CRDS } from '../helpers/crds';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../lib/schema';
import { celRuleSkipReason } from '../../lib/schema/cel-rules';

/** The upstream CRDs the platform targets, kept beside the repository (not copied into it). */
const absent = !HAS_CRDS;

describe('against the upstream CRDs in ../shared/crds', () => {
  const validator = absent ? undefined : createValidator({ schemaDirs: [CRDS_DIR] });
  const application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'prod-web', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/acme/platform.git', path: 'dist/prod/web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };

  it.skipIf(absent)('accepts a minimal Argo CD Application', () => {
    expect(validator?.validate(application)).toEqual([]);
  });

  it.skipIf(absent)('fails if an Argo CD Application misspells a field or lacks its destination', () => {
    const { destination: _destination, ...spec } = application.spec;
    const bad = { ...application, spec: { ...spec, syncPolicy: { automated: { prune: true, selfheal: true } } } };
    expect(validator?.validate(bad)).toEqual([
      { path: '.spec.destination', message: 'required field "destination" is missing' },
      { path: '.spec.syncPolicy.automated.selfheal', message: 'unknown field "selfheal" (did you mean "selfHeal"?)' },
    ]);
  });

  it.skipIf(absent)('fails if an Upbound BucketVersioning lacks versioningConfiguration (a CEL rule)', () => {
    const versioning = {
      apiVersion: 's3.aws.upbound.io/v1beta2',
      kind: 'BucketVersioning',
      metadata: { name: 'assets' },
      spec: { forProvider: { region: 'eu-west-1', bucketRef: { name: 'assets' } }, providerConfigRef: { name: 'default' } },
    };
    expect(validator?.validate(versioning)).toEqual([
      { path: '.spec', message: 'spec.forProvider.versioningConfiguration is a required parameter' },
    ]);
    const fixed = { ...versioning, spec: { ...versioning.spec, forProvider: { ...versioning.spec.forProvider, versioningConfiguration: { status: 'Enabled' } } } };
    expect(validator?.validate(fixed)).toEqual([]);
  });

  it.skipIf(absent)('names the served version when an old one is used', () => {
    const secret = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'web' }, spec: {} };
    expect(validator?.validate(secret)).toEqual([
      { path: '.', message: 'unknown kind: no schema for ExternalSecret in external-secrets.io/v1beta1; its CRD serves external-secrets.io/v1' },
    ]);
  });

  it.skipIf(absent)('evaluates every CEL rule of the upstream CRDs offline, except transition rules', () => {
    // GIVEN every x-kubernetes-validations rule in every CRD
    const rules = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-kubernetes-validations' && Array.isArray(value)) value.forEach((v) => rules.add(v.rule));
          else collect(value);
        }
      }
    };
    for (const version of validator?.crds.entries() ?? []) collect(version.schema);
    // WHEN / THEN
    const skipped = [...rules].map((rule) => [rule, celRuleSkipReason(rule)]).filter(([, reason]) => reason !== undefined);
    expect(rules.size).toBeGreaterThan(30);
    expect(skipped).toEqual([['self == oldSelf', 'transition rule: compares with oldSelf, the live object']]);
  });
});
