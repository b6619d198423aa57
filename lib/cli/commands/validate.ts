import type { Argv, CommandModule } from 'yargs';
import * as fs from 'fs';
import { UsageError } from '../../core/errors';
import { KUBERNETES_VERSION } from '../../schema/kubernetes-version';
import { commandContext, GlobalArgs } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CommandRunner } from '../runner';

export interface ValidateArgs extends GlobalArgs {
  readonly schemas?: readonly string[];
  readonly dir?: string;
  readonly json: boolean;
}

/** `gitplane validate`: check every object under dist/ against the Kubernetes 1.28 API and CRD schemas, offline. */
export function validateCommand(run: CommandRunner): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate',
    describe: `Validate dist/ offline against the Kubernetes ${KUBERNETES_VERSION} API and CRD schemas (no unknown fields)`,
    builder: (yargs: Argv) => yargs
      .options({
        schemas: { type: 'string', array: true, describe: 'Folder of CRD files (as published, or kubectl get crd -o yaml); repeatable' },
        dir: { type: 'string', describe: 'Folder of manifests to validate [default: package.json "gitplane.outdir" or dist]' },
        json: { type: 'boolean', default: false, describe: 'Print the report as JSON' },
      })
      .example('$0 validate --schemas ../shared/crds', 'Validate dist/, custom resources against the CRDs in ../shared/crds')
      .example('$0 validate --dir out --json', 'Validate out/ and print a JSON report') as unknown as Argv<ValidateArgs>,
    handler: (args) => run(args, async (io) => {
      // Loaded here, not at the top: the schemas and ajv only for validate.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { findingLine } = require('../../policy/format') as typeof import('../../policy/format');
      const { validateFolder } = require('./validate-run') as typeof import('./validate-run');
      const { createValidator, formatCelNotes, formatFindings, formatSummary } = require('../../schema') as typeof import('../../schema');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const ctx = commandContext(io, { debug: args.debug, out: args.dir, outFlag: '--dir' });
      checkOutputFolder(io, ctx.outDir, ctx.outLabel, 'validate');
      const validator = createValidator({ schemaDirs: args.schemas ?? [], baseDir: ctx.root });
      if (!fs.existsSync(ctx.outDir)) {
        throw new UsageError(`manifest folder "${ctx.outLabel.replace(/\/$/, '')}" does not exist`, 'run `gitplane synth` first, or pass --dir', '--dir');
      }
      // A secret committed by hand is as bad as a schema error: the scanner runs on dist/ too.
      const { report, secrets } = validateFolder({ dir: ctx.outDir, label: ctx.outLabel, validator });
      const ok = report.findings.length === 0 && !secrets.some((f) => f.severity === 'error');
      if (args.json) {
        io.out(JSON.stringify({ ok, dir: ctx.outLabel, kubernetesVersion: KUBERNETES_VERSION, ...report, secrets }, null, 2));
        return ok ? ExitCode.OK : ExitCode.ERROR;
      }
      for (const line of formatFindings(report)) io.out(line);
      for (const finding of secrets) io.out(`${finding.severity === 'error' ? 'secret' : 'warning'}: ${findingLine(finding)}`);
      for (const line of formatCelNotes(report)) io.err(line);
      const secretSummary = secrets.length === 0 ? 'no secrets found' : `${secrets.length} secret finding(s)`;
      io.out(`validate: ${ctx.outLabel}: ${formatSummary(report)}; ${secretSummary}`);
      if (!ok) {
        printProblem(io, `error: ${ctx.outLabel} has ${report.findings.length} schema problem(s) and ${secrets.filter((f) => f.severity === 'error').length} secret(s), listed above. ` +
          'Fix: correct the stacks that produce them and run npm run synth (never edit dist/ by hand)');
      }
      return ok ? ExitCode.OK : ExitCode.ERROR;
    }),
  };
}
