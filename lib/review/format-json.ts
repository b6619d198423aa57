import { identityKey } from './identity';
import { Review, risksByObject } from './review';

/**
 * The machine-readable review, `"version": 1`. The shape is documented in the README and kept
 * stable: fields are only ever added. Hidden values print as `(changed, hidden)`; absent sides as null.
 */
export interface JsonRefs {
  /** Commit sha of the base. */
  readonly base: string;
  /** Commit sha of the head, or `worktree`. */
  readonly head: string;
}

export function formatReviewJson(review: Review, refs: JsonRefs): string {
  const byObject = risksByObject(review);
  const document = {
    version: 1,
    base: refs.base,
    head: refs.head,
    summary: {
      ...review.summary,
      environments: review.environments,
      staleApprovals: review.staleApprovals.map((a) => ({ risk: a.risk, object: a.object, reason: a.reason })),
    },
    changes: review.diff.changes.map((c) => ({
      action: c.action,
      env: c.env,
      app: c.app,
      apiVersion: c.apiVersion,
      kind: c.kind,
      namespace: c.namespace ?? null,
      name: c.name,
      ...(c.fromApp !== undefined ? { fromApp: c.fromApp } : {}),
      fields: c.fields.map((f) => ({ path: f.path, before: f.before ?? null, after: f.after ?? null })),
      risks: (byObject.get(identityKey(c)) ?? []).map((r) => ({ id: r.id, severity: r.severity, reason: r.reason, acknowledged: Boolean(r.acknowledged) })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
