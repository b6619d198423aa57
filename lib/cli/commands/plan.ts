import type { Argv, CommandModule } from 'yargs';
import { commandContext } from '../context';
import { CloudPlanArgs, cloudPlanOptions } from './cloud-plan-options';
import { CommandRunner } from '../runner';

export interface PlanArgs extends CloudPlanArgs {
  readonly app?: readonly string[];
}

/** `gitplane plan`: the declared buckets and CDNs of a fresh synthesis against live AWS, read-only. */
export function planCommand(run: CommandRunner): CommandModule<object, PlanArgs> {
  return {
    command: 'plan',
    describe: 'Compare the S3 buckets and CloudFront distributions the stacks declare with live AWS (read-only)',
    builder: (yargs: Argv) => yargs
      .options({
        ...cloudPlanOptions,
        app: { type: 'string', array: true, describe: 'Only this app; repeatable [default: all]' },
      })
      .example('$0 plan --env prod', 'What merging would do to the prod account: + create, ~ update, = no change, ! conflict, ? unknown')
      .example('$0 plan --format markdown', 'A pull-request comment')
      .epilogue('Exit codes: 0 no change, 2 changes, 3 conflicts, 4 some resources could not be read, 1 error.') as unknown as Argv<PlanArgs>,
    handler: (args) => run(args, async (io) => {
      // Loaded here, not at the top: other commands and --version start without the AWS SDK.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { runCloudPlan } = require('./cloud-plan-run') as typeof import('./cloud-plan-run');
      const { runStacks } = require('../stack-runner') as typeof import('../stack-runner');
      const { buildTree, locateInDist } = require('../../manifests') as typeof import('../../manifests');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const ctx = commandContext(io, { debug: args.debug });
      // Stack code runs as for synth (worker, time limit); the plan then reads the synthesized files as plain manifests.
      const synthesis = await runStacks({ io, root: ctx.root, appFile: ctx.appFile, strict: false, timeoutSeconds: ctx.timeoutSeconds, json: args.json || args.format === 'json' });
      const objects = buildTree(ctx.outLabel, synthesis.files.toFileTree(), 'dist').documents.map((d) => ({ ...locateInDist(d.file), object: d.object }));
      return runCloudPlan(io, args, objects, 'plan', args.app);
    }),
  };
}

