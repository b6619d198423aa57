import { describe, expect, it } from 'vitest';
import { keepIdle, oneJobPerProcess, takeWorker } from '../../lib/cli/stack-worker-pool';

describe('stack worker pool', () => {
  it('keeps a finished worker for the next job, until the process runs one command only; then it stops it to return its heap', async () => {
    // GIVEN a worker that finished a job
    const first = takeWorker();
    keepIdle(first);
    // THEN by default the next job gets the same worker
    const again = takeWorker();
    expect(again).toBe(first);
    // WHEN the process declares one job per process (the gitplane executable does)
    oneJobPerProcess();
    const exited = new Promise<number>((resolve) => again.once('exit', resolve));
    keepIdle(again);
    // THEN the finished worker is stopped, and a next job gets a new one
    await exited;
    const next = takeWorker();
    expect(next).not.toBe(first);
    await next.terminate();
  });
});
