import { Limiter } from './limiter';

/** A command may be sent only when its name says it reads: `Get*`, `List*` or `Head*`. */
export const READ_ONLY_COMMAND = /^(Get|List|Head)[A-Za-z0-9]*Command$/;

/** Thrown before a non-read command leaves the process. Never a user error: it is a bug guard. */
export class WriteAttemptError extends Error {
  constructor(public readonly command: string) {
    super(`refused to send ${command}: gitplane only reads from AWS (allowed: Get*, List*, Head*)`);
    this.name = 'WriteAttemptError';
  }
}

/** Any AWS SDK v3 client: what plan needs of it. */
export interface SendingClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface ReadOnlyOptions {
  /** Shared by every client of one plan, so the whole run has one concurrency limit. */
  readonly limiter?: Limiter;
  /** Abort one call (all its retries) after this long. */
  readonly callTimeoutMs?: number;
  /** Aborts every call in flight and every later one (the total deadline). */
  readonly deadline?: AbortSignal;
}

export class CallTimeoutError extends Error {
  constructor(command: string, ms: number) {
    super(`${command} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

export class DeadlineError extends Error {
  constructor() {
    super('the total deadline passed before this call');
    this.name = 'DeadlineError';
  }
}

/**
 * Wraps a client so that only read commands can be sent (checked by the command's class name before
 * anything is signed or sent), through the shared concurrency limiter, each call bounded by a timeout
 * and the run's deadline. Every other property of the client is hidden except `config` and `destroy`.
 */
export function readOnly<C extends SendingClient>(client: C, options: ReadOnlyOptions = {}): C {
  const send = async (command: object, sendOptions?: { abortSignal?: AbortSignal }): Promise<unknown> => {
    const name = command?.constructor?.name ?? typeof command;
    if (!READ_ONLY_COMMAND.test(name)) throw new WriteAttemptError(name);
    const call = () => sendBounded(client, command, name, options, sendOptions);
    return options.limiter ? options.limiter.run(call) : call();
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'send') return send;
      if (typeof property === 'symbol') return Reflect.get(target, property, receiver);
      if (property === 'config' || property === 'destroy' || property === 'then') return Reflect.get(target, property, receiver);
      throw new WriteAttemptError(`client.${String(property)}`);
    },
  });
}

async function sendBounded(client: SendingClient, command: object, name: string, options: ReadOnlyOptions,
  sendOptions?: { abortSignal?: AbortSignal }): Promise<unknown> {
  if (options.deadline?.aborted) throw new DeadlineError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = options.callTimeoutMs
    ? setTimeout(() => { timedOut = true; controller.abort(); }, options.callTimeoutMs)
    : undefined;
  const onDeadline = () => controller.abort();
  options.deadline?.addEventListener('abort', onDeadline);
  sendOptions?.abortSignal?.addEventListener('abort', onDeadline);
  try {
    return await client.send(command, { abortSignal: controller.signal });
  } catch (error) {
    if (timedOut) throw new CallTimeoutError(name, options.callTimeoutMs!);
    if (options.deadline?.aborted) throw new DeadlineError();
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    options.deadline?.removeEventListener('abort', onDeadline);
    sendOptions?.abortSignal?.removeEventListener('abort', onDeadline);
  }
}
