import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliResult, runBin, runCli, tempProject, writeStacks } from '../helpers/cli';
import { snapshotTree, tempDir } from '../helpers/temp';
import { BadInputCase, BIN_CASES, CASES, Category } from './bad-input-cases';

/**
 * The bad-input contract (DESIGN.md §3, CLI): every user mistake ends with a non-zero exit code, one
 * line per problem on stderr that names the construct path or the flag, says what is wrong and how to
 * fix it, no stack trace without --debug, and dist/ byte-for-byte (and inode-for-inode) unchanged.
 */

const BASELINE = `import { acme } from '@test/cli/bad-input-kit';\nexport function buildPlatform() { return acme(); }\n`;

/** A project with dist/ synthesized from the valid baseline, built once and copied for every case. */
let template: string;

beforeAll(async () => {
  const dir = tempProject(BASELINE);
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'gitplane-bad-input-'));
  fs.cpSync(dir, template, { recursive: true });
  const synth = await runCli(['synth'], template);
  if (synth.code !== 0) throw new Error(`the baseline does not synthesize:\n${synth.stderr}`);
}, 60_000);

afterAll(() => {
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

/** dist/ as it is: every file with content and inode, the text of a regular file in its place, or missing. */
function distState(dir: string): unknown {
  const dist = path.join(dir, 'dist');
  const stat = fs.lstatSync(dist, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  return stat.isDirectory() ? snapshotTree(dist) : { file: fs.readFileSync(dist, 'utf8') };
}

/** A copy of the synthesized baseline project, with the case's stacks, config and files written over it. */
function arrange(c: BadInputCase): string {
  const dir = tempDir('gitplane-bad-input-case-');
  fs.cpSync(template, dir, { recursive: true });
  if (c.stacks !== undefined) writeStacks(dir, c.stacks);
  if (c.packageJson !== undefined) {
    fs.writeFileSync(path.join(dir, 'package.json'), c.packageJson);
  } else if (c.config !== undefined) {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true, gitplane: c.config }, null, 2));
  }
  for (const [file, content] of Object.entries(c.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  c.arrange?.(dir);
  return dir;
}

/** `error: [prod/web/web/Resource] PSS-R-001 Deployment/prod-web/web .spec.template...: <what is wrong; how to fix it>` */
const FINDING = /^error: \[[^\]\s]+\] [A-Z0-9]+(?:-[A-Z0-9]+)+ [A-Za-z]+(?:\/[^\s/]+){1,2} \.\S*: \S.*$/;

function contains(line: string, message: string | RegExp): boolean {
  return typeof message === 'string' ? line.includes(message) : message.test(line);
}

/** The contract, for one case's result. */
function assertContract(c: BadInputCase, result: CliResult): void {
  const { code, names, message, secret } = c.expect;
  const context = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  expect(result.code, context).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines.length, context).toBeGreaterThan(0);
  // Every problem is one line of its own, `error: ... Fix: ...`, and nothing else is printed (no stack
  // trace, no usage dump); one-line warnings may come first. Blocking policy findings are one line each
  // in the finding format, and the fix for the whole block ends its last line.
  for (const line of lines) {
    expect(line, context).toMatch(/^(error: |warning )\S/);
    if (line.startsWith('error: ') && !FINDING.test(line)) expect(line, context).toContain(' Fix: ');
  }
  expect(lines[lines.length - 1], context).toMatch(/^error: .* Fix: /);
  expect(result.stdout + result.stderr, context).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  // A user's or the machine's fault is never reported as a bug of gitplane.
  expect(result.stdout + result.stderr, context).not.toMatch(/internal error/i);
  // The case's own line: names the construct path or flag, and says what is wrong.
  const line = lines.find((l) => l.includes(names) && contains(l, message));
  expect(line, `no error line names ${names} and matches ${String(message)}\n${context}`).toBeDefined();
  if (secret !== undefined) {
    expect(result.stdout.includes(secret), 'the secret is printed on stdout').toBe(false);
    expect(result.stderr.includes(secret), 'the secret is printed on stderr').toBe(false);
  }
}

async function runCase(c: BadInputCase, run: (argv: string[], cwd: string) => CliResult | Promise<CliResult>): Promise<void> {
  // GIVEN a project whose dist/ is current (or broken the way the case says)
  const dir = arrange(c);
  const before = distState(dir);
  expect(before).not.toEqual({});
  // WHEN the user makes the mistake
  const result = await run(argvOf(c, dir), dir);
  // THEN
  assertContract(c, result);
  expect(distState(dir)).toEqual(before);
}

/** The case's arguments, `$PWD` standing for the project folder (absolute paths). */
function argvOf(c: BadInputCase, dir: string, extra: readonly string[] = []): string[] {
  return [...(c.argv ?? ['synth']), ...extra].map((arg) => arg.split('$PWD').join(dir));
}

/** With --json, stdout is one JSON document saying the run failed; an error object carries the exit code. */
async function runJsonCase(c: BadInputCase): Promise<void> {
  const dir = arrange(c);
  const result = await runCli(argvOf(c, dir, ['--json']), dir);
  const context = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  expect(result.code, context).toBe(c.expect.code);
  const document = JSON.parse(result.stdout);
  expect(document.ok, context).toBe(false);
  if (document.error !== undefined) {
    expect(document.error.code).toBe(result.code);
    expect(typeof document.error.message).toBe('string');
    expect(document.error.message).not.toMatch(/internal error|Fix: /);
    expect(typeof document.error.fix).toBe('string');
  }
  expect(result.stdout + result.stderr).not.toMatch(/internal error/i);
  if (c.expect.secret !== undefined) expect(result.stdout + result.stderr).not.toContain(c.expect.secret);
}

const CATEGORIES: readonly Category[] = [
  'invalid props', 'platform model', 'dangling references', 'duplicate names', 'policy violations',
  'plaintext secrets', 'broken stack code', 'bad flags', 'bad config', 'stuck states', 'machine faults',
];

/** Categories whose every case also runs with --json (plus the first case of every other category). */
const JSON_CATEGORIES: readonly Category[] = ['broken stack code', 'bad flags', 'bad config', 'stuck states', 'machine faults'];

describe('bad input contract', () => {
  it('has at least 80 cases, in every category, with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const category of CATEGORIES) expect(CASES.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(3);
    for (const name of BIN_CASES) expect(CASES.map((c) => c.name)).toContain(name);
  });

  for (const category of CATEGORIES) {
    describe(category, () => {
      for (const c of CASES.filter((x) => x.category === category)) {
        it(`fails if ${c.name}`, () => runCase(c, runCli), 30_000);
      }
    });
  }

  describe('with --json: stdout holds only a JSON document that says the run failed', () => {
    const cases = CASES.filter((c, index) => JSON_CATEGORIES.includes(c.category) || CASES.findIndex((x) => x.category === c.category) === index);
    for (const c of cases) it(`fails if ${c.name}`, () => runJsonCase(c), 30_000);
  });

  describe('through the real binary', () => {
    for (const name of BIN_CASES) {
      const c = CASES.find((x) => x.name === name)!;
      it(`fails if ${name}`, () => runCase(c, runBin), 30_000);
    }
  });
});
