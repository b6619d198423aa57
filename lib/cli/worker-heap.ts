import * as v8 from 'v8';
import type { ResourceLimits } from 'worker_threads';

/**
 * The old-generation limit of the stack worker, in MB, unless the user sets one. V8 lets a heap grow
 * to four times what survived the last full collection when its limit is 2 GB or more (the default
 * on machines with 16 GB of memory or more), and by a factor scaling from 1.3 at 256 MB to 2 just
 * below 2 GB otherwise (MaxGrowingFactor in V8's src/heap/heap-controller.cc). Synth's live set is
 * mostly the construct tree, so the factor decides its peak: at 2,000 apps a 4 GB limit peaks at about
 * 1 GB resident for a 250 MB live set, this one at about 600 MB, for the same CPU time. It is also
 * the default of a machine with 8 GB of memory, where the same platform must synthesize too.
 */
export const STACK_WORKER_HEAP_MB = 2000;

/**
 * The young generation's limit, in MB: objects that outlive it move to the old generation, which
 * collects them far less often. 16 MB keeps as many scavenges cheap as the default, measured on
 * synth at 500 and 2,000 apps, for 30-40 MB less resident memory.
 */
const STACK_WORKER_YOUNG_MB = 16;

/**
 * The worker's resource limits: the old generation of --max-old-space-size when the user sets it (in
 * NODE_OPTIONS or on node's command line), else STACK_WORKER_HEAP_MB or V8's own default when that
 * is lower (a small machine).
 */
export function stackWorkerLimits(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): ResourceLimits {
  const userMb = maxOldSpaceFlag([...nodeOptions.split(/\s+/), ...execArgv]);
  const defaultMb = Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  return {
    maxOldGenerationSizeMb: userMb ?? Math.min(STACK_WORKER_HEAP_MB, defaultMb),
    maxYoungGenerationSizeMb: STACK_WORKER_YOUNG_MB,
  };
}

/** The value of the last `--max-old-space-size=N` (or `--max_old_space_size`) among `args`. */
function maxOldSpaceFlag(args: readonly string[]): number | undefined {
  let found: number | undefined;
  for (const arg of args) {
    const match = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(arg);
    if (match) found = Number(match[1]);
  }
  return found;
}
