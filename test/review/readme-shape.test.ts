import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { formatReviewJson, reviewTrees, RISK_IDS } from '../../lib/review';
import { REPO_ROOT } from '../helpers/cli';
import { clone, find, platform, tree } from './fixtures';

/** The README documents the JSON report; the documented shape and the printed one must not drift apart. */
describe('README: diff JSON report', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const documented = JSON.parse(/### JSON report[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]);

  it('has the keys the formatter prints, at every level', () => {
    const base = platform({ protect: true });
    const head = clone(base);
    find(head, 'media/queue.yaml').spec.forProvider.name = 'prod-jobs-v2';
    const printed = JSON.parse(formatReviewJson(reviewTrees(tree('a', base), tree('b', head)), { base: 'a', head: 'worktree' }));
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(documented)).toEqual(keys(printed));
    expect(keys(documented.summary)).toEqual(keys(printed.summary));
    expect(keys(documented.summary.environments[0])).toEqual(keys(printed.summary.environments[0]));
    expect(keys(documented.changes[0])).toEqual(keys(printed.changes[0]));
    expect(keys(documented.changes[0].fields[0])).toEqual(keys(printed.changes[0].fields[0]));
    expect(keys(documented.changes[0].risks[0])).toEqual(keys(printed.changes[0].risks[0]));
    expect(documented.version).toBe(printed.version);
  });

  it('lists every risk class in the risk table', () => {
    const table = /### Risk classes[\s\S]*?### Acknowledging/.exec(readme)![0];
    for (const id of RISK_IDS) {
      expect(table).toContain(`| \`${id}\` |`);
    }
  });
});
