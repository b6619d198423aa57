import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, expect, it } from 'vitest';
import { synthesize } from '../../lib/synth';
import { rawPlatform } from '../fixtures/raw-platform';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '../..');

function digest(files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const [file, content] of files) hash.update(`${file}\0${content}\0`);
  return hash.digest('hex');
}

describe('determinism', () => {
  it('produces byte-identical output on every run in one process', () => {
    // GIVEN
    const first = digest(synthesize(rawPlatform({ apps: 5, objectsPerApp: 4 })).files);
    // WHEN
    const later = Array.from({ length: 25 }, () => digest(synthesize(rawPlatform({ apps: 5, objectsPerApp: 4 })).files));
    // THEN
    expect(new Set(later)).toEqual(new Set([first]));
  });

  it('is independent of TZ, locale and working directory', () => {
    // GIVEN a script that prints the digest of a synthesis
    const script = [
      "const { synthesize } = require('./lib/synth');",
      "const { rawPlatform } = require('./test/fixtures/raw-platform');",
      "const { createHash } = require('crypto');",
      'const h = createHash("sha256");',
      'for (const [f, c] of synthesize(rawPlatform({ apps: 4 })).files) h.update(f + "\\0" + c + "\\0");',
      'process.stdout.write(h.digest("hex"));',
    ].join('\n');
    const run = (env: Record<string, string>, cwd: string) => execFileSync(process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, '-e', script.replace(/\.\/(lib|test)/g, `${ROOT}/$1`)],
      { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
    // WHEN
    const a = run({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, ROOT);
    const b = run({ TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, tempDir());
    // THEN
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(a).toBe(digest(synthesize(rawPlatform({ apps: 4 })).files));
  });
});
