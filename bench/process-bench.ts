/**
 * What users wait for: gitplane as whole processes on the project's disk, on the realistic platform of
 * bench/realistic-platform.ts (cloud resources in both flavors, Ingress + HPA, workers, cron jobs,
 * connectTo, uses, NetworkIsolation, per-app overrides), at BENCH_SIZES apps (default 500,2000).
 * Against the stock toolchain on the same tree: `cdk8s synth --app "npx tsx ..."` (cdk8s-cli, a dev
 * dependency), one folder per chart and one file per resource, paired with gitplane's synth run by run.
 * Timings on a shared machine are noisy: compare ratios within one run. Prints a table per size, then
 * one JSON line (the last line of `npm run bench`).
 *
 * validate_s is warm (gitplane's caches filled by the runs before), validate_cold_s starts each run with
 * empty caches.
 *
 * Knobs: BENCH_SIZES=500,2000  BENCH_PROCESS_RUNS=3  BENCH_WORK_DIR (default .bench-work in the repo)
 *        BENCH_CRDS (default ../shared/crds)  BENCH_SKIP_CDK8S=1
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluate } from '../lib/policy';
import { collectObjects, filePathOf, synthesize } from '../lib/synth';
import { realisticPlatform } from './realistic-platform';
import type { PhaseFigures } from './synth-phases';

const ROOT = path.resolve(__dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '500,2000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 3);
const WORK = path.resolve(process.env.BENCH_WORK_DIR ?? path.join(ROOT, '.bench-work'));
const CRDS = process.env.BENCH_CRDS ?? path.resolve(ROOT, '../shared/crds');
const BIN = path.join(ROOT, 'lib/cli/bin.js');
const RSS_REPORTER = path.join(__dirname, 'rss-reporter.js');

interface Run {
  readonly seconds: number;
  readonly rssBytes: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One whole process, timed from spawn to exit, with its peak RSS. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const rssFile = path.join(WORK, `rss-${process.pid}`);
  fs.rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rssBytes = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : 0;
  return { seconds, rssBytes, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function gitplane(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = run(process.execPath, ['--require', RSS_REPORTER, BIN, ...args], cwd, env);
  if (result.status !== 0 && result.status !== 2) {
    throw new Error(`gitplane ${args.join(' ')} exited ${result.status}: ${result.stderr.split('\n').slice(0, 5).join(' | ')}`);
  }
  return result;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `RUNS` runs of `fn` (each after `setup`); the median seconds and the largest RSS. */
function measure(setup: () => void, fn: () => Run): { seconds: number; rssBytes: number; last: Run } {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    setup();
    runs.push(fn());
  }
  return { seconds: median(runs.map((r) => r.seconds)), rssBytes: Math.max(...runs.map((r) => r.rssBytes)), last: runs[runs.length - 1] };
}

/** A project whose stacks build the realistic platform; `settings.json` holds the size and the edited tag. */
function writeProject(dir: string, apps: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'stacks'), { recursive: true });
  const generator = path.relative(path.join(dir, 'stacks'), path.join(ROOT, 'bench/realistic-platform')).split(path.sep).join('/');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-platform', private: true, gitplane: { app: 'stacks/main.ts', outdir: 'dist' } }, null, 2));
  fs.writeFileSync(path.join(dir, 'stacks/settings.json'), JSON.stringify({ apps }));
  fs.writeFileSync(path.join(dir, 'stacks/main.ts'), [
    `import * as fs from 'fs';`,
    `import * as path from 'path';`,
    `import { realisticPlatform } from '${generator}';`,
    `const settings = JSON.parse(fs.readFileSync(path.join(__dirname, 'settings.json'), 'utf8'));`,
    `export function buildPlatform() { return realisticPlatform({ apps: settings.apps, editedTag: settings.editedTag, cdk8sOutdir: process.env.CDK8S_OUTDIR }); }`,
    // As `cdk8s synth` runs it: the stock App.synth() of the same tree.
    `if (require.main === module) buildPlatform().synth();`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx tsx stacks/main.ts\n');
}

function setEdit(dir: string, apps: number, editedTag?: string): void {
  fs.writeFileSync(path.join(dir, 'stacks/settings.json'), JSON.stringify({ apps, editedTag }));
}

function yamlDocuments(dir: string): number {
  let count = 0;
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) count += fs.readFileSync(full, 'utf8').split(/^---$/m).filter((d) => d.trim() !== '').length;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return count;
}

