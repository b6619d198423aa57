import * as path from 'path';
import { UsageError } from '../core/errors';
import { ProjectConfig, loadConfig, outFolder } from './config';
import { CliIo } from './io';

/** Options every command accepts. */
export interface GlobalArgs {
  readonly debug: boolean;
}

/** Options of commands that synthesize the stacks. */
export interface ProjectArgs extends GlobalArgs {
  readonly app?: string;
  readonly out?: string;
  readonly timeout?: number;
}

/** What a command needs to run: its io, the project config, and resolved paths. */
export interface CommandContext {
  readonly io: CliIo;
  readonly config: ProjectConfig;
  readonly root: string;
  /** The stacks entry module (`--app` ?? config ?? default). */
  readonly appFile: string;
  /** Absolute output folder (`--out` ?? config ?? default). */
  readonly outDir: string;
  /** The output folder as the user sees it, for messages. */
  readonly outLabel: string;
  /** Seconds stack code may run (`--timeout` ?? config ?? 120). */
  readonly timeoutSeconds: number;
}

export function commandContext(io: CliIo, args: ProjectArgs & { outFlag?: string }): CommandContext {
  const config = loadConfig(io.cwd);
  if (args.app !== undefined) nonEmpty(args.app, '--app', 'the stacks entry module, e.g. --app stacks/main.ts');
  const flag = args.outFlag ?? '--out';
  const out = args.out === undefined ? config.outdir : outFolder(io.cwd, nonEmpty(args.out, flag, `a folder, e.g. ${flag} dist`), flag);
  return {
    io,
    config,
    root: io.cwd,
    appFile: args.app ?? config.app,
    outDir: path.resolve(io.cwd, out),
    outLabel: out.endsWith('/') ? out : `${out}/`,
    timeoutSeconds: timeoutSeconds(args.timeout, config.timeout),
  };
}

/** Common yargs options for commands that synthesize the stacks. */
export const projectOptions = {
  app: {
    type: 'string',
    describe: 'Stacks entry module [default: package.json "gitplane.app" or stacks/main.ts]',
  },
  out: {
    type: 'string',
    describe: 'Output folder [default: package.json "gitplane.outdir" or dist]',
  },
  timeout: {
    type: 'number',
    describe: 'Seconds the stack code may run before it is stopped [default: package.json "gitplane.timeout" or 120]',
  },
} as const;

/**
 * A flag given an empty value (`--app ''`) is a usage error, not ''. Checked here rather than in a
 * yargs `coerce`, whose errors yargs rewraps as its own (they would print as internal errors).
 */
function nonEmpty(value: string, flag: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a value`, `pass ${example}`, flag);
  return value;
}

/** `--timeout` ?? `"gitplane.timeout"` (default 120), as a whole number of seconds from 1 to 86400. */
export function timeoutSeconds(flag: number | undefined, config: number): number {
  const value = flag ?? config;
  if (!Number.isInteger(value) || value < 1 || value > 86_400) {
    const source = flag !== undefined ? '--timeout' : 'package.json "gitplane.timeout"';
    throw new UsageError(`${source} must be a whole number of seconds from 1 to 86400, got ${value}`,
      flag !== undefined ? 'pass e.g. --timeout 300' : 'set it like "timeout": 300', flag !== undefined ? '--timeout' : undefined);
  }
  return value;
}
