import { GlobalArgs } from './context';
import { ExitCode } from './exit-codes';
import { ErrorOutput, handleError } from './handle-error';
import { CliIo } from './io';

/** Runs a command body, turning its result or error into the process exit code. */
export type CommandRunner = (args: GlobalArgs, body: (io: CliIo) => Promise<ExitCode> | ExitCode) => Promise<void>;

export function commandRunner(io: CliIo, output: ErrorOutput, setExitCode: (code: ExitCode) => void): CommandRunner {
  return async (args, body) => {
    try {
      setExitCode(await body(io));
    } catch (error) {
      setExitCode(handleError(error, io, { ...output, debug: output.debug || Boolean(args.debug) }));
    }
  };
}
