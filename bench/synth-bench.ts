/**
 * `npm run bench`: synthesizes a 500-app x 3-environment platform and measures, in one run,
 * gitplane's synth (cold, no-op), check, cdk8s' own App.synth() on the same tree, and the floor
 * (build + toJson + JSON.stringify + write bytes). Prints a table, then one JSON line.
 */
import { ApiObject } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { labelledDocuments, readManifestFolder } from '../lib/manifests';
import { createValidator } from '../lib/schema';
import { compareTrees, readTree, synthesize, writeSynthesis } from '../lib/synth';
import { syntheticPlatform } from './synthetic-platform';

const APPS = Number(process.env.BENCH_APPS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// On a RAM-backed folder when there is one: the disk of a shared VM adds seconds of noise per
// thousand files, which would drown the differences between the synth engines being compared.
const base = process.env.BENCH_DIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
const work = fs.mkdtempSync(path.join(base, 'gitplane-bench-'));

/** Median wall time of `runs` runs of `fn`, each after `setup`, in seconds. */
function measure<T>(runs: number, setup: () => void, fn: () => T): { seconds: number; last: T } {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    setup();
    global.gc?.();
    const start = process.hrtime.bigint();
    last = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], last };
}

const empty = (dir: string) => () => fs.rmSync(dir, { recursive: true, force: true });
const dist = path.join(work, 'dist');

try {
  // (a) cold synth into an empty folder
  const cold = measure(RUNS, empty(dist), () => writeSynthesis(synthesize(syntheticPlatform({ apps: APPS })), dist));
  const resources = cold.last.written.length;
  // (b) unchanged re-synth over the tree (a) left
  const noop = measure(RUNS, () => undefined, () => writeSynthesis(synthesize(syntheticPlatform({ apps: APPS })), dist));
  // (c) check: fresh synthesis in memory compared with the tree on disk
  const check = measure(RUNS, () => undefined, () => compareTrees(synthesize(syntheticPlatform({ apps: APPS })).files, readTree(dist)));
  if (check.last.length !== 0) throw new Error(`check found ${check.last.length} differences on an unchanged tree`);
  // validate: the tree against the Kubernetes schemas and the upstream CRDs (../shared/crds when
  // present, or BENCH_CRDS); without CRDs every Argo CD and Flux object counts as an unknown kind
  const crds = process.env.BENCH_CRDS ?? path.resolve(__dirname, '../../shared/crds');
  const validator = createValidator({ schemaDirs: fs.existsSync(crds) ? [crds] : [] });
  const validate = measure(RUNS, () => undefined, () => validator.validateAll(labelledDocuments(readManifestFolder(dist, { label: 'dist/', mode: 'dist' }))));
  // (d) cdk8s' own App.synth() with one folder per chart and one file per resource
  const cdk8sDir = path.join(work, 'cdk8s');
  const cdk8s = measure(RUNS, empty(cdk8sDir), () => syntheticPlatform({ apps: APPS, cdk8sOutdir: cdk8sDir }).synth());
  // (e) the floor: build the tree, toJson, JSON.stringify, write the bytes
  const floorDir = path.join(work, 'floor');
  const floor = measure(RUNS, empty(floorDir), () => writeFloor(floorDir));

  const row = (label: string, seconds: number, note = '') =>
    `${label.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s ${note}`;
  const lines = [
    `gitplane bench: ${APPS} apps x 3 environments, ${resources} resources, median of ${RUNS} runs, ${os.cpus().length} CPUs, in ${base}`,
    row('(a) gitplane synth, cold (empty dir)', cold.seconds, `${ratio(cdk8s.seconds, cold.seconds)} faster than (d), ${ratio(cold.seconds, floor.seconds)} of floor`),
    row('(b) gitplane synth, unchanged re-synth', noop.seconds, `${noop.last.written.length} files written`),
    row('(c) gitplane check', check.seconds),
    row('    gitplane validate (read + schemas)', validate.seconds, `${validate.last.objectsChecked} objects, ${validate.last.findings.length} problems`),
    row('(d) cdk8s App.synth() FOLDER_PER_CHART_FILE_PER_RESOURCE', cdk8s.seconds, 'baseline'),
    row('(e) floor: tree + toJson + JSON.stringify + write', floor.seconds),
  ];
  for (const line of lines) console.log(line);
  console.log(JSON.stringify({
    resources,
    synth_s: round(cold.seconds),
    noop_synth_s: round(noop.seconds),
    noop_files_written: noop.last.written.length,
    check_s: round(check.seconds),
    cdk8s_app_synth_s: round(cdk8s.seconds),
    floor_s: round(floor.seconds),
  }));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/** The least any synth must do: build, serialize with JSON.stringify, and write one file per object. */
function writeFloor(dir: string): number {
  const platform = syntheticPlatform({ apps: APPS });
  platform.prepare();
  let count = 0;
  for (const env of platform.environments) {
    for (const construct of env.node.findAll()) {
      if (!(construct instanceof ApiObject)) continue;
      const folder = path.join(dir, env.envName, construct.chart.node.id);
      if (count === 0 || !fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `${construct.kind}-${construct.name}.json`), JSON.stringify(construct.toJson()));
      count++;
    }
  }
  return count;
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
