import { isDeepStrictEqual } from 'util';
import { dig, list } from '../policy/rules/support/paths';
import { identityKey } from './identity';
import { Review } from './review';
import { Risk } from './types';

/**
 * Branches and tags a change points a reconciler at: an Argo CD Application's `targetRevision` or a
 * Flux GitRepository's `ref.branch`/`ref.tag` that differs from the committed one. A revision the
 * repository does not have is refused: the root switches to it and can no longer read its own source
 * (Argo CD reports a comparison error and stops syncing; the Flux source fails to fetch), while a
 * branch that lags behind rolls the environment back to an older dist/.
 */

export interface RevisionChange {
  /** Identity key of the object. */
  readonly object: string;
  readonly field: string;
  /** The committed revision, when there was one. */
  readonly before?: string;
  readonly revision: string;
}

/** What the repository knows, as `knownRevisions` (lib/git) reads it. */
export interface RepositoryRevisions {
  readonly branches: ReadonlySet<string>;
  readonly tags: ReadonlySet<string>;
}

export function changedRevisions(review: Review): RevisionChange[] {
  const out: RevisionChange[] = [];
  for (const change of review.diff.changes) {
    if (!change.head || (change.action !== 'modified' && change.action !== 'moved')) continue;
    const fields: [string, (string | number)[]][] = [];
    if (change.group === 'argoproj.io' && change.kind === 'Application') {
      fields.push(['.spec.source.targetRevision', ['spec', 'source', 'targetRevision']]);
      list(dig(change.head, 'spec', 'sources')).forEach((_s, i) => fields.push([`.spec.sources[${i}].targetRevision`, ['spec', 'sources', i, 'targetRevision']]));
    }
    if (change.group === 'source.toolkit.fluxcd.io' && change.kind === 'GitRepository') {
      fields.push(['.spec.ref.branch', ['spec', 'ref', 'branch']], ['.spec.ref.tag', ['spec', 'ref', 'tag']]);
    }
    for (const [field, keys] of fields) {
      const after = dig(change.head, ...keys);
      const before = dig(change.base, ...keys);
      if (typeof after !== 'string' || after === '' || after === 'HEAD' || isDeepStrictEqual(after, before)) continue;
      out.push({ object: identityKey(change), field, revision: after, ...(typeof before === 'string' ? { before } : {}) });
    }
  }
  return out;
}

/** A `sync-wiring` risk (critical) for every changed revision the repository does not have. */
export function missingRevisionRisks(changes: readonly RevisionChange[], known: RepositoryRevisions): Risk[] {
  return changes.filter((c) => !known.branches.has(c.revision) && !known.tags.has(c.revision)).map((c) => ({
    id: 'sync-wiring',
    severity: 'critical',
    object: c.object,
    reason: `${c.field} -> ${JSON.stringify(c.revision)}: no branch or tag of that name in this repository (local or fetched); the reconciler would switch to a revision it cannot read (create and push it first, or git fetch if it exists upstream)`,
    acknowledged: false,
  }));
}

/**
 * A release of a tag-pinned environment: the revision moves from one tag to another, both in the
 * repository. The apps then sync the dist/ of the new tag, which is what a release is for; it is not
 * a change of wiring and is not refused (a branch change is).
 */
export function isRelease(risk: Risk, changes: readonly RevisionChange[], known: RepositoryRevisions): boolean {
  return risk.id === 'sync-wiring' && changes.some((c) => c.object === risk.object && c.before !== undefined
    && known.tags.has(c.before) && known.tags.has(c.revision) && risk.reason.includes(JSON.stringify(c.before)) && risk.reason.includes(JSON.stringify(c.revision)));
}
