import type { Argv, CommandModule } from 'yargs';
import { commandContext, ProjectArgs, projectOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem, printWarnings } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CommandRunner } from '../runner';

export interface SynthArgs extends ProjectArgs {
  readonly json: boolean;
  readonly strict?: boolean;
}

/** `gitplane synth`: build the stacks and write dist/ atomically; unchanged files are not touched. */
export function synthCommand(run: CommandRunner): CommandModule<object, SynthArgs> {
  return {
    command: 'synth',
    describe: 'Synthesize the stacks into dist/ (atomic, incremental, deterministic)',
    builder: (yargs: Argv) => yargs
      .options({
        ...projectOptions,
        json: { type: 'boolean', default: false, describe: 'Print the result as JSON' },
        strict: { type: 'boolean', describe: 'Fail on unacknowledged warnings [default: package.json "gitplane.strict" or false]' },
      })
      .example('$0 synth', 'Write dist/ from stacks/main.ts')
      .example('$0 synth --strict --json', 'Fail on warnings; print a JSON summary') as unknown as Argv<SynthArgs>,
    handler: (args) => run(args, async (io) => {
      const started = process.hrtime.bigint();
      // Loaded here, not at the top: other commands and --version start without cdk8s and the policy rules.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { findingLine, summaryLine } = require('../../policy/format') as typeof import('../../policy/format');
      const { writeSynthesis } = require('../../synth/write-synthesis') as typeof import('../../synth/write-synthesis');
      const { runStacks } = require('../stack-runner') as typeof import('../stack-runner');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const ctx = commandContext(io, args);
      const strict = args.strict ?? ctx.config.strict;
      checkOutputFolder(io, ctx.outDir, ctx.outLabel, 'synth');
      const synthesis = await runStacks({ io, root: ctx.root, appFile: ctx.appFile, strict, timeoutSeconds: ctx.timeoutSeconds, json: args.json });
      for (const finding of synthesis.policy.findings) {
        if (!finding.waived) printProblem(io, `warning ${findingLine(finding)}`);
      }
      // Under --strict the synthesis already failed on these; here they are only shown.
      printWarnings(io, synthesis.warnings);
      const result = writeSynthesis(synthesis, ctx.outDir);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const summary = {
        environments: synthesis.environments,
        apps: synthesis.apps,
        resources: synthesis.resources,
        written: result.written.length,
        removed: result.removed.length,
        unchanged: result.unchanged,
        seconds: Math.round(seconds * 1000) / 1000,
        policy: synthesis.policy.counts,
      };
      if (args.json) {
        io.out(JSON.stringify({ ok: true, ...summary, outdir: ctx.outLabel, writtenFiles: result.written, removedFiles: result.removed }, null, 2));
      } else {
        io.out(`synth: ${summary.environments} environments, ${summary.apps} apps, ${summary.resources} resources -> ${ctx.outLabel} ` +
          `(${summary.written} written, ${summary.removed} removed, ${summary.unchanged} unchanged; ` +
          `policy: ${summaryLine(synthesis.policy)}) in ${seconds.toFixed(2)}s`);
      }
      return ExitCode.OK;
    }),
  };
}
