import type { KubeObject } from '../core/manifest';
import type { ManifestDocument, ManifestTree } from '../manifests';

/**
 * The review vocabulary: what changed between two manifest trees (a base and a head) and which of
 * those changes a reconciler turns into data loss, downtime or wider access.
 */

/** One object of a tree and the file it came from (`prod/web/deployment-web.yaml`). */
export type ReviewDocument = ManifestDocument;

/**
 * What the engine needs of a manifest tree: a `ManifestTree` read from a folder or a ref, or the
 * documents of a fresh synthesis. With `files`, objects of a file whose text is the same on both sides
 * are known to be unchanged without comparing them.
 */
export type ReviewTree = Pick<ManifestTree, 'label' | 'documents'> & Partial<Pick<ManifestTree, 'files'>>;

export type ChangeAction = 'added' | 'removed' | 'modified' | 'moved';

/** One changed field. `before`/`after` are absent when the field did not exist on that side. */
export interface FieldChange {
  /** JSON path; list items matched by merge key print as `[name=web]`, e.g. `.spec.template.spec.containers[name=web].image`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** The value is a secret (Secret/SealedSecret data, or flagged by the secret scanner): never print it. */
  readonly hidden?: boolean;
}

/** An object's identity across trees: environment, API group, kind, namespace and name. */
export interface ObjectIdentity {
  readonly env: string;
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface ObjectChange extends ObjectIdentity {
  readonly action: ChangeAction;
  /** App (folder) of the head object, or of the base object when removed. */
  readonly app: string;
  /** For `moved`: the app it left. */
  readonly fromApp?: string;
  readonly apiVersion: string;
  /** Head file, or base file when removed. */
  readonly file: string;
  readonly fields: readonly FieldChange[];
  readonly base?: KubeObject;
  readonly head?: KubeObject;
}

/** Per environment: whether its base objects carry deletion protection, and whether the head's still do. */
export interface EnvironmentState {
  readonly name: string;
  readonly inBase: boolean;
  readonly inHead: boolean;
  readonly protectedInBase: boolean;
  readonly protectedInHead: boolean;
}

export interface DiffResult {
  readonly base: string;
  readonly head: string;
  /** Sorted by env, app, kind, namespace, name. */
  readonly changes: readonly ObjectChange[];
  readonly environments: readonly EnvironmentState[];
  /** The trees compared, for risks that look at objects around a change (policy rules on companions). */
  readonly trees: { readonly base: ReviewTree; readonly head: ReviewTree };
}

export const RISK_IDS = [
  'immutable-field', 'cloud-replace', 'stateful-delete', 'protection-removed', 'exposure', 'privilege',
  'ownership-move', 'env-var-removed', 'sync-wiring', 'availability', 'policy-regression',
] as const;
export type RiskId = (typeof RISK_IDS)[number];

export type RiskSeverity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITY_ORDER: readonly RiskSeverity[] = ['low', 'medium', 'high', 'critical'];

/** One risky transition of one object. */
export interface Risk {
  readonly id: RiskId;
  readonly severity: RiskSeverity;
  /** One line naming the object and the field, never a secret value. */
  readonly reason: string;
  /** Identity key of the object (`identityKey`), to attach the risk to its change. */
  readonly object: string;
  readonly acknowledged?: boolean;
}
