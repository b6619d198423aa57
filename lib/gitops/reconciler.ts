import { ArgoCdProps, ArgoCdReconciler } from './argocd/argocd-reconciler';
import { FluxProps, FluxReconciler } from './flux/flux-reconciler';

/**
 * The GitOps engine that applies an environment, e.g.
 * `{ name: 'prod', reconciler: Reconciler.argoCd({ namespace: 'gitops' }) }`. One reconciler may be
 * shared by several environments; it generates each environment's objects separately.
 */
export class Reconciler {
  /**
   * Argo CD: an AppProject and an Application per app in `dist/<env>/argocd/`, and a root
   * app-of-apps in `dist/<env>/bootstrap/` that also manages itself (bootstrap once with
   * `kubectl apply -f dist/<env>/bootstrap/`).
   */
  public static argoCd(props: ArgoCdProps = {}): ArgoCdReconciler {
    return new ArgoCdReconciler(props);
  }

  /**
   * Flux: a GitRepository, a Kustomization per app, the app Namespaces and a root Kustomization in
   * `dist/<env>/flux/` (bootstrap with `kubectl apply -f dist/<env>/flux/`).
   */
  public static flux(props: FluxProps = {}): FluxReconciler {
    return new FluxReconciler(props);
  }

  private constructor() {}
}
