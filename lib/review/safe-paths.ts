import { Risk, RISK_IDS, RiskId } from './types';

/**
 * The safe way to make a refused change, per risk class: a concrete sequence of commits, each safe
 * under what the reconcilers do (Argo CD and Flux prune what leaves Git; Crossplane deletes the
 * external resource unless `deletionPolicy: Orphan` or `managementPolicies` without `Delete`; ACK
 * deletes the AWS resource unless `services.k8s.aws/deletion-policy: retain`).
 */

export interface SafePath {
  readonly risk: RiskId;
  readonly steps: readonly string[];
}

const STEPS: Record<RiskId, readonly string[]> = {
  'stateful-delete': [
    'first commit: keep the object and make it orphan on deletion: Protection.PROTECTED on the environment (Crossplane deletionPolicy: Orphan and managementPolicies without Delete, ACK services.k8s.aws/deletion-policy: retain, Argo CD Prune=false / Flux prune: disabled); synth, push and wait until the reconciler has synced it',
    'second commit: remove the object (the controller now leaves the real resource); delete the AWS resource or the workload by hand once it is drained and backed up. A Namespace: move or remove its workloads first and drop the Namespace in a later commit. A whole environment (decommission): remove its apps first (their objects pruned or orphaned as above), then its wiring in a last commit',
  ],
  'cloud-replace': [
    'first commit: keep the old object under its old name and identity, set to orphan (Protection.PROTECTED: Crossplane deletionPolicy: Orphan / managementPolicies without Delete, ACK services.k8s.aws/deletion-policy: retain); synth, push and wait for the sync',
    'second commit: remove or re-point the old object and add the new one; it adopts the resource by its physical name (Crossplane crossplane.io/external-name, ACK adoption) instead of creating a second one, and the pruned old object no longer deletes it',
  ],
  'protection-removed': [
    'never drop protection and remove a protected object in the same commit: first commit the removals (or the moves) while the environment is still protected, so the removed objects are orphaned, and sync',
    'second commit: drop the protection alone, once nothing you want to keep is about to be removed',
  ],
  'ownership-move': [
    'first commit: stop the old app from pruning the object (Argo CD argocd.argoproj.io/sync-options: Prune=false, Flux kustomize.toolkit.fluxcd.io/prune: disabled; Protection.PROTECTED sets both) and sync',
    'second commit: move the object to its new app and sync; the new app adopts it; delete a copy left under the old name by hand (kubectl delete -n <namespace> <kind>/<name>) so it does not run twice',
  ],
  availability: [
    'expand first: keep what clients rely on for one generation: the old Service (or port) next to the new one while consumers move to the new address; when an autoscaler takes over, add the HorizontalPodAutoscaler while keeping `replicas` at its minimum; synth, push and sync',
    'then contract in a second commit: remove the old Service or port once no client uses it; drop `replicas` only after handing the field to the autoscaler (client-side apply: kubectl apply edit-last-applied without spec.replicas; server-side apply: apply spec.replicas alone under a hand-over field manager), otherwise the Deployment falls to 1 replica until the autoscaler reacts; acknowledge the risk in that commit',
  ],
  'sync-wiring': [
    'what the root syncs is re-applied by the root itself only while it can still read where it reads from today: push the change to the branch and repository the environment follows now; keep the old repository allowed (Reconciler.argoCd({ previousRepositories })) during a move; re-apply the seed by hand (kubectl apply -f dist/<env>/bootstrap/ for Argo CD, dist/<env>/flux/ for Flux) when that is no longer the case',
    'switching reconcilers: first suspend the old one without deleting anything (Flux: spec.suspend: true on its Kustomizations and flux suspend kustomization --all; Argo CD: remove the resources finalizer, and set Prune=false), sync, then remove its objects in a second commit and delete the leftover root by hand with orphaning (flux delete kustomization <root> after setting deletionPolicy: Orphan; kubectl delete application <root> --cascade=orphan)',
  ],
  'immutable-field': [
    'first commit: create the object under a new name next to the old one (or mark it to be replaced: Argo CD Replace=true, Flux kustomize.toolkit.fluxcd.io/force: enabled), and sync',
    'second commit: remove the old object once traffic uses the new one',
  ],
  'env-var-removed': [
    'first commit: add the new variable (or key) and keep the old one; roll the consumers onto the new name',
    'second commit: remove the old variable once no code reads it',
  ],
  exposure: ['review who gains access; narrow it, or acknowledge it with the entry below'],
  privilege: ['review the permission gained; narrow it, or acknowledge it with the entry below'],
  'policy-regression': ['restore the policy setting, or waive the rule with Policy.of(construct).waive(<rule id>, <reason>) and acknowledge the change'],
};

/** One safe path per class among `risks`, in the order of the risk classes. */
export function safePathsFor(risks: readonly Risk[]): SafePath[] {
  const classes = new Set(risks.map((r) => r.id));
  return RISK_IDS.filter((id) => classes.has(id)).map((id) => ({ risk: id, steps: STEPS[id] }));
}
