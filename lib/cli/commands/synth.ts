import * as fs from 'fs';
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { commandContext, ProjectArgs, projectOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printProblem, printWarnings } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CommandRunner } from '../runner';
import type { SynthGateResult } from '../../review/synth-gate';

export interface SynthArgs extends ProjectArgs {
  readonly json: boolean;
  readonly strict?: boolean;
  readonly allowRisky: boolean;
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
        'allow-risky': { type: 'boolean', default: false, describe: `Write even when the change to dist/ has unacknowledged high or critical risks (emergencies); prints each risk it allowed` },
      })
      .example('$0 synth', 'Write dist/ from stacks/main.ts')
      .example('$0 synth --strict --json', 'Fail on warnings; print a JSON summary')
      .example('$0 synth --allow-risky', 'Write a refused transition anyway, listing the risks allowed') as unknown as Argv<SynthArgs>,
    handler: (args) => run(args, async (io) => {
      const started = process.hrtime.bigint();
      // Loaded here, not at the top: other commands and --version start without cdk8s and the policy rules.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { acquireWriteLock } = require('../../synth/write-lock') as typeof import('../../synth/write-lock');
      const { runStacks } = require('../stack-runner') as typeof import('../stack-runner');
      const ctx = commandContext(io, args);
      const strict = args.strict ?? ctx.config.strict;
      checkOutputFolder(io, ctx.outDir, ctx.outLabel, 'synth');
      // Held from the one read of dist/ to the write, so no other synth changes it in between.
      const release = acquireWriteLock(ctx.outDir);
      try {
        const running = runStacks({ io, root: ctx.root, appFile: ctx.appFile, strict, timeoutSeconds: ctx.timeoutSeconds, json: args.json });
        // While the stack worker runs, this thread would be idle: it loads what comes next and reads dist/
        // once (digests for the gate and the writer). A read error is thrown after the stack code's own.
        const { findingLine, summaryLine } = require('../../policy/format') as typeof import('../../policy/format');
        const { writeOwnedTree } = require('../../synth/write-synthesis') as typeof import('../../synth/write-synthesis');
        const { checkRevisions, gateSynthesis, readCommittedFiles } = require('../../review/synth-gate') as typeof import('../../review/synth-gate');
        const { APPROVALS_FILE, parseApprovals } = require('../../review/approvals') as typeof import('../../review/approvals');
        /* eslint-enable @typescript-eslint/no-require-imports */
        const committed = settle(() => readCommittedFiles(ctx.outDir, ctx.outLabel));
        const synthesis = await running;
        for (const finding of synthesis.policy.findings) {
          if (!finding.waived) printProblem(io, `warning ${findingLine(finding)}`);
        }
        // Under --strict the synthesis already failed on these; here they are only shown.
        printWarnings(io, synthesis.warnings);
        // The day-2 gate: the new synthesis against the committed tree, before anything is written.
        const approvalsPath = path.join(ctx.root, APPROVALS_FILE);
        const approvals = fs.existsSync(approvalsPath) ? parseApprovals(fs.readFileSync(approvalsPath, 'utf8'), APPROVALS_FILE) : [];
        const gateOptions = { approvals, allowRisky: args.allowRisky };
        const current = committed();
        let gate = gateSynthesis(synthesis.files, current, gateOptions);
        if (gate.review) {
          // Only a change that was reviewed asks git which branches and tags exist.
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { knownRevisions } = require('../../git/refs') as typeof import('../../git/refs');
          gate = checkRevisions(gate, await knownRevisions(ctx.root), gateOptions);
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { formatGateLines, gateJson } = require('../../review/format-gate') as typeof import('../../review/format-gate');
        // Printed as `gitplane diff` prints its report: the engine never puts a secret value in a reason
        // (hidden fields stay hidden), and the identities must stay copyable into approvals.yaml.
        for (const line of formatGateLines(gate)) io.err(line);
        if (!gate.proceed) {
          printProblem(io, `synth: ${gate.blocking.length} unacknowledged high or critical risk(s) in the change to ${ctx.outLabel}; nothing was written (follow the safe path above, acknowledge in ${APPROVALS_FILE}, or pass --allow-risky in an emergency)`);
          if (args.json) io.out(JSON.stringify({ ok: false, written: 0, outdir: ctx.outLabel, gate: gateJson(gate) }, null, 2));
          return ExitCode.RISKY;
        }
        const result = writeOwnedTree(synthesis.files, current);
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
          gate: gateJson(gate),
        };
        if (args.json) {
          io.out(JSON.stringify({ ok: true, ...summary, outdir: ctx.outLabel, writtenFiles: result.written, removedFiles: result.removed }, null, 2));
        } else {
          io.out(`synth: ${summary.environments} environments, ${summary.apps} apps, ${summary.resources} resources -> ${ctx.outLabel} ` +
            `(${summary.written} written, ${summary.removed} removed, ${summary.unchanged} unchanged; ` +
            `policy: ${summaryLine(synthesis.policy)}${gateSummary(gate)}) in ${seconds.toFixed(2)}s`);
        }
        return ExitCode.OK;
      } finally {
        release();
      }
    }),
  };
}

/** `; risks: 2 warnings, 1 acknowledged` in the summary line, only when there is something to say. */
function gateSummary(gate: SynthGateResult): string {
  const parts = [
    gate.allowed.length > 0 ? `${gate.allowed.length} allowed with --allow-risky` : '',
    gate.warnings.length > 0 ? `${gate.warnings.length} warning(s)` : '',
    gate.acknowledged.length > 0 ? `${gate.acknowledged.length} acknowledged` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `; risks: ${parts.join(', ')}` : '';
}

/** Runs `read` now; the function returned gives its result, or throws its error, when called. */
function settle<T>(read: () => T): () => T {
  try {
    const value = read();
    return () => value;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}
