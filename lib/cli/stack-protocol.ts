import type { ConstructWarning } from '../core/warnings';
import type { Finding } from '../policy/rule';
import type { EncodedTreeData } from '../synth/encoded-tree';

/** What the stack worker is doing, for the messages of a timeout or an early exit. */
export type StackPhase = 'loading' | 'building' | 'synthesizing';

/** What the worker is asked to do. */
export interface StackJob {
  readonly root: string;
  readonly appFile: string;
  readonly strict: boolean;
}

/** The synthesis as it crosses from the worker: plain data only. */
export interface SynthesisData {
  /** Every file's text in buffers, transferred rather than copied (see EncodedTree). */
  readonly files: readonly EncodedTreeData[];
  readonly resources: number;
  readonly environments: number;
  readonly apps: number;
  readonly warnings: ConstructWarning[];
  readonly findings: readonly Finding[];
  readonly checked: number;
}

/** An error thrown in the worker, as data (a user error's `message` already ends with its fix). */
export interface ErrorData {
  readonly user: boolean;
  readonly name: string;
  readonly message: string;
  readonly fix?: string;
  readonly stack?: string;
  readonly code?: string;
  readonly path?: string;
  /** The unacknowledged warnings a strict synthesis failed on, to print before the error. */
  readonly warnings?: ConstructWarning[];
}

/** Messages from the worker, in order on one port. */
export type WorkerMessage =
  | { readonly type: 'phase'; readonly phase: StackPhase }
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'done'; readonly synthesis: SynthesisData }
  | { readonly type: 'failed'; readonly error: ErrorData };
