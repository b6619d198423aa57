/**
 * The phases of one synth in process, on the realistic platform of `apps` apps: building the tree,
 * `prepare` (the reconcilers' objects and sync waves), collect (validate and render every object),
 * policy (rules and secret scanner) and layout (the YAML text of every file). Each phase in wall and
 * CPU seconds with the RSS at its end, and the peak RSS of the process.
 *
 * Run as `node --import tsx bench/synth-phases.ts <apps>` it prints one JSON line; process-bench runs
 * it in a fresh process per size, so a size never inherits another one's heap.
 */
import { collectObjects, enforcePolicy, layoutFiles } from '../lib/synth';
import { realisticPlatform } from './realistic-platform';

export interface PhaseFigures {
  readonly apps: number;
  readonly objects: number;
  /** Wall seconds per phase. */
  readonly wall: Readonly<Record<Phase, number>>;
  /** CPU seconds per phase (all threads of the process, the garbage collector's included). */
  readonly cpu: Readonly<Record<Phase, number>>;
  /** Resident set size at the end of each phase, in MB. */
  readonly rss_mb: Readonly<Record<Phase, number>>;
  readonly peak_rss_mb: number;
}

export type Phase = 'build' | 'prepare' | 'collect' | 'policy' | 'layout';

export function synthPhases(apps: number): PhaseFigures {
  const wall = {} as Record<Phase, number>;
  const cpu = {} as Record<Phase, number>;
  const rss = {} as Record<Phase, number>;
  let start = process.hrtime.bigint();
  let startCpu = process.cpuUsage();
  const done = (phase: Phase) => {
    const used = process.cpuUsage(startCpu);
    wall[phase] = round(Number(process.hrtime.bigint() - start) / 1e9);
    cpu[phase] = round((used.user + used.system) / 1e6);
    rss[phase] = Math.round(process.memoryUsage.rss() / 2 ** 20);
    start = process.hrtime.bigint();
    startCpu = process.cpuUsage();
  };

  const platform = realisticPlatform({ apps });
  done('build');
  platform.prepare();
  done('prepare');
  const objects = collectObjects(platform); // prepare() already ran: this validates and renders
  done('collect');
  enforcePolicy(objects, new Map(platform.environments.map((env) => [env.envName, env.policy])), false);
  done('policy');
  layoutFiles(objects);
  done('layout');
  return { apps, objects: objects.length, wall, cpu, rss_mb: rss, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (require.main === module) {
  const apps = Number(process.argv[2] ?? 500);
  console.log(JSON.stringify(synthPhases(apps)));
}
