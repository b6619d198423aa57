import type { Argv, CommandModule } from 'yargs';
import { checkDist } from '../../synth/check-dist';
import { checkSummary, formatCheckReport } from '../../synth/check-format';
import { synthesize } from '../../synth/synthesize';
import { commandContext, ProjectArgs, projectOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { loadPlatform } from '../load-platform';
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
      const ctx = commandContext(io, args);
      const synthesis = synthesize(loadPlatform(ctx.root, ctx.appFile));
      const result = await checkDist(synthesis.files, { outDir: ctx.outDir, label: ctx.outLabel, gitRoot: args.git ? ctx.root : undefined });
      if (args.json) {
        io.out(JSON.stringify(result, null, 2));
        return result.upToDate ? ExitCode.OK : ExitCode.ERROR;
      }
      for (const line of formatCheckReport(result, ctx.outLabel)) io.out(line);
      const summary = checkSummary(result, ctx.outLabel, args.git);
      if (summary.ok) io.out(summary.line);
      else io.err(summary.line);
      return summary.ok ? ExitCode.OK : ExitCode.ERROR;
    }),
  };
}
