import { describe, expect, it } from 'vitest';
import { formatReviewJson, formatReviewMarkdown, formatReviewText, HIDDEN, MARKDOWN_MAX_CHARS, reviewTrees } from '../../lib/review';
import { clone, find, platform, tree } from './fixtures';

function sample() {
  const base = [...platform(), ...platform({ protect: true })];
  base.push({ file: 'dev/api/secret-legacy.yaml', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy', namespace: 'dev-api' }, data: { token: 'b2xkLXRva2Vu' } } });
  const head = clone(base);
  find(head, 'dev/api/secret-legacy.yaml').data.token = 'bmV3LXRva2Vu';
  find(head, 'prod/media/queue.yaml').spec.forProvider.name = 'prod-jobs-v2';
  find(head, 'dev/api/configmap-api.yaml').data.BIG = 'x'.repeat(500);
  const moved = head.find((d) => d.file === 'dev/api/service-api.yaml')!;
  (moved as { file: string }).file = 'dev/web/service-api.yaml';
  return reviewTrees(tree('dist/ at base', base), tree('dist/ at head', head));
}

describe('formatReviewJson', () => {
  it('prints version 1 with the documented shape', () => {
    const json = JSON.parse(formatReviewJson(sample(), { base: 'a'.repeat(40), head: 'worktree' }));
    expect(Object.keys(json)).toEqual(['version', 'base', 'head', 'summary', 'changes']);
    expect(json).toMatchObject({ version: 1, base: 'a'.repeat(40), head: 'worktree' });
    expect(json.summary).toMatchObject({ added: 0, removed: 0, modified: 3, moved: 1, staleApprovals: [] });
    const queue = json.changes.find((c: { kind: string }) => c.kind === 'Queue');
    expect(queue).toEqual({
      action: 'modified', env: 'prod', app: 'media', apiVersion: 'sqs.aws.upbound.io/v1beta1', kind: 'Queue', namespace: null, name: 'prod-media-jobs',
      fields: [{ path: '.spec.forProvider.name', before: 'prod-jobs', after: 'prod-jobs-v2' }],
      risks: [{ id: 'cloud-replace', severity: 'high', reason: expect.stringContaining('Queue prod-media-jobs: spec.forProvider.name'), acknowledged: false }],
    });
    const service = json.changes.find((c: { kind: string }) => c.kind === 'Service');
    expect(service).toMatchObject({ action: 'moved', app: 'web', fromApp: 'api' });
  });

  it('never prints a secret value', () => {
    const text = formatReviewJson(sample(), { base: 'a', head: 'b' });
    expect(text).not.toContain('bmV3LXRva2Vu');
    expect(text).not.toContain('b2xkLXRva2Vu');
    expect(text).toContain(HIDDEN);
  });
});

describe('formatReviewText', () => {
  it('groups by environment and app, shortens long values and marks risks', () => {
    const text = formatReviewText(sample());
    expect(text).toContain('\ndev\n  api\n');
    expect(text).toContain(`.data.token: "${HIDDEN}" -> "${HIDDEN}"`.replace(/"/g, ''));
    expect(text).toMatch(/\.data\.BIG: \(unset\) -> "x+…\(\d+ chars\)…x+"/);
    expect(text).toContain('! [high] cloud-replace: Queue prod-media-jobs');
    expect(text).toContain('> moved    Service dev-api/api (from app api)');
    expect(text).toContain('To acknowledge, add to review/approvals.yaml (with a reason each):\napprovals:\n  - risk: ');
    expect(text).toContain('\n  - risk: cloud-replace\n    object: prod/Queue.sqs.aws.upbound.io/prod-media-jobs\n    reason: <why this is safe>');
    expect(text).not.toMatch(/\u001b\[/);
    expect(formatReviewText(sample(), { color: true })).toMatch(/\u001b\[31m/);
  });
});

describe('formatReviewMarkdown', () => {
  it('puts the summary table and risky changes first, with the approvals entry to acknowledge each', () => {
    const md = formatReviewMarkdown(sample());
    const table = md.indexOf('| Environment |');
    const risks = md.indexOf('### Risky changes');
    const details = md.indexOf('<details><summary>dev / api');
    expect(table).toBeGreaterThan(0);
    expect(risks).toBeGreaterThan(table);
    expect(details).toBeGreaterThan(risks);
    expect(md).toContain('  - risk: cloud-replace\n    object: prod/Queue.sqs.aws.upbound.io/prod-media-jobs\n    reason: <why this is safe>');
    expect(md).not.toContain('bmV3LXRva2Vu');
  });

  it('stays under the limit and says how many objects it left out', () => {
    const base = platform();
    const head = clone(base);
    for (let i = 0; i < 3000; i++) head.push({ file: `dev/app${i % 40}/configmap-${i}.yaml`, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'dev-x' }, data: { K: 'v' } } });
    const md = formatReviewMarkdown(reviewTrees(tree('a', base), tree('b', head)));
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const left = /\*\*Cut to fit one comment:\*\* (\d+) changed object\(s\) left out/.exec(md);
    expect(left).not.toBeNull();
    const shown = (md.match(/^- \*\*added\*\*/gm) ?? []).length;
    expect(shown + Number(left![1])).toBe(3000);
    // every opened details block is closed
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  });
});
