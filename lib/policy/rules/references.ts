import { apiGroup, GITPLANE_PREFIX, KubeObject } from '../../core/manifest';
import { PolicyItem, Rule, RuleContext, RuleMetadata } from '../rule';
import { FROM_RESTRICTED, podRule } from './support/define';
import { at, atPath, dig, list, quote, record, text } from './support/paths';
import { containersOf, PodSpecAt } from './support/pods';

/**
 * Referenced ConfigMaps, Secrets and ServiceAccounts must be part of the same set of manifests or be
 * declared external, so a typo fails in review instead of leaving pods stuck in ContainerCreating.
 */

/**
 * Annotation on the referencing object listing what is provided outside gitplane, as comma-separated
 * `Kind/name` entries, e.g. `ConfigMap/ca-bundle, Secret/registry-credentials`; `Kind/*` covers a kind.
 */
export const EXTERNAL_REFS_ANNOTATION = `${GITPLANE_PREFIX}/external-refs`;

type RefKind = 'ConfigMap' | 'Secret' | 'ServiceAccount';

interface Reference {
  readonly name: string;
  readonly path: string;
}

/** Names an object makes available as `kind`: Secrets also come from ExternalSecrets and SealedSecrets. */
function providedName(object: KubeObject, kind: RefKind): string | undefined {
  const group = apiGroup(object.apiVersion ?? '');
  if (group === '' && object.kind === kind) return object.metadata?.name;
  if (kind !== 'Secret') return undefined;
  if (group === 'external-secrets.io' && object.kind === 'ExternalSecret') {
    return text(dig(object, 'spec', 'target', 'name')) ?? object.metadata?.name;
  }
  if (group === 'bitnami.com' && object.kind === 'SealedSecret') {
    return text(dig(object, 'spec', 'template', 'metadata', 'name')) ?? object.metadata?.name;
  }
  return undefined;
}

function isDeclaredExternal(object: KubeObject, kind: RefKind, name: string): boolean {
  const value = object.metadata?.annotations?.[EXTERNAL_REFS_ANNOTATION];
  if (!value) return false;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry === `${kind}/${name}` || entry === `${kind}/*`);
}

/** Where objects providing one name live: `anywhere` when one has no namespace (it matches every namespace). */
interface Providers {
  anywhere: boolean;
  readonly namespaces: Set<string>;
}

function exists(item: PolicyItem, context: RuleContext, kind: RefKind, name: string): boolean {
  const provided = context.memo(`references:${kind}`, () => {
    const index = new Map<string, Providers>();
    for (const candidate of context.items) {
      const providedAs = providedName(candidate.object, kind);
      if (providedAs === undefined) continue;
      let providers = index.get(providedAs);
      if (!providers) index.set(providedAs, providers = { anywhere: false, namespaces: new Set() });
      const namespace = candidate.object.metadata?.namespace;
      if (namespace) providers.namespaces.add(namespace);
      else providers.anywhere = true;
    }
    return index;
  });
  // The same answer as sameNamespace() against every provider, without visiting them one by one.
  const providers = provided.get(name);
  if (!providers) return false;
  const namespace = item.object.metadata?.namespace;
  return !namespace || providers.anywhere || providers.namespaces.has(namespace);
}

/** ConfigMap references of a pod spec; optional references are skipped because the pod starts without them. */
function configMapRefs(pod: PodSpecAt): Reference[] {
  const refs: Reference[] = [];
  list(pod.spec.volumes).forEach((volume, i) => {
    const configMap = record(record(volume)?.configMap);
    if (configMap && configMap.optional !== true && text(configMap.name)) {
      refs.push({ name: String(configMap.name), path: atPath(pod.path, 'volumes', i, 'configMap', 'name') });
    }
    list(dig(volume, 'projected', 'sources')).forEach((source, j) => {
      const projected = record(record(source)?.configMap);
      if (projected && projected.optional !== true && text(projected.name)) {
        refs.push({ name: String(projected.name), path: atPath(pod.path, 'volumes', i, 'projected', 'sources', j, 'configMap', 'name') });
      }
    });
  });
  for (const c of containersOf(pod)) refs.push(...envRefs(c.container, c.path, 'configMapKeyRef', 'configMapRef'));
  return refs;
}

