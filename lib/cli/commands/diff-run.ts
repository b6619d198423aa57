import * as fs from 'fs';
import * as path from 'path';
import { isUserError, UsageError } from '../../core/errors';
import { resolveCommit } from '../../git/read-tree';
import { mergeBaseWithDefault, readFileAtCommit, repositoryRoot } from '../../git/refs';
import { locateInDist, readManifestFolder, readManifestTreeAtRef } from '../../manifests';
import {
  APPROVALS_FILE, formatReviewJson, formatReviewMarkdown, formatReviewText, parseApprovals, Review, reviewTrees, ReviewTree,
} from '../../review';
import { loadConfig } from '../config';
import { ExitCode } from '../exit-codes';
import { handleError } from '../handle-error';
import { checkOutputFolder } from '../output-folder';
import { CliIo } from '../io';
import type { DiffArgs } from './diff';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The work of `gitplane diff`: read both trees, review them, print, and map the result to an exit code. */
export async function runDiff(io: CliIo, args: DiffArgs): Promise<ExitCode> {
      const format = parseFormat(args);
      if (args.head !== undefined && args.worktree) throw new UsageError('--head and --worktree both name the head', 'pass one of them', '--head');
      for (const [flag, values] of [['--env', args.env], ['--app', args.app]] as const) {
        if (values?.some((v) => typeof v !== 'string' || v.trim() === '')) throw new UsageError(`${flag} needs a value`, `pass a name, e.g. ${flag} prod`, flag);
      }
      const outdir = loadConfig(io.cwd).outdir;
      let inputs: Inputs;
      try {
        inputs = await readInputs(io, args, outdir);
      } catch (error) {
        // A ref or file that cannot be read is a partial result (exit 4), not a usage error.
        if (!isUserError(error)) throw error;
        handleError(error, io, { debug: args.debug, json: format === 'json' });
        return ExitCode.PARTIAL;
      }
      const approvals = inputs.approvalsText === undefined ? [] : parseApprovals(inputs.approvalsText, inputs.approvalsLabel);
      const review = reviewTrees(inputs.base, inputs.head, { envs: args.env, apps: args.app, approvals });
      checkFilters(args, review);
      io.out(render(review, format, inputs, io).trimEnd());
      return exitCode(review, args.exitCode);
}

function parseFormat(args: DiffArgs): Format {
  if (args.json) {
    if (args.format !== undefined && args.format !== 'json') throw new UsageError(`--json and --format ${args.format} disagree`, 'pass one of them', '--format');
    return 'json';
  }
  const format = args.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}`, 'pass --format text, markdown or json', '--format');
  return format as Format;
}

interface Inputs {
  readonly base: ReviewTree;
  readonly head: ReviewTree;
  readonly baseSha: string;
  /** A commit sha, or `worktree`. */
  readonly headRef: string;
  readonly approvalsText?: string;
  readonly approvalsLabel: string;
}

async function readInputs(io: CliIo, args: DiffArgs, outdir: string): Promise<Inputs> {
  const root = await repositoryRoot(io.cwd);
  const outDir = path.resolve(io.cwd, outdir);
  const subdir = path.relative(root, outDir).split(path.sep).join('/');
  const label = `${outdir.replace(/\/?$/, '/')}`;
  const baseSha = args.base !== undefined ? await resolveCommit(root, args.base) : (await mergeBaseWithDefault(root)) ?? await resolveCommit(root, 'HEAD');
  const base = await readManifestTreeAtRef(root, baseSha, subdir);
  const approvalsFile = args.approvals ?? APPROVALS_FILE;
  if (args.head !== undefined) {
    const headSha = await resolveCommit(root, args.head);
    const head = await readManifestTreeAtRef(root, headSha, subdir);
    const relative = path.relative(root, path.resolve(io.cwd, approvalsFile)).split(path.sep).join('/');
    const approvalsText = await readFileAtCommit(root, headSha, relative);
    return { base, head, baseSha, headRef: headSha, approvalsText, approvalsLabel: `${approvalsFile} at ${headSha.slice(0, 7)}` };
  }
  // A synth cut short while applying its change leaves dist/ mixed: say so rather than review that mix.
  checkOutputFolder(io, outDir, label, 'diff');
  const head = fs.existsSync(outDir) ? readManifestFolder(outDir, { label, mode: 'dist' }) : { label, files: new Map(), documents: [] };
  const approvalsPath = path.resolve(io.cwd, approvalsFile);
  const approvalsText = fs.existsSync(approvalsPath) ? fs.readFileSync(approvalsPath, 'utf8') : undefined;
  if (args.approvals !== undefined && approvalsText === undefined) throw new UsageError(`--approvals ${approvalsFile} does not exist`, 'pass the path of a committed approvals file', '--approvals');
  return { base, head, baseSha, headRef: 'worktree', approvalsText, approvalsLabel: approvalsFile };
}

/** An --env or --app that names nothing in either tree is a typo, not an empty diff. */
function checkFilters(args: DiffArgs, review: Review): void {
  const known = new Set(review.diff.environments.map((e) => e.name));
  const unknown = (args.env ?? []).filter((e) => !known.has(e));
  if (unknown.length > 0) throw new UsageError(`--env ${unknown.join(', ')}: no such environment in either tree`, 'pass an environment folder name under dist/', '--env');
  if (!args.app?.length) return;
  const apps = new Set([...review.diff.trees.base.documents, ...review.diff.trees.head.documents].map((d) => locateInDist(d.file).app));
  const unknownApps = args.app.filter((a) => !apps.has(a));
  if (unknownApps.length > 0) throw new UsageError(`--app ${unknownApps.join(', ')}: no such app in either tree`, 'pass an app folder name under dist/<env>/', '--app');
}

function render(review: Review, format: Format, inputs: Inputs, io: CliIo): string {
  const refs = { base: inputs.baseSha, head: inputs.headRef };
  if (format === 'json') return formatReviewJson(review, refs);
  if (format === 'markdown') return formatReviewMarkdown(review, { title: `${refs.base.slice(0, 7)} -> ${refs.head === 'worktree' ? 'worktree' : refs.head.slice(0, 7)}` });
  return formatReviewText(review, { color: io.isTTY });
}

/** 3 when a risk is not acknowledged; with --exit-code, 2 when something changed, 0 when nothing did. */
export function exitCode(review: Review, exitOnChange: boolean): ExitCode {
  if (review.summary.unacknowledged > 0) return ExitCode.RISKY;
  if (exitOnChange && review.diff.changes.length > 0) return ExitCode.CHANGES;
  return ExitCode.OK;
}
