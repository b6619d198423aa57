import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPTS = path.resolve(__dirname, '../../../.ci/services');

export interface LocalServer {
  readonly env: Readonly<Record<string, string>>;
  stop(): void;
}

/**
 * A free loopback port, picked by the kernel (other test runs may hold the usual ones). Synchronous,
 * so suites can start their server while vitest collects them and skip when it is unavailable.
 */
export function freePort(): number {
  const probe = `const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})`;
  return Number(spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout);
}

/**
 * Starts a local server with the project's own script (`.ci/services/<name>.sh up`). Where the
 * server is not installed the suite is skipped with a message, except in CI, where a skipped
 * real-server suite is a failure.
 */
export function startServer(name: 'radosgw' | 'moto'): LocalServer | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gitplane-${name}-`));
  const ports = [freePort(), freePort()];
  const args = name === 'radosgw' ? ['up', dir, String(ports[0]), String(ports[1])] : ['up', dir, String(ports[0])];
  const run = spawnSync(path.join(SCRIPTS, `${name}.sh`), args, { encoding: 'utf8', env: { ...process.env }, timeout: 120_000 });
  if (run.status !== 0) {
    spawnSync(path.join(SCRIPTS, `${name}.sh`), ['down', dir]);
    const why = `${name} could not be started: ${run.stderr.trim().split('\n').slice(-3).join(' / ') || `exit ${run.status}`}`;
    if (process.env.CI === 'true') throw new Error(`${why} (CI must run the real-server suites; see .ci/run)`);
    console.warn(`skipping the ${name} suite: ${why}`);
    return undefined;
  }
  const env = Object.fromEntries(run.stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  return {
    env,
    stop: () => {
      spawnSync(path.join(SCRIPTS, `${name}.sh`), ['down', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