/** Rule time on a generated input at `apps` and 4x `apps` apps, in process: linear rules stay near 4x. */
function policyRuleGrowth(apps: number): { small_s: number; large_s: number; ratio: number } {
  const time = (n: number) => {
    const items = collectObjects(realisticPlatform({ apps: n })).map((o) => ({ object: o.object }));
    evaluate(items, { profile: 'prod' }); // warm up
    const start = process.hrtime.bigint();
    evaluate(items, { profile: 'prod' });
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  const small = time(apps);
  const large = time(apps * 4);
  return { small_s: round(small), large_s: round(large), ratio: round(large / small) };
}

/**
 * The synth's own phases (bench/synth-phases.ts) at `apps` and 4x `apps`, each in a fresh process.
 * The ratio is of the CPU seconds of prepare + collect, where every object is rendered: linear stays
 * near 4x (CPU rather than wall time, which other tenants of a shared machine inflate).
 */
function synthPhaseGrowth(apps: number): { small: PhaseFigures; large: PhaseFigures; ratio: number } {
  const figures = (n: number): PhaseFigures => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'synth-phases.ts'), String(n)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.status !== 0) throw new Error(`synth-phases ${n} exited ${result.status}: ${result.stderr.split('\n').slice(0, 5).join(' | ')}`);
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as PhaseFigures;
  };
  const rendering = (f: PhaseFigures) => f.cpu.prepare + f.cpu.collect;
  const small = figures(apps);
  const large = figures(apps * 4);
  return { small, large, ratio: round(rendering(large) / rendering(small)) };
}

