import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { describe, expect, it } from 'vitest';
import { STACK_WORKER_HEAP_MB, stackWorkerLimits } from '../../lib/cli/worker-heap';
import { runBin, tempProject } from '../helpers/cli';

describe("the stack worker's heap", () => {
  it("stays below the size at which V8 lets a heap grow fourfold, unless the machine's default is lower", () => {
    // V8 lets the heap grow up to 4x its live size between full collections only when the old
    // generation's limit is 2 GB or more (MaxGrowingFactor, src/heap/heap-controller.cc); below
    // that the factor scales down toward 1.3.
    const defaultMb = Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
    const limits = stackWorkerLimits([], '');
    expect(STACK_WORKER_HEAP_MB).toBeLessThan(2048);
    expect(limits.maxOldGenerationSizeMb).toBe(Math.min(STACK_WORKER_HEAP_MB, defaultMb));
    expect(limits.maxYoungGenerationSizeMb).toBe(16);
  });

  it('follows --max-old-space-size when the user sets it, on the command line or in NODE_OPTIONS (the last one wins)', () => {
    expect(stackWorkerLimits(['--max-old-space-size=6144'], '').maxOldGenerationSizeMb).toBe(6144);
    expect(stackWorkerLimits([], '--enable-source-maps --max_old_space_size=3000').maxOldGenerationSizeMb).toBe(3000);
    expect(stackWorkerLimits(['--max-old-space-size=900'], '--max-old-space-size=3000').maxOldGenerationSizeMb).toBe(900);
    expect(stackWorkerLimits(['--max-old-space-size-x=1'], '--max-semi-space-size=64').maxOldGenerationSizeMb).toBe(stackWorkerLimits([], '').maxOldGenerationSizeMb);
  });

  it('stops stack code that runs out of it with one line naming the limit and how to raise it; nothing is written', () => {
    // GIVEN stack code that keeps allocating while it builds
    const dir = tempProject(`import { Platform } from '@lib';
export function buildPlatform(): Platform {
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 100000 }, (_, i) => i + 0.5));
}
`);
    // WHEN synth runs with a small heap
    const result = runBin(['synth'], dir, { NODE_OPTIONS: '--max-old-space-size=160' });
    // THEN the worker is stopped (not the CLI), the error says what and how, and dist/ was never created
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'error: stack code ran out of memory (a heap of 160 MB) while building the platform (buildPlatform() in stacks/main.ts); nothing was written. ' +
      'Fix: give it more with NODE_OPTIONS=--max-old-space-size=320, or look for stack code that builds without end',
    ]);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