function secretRefs(pod: PodSpecAt): Reference[] {
  const refs: Reference[] = [];
  list(pod.spec.volumes).forEach((volume, i) => {
    const secret = record(record(volume)?.secret);
    if (secret && secret.optional !== true && text(secret.secretName)) {
      refs.push({ name: String(secret.secretName), path: atPath(pod.path, 'volumes', i, 'secret', 'secretName') });
    }
    list(dig(volume, 'projected', 'sources')).forEach((source, j) => {
      const projected = record(record(source)?.secret);
      if (projected && projected.optional !== true && text(projected.name)) {
        refs.push({ name: String(projected.name), path: atPath(pod.path, 'volumes', i, 'projected', 'sources', j, 'secret', 'name') });
      }
    });
  });
  list(pod.spec.imagePullSecrets).forEach((entry, i) => {
    const name = text(record(entry)?.name);
    if (name) refs.push({ name, path: atPath(pod.path, 'imagePullSecrets', i, 'name') });
  });
  for (const c of containersOf(pod)) refs.push(...envRefs(c.container, c.path, 'secretKeyRef', 'secretRef'));
  return refs;
}

function envRefs(container: Record<string, unknown>, path: string, keyRef: string, fromRef: string): Reference[] {
  const refs: Reference[] = [];
  list(container.env).forEach((env, i) => {
    const ref = record(dig(env, 'valueFrom', keyRef));
    if (ref && ref.optional !== true && text(ref.name)) {
      refs.push({ name: String(ref.name), path: atPath(path, 'env', i, 'valueFrom', keyRef, 'name') });
    }
  });
  list(container.envFrom).forEach((source, i) => {
    const ref = record(record(source)?.[fromRef]);
    if (ref && ref.optional !== true && text(ref.name)) {
      refs.push({ name: String(ref.name), path: atPath(path, 'envFrom', i, fromRef, 'name') });
    }
  });
  return refs;
}

function serviceAccountRefs(pod: PodSpecAt): Reference[] {
  const name = text(pod.spec.serviceAccountName) ?? text(pod.spec.serviceAccount);
  if (!name || name === 'default') return [];
  const field = text(pod.spec.serviceAccountName) ? 'serviceAccountName' : 'serviceAccount';
  return [{ name, path: at(pod.path, field) }];
}

function referenceRule(metadata: RuleMetadata, kind: RefKind, collect: (pod: PodSpecAt) => Reference[], providers: string): Rule {
  return podRule(metadata, (pod, item, context) => {
    return collect(pod).flatMap((ref) => {
      if (exists(item, context, kind, ref.name) || isDeclaredExternal(item.object, kind, ref.name)) return [];
      return [{
        path: ref.path,
        message: `${kind} ${quote(ref.name)} is not defined in these manifests; add ${providers} named ${quote(ref.name)}, or list "${kind}/${ref.name}" in annotation ${quote(EXTERNAL_REFS_ANNOTATION)}`,
      }];
    });
  });
}

export const configMapsExist = referenceRule(
  {
    id: 'K8S-013',
    severity: 'error',
    title: 'Referenced ConfigMaps must exist or be declared external',
    rationale: 'A pod that mounts a missing ConfigMap never starts; a typo should fail review, not the rollout.',
    fix: `Define the ConfigMap in the same namespace, or list it in the ${EXTERNAL_REFS_ANNOTATION} annotation.`,
    mirrors: [],
    profiles: FROM_RESTRICTED,
  },
  'ConfigMap',
  configMapRefs,
  'a ConfigMap',
);

export const secretsExist = referenceRule(
  {
    id: 'K8S-014',
    severity: 'error',
    title: 'Referenced Secrets must exist or be declared external',
    rationale: 'A pod that mounts a missing Secret never starts; a typo should fail review, not the rollout.',
    fix: `Define the Secret (or an ExternalSecret or SealedSecret producing it), or list it in the ${EXTERNAL_REFS_ANNOTATION} annotation.`,
    mirrors: [],
    profiles: FROM_RESTRICTED,
  },
  'Secret',
  secretRefs,
  'a Secret, ExternalSecret or SealedSecret',
);

export const serviceAccountsExist = referenceRule(
  {
    id: 'K8S-015',
    severity: 'error',
    title: 'Referenced ServiceAccounts must exist or be declared external',
    rationale: 'Pods naming a missing ServiceAccount are rejected at creation, so the rollout stalls.',
    fix: `Define the ServiceAccount in the same namespace, or list it in the ${EXTERNAL_REFS_ANNOTATION} annotation.`,
    mirrors: ['kube-linter:non-existent-service-account'],
    profiles: FROM_RESTRICTED,
  },
  'ServiceAccount',
  serviceAccountRefs,
  'a ServiceAccount',
);

export const referenceRules: readonly Rule[] = [configMapsExist, secretsExist, serviceAccountsExist];
