import { GitplaneError } from '../core/errors';
import type { PolicyReport } from '../policy';
import { EncodedTree } from '../synth/encoded-tree';
import { printWarnings } from './handle-error';
import { CliIo } from './io';
import { ErrorData, StackJob, StackPhase, SynthesisData, WorkerMessage } from './stack-protocol';
import { keepIdle, takeWorker } from './stack-worker-pool';
import { STACK_WORKER_HEAP_MB, stackWorkerLimits } from './worker-heap';

/** A synthesis made by stack code in the worker: plain data plus the files and the policy report rebuilt. */
export interface StackSynthesis extends Omit<SynthesisData, 'files' | 'findings' | 'checked'> {
  readonly files: EncodedTree;
  readonly policy: PolicyReport;
}

export interface RunStacksOptions extends StackJob {
  readonly io: CliIo;
  /** Seconds stack code may run (load, build and synthesize together). */
  readonly timeoutSeconds: number;
  /** Stack code's stdout goes to stderr, so stdout carries only the JSON document. */
  readonly json: boolean;
}

/** Stack code ended the process, or never finished: an error of the stack code, not of gitplane. */
export class StackRunError extends GitplaneError {}

/** An error the stack worker reported, rebuilt with its exact message and fix. */
class WorkerError extends GitplaneError {
  constructor(data: ErrorData, public readonly original: { stack?: string }) {
    super(data.message);
    this.name = data.name;
    (this as { fix?: string }).fix = data.fix;
  }
}

/**
 * Loads, builds and synthesizes the stacks in a worker thread, under a time limit. A worker can be
 * stopped whatever the stack code does (an endless loop included), and process.exit() in stack code
 * ends only the worker; both are reported naming the phase that was running. Nothing is written to
 * disk in the worker, so stopping it never leaves a half-written dist/.
 */
export function runStacks(options: RunStacksOptions): Promise<StackSynthesis> {
  const { io, root, appFile, strict, timeoutSeconds, json } = options;
  const job: StackJob = { root, appFile, strict };
  const worker = takeWorker();
  let phase: StackPhase = 'loading';
  let settled = false;
  return new Promise<StackSynthesis>((resolve, reject) => {
    const finish = (outcome: () => void, reusable = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) {
        keepIdle(worker);
      } else {
        void worker.terminate();
      }
      outcome();
    };
    // The clock starts when the worker starts on the stack code (a new worker first loads gitplane).
    let timer: NodeJS.Timeout | undefined;
    const startClock = (): NodeJS.Timeout => setTimeout(() => finish(() => reject(new StackRunError(
      `stack code did not finish within ${timeoutSeconds} s; it was still ${describePhase(phase, appFile)}; nothing was written`,
      `look for an endless loop or a wait that never ends in the stack code, or allow more time with --timeout SECONDS (or "gitplane": { "timeout": ${timeoutSeconds * 2} } in package.json)`,
    ))), timeoutSeconds * 1000);
    const onMessage = (message: WorkerMessage): void => {
      switch (message.type) {
        case 'phase':
          phase = message.phase;
          timer ??= startClock();
          break;
        case 'output':
          if (json || message.stream === 'stderr') io.err(message.text);
          else io.out(message.text);
          break;
        case 'done': {
          const { files, findings, checked, ...rest } = message.synthesis;
          finish(() => resolve({ ...rest, files: new EncodedTree(files), policy: report(findings, checked) }), true);
          break;
        }
        case 'failed':
          printWarnings(io, message.error.warnings ?? []);
          finish(() => reject(rebuild(message.error)), true);
          break;
      }
    };
    const onError = (error: Error): void => finish(() => reject((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(phase, appFile) : new StackRunError(
      `stack code threw ${error.name}: ${error.message.split('\n')[0]} (outside the call to buildPlatform()) while ${describePhase(phase, appFile)}`,
      'fix the stack code: a callback or timer it started failed (run with --debug for the stack trace)',
    )));
    const onExit = (code: number): void => finish(() => reject(new StackRunError(
      `stack code called process.exit(${code}) while ${describePhase(phase, appFile)}; nothing was written`,
      'remove the process.exit() call from the stack code; throw an Error to stop with a message',
    )));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
    // Loaded once the job is posted (the worker is at work meanwhile); needed only when it is done.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { report } = require('../policy/engine') as typeof import('../policy/engine');
  });
}

/** The worker reached its heap limit (see worker-heap.ts): name the limit and how to raise it. */
function outOfMemory(phase: StackPhase, appFile: string): StackRunError {
  const limit = stackWorkerLimits().maxOldGenerationSizeMb;
  return new StackRunError(`stack code ran out of memory (a heap of ${limit} MB) while ${describePhase(phase, appFile)}; nothing was written`,
    `give it more with NODE_OPTIONS=--max-old-space-size=${(limit ?? STACK_WORKER_HEAP_MB) * 2}, or look for stack code that builds without end`);
}

/** `loading stacks/main.ts`, `building the platform (buildPlatform() in stacks/main.ts)`, ... */
export function describePhase(phase: StackPhase, appFile: string): string {
  switch (phase) {
    case 'loading': return `loading ${appFile}`;
    case 'building': return `building the platform (buildPlatform() in ${appFile})`;
    case 'synthesizing': return `synthesizing the platform from ${appFile}`;
  }
}

function rebuild(data: ErrorData): Error {
  if (data.user) return new WorkerError(data, { stack: data.stack });
  const error = Object.assign(new Error(data.message), { code: data.code, path: data.path });
  error.name = data.name;
  error.stack = data.stack;
  return error;
}

