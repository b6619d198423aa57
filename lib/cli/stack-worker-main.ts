import type { ConstructWarning } from '../core/warnings';
import { parentPort } from 'worker_threads';
import { isUserError } from '../core/errors';
import { EncodedTree, EncodedTreeData } from '../synth/encoded-tree';
import { serializedFiles } from '../synth/layout';
import { SynthesisSummary, synthesizeEnvironments } from '../synth/synthesize';
import { garbageCollector } from './collect-garbage';
import { loadPlatform, stackCodeError } from './load-platform';
import { ErrorData, StackJob, WorkerMessage } from './stack-protocol';

/**
 * Runs in a worker thread: loads the stacks, builds and synthesizes the platform, and posts the
 * result as plain data. Stack code lives only here, so the CLI can stop it when it never returns and
 * notice when it calls process.exit (which ends only this thread). Its console output is posted on
 * the same port as the result, so the CLI sees it in order and can keep stdout for JSON.
 * Between jobs the project's modules are dropped from the require cache (see loadPlatform).
 */
const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

for (const stream of ['stdout', 'stderr'] as const) {
  const write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8');
    post({ type: 'output', stream, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
  (process[stream] as unknown as { write: typeof write }).write = write;
}

function run(job: StackJob): void {
  try {
    post({ type: 'phase', phase: 'loading' });
    const { summary, files } = synthesizeEncoded(job);
    post({
      type: 'done',
      synthesis: {
        files: files.data,
        resources: summary.objects,
        environments: summary.environments,
        apps: summary.apps,
        warnings: summary.warnings.map((w) => ({ ...w })),
        findings: summary.policy.findings,
        checked: summary.policy.checked,
      },
    }, files.transferList());
  } catch (error) {
    post({ type: 'failed', error: asData(error) });
  }
}

/**
 * Builds the platform and synthesizes it environment by environment, encoding each file into bytes
 * as soon as it is serialized. The platform is referenced only from this frame and each environment's
 * constructs are released once rendered, so the tree, the rendered objects and the text of all
 * environments are never alive at once.
 */
function synthesizeEncoded(job: StackJob): { summary: SynthesisSummary & { objects: number }; files: EncodedTree } {
  const platform = loadPlatform(job.root, job.appFile, () => post({ type: 'phase', phase: 'building' }));
  post({ type: 'phase', phase: 'synthesizing' });
  const segments: EncodedTreeData[] = [];
  let objects = 0;
  try {
    const summary = synthesizeEnvironments(platform, {
      strict: job.strict,
      releaseEnvironments: true,
      collectGarbage: garbageCollector(),
      onEnvironment: (environment) => {
        objects += environment.objects.length;
        segments.push(...EncodedTree.encodeEach(serializedFiles(environment.plan)));
      },
    });
    return { summary: { ...summary, objects }, files: new EncodedTree(segments) };
  } catch (error) {
    throw stackCodeError(error, job.root) ?? error;
  }
}

function asData(error: unknown): ErrorData {
  const err = error instanceof Error ? error : new Error(String(error));
  const user = isUserError(err);
  const fix = user ? (err as { fix?: string }).fix : undefined;
  const original = (err as { original?: unknown }).original;
  const { code, path } = err as NodeJS.ErrnoException;
  const { warnings } = err as { warnings?: readonly ConstructWarning[] };
  return {
    user,
    name: err.name,
    message: err.message,
    ...(fix !== undefined ? { fix } : {}),
    stack: (original instanceof Error ? original.stack : undefined) ?? err.stack,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(Array.isArray(warnings) ? { warnings: warnings.map((w) => ({ ...w })) } : {}),
  };
}

// One job per message; the CLI keeps an idle worker for the next load (tests, watch loops).
port.on('message', (job: StackJob) => run(job));
