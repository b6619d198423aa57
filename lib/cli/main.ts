import yargs, { MiddlewareFunction } from 'yargs';
import { UsageError } from '../core/errors';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { driftCommand } from './commands/drift';
import { importCommand } from './commands/import';
import { planCommand } from './commands/plan';
import { policyCommand } from './commands/policy';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { ExitCode } from './exit-codes';
import { checkFlagValues, FlagTypes, wantsJson } from './flags';
import { handleError } from './handle-error';
import { CliIo, processIo } from './io';
import { commandRunner } from './runner';
import { oneJobPerProcess } from './stack-worker-pool';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

/** The `gitplane` executable: one command per process, so no stack worker is kept for a next job. */
export function runExecutable(argv: readonly string[]): Promise<ExitCode> {
  oneJobPerProcess();
  return main(argv);
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never exits. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.OK;
  const output = { debug: argv.includes('--debug'), json: wantsJson(argv) };
  const run = commandRunner(io, output, (code) => { exitCode = code; });
  const parser = yargs([...argv])
    .scriptName('gitplane')
    .usage('$0 <command> [options]\n\nTyped TypeScript stacks in, reviewed Kubernetes YAML out: dist/ for Argo CD or Flux.')
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces for errors' })
    .middleware(flagValueCheck(argv), true)
    .command(synthCommand(run))
    .command(checkCommand(run))
    .command(validateCommand(run))
    .command(policyCommand(run))
    .command(diffCommand(run))
    .command(planCommand(run))
    .command(driftCommand(run))
    .command(importCommand(run))
    .demandCommand(1, 'name a command, e.g. gitplane synth')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 110))
    .epilogue('Exit codes: 0 ok, 1 error, 2 changes or drift found, 3 risky changes need approval, 4 partial result.')
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? usageError(message, argv);
    });
  try {
    let printed = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => { printed = output ?? ''; });
    if (printed) io.out(printed);
  } catch (error) {
    return handleError(error, io, output);
  }
  return exitCode;
}

/**
 * A middleware that checks the flags as typed against the option types of the command being run
 * (yargs passes its instance as the second argument, which its typings leave out).
 */
function flagValueCheck(argv: readonly string[]): MiddlewareFunction {
  const check = (args: Record<string, unknown>, instance: { getOptions(): unknown }): void => checkFlagValues(argv, instance.getOptions() as FlagTypes, args);
  return check as unknown as MiddlewareFunction;
}

/** Rewrites yargs' validation messages into gitplane's one-line form, naming flags as typed. */
function usageError(message: string, argv: readonly string[]): UsageError {
  const first = message.split('\n')[0];
  const unknown = /^Unknown arguments?: (.+)$/.exec(first);
  if (unknown) {
    const names = unknown[1].split(', ').map((name) => {
      const typed = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
      return typed ? `flag ${typed.split('=')[0]}` : `command or argument "${name}"`;
    });
    return new UsageError(`unknown ${names.join(', unknown ')}`, 'see gitplane --help (or gitplane <command> --help)');
  }
  const missing = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(first);
  if (missing) {
    const command = ['gitplane', ...commandWords(argv)].join(' ');
    return new UsageError(`${command} needs at least ${missing[2]} argument(s), got ${missing[1]}`, `see ${command} --help`);
  }
  return new UsageError(first, 'see gitplane --help');
}

/** The command and subcommand as typed (`policy check`): the leading words before any flag. */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words;
}
