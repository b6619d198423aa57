import { isDeepStrictEqual } from 'util';
import { apiGroup, KubeObject } from '../core/manifest';
import { locateInDist } from '../manifests';
import { diffFields } from './field-diff';
import { identityKey, identityOf } from './identity';
import { isProtected } from './protection';
import { redactChanges } from './redact';
import { DiffResult, EnvironmentState, ObjectChange, ReviewDocument, ReviewTree } from './types';

/**
 * The semantic diff of two manifest trees laid out as dist/ (`<env>/<app>/<file>`): objects matched
 * by identity (env, API group, kind, namespace, name), not by file. Works on any two trees: dist/ at
 * two git refs, or the committed dist/ and a fresh synthesis.
 */

export interface DiffOptions {
  /** Only these environments (all when empty or absent). */
  readonly envs?: readonly string[];
  /** Only these apps (all when empty or absent); a move counts when either app is selected. */
  readonly apps?: readonly string[];
}

export interface Located {
  readonly env: string;
  readonly app: string;
  readonly file: string;
  readonly object: KubeObject;
}

/** Environment and app of a dist/ file: its first two folders. */
export function locate(doc: ReviewDocument): Located {
  return { ...locateInDist(doc.file), file: doc.file, object: doc.object };
}

function isObject(object: unknown): object is KubeObject {
  const o = object as KubeObject;
  return typeof o === 'object' && o !== null && typeof o.kind === 'string' && typeof o.metadata === 'object' && o.metadata !== null;
}

function index(tree: ReviewTree): Map<string, Located> {
  const byKey = new Map<string, Located>();
  for (const doc of tree.documents) {
    if (!isObject(doc.object)) continue;
    const located = locate(doc);
    const key = identityKey(identityOf(located.env, located.object));
    // Two files with one identity cannot both be applied; the first in path order is the one compared.
    if (!byKey.has(key)) byKey.set(key, located);
  }
  return byKey;
}

export function diffTrees(base: ReviewTree, head: ReviewTree, options: DiffOptions = {}): DiffResult {
  const before = index(base);
  const after = index(head);
  const envSelected = (env: string) => !options.envs?.length || options.envs.includes(env);
  const appSelected = (...apps: (string | undefined)[]) => !options.apps?.length || apps.some((a) => a !== undefined && options.apps!.includes(a));
  const changes: ObjectChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])]) {
    const b = before.get(key);
    const a = after.get(key);
    const side = (a ?? b)!;
    if (!envSelected(side.env) || !appSelected(a?.app, b?.app)) continue;
    const id = identityOf(side.env, side.object);
    const common = { ...id, apiVersion: String(side.object.apiVersion), file: side.file };
    if (!b) {
      changes.push({ ...common, action: 'added', app: a!.app, fields: [], head: a!.object });
    } else if (!a) {
      changes.push({ ...common, action: 'removed', app: b.app, fields: [], base: b.object });
    } else if (a.app !== b.app) {
      const fields = redactChanges(diffFields(b.object, a.object), b.object, a.object);
      changes.push({ ...common, action: 'moved', app: a.app, fromApp: b.app, fields, base: b.object, head: a.object });
    } else if (!sameFile(base, head, b.file, a.file) && !isDeepStrictEqual(a.object, b.object)) {
      // Deep inequality can be only a reordered merge-key list (containers, env, ports): no change.
      const raw = diffFields(b.object, a.object);
      if (raw.length > 0) changes.push({ ...common, action: 'modified', app: a.app, fields: redactChanges(raw, b.object, a.object), base: b.object, head: a.object });
    }
  }
  changes.sort(compareChanges);
  return { base: base.label, head: head.label, changes, environments: environments(before, after, envSelected), trees: { base, head } };
}

/** Both objects come from one path whose text did not change (only known when the trees carry their files). */
function sameFile(base: ReviewTree, head: ReviewTree, baseFile: string, headFile: string): boolean {
  if (baseFile !== headFile || !base.files || !head.files) return false;
  const text = base.files.get(baseFile);
  return text !== undefined && text === head.files.get(headFile);
}

function compareChanges(x: ObjectChange, y: ObjectChange): number {
  const keys = (c: ObjectChange) => [c.env, c.app, c.kind, c.group, c.namespace ?? '', c.name];
  const a = keys(x);
  const b = keys(y);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * Objects whose protection says the environment is protected: workloads' and cloud resources', not
 * the GitOps wiring (Argo CD, Flux), which keeps its own root from pruning in every environment.
 */
function marksProtection(object: KubeObject): boolean {
  const group = apiGroup(String(object.apiVersion ?? ''));
  return group !== 'argoproj.io' && !group.endsWith('.toolkit.fluxcd.io') && isProtected(object);
}

function environments(before: Map<string, Located>, after: Map<string, Located>, selected: (env: string) => boolean): EnvironmentState[] {
  const states = new Map<string, { inBase: boolean; inHead: boolean; protectedInBase: boolean; protectedInHead: boolean }>();
  const state = (env: string) => {
    let s = states.get(env);
    if (!s) states.set(env, s = { inBase: false, inHead: false, protectedInBase: false, protectedInHead: false });
    return s;
  };
  for (const item of before.values()) {
    const s = state(item.env);
    s.inBase = true;
    if (!s.protectedInBase && marksProtection(item.object)) s.protectedInBase = true;
  }
  for (const item of after.values()) {
    const s = state(item.env);
    s.inHead = true;
    if (!s.protectedInHead && marksProtection(item.object)) s.protectedInHead = true;
  }
  return [...states.entries()].filter(([env]) => selected(env)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, s]) => ({ name, ...s }));
}
