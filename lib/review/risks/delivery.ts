import { isDeepStrictEqual } from 'util';
import { locateInDist } from '../../manifests';
import { DiffResult, ObjectChange } from '../types';
import { dig } from '../../policy/rules/support/paths';
import { protectionOf } from '../protection';
import { brief, describe, RawRisk, risk, RiskContext } from './support';

/**
 * `ownership-move`: an object moves to another app folder, i.e. another Argo CD Application or Flux
 * Kustomization. The two sync independently: the old owner prunes the object (Argo CD compares its
 * tracking label/annotation, Flux its inventory) while the new one creates or adopts it, so it can be
 * deleted and re-created, or (with pruning off) left running unmanaged next to the new copy. A
 * workload moved to an app with its own namespace is a removal there and an addition here: the same
 * holds, and its old namespace may leave the project, so Argo CD's orphaned-resource warning misses it.
 *
 * `sync-wiring`: what an Application, AppProject, Kustomization or source syncs: a new path, revision,
 * branch or tag, repository, destination or prune setting changes which objects the reconciler applies
 * or deletes, for every object under it at once.
 */

/** Kinds that run something: a copy left behind runs twice (a CronJob fires twice). */
const WORKLOADS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/CronJob', 'batch/Job']);

export function ownershipMove(change: ObjectChange, context: RiskContext): RawRisk[] {
  if (change.action === 'moved') {
    return [risk('ownership-move', 'medium', `${describe(change)} moves from app ${change.fromApp} to app ${change.app}: the old app may prune it before the new one adopts it`)];
  }
  // A workload moved to an app with its own namespace is a new object there and a removed one here.
  if (change.action !== 'removed' || !WORKLOADS.has(`${change.group}/${change.kind}`)) return [];
  const copy = context.changesOfKind(change.env, change.kind).find((c) => c.action === 'added' && c.group === change.group && c.name === change.name && c.app !== change.app);
  if (!copy) return [];
  const appGone = !appsInHead(context.result).has(`${change.env}/${change.app}`);
  const left = protectionOf(change.base).noPrune
    ? 'the old copy is not pruned (no-prune) and keeps running unmanaged next to the new one'
    : appGone && context.env?.protectedInBase
      ? `app ${change.app} leaves with its objects orphaned (protected environment): the old copy keeps running unmanaged next to the new one`
      : 'the old copy is pruned while the new one starts: both run, or neither, for a moment';
  return [risk('ownership-move', 'medium', `${describe(change)} moves from app ${change.app} to app ${copy.app} (${describe(copy)}): ${left}`)];
}

const WIRING: Record<string, readonly (readonly string[])[]> = {
  'argoproj.io/Application': [
    ['spec', 'source', 'path'], ['spec', 'source', 'repoURL'], ['spec', 'source', 'targetRevision'], ['spec', 'sources'],
    ['spec', 'destination'], ['spec', 'project'], ['spec', 'syncPolicy', 'automated'],
  ],
  'argoproj.io/AppProject': [['spec', 'sourceRepos'], ['spec', 'destinations'], ['spec', 'clusterResourceWhitelist'], ['spec', 'namespaceResourceWhitelist']],
  'kustomize.toolkit.fluxcd.io/Kustomization': [
    ['spec', 'path'], ['spec', 'sourceRef'], ['spec', 'prune'], ['spec', 'targetNamespace'], ['spec', 'suspend'], ['spec', 'kubeConfig'], ['spec', 'serviceAccountName'],
  ],
  'source.toolkit.fluxcd.io/GitRepository': [['spec', 'url'], ['spec', 'ref'], ['spec', 'ignore'], ['spec', 'include']],
  'source.toolkit.fluxcd.io/OCIRepository': [['spec', 'url'], ['spec', 'ref']],
};

export function syncWiring(change: ObjectChange): RawRisk[] {
  const paths = WIRING[`${change.group}/${change.kind}`];
  if (!paths) return [];
  if (change.action === 'removed') {
    return [risk('sync-wiring', 'high', `${describe(change)} removed: what it synced is no longer reconciled (or is deleted with it when it carries a deletion finalizer or prunes)`)];
  }
  if (!change.base || !change.head) return [];
  const out: RawRisk[] = [];
  for (const keys of paths) {
    const before = dig(change.base, ...keys);
    const after = dig(change.head, ...keys);
    if (isDeepStrictEqual(before, after)) continue;
    out.push(risk('sync-wiring', 'medium', `${describe(change)}: .${keys.join('.')} ${brief(before)} -> ${brief(after)} changes what is synced and where`));
  }
  return out;
}

const APPS = new WeakMap<DiffResult, Set<string>>();

/** `env/app` of every app folder in the head tree. */
function appsInHead(result: DiffResult): Set<string> {
  let apps = APPS.get(result);
  if (!apps) {
    apps = new Set(result.trees.head.documents.map((d) => { const { env, app } = locateInDist(d.file); return `${env}/${app}`; }));
    APPS.set(result, apps);
  }
  return apps;
}
