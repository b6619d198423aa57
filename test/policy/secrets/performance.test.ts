import { describe, expect, it } from 'vitest';
import { KubeObject } from '../../../lib/core/manifest';
import { scanObjects } from '../../../lib/policy/secrets';
import { fleet } from './fleet';

/** The scanner runs inside every synth, so it must stay fast on a large platform and on hostile input. */

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('scanner performance', () => {
  it('scans 9,000 objects well under two seconds', () => {
    // GIVEN a clean fleet of 9,000 objects
    const items = fleet(9000).map((object) => ({ object }));
    scanObjects(items.slice(0, 200)); // warm up the JIT and the name caches

    // WHEN scanned
    let findings: unknown[] = [];
    const ms = time(() => {
      findings = scanObjects(items);
    });
    console.info('secret scan of 9000 objects', { ms: Math.round(ms), findings: findings.length });

    // THEN it is fast and finds nothing
    expect(findings).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it.each([
    ['repeated letters', 'a'.repeat(200_000)],
    ['repeated separators', '-_.'.repeat(70_000)],
    ['almost-JWTs', 'eyJhbGciOi.'.repeat(20_000)],
    ['almost-URLs with credentials', 'https://u:'.repeat(20_000)],
    ['almost-assignments', 'password= '.repeat(20_000)],
    ['almost-Slack tokens', 'xoxb-1234567-'.repeat(15_000)],
    ['private key headers without keys', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(6_000)],
    ['base64 soup', 'QUtJQUlPU0ZPRE5ON0VYQU1QTEU='.repeat(8_000)],
    ['almost-hashed names', `${'ab-'.repeat(60_000)}!`],
  ])('stays linear on %s', (_label, text) => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hostile' }, data: { password: text, blob: text } };
    expect(time(() => scanObjects([{ object }]))).toBeLessThan(1500);
  });
});
