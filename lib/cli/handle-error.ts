import { isUserError } from '../core/errors';
import { ExitCode } from './exit-codes';
import { CliIo } from './io';

/**
 * The single place errors become output. User errors print their message (one line per problem)
 * without a stack trace; anything else is a bug in gitplane and says so. `--debug` adds the stack.
 */
export function handleError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  const err = error instanceof Error ? error : new Error(String(error));
  if (isUserError(err)) {
    for (const line of err.message.split('\n')) io.err(`error: ${line}`);
  } else {
    io.err(`error: internal error: ${err.message.split('\n')[0]} (run with --debug for the stack trace and report it)`);
  }
  if (debug) {
    const original = (err as { original?: unknown }).original;
    io.err((original instanceof Error ? original.stack : undefined) ?? err.stack ?? String(err));
  }
  return ExitCode.ERROR;
}
