import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { CliIo } from '../../lib/cli/io';
import { tempDir } from './temp';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing output. */
export async function runCli(argv: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    isTTY: false,
    out: (t) => { stdout += t.endsWith('\n') ? t : `${t}\n`; },
    err: (t) => { stderr += t.endsWith('\n') ? t : `${t}\n`; },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * A throw-away project whose stacks entry is `source` (TypeScript). `@lib` in the source is
 * replaced by the absolute path of this repo's lib/ so the project needs no install.
 */
export function tempProject(source: string, gitplane: Record<string, unknown> = {}): string {
  const dir = tempDir('gitplane-project-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo', private: true, gitplane: { app: 'stacks/main.ts', ...gitplane } }, null, 2));
  fs.mkdirSync(path.join(dir, 'stacks'));
  writeStacks(dir, source);
  return dir;
}

/** Replaces the project's stacks entry; `@lib` and `@test` point into this repository. */
export function writeStacks(dir: string, source: string): void {
  const resolved = source.split('@lib').join(path.join(REPO_ROOT, 'lib')).split('@test').join(path.join(REPO_ROOT, 'test'));
  fs.writeFileSync(path.join(dir, 'stacks/main.ts'), resolved);
}

/** Runs the real `gitplane` binary in a child process (exit code, stdout, stderr as a user sees them). */
export function runBin(argv: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'lib/cli/bin.js'), ...argv], {
    cwd, encoding: 'utf8', env: { ...process.env, ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
