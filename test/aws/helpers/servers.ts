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
  // A few attempts, each on fresh ports: parallel suites pick ports the same way, and a server that
  // lost the race for its port exits at once.
  let failure = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gitplane-${name}-`));
    const ports = [freePort(), freePort()];
    const args = name === 'radosgw' ? ['up', dir, String(ports[0]), String(ports[1])] : ['up', dir, String(ports[0])];
    const run = spawnSync(path.join(SCRIPTS, `${name}.sh`), args, { encoding: 'utf8', env: { ...process.env }, timeout: 120_000 });
    if (run.status === 0) return serverOf(name, dir, run.stdout);
    spawnSync(path.join(SCRIPTS, `${name}.sh`), ['down', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
    failure = run.stderr.trim().split('\n').slice(-3).join(' / ') || `exit ${run.status}`;
    if (run.status === 3) break; // not installed: no point in trying again
  }
  const why = `${name} could not be started: ${failure}`;
  if (process.env.CI === 'true') throw new Error(`${why} (CI must run the real-server suites; see .ci/run)`);
  console.warn(`skipping the ${name} suite: ${why}`);
  return undefined;
}

function serverOf(name: 'radosgw' | 'moto', dir: string, stdout: string): LocalServer {
  const env = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  return {
    env,
    stop: () => {
      spawnSync(path.join(SCRIPTS, `${name}.sh`), ['down', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
