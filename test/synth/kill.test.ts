import { spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, expect, it } from 'vitest';
import { findInterruptedWrite, readTree, recoverInterruptedWrite, synthesize, writeSynthesis } from '../../lib/synth';
import { rawPlatform } from '../fixtures/raw-platform';
import { tempDir } from '../helpers/temp';

const LOOP = path.resolve(__dirname, '../fixtures/synth-loop.ts');

/**
 * Starts the synth loop and kills it with SIGKILL `delayMs` after it reports `waitFor`: `ready`
 * (kills while files are staged), `committed` (while a committed change is applied), or `swapped`
 * (just after a completed write).
 */
let swaps = 0;

function killMidWrite(out: string, delayMs: number, waitFor = 'ready'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, LOOP, out], { stdio: ['ignore', 'pipe', 'inherit'] });
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      swaps += (chunk.toString().match(/swapped/g) ?? []).length;
      if (!armed && chunk.toString().includes(waitFor)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
}

describe('kill -9 during synth', () => {
  it('always leaves either the whole old tree or the whole new tree', async () => {
    // GIVEN a complete tree 'a', and a loop that alternates between 'b' and 'a' (800 files each)
    const first = synthesize(rawPlatform({ apps: 40, objectsPerApp: 10, version: 'a' }));
    const a = first.files;
    const b = synthesize(rawPlatform({ apps: 40, objectsPerApp: 10, version: 'b' })).files;
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(first, out);
    // WHEN the writer is killed at different moments
    const kills: [number, string][] = [
      [90, 'ready'], [230, 'ready'], [410, 'ready'], [640, 'ready'], [870, 'ready'], [1150, 'ready'], [5, 'swapped'], [60, 'swapped'],
      [0, 'committed'], [2, 'committed'], [10, 'committed'], [40, 'committed'], [120, 'committed'],
    ];
    let midApply = 0;
    for (const [delay, waitFor] of kills) {
      await killMidWrite(out, delay, waitFor);
      if (findInterruptedWrite(out)?.state === 'partial') midApply++;
      recoverInterruptedWrite(out);
      const tree = readTree(out);
      // THEN
      const which = sameTree(tree, a) ? 'a' : sameTree(tree, b) ? 'b' : 'mixed';
      expect(which, `after a kill ${delay}ms after '${waitFor}'`).not.toBe('mixed');
    }
    // The kills armed by 'swapped' landed after at least one complete write of 'b', so kills hit a
    // writer that had real work behind and ahead of it (which tree each kill left depends on timing).
    expect(swaps).toBeGreaterThan(0);
    // Some kills landed while a committed change was half-applied (dist/ mixed until recovered).
    expect(midApply).toBeGreaterThan(0);
  }, 60_000);
});

function sameTree(x: Map<string, string>, y: Map<string, string>): boolean {
  if (x.size !== y.size) return false;
  for (const [k, v] of x) if (y.get(k) !== v) return false;
  return true;
}
