import type { ConstructWarning } from '../core/warnings';
import { GitplaneError, isUserError } from '../core/errors';
import { ExitCode } from './exit-codes';
import { CliIo } from './io';
import { redact } from './redact';
import { describeSystemError } from './system-errors';

export interface ErrorOutput {
  /** Print stack traces. */
  readonly debug: boolean;
  /** Also print the error as a JSON document on stdout (`--json`). */
  readonly json: boolean;
}

/**
 * The single place errors become output. User errors and faults of the machine (a full disk, a
 * permission, a file where a folder belongs) print their message (one line per problem) without a
 * stack trace; anything else is a bug in gitplane and says so. `--debug` adds the stack. With
 * `--json`, stdout also gets `{"ok": false, "error": {"code", "message", "fix"}}`.
 */
export function handleError(error: unknown, io: CliIo, output: ErrorOutput): ExitCode {
  const err = error instanceof Error ? error : new Error(String(error));
  const user: GitplaneError | undefined = isUserError(err) ? err : describeSystemError(err, io.cwd);
  const code = ExitCode.ERROR;
  let message: string;
  let fix: string | undefined;
  if (user) {
    for (const line of user.message.split('\n')) printProblem(io, `error: ${line}`);
    fix = user.fix;
    // The message without its "Fix: ..." tail (and the period GitplaneError put before it).
    message = fix !== undefined && user.message.endsWith(` Fix: ${fix}`) ? user.message.slice(0, -` Fix: ${fix}`.length).replace(/\.$/, '') : user.message;
  } else {
    message = `internal error: ${err.message.split('\n')[0]}`;
    fix = 'run with --debug for the stack trace and report it';
    printProblem(io, `error: ${message} (${fix})`);
  }
  if (output.debug) {
    // The stack of what went wrong first: the stack code's own error, or the system call's.
    const original = ((user as { original?: unknown } | undefined)?.original ?? (err as { original?: unknown }).original) as { stack?: unknown } | undefined;
    io.err(typeof original?.stack === 'string' ? original.stack : err.stack ?? String(err));
  }
  if (output.json) {
    io.out(JSON.stringify({ ok: false, error: { code, message: redact(message), ...(fix !== undefined ? { fix: redact(fix) } : {}) } }, null, 2));
  }
  return code;
}

/** The single printer of error and warning lines (stderr), each value redacted. */
export function printProblem(io: CliIo, line: string): void {
  io.err(redact(line));
}

/** Prints the construct warnings nobody acknowledged, one line each (redacted like every problem). */
export function printWarnings(io: CliIo, warnings: readonly ConstructWarning[]): void {
  for (const w of warnings) {
    if (w.acknowledged === undefined) printProblem(io, `warning ${w.id}: [${w.constructPath}] ${w.message}`);
  }
}
