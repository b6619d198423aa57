import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors';
import { commandContext } from '../context';
import { CommandRunner } from '../runner';
import { cloudPlanOptions, CloudPlanArgs } from './cloud-plan-options';

export interface DriftArgs extends CloudPlanArgs {
  readonly dir?: string;
}

/**
 * `gitplane drift`: the comparison of `plan`, for what is committed in dist/ (no stack code runs),
 * meant for a scheduled CI job.
 */
export function driftCommand(run: CommandRunner): CommandModule<object, DriftArgs> {
  return {
    command: 'drift',
    describe: 'Compare the buckets and distributions committed in dist/ with live AWS (read-only; for a scheduled job)',
    builder: (yargs: Argv) => yargs
      .options({
        ...cloudPlanOptions,
        dir: { type: 'string', describe: 'Folder of committed manifests [default: package.json "gitplane.outdir" or dist]' },
      })
      .example('$0 drift --env prod --format markdown', 'A drift report for an issue comment; exit 2 when prod drifted')
      .epilogue('Exit codes: 0 no drift, 2 drift, 3 conflicts, 4 some resources could not be read, 1 error.') as unknown as Argv<DriftArgs>,
    handler: (args) => run(args, async (io) => {
      // Loaded here, not at the top: other commands and --version start without the AWS SDK.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { runCloudPlan } = require('./cloud-plan-run') as typeof import('./cloud-plan-run');
      const { locateInDist, readManifestFolder } = require('../../manifests') as typeof import('../../manifests');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const ctx = commandContext(io, { debug: args.debug, out: args.dir });
      const tree = readManifestFolder(ctx.outDir, { label: ctx.outLabel, mode: 'dist' });
      if (tree.documents.length === 0) {
        throw new UsageError(`${ctx.outLabel} holds no manifests`, 'run npm run synth and commit dist/, or pass --dir <folder>', args.dir ? '--dir' : undefined);
      }
      const objects = tree.documents.map((d) => ({ ...locateInDist(d.file), object: d.object }));
      return runCloudPlan(io, args, objects, `drift of ${ctx.outLabel}`);
    }),
  };
}