function benchSize(apps: number): Record<string, number> {
  const dir = path.join(WORK, `platform-${apps}`);
  writeProject(dir, apps);
  const dist = path.join(dir, 'dist');
  const cdk8sOut = path.join(dir, 'cdk8s.out');
  const removeDist = () => fs.rmSync(dist, { recursive: true, force: true });

  // Cold synth and the stock cdk8s synth, paired run by run so both see the same machine load.
  const cold: Run[] = [];
  const cdk8s: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    removeDist();
    cold.push(gitplane(['synth'], dir));
    if (process.env.BENCH_SKIP_CDK8S !== '1') {
      fs.rmSync(cdk8sOut, { recursive: true, force: true });
      const result = run(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--app', 'npx tsx stacks/main.ts', '--output', 'cdk8s.out'], dir, { CDK8S_OUTDIR: 'cdk8s.out' });
      if (result.status !== 0) throw new Error(`cdk8s synth exited ${result.status}: ${result.stderr.split('\n').slice(0, 5).join(' | ')}`);
      cdk8s.push(result);
    }
  }
  const objects = yamlDocuments(dist);
  const cdk8sObjects = cdk8s.length > 0 ? yamlDocuments(cdk8sOut) : objects;
  if (cdk8sObjects !== objects) throw new Error(`cdk8s synth wrote ${cdk8sObjects} objects, gitplane ${objects}: not the same tree`);

  const noop = measure(() => undefined, () => gitplane(['synth'], dir));
  if (!/\(0 written, 0 removed/.test(noop.last.stdout)) throw new Error(`an unchanged re-synth wrote files: ${noop.last.stdout}`);
  let flip = false;
  const edit = measure(() => { flip = !flip; setEdit(dir, apps, flip ? '9.9.9' : undefined); }, () => gitplane(['synth'], dir));
  if (!/\(1 written, 0 removed/.test(edit.last.stdout)) throw new Error(`one override changed should rewrite one file: ${edit.last.stdout}`);
  setEdit(dir, apps);
  gitplane(['synth'], dir);
  const check = measure(() => undefined, () => gitplane(['check'], dir));
  const schemas = fs.existsSync(CRDS) ? ['--schemas', CRDS] : [];
  const validate = measure(() => undefined, () => gitplane(['validate', ...schemas], dir));
  // Cold: gitplane's caches (compiled validators, parsed CRDs, kept results) in a new empty folder, as
  // on a fresh CI machine; GITPLANE_CACHE_DIR moves them, so the warm cache above stays as it is.
  const coldCache = path.join(WORK, `cache-${apps}`);
  const validateCold = measure(() => fs.rmSync(coldCache, { recursive: true, force: true }), () => gitplane(['validate', ...schemas], dir, { GITPLANE_CACHE_DIR: coldCache }));
  if (validateCold.last.stdout !== validate.last.stdout) throw new Error('validate printed another report with cold caches than with warm ones');
  const policy = measure(() => undefined, () => gitplane(['policy', 'check', 'dist'], dir));

  // The floor: node start, read the objects, JSON.stringify each, write one file per object.
  const synthesis = synthesize(realisticPlatform({ apps }));
  const objectsFile = path.join(dir, 'objects.json');
  fs.writeFileSync(objectsFile, JSON.stringify(synthesis.objects.map((o) => ({ file: filePathOf(o), object: o.object }))));
  const floorDir = path.join(dir, 'floor');
  const floor = measure(() => fs.rmSync(floorDir, { recursive: true, force: true }), () => run(process.execPath, [path.join(__dirname, 'floor.js'), objectsFile, floorDir], dir));

  const figures = {
    apps,
    objects,
    synth_cold_s: round(median(cold.map((r) => r.seconds))),
    synth_noop_s: round(noop.seconds),
    synth_edit_s: round(edit.seconds),
    check_s: round(check.seconds),
    validate_s: round(validate.seconds),
    validate_cold_s: round(validateCold.seconds),
    policy_check_s: round(policy.seconds),
    cdk8s_tsx_s: cdk8s.length > 0 ? round(median(cdk8s.map((r) => r.seconds))) : NaN,
    floor_s: round(floor.seconds),
    peak_rss_mb: Math.round(Math.max(...cold.map((r) => r.rssBytes), noop.rssBytes, edit.rssBytes, check.rssBytes) / 2 ** 20),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

fs.mkdirSync(WORK, { recursive: true });
try {
  const bare = measure(() => undefined, () => run(process.execPath, ['-e', '0'], ROOT));
  const version = measure(() => undefined, () => gitplane(['--version'], ROOT));
  const bySize = SIZES.map(benchSize);
  const rules = policyRuleGrowth(Math.max(10, Math.round(Math.min(...SIZES) / 4)));
  const phases = synthPhaseGrowth(Math.min(...SIZES));
  console.log(`gitplane process bench: median of ${RUNS} runs, ${os.cpus().length} CPUs, in ${WORK} (shared machines are noisy: read ratios)`);
  console.log(`  --version ${version.seconds.toFixed(3)} s, bare node ${bare.seconds.toFixed(3)} s (${(version.seconds / bare.seconds).toFixed(2)}x)`);
  console.log(`  policy rules in process: ${rules.small_s} s -> ${rules.large_s} s at 4x the objects (${rules.ratio}x)`);
  for (const f of [phases.small, phases.large]) {
    console.log(`  synth phases in process, ${f.apps} apps, ${f.objects} objects (CPU s): ${Object.entries(f.cpu).map(([phase, s]) => `${phase} ${s}`).join(', ')}; peak RSS ${f.peak_rss_mb} MB`);
  }
  console.log(`  prepare + collect at 4x the objects: ${phases.ratio}x the CPU time`);
  for (const f of bySize) {
    console.log(`  ${f.apps} apps, ${f.objects} objects: synth cold ${f.synth_cold_s} s, no-op ${f.synth_noop_s} s, edit ${f.synth_edit_s} s ` +
      `(${(f.synth_edit_s / f.cdk8s_tsx_s).toFixed(2)} x cdk8s synth ${f.cdk8s_tsx_s} s), check ${f.check_s} s, validate ${f.validate_s} s (cold caches ${f.validate_cold_s} s), ` +
      `policy check ${f.policy_check_s} s, floor ${f.floor_s} s, peak RSS ${f.peak_rss_mb} MB`);
  }
  const first = bySize[0];
  const last = bySize[bySize.length - 1];
  console.log(JSON.stringify({
    ...first,
    version_s: round(version.seconds),
    bare_node_s: round(bare.seconds),
    growth: bySize.length > 1 ? round(last.synth_noop_s / first.synth_noop_s) : null,
    growth_objects: bySize.length > 1 ? round(last.objects / first.objects) : null,
    peak_rss_mb_largest: last.peak_rss_mb,
    policy_rules_growth_4x: rules.ratio,
    synth_render_growth_4x: phases.ratio,
    synth_phases: [phases.small, phases.large],
    sizes: bySize,
  }));
} finally {
  fs.rmSync(WORK, { recursive: true, force: true });
}
