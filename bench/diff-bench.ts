/**
 * `diff_s`: `gitplane diff`'s engine between two commits of the 500-app bench platform that differ in
 * 5% of their objects: read dist/ at both commits (ls-tree + one batched cat-file each), diff by
 * identity, classify risks and print the JSON report. Prints one row, then one JSON line to merge
 * into the bench table. Compare with `synth_s` of the same run (target: diff_s <= synth_s).
 *
 *   BENCH_APPS=50 node --import tsx bench/diff-bench.ts   (BENCH_KEEP=1 keeps the repository and prints its path)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseManifestText, readManifestTreeAtRef } from '../lib/manifests';
import { formatReviewJson, reviewTrees } from '../lib/review';
import { synthesize, writeSynthesis } from '../lib/synth';
import { syntheticPlatform } from './synthetic-platform';

const APPS = Number(process.env.BENCH_APPS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** One object in this many is changed between the two commits (5%). */
const EVERY = 20;
const base = process.env.BENCH_DIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
const work = fs.mkdtempSync(path.join(base, 'gitplane-diff-bench-'));

const git = (...args: string[]) => execFileSync('git', args, {
  cwd: work, encoding: 'utf8', maxBuffer: 1 << 30,
  env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' },
}).trim();

function files(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? files(dir, rel) : [rel];
  }).sort();
}

/** Changes every EVERY-th object the way day-to-day commits do: image bumps, config values, replicas, labels. */
function changeFivePercent(dist: string): number {
  let changed = 0;
  files(dist).forEach((file, index) => {
    if (index % EVERY !== 0) return;
    const target = path.join(dist, file);
    const objects = parseManifestText(file, fs.readFileSync(target, 'utf8'));
    for (const object of objects) {
      const spec = object.spec as Record<string, any> | undefined;
      const containers = spec?.template?.spec?.containers as Record<string, any>[] | undefined;
      if (containers?.[0]) containers[0].image = String(containers[0].image).replace(/:1\.(\d)\.0/, ':1.$1.1');
      else if (object.kind === 'ConfigMap' && object.data) (object.data as Record<string, string>).LOG_LEVEL = 'debug';
      else if (object.kind === 'HorizontalPodAutoscaler' && spec) spec.maxReplicas = Number(spec.maxReplicas ?? 1) + 2;
      else object.metadata.labels = { ...(object.metadata.labels ?? {}), 'bench.example.com/revision': '2' };
      changed++;
    }
    fs.writeFileSync(target, objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  });
  return changed;
}

async function main(): Promise<void> {
  git('init', '-q', '-b', 'main');
  const dist = path.join(work, 'dist');
  writeSynthesis(synthesize(syntheticPlatform({ apps: APPS })), dist);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const objects = changeFivePercent(dist);
  git('add', '-A');
  git('commit', '-q', '-m', 'head');

  const times: number[] = [];
  let report = '';
  let resources = 0;
  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    const start = process.hrtime.bigint();
    const [before, after] = await Promise.all([readManifestTreeAtRef(work, 'HEAD~1', 'dist'), readManifestTreeAtRef(work, 'HEAD', 'dist')]);
    const review = reviewTrees(before, after);
    report = formatReviewJson(review, { base: before.commit, head: after.commit });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    resources = after.documents.length;
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)];
  const summary = JSON.parse(report).summary;
  console.log(`${'gitplane diff, two commits (5% of objects changed)'.padEnd(52)} ${seconds.toFixed(3).padStart(8)} s ` +
    `${resources} resources, ${objects} changed, ${summary.modified} modified, ${summary.risks} risks, median of ${RUNS}`);
  console.log(JSON.stringify({ diff_s: Math.round(seconds * 1000) / 1000, diff_resources: resources, diff_changed_objects: objects, diff_modified: summary.modified }));
}

main().finally(() => process.env.BENCH_KEEP ? console.log(work) : fs.rmSync(work, { recursive: true, force: true })).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
