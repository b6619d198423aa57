import type { Argv, CommandModule } from 'yargs';
import { statusOf } from '../../git/status';
import { findingLine } from '../../policy';
import { scanYamlText, toPolicyFinding } from '../../policy/secrets';
import { compareTrees, FileDifference } from '../../synth/compare';
import { readTree } from '../../synth/dist-tree';
import { commandContext, ProjectArgs, projectOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { runStacks } from '../stack-runner';
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
      checkOutputFolder(io, ctx.outDir, ctx.outLabel, 'check');
      const synthesis = await runStacks({ io, root: ctx.root, appFile: ctx.appFile, strict: false, timeoutSeconds: ctx.timeoutSeconds, json: args.json });
      const onDisk = readTree(ctx.outDir);
      const found = compareTrees(synthesis.files, onDisk);
      // Files equal to the synthesis passed synth's scan; only hand edits and strays can hide a secret.
      const secrets = found
        .filter((d) => d.status !== 'missing')
        .flatMap((d) => scanYamlText(`${ctx.outLabel}${d.path}`, onDisk.get(d.path) ?? ''))
        .map(toPolicyFinding);
      // A diff would print the secret: hide it for files the scanner flagged.
      const flagged = new Set(secrets.map((f) => f.file));
      const differences = found.map((d) => (flagged.has(`${ctx.outLabel}${d.path}`) && d.diff ? { ...d, diff: '(diff hidden: the file holds a possible secret)' } : d));
      const uncommitted = args.git ? await statusOf(ctx.root, ctx.outDir) : [];
      const ok = differences.length === 0 && uncommitted.length === 0;
      if (args.json) {
        io.out(JSON.stringify({ ok, upToDate: ok, files: synthesis.files.size, differences, uncommitted, secrets }, null, 2));
        return ok ? ExitCode.OK : ExitCode.ERROR;
      }
      for (const line of describeDifferences(differences, ctx.outLabel)) io.out(line);
      for (const finding of secrets) io.out(`  secret    ${findingLine(finding)}`);
      for (const entry of uncommitted) io.out(`  uncommitted  ${entry}`);
      if (ok) {
        io.out(`check: ${ctx.outLabel} is up to date (${synthesis.files.size} files)${args.git ? ' and committed' : ''}`);
        return ExitCode.OK;
      }
      const parts = [
        differences.length > 0 ? `${differences.length} file(s) differ from what the stacks produce` : '',
        uncommitted.length > 0 ? `${uncommitted.length} path(s) are not committed` : '',
        secrets.length > 0 ? `${secrets.length} possible secret(s) were added by hand (rotate them)` : '',
      ].filter(Boolean).join(' and ');
      printProblem(io, `error: ${ctx.outLabel} is out of date: ${parts}. Fix: run npm run synth and commit ${ctx.outLabel}`);
      return ExitCode.ERROR;
    }),
  };
}

const LABEL: Record<FileDifference['status'], string> = {
  missing: 'missing   (synth would create it)',
  stale: 'stale     (synth would remove it)',
  edited: 'edited    (differs from synth; edited by hand?)',
};

function describeDifferences(differences: readonly FileDifference[], outLabel: string): string[] {
  const lines: string[] = [];
  for (const d of differences) {
    lines.push(`  ${LABEL[d.status]}  ${outLabel}${d.path}`);
    if (d.diff) lines.push(...d.diff.split('\n').map((l) => `      ${l}`));
  }
  return lines;
}
