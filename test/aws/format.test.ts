import { describe, expect, it } from 'vitest';
import { fieldLines, formatPlanJson, formatPlanMarkdown, formatPlanText } from '../../lib/aws/format';
import { CloudPlan, ResourcePlan } from '../../lib/aws/model';

const resource = (over: Partial<ResourcePlan>): ResourcePlan => ({
  env: 'prod', app: 'media', kind: 'Bucket', flavor: 'crossplane', objectRef: 'Bucket/prod-media-assets', physicalName: 'assets',
  action: 'no-change', fields: [], removal: 'orphan', observeOnly: false, ...over,
});

const plan: CloudPlan = {
  resources: [
    resource({ action: 'update', fields: [{ field: 'tags', status: 'changed', declared: { a: '1', b: '2' }, live: { a: '1', b: '3', c: '4' } }] }),
    resource({ physicalName: 'other', action: 'unknown', reason: 'HeadBucket failed: SlowDown (HTTP 503)', removal: 'delete' }),
    resource({ kind: 'Distribution', physicalName: 'cdn.example', action: 'create', liveId: undefined, removal: 'delete' }),
  ],
  summary: { create: 1, update: 1, 'no-change': 0, conflict: 0, unknown: 1 },
};

describe('plan formatters', () => {
  it('lists show the items only one side has', () => {
    expect(fieldLines({ field: 'aliases', status: 'changed', declared: ['a', 'b'], live: ['b', 'c'] }))
      .toEqual(['aliases: live only "c"', 'aliases: declared only "a"']);
  });

  it('objects show the keys that differ', () => {
    expect(fieldLines(plan.resources[0].fields[0])).toEqual(['tags.b: declared "2", live "3"', 'tags.c: declared unset, live "4"']);
  });

  it('scalars show both values; unreadable fields say why', () => {
    expect(fieldLines({ field: 'versioning', status: 'changed', declared: 'Enabled', live: 'Suspended' })).toEqual(['versioning: declared "Enabled", live "Suspended"']);
    expect(fieldLines({ field: 'cors', status: 'unknown', reason: 'AccessDenied (HTTP 403)' })).toEqual(['? cors: AccessDenied (HTTP 403)']);
  });

  it('text: one line per resource with its symbol, details indented, a summary', () => {
    const text = formatPlanText(plan, 'plan');
    expect(text.split('\n')).toEqual([
      'plan: 3 cloud resource(s), read-only',
      '',
      'prod/media',
      '  ~ Bucket assets  update  (Bucket/prod-media-assets)',
      '      tags.b: declared "2", live "3"',
      '      tags.c: declared unset, live "4"',
      '      on removal from Git: orphaned (the AWS resource is kept)',
      '  ? Bucket other  unknown  (Bucket/prod-media-assets)',
      '      why: HeadBucket failed: SlowDown (HTTP 503)',
      '  + Distribution cdn.example  create  (Bucket/prod-media-assets)',
      '',
      '1 to create, 1 to update, 0 unchanged, 0 conflict(s), 1 unknown',
    ]);
  });

  it('markdown: a table and a details block per resource with something to say', () => {
    const md = formatPlanMarkdown(plan, 'drift of dist/');
    expect(md).toContain('| `~` | prod/media | Bucket | `assets` | update |');
    expect(md).toContain('<details><summary><code>?</code> prod/media Bucket <code>other</code></summary>');
    expect(md).not.toContain('<code>+</code>');
  });

  it('json: version 1 and one entry per resource with env, app, kind, physical name, action and fields', () => {
    const json = JSON.parse(formatPlanJson(plan));
    expect(json.version).toBe(1);
    expect(json.resources.map((r: Record<string, unknown>) => [r.env, r.app, r.kind, r.physicalName, r.action])).toEqual([
      ['prod', 'media', 'Bucket', 'assets', 'update'], ['prod', 'media', 'Bucket', 'other', 'unknown'], ['prod', 'media', 'Distribution', 'cdn.example', 'create'],
    ]);
    expect(json.resources[0].fields[0].field).toBe('tags');
  });
});
