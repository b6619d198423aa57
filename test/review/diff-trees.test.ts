import { describe, expect, it } from 'vitest';
import { diffTrees, HIDDEN } from '../../lib/review';
import { clone, find, platform, tree } from './fixtures';

describe('diffTrees', () => {
  it('matches objects by identity, not by file: a renamed file within an app is no change', () => {
    const base = platform();
    const head = clone(base).map((d) => (d.file.endsWith('api/service-api.yaml') ? { ...d, file: 'dev/api/svc.yaml' } : d));
    expect(diffTrees(tree('a', base), tree('b', head)).changes).toEqual([]);
  });

  it('reports a move between apps with the app it left, and the fields that changed on the way', () => {
    const base = platform();
    const head = clone(base).map((d) => (d.file.endsWith('api/configmap-api.yaml') ? { ...d, file: 'dev/web/configmap-api.yaml' } : d));
    find(head, 'web/configmap-api.yaml').data.LOG_LEVEL = 'warn';
    const [change] = diffTrees(tree('a', base), tree('b', head)).changes;
    expect(change).toMatchObject({ action: 'moved', env: 'dev', app: 'web', fromApp: 'api', kind: 'ConfigMap', name: 'api', namespace: 'dev-api' });
    expect(change.fields).toEqual([{ path: '.data.LOG_LEVEL', before: 'info', after: 'warn' }]);
  });

  it('a different API group or namespace is a different object (removed + added)', () => {
    const base = platform();
    const head = clone(base);
    find(head, 'api/configmap-api.yaml').metadata.namespace = 'other';
    const actions = diffTrees(tree('a', base), tree('b', head)).changes.map((c) => `${c.action} ${c.namespace}/${c.name}`);
    expect(actions).toEqual(['removed dev-api/api', 'added other/api']);
  });

  it('names list items by their merge key and reports only the changed leaf', () => {
    const base = platform();
    const head = clone(base);
    const c = find(head, 'api/deployment-api.yaml').spec.template.spec.containers[0];
    c.env.reverse();
    c.env.find((e: { name: string }) => e.name === 'DB_HOST').value = 'db2.internal';
    c.ports[0].containerPort = 8081;
    const [change] = diffTrees(tree('a', base), tree('b', head)).changes;
    expect(change.fields.map((f) => f.path)).toEqual([
      '.spec.template.spec.containers[name=api].env[name=DB_HOST].value',
      '.spec.template.spec.containers[name=api].ports[name=http].containerPort',
    ]);
  });

  it('an added or removed list item is one field with the whole item', () => {
    const base = platform();
    const head = clone(base);
    find(head, 'api/deployment-api.yaml').spec.template.spec.volumes.push({ name: 'cache', emptyDir: { medium: 'Memory' } });
    const [change] = diffTrees(tree('a', base), tree('b', head)).changes;
    expect(change.fields).toEqual([{ path: '.spec.template.spec.volumes[name=cache]', after: { name: 'cache', emptyDir: { medium: 'Memory' } } }]);
  });

  it('hides Secret data, SealedSecret ciphertext and values the secret scanner flags, on either side', () => {
    const base = platform();
    base.push({ file: 'dev/api/secret-legacy.yaml', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy', namespace: 'dev-api' }, data: { token: 'b2xkLXRva2Vu' } } });
    const head = clone(base);
    find(head, 'api/secret-legacy.yaml').data.token = 'bmV3LXRva2Vu';
    find(head, 'api/sealedsecret-db-credentials.yaml').spec.encryptedData.password = 'AgNEWciphertext';
    const env = find(head, 'api/deployment-api.yaml').spec.template.spec.containers[0].env;
    env.push({ name: 'STRIPE_API_KEY', value: 'sk_live_51HxQaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' });
    const changes = diffTrees(tree('a', base), tree('b', head)).changes;
    const printed = JSON.stringify(changes.map((c) => c.fields));
    for (const secret of ['bmV3LXRva2Vu', 'b2xkLXRva2Vu', 'AgNEWciphertext', 'AgBy3i4O', 'sk_live_51HxQ']) expect(printed).not.toContain(secret);
    const fields = changes.flatMap((c) => c.fields);
    expect(fields.find((f) => f.path === '.data.token')).toEqual({ path: '.data.token', before: HIDDEN, after: HIDDEN, hidden: true });
    expect(fields.find((f) => f.path === '.spec.encryptedData.password')).toMatchObject({ hidden: true, after: HIDDEN });
    expect(fields.find((f) => f.path.endsWith('env[name=STRIPE_API_KEY]'))).toMatchObject({ hidden: true, after: HIDDEN });
  });

  it('a removed container holding a literal credential is hidden as a whole', () => {
    const base = platform();
    const pod = find(base, 'api/deployment-api.yaml').spec.template.spec;
    pod.containers.push({ name: 'sidecar', image: 'x', env: [{ name: 'DB_PASSWORD', value: 'Sup3r-s3cret-pw!' }] });
    const head = clone(base);
    find(head, 'api/deployment-api.yaml').spec.template.spec.containers.pop();
    const [change] = diffTrees(tree('a', base), tree('b', head)).changes;
    expect(JSON.stringify(change.fields)).not.toContain('Sup3r');
    expect(change.fields[0]).toMatchObject({ path: '.spec.template.spec.containers[name=sidecar]', hidden: true });
  });

  it('filters by environment and app; a move counts for either app', () => {
    const base = [...platform(), ...platform({ protect: true })];
    const head = clone(base);
    find(head, 'dev/api/configmap-api.yaml').data.A = '1';
    find(head, 'prod/api/configmap-api.yaml').data.A = '1';
    find(head, 'prod/web/ingress-web.yaml').spec.ingressClassName = 'traefik';
    const keys = (o: Parameters<typeof diffTrees>[2]) => diffTrees(tree('a', base), tree('b', head), o).changes.map((c) => `${c.env}/${c.app}`);
    expect(keys({})).toEqual(['dev/api', 'prod/api', 'prod/web']);
    expect(keys({ envs: ['prod'] })).toEqual(['prod/api', 'prod/web']);
    expect(keys({ envs: ['prod'], apps: ['web'] })).toEqual(['prod/web']);
  });

  it('knows which environments carry deletion protection in base and head', () => {
    const base = [...platform(), ...platform({ protect: true })];
    const head = [...platform(), ...platform({ env: 'prod', protect: false })];
    expect(diffTrees(tree('a', base), tree('b', head)).environments).toEqual([
      { name: 'dev', inBase: true, inHead: true, protectedInBase: false, protectedInHead: false },
      { name: 'prod', inBase: true, inHead: true, protectedInBase: true, protectedInHead: false },
    ]);
  });

  it('does not take the GitOps wiring keeping its own root from pruning for a protected environment', () => {
    const base = platform({ reconciler: 'flux' });
    const root = find(base, 'flux/kustomization-api.yaml');
    root.metadata.annotations = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };
    expect(diffTrees(tree('a', base), tree('b', clone(base))).environments[0]).toMatchObject({ name: 'dev', protectedInBase: false });
    const pvc = find(base, 'db/persistentvolumeclaim-backup.yaml');
    pvc.metadata.annotations = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };
    expect(diffTrees(tree('a', base), tree('b', clone(base))).environments[0]).toMatchObject({ name: 'dev', protectedInBase: true });
  });

  it('is deterministic: same input, same output', () => {
    const base = platform();
    const head = clone(base);
    find(head, 'api/deployment-api.yaml').spec.replicas = 9;
    head.reverse();
    const a = JSON.stringify(diffTrees(tree('a', base), tree('b', head)).changes);
    const b = JSON.stringify(diffTrees(tree('a', [...base].reverse()), tree('b', clone(head))).changes);
    expect(a).toBe(b);
  });
});
