import type { Argv, CommandModule } from 'yargs';
import { GlobalArgs } from '../context';
import { CommandRunner } from '../runner';

export interface DiffArgs extends GlobalArgs {
  readonly base?: string;
  readonly head?: string;
  readonly worktree?: boolean;
  readonly env?: readonly string[];
  readonly app?: readonly string[];
  readonly format?: string;
  readonly json: boolean;
  readonly exitCode: boolean;
  readonly approvals?: string;
}


/** `gitplane diff`: what a change does to the clusters and the cloud, with risky transitions gated. */
export function diffCommand(run: CommandRunner): CommandModule<object, DiffArgs> {
  return {
    command: 'diff',
    describe: 'Compare dist/ at two git refs by object, flag risky changes, and gate them on approvals',
    builder: (yargs: Argv) => yargs
      .options({
        base: { type: 'string', describe: 'Base ref [default: merge-base with the default branch, else HEAD]' },
        head: { type: 'string', describe: 'Head ref [default: the working tree]' },
        worktree: { type: 'boolean', describe: 'Compare the working tree (the default head)' },
        env: { type: 'string', array: true, describe: 'Only these environments (repeatable)' },
        app: { type: 'string', array: true, describe: 'Only these apps (repeatable)' },
        format: { type: 'string', describe: 'Output format: text, markdown, json [default: text]' },
        json: { type: 'boolean', default: false, describe: 'Same as --format json' },
        'exit-code': { type: 'boolean', default: false, describe: 'Exit 2 when something changed but nothing is risky (0 only when nothing changed)' },
        approvals: { type: 'string', describe: 'Approvals file in the head [default: review/approvals.yaml]' },
      })
      .example('$0 diff', 'The working tree against the merge-base with the default branch')
      .example('$0 diff --base origin/main --format markdown > comment.md', 'A pull-request comment; exit 3 on unacknowledged risk')
      .example('$0 diff --base v1.2.0 --head v1.3.0 --env prod --json', 'Two tags, prod only, as JSON') as unknown as Argv<DiffArgs>,
    handler: (args) => run(args, async (io) => {
      // Loaded here, not at the top: other commands and --version start without git, YAML and the review engine.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDiff } = require('./diff-run') as typeof import('./diff-run');
      return runDiff(io, args);
    }),
  };
}

