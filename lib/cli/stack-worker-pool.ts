import * as path from 'path';
import { Worker } from 'worker_threads';
import { stackWorkerLimits } from './worker-heap';

/*
 * The worker threads stack code runs in (see stack-runner.ts). A new worker first loads gitplane
 * itself; one that finished its job cleanly is kept, unreferenced, for the next job (tests and watch
 * loops load stacks many times).
 */

/** The entry (always the JavaScript file in lib/cli) and the main module of this copy of gitplane, compiled or not. */
const ENTRY = path.resolve(__dirname, '../../lib/cli/stack-worker.js');
const MAIN = path.join(__dirname, `stack-worker-main${path.extname(__filename)}`);

/** A worker that finished its last job cleanly, kept (unreferenced) for the next one. */
let idle: Worker | undefined;
let keepForNextJob = true;

/**
 * For a process that runs one command (the `gitplane` executable): a worker is stopped as soon as its
 * job is done, so its heap is returned before the command goes on to write, review or compare.
 */
export function oneJobPerProcess(): void {
  keepForNextJob = false;
}

export function takeWorker(): Worker {
  const worker = idle ?? newWorker();
  idle = undefined;
  worker.ref();
  return worker;
}

function newWorker(): Worker {
  const worker = new Worker(ENTRY, { stdout: false, stderr: false, workerData: { main: MAIN }, resourceLimits: stackWorkerLimits() });
  // Late failures of an idle worker (a timer the stack code left behind) only retire it.
  const retire = (): void => { if (idle === worker) idle = undefined; };
  worker.on('error', retire);
  worker.on('exit', retire);
  return worker;
}

/** Keeps a worker that finished cleanly for the next job, without keeping the process alive. */
export function keepIdle(worker: Worker): void {
  if (!keepForNextJob) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle = worker;
}
