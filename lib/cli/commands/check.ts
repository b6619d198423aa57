import type { Argv, CommandModule } from 'yargs';
import { commandContext, ProjectArgs, projectOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CommandRunner } from '../runner';

export interface CheckArgs extends ProjectArgs {
  readonly json: boolean;
  readonly git: boolean;
}

/** `gitplane check`: prove dist/ is exactly what the stacks produce (and, with --git, committed). */
export function checkCommand(run: CommandRunner): CommandModule<object, CheckArgs> {
  return {
    command: 'check',
    describe: 'Verify that dist/ is current and not edited by hand',
    builder: (yargs: Argv) => yargs
      .options({
        ...projectOptions,
        json: { type: 'boolean', default: false, describe: 'Print the result as JSON' },
        git: { type: 'boolean', default: false, describe: 'Also fail when dist/ has uncommitted changes' },
      })
      .example('$0 check', 'Exit 1 and list files if dist/ is stale or edited')
      .example('$0 check --git', 'Also require dist/ to be committed (for CI)') as unknown as Argv<CheckArgs>,
    handler: (args) => run(args, async (io) => {
      // Loaded here, not at the top: other commands and --version start without them.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { checkDist } = require('../../synth/check-dist') as typeof import('../../synth/check-dist');
      const { checkSummary, formatCheckReport } = require('../../synth/check-format') as typeof import('../../synth/check-format');
      const { runStacks } = require('../stack-runner') as typeof import('../stack-runner');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const ctx = commandContext(io, args);
      checkOutputFolder(io, ctx.outDir, ctx.outLabel, 'check');
      const synthesis = await runStacks({ io, root: ctx.root, appFile: ctx.appFile, strict: false, timeoutSeconds: ctx.timeoutSeconds, json: args.json });
      const result = await checkDist(synthesis.files, { outDir: ctx.outDir, label: ctx.outLabel, gitRoot: args.git ? ctx.root : undefined });
      if (args.json) {
        io.out(JSON.stringify({ ok: result.upToDate, ...result }, null, 2));
        return result.upToDate ? ExitCode.OK : ExitCode.ERROR;
      }
      for (const line of formatCheckReport(result, ctx.outLabel)) io.out(line);
      const summary = checkSummary(result, ctx.outLabel, args.git);
      if (summary.ok) io.out(summary.line);
      else printProblem(io, summary.line);
      return summary.ok ? ExitCode.OK : ExitCode.ERROR;
    }),
  };
}
