/**
 * Secret scanner figures (part of `npm run bench`): the scan of a 9,000-object platform, and scans
 * of hostile inputs against a benign input of the same size measured in the same run, so a
 * regular expression that backtracks shows up as a large ratio rather than as a flaky timed test.
 */
import { KubeObject } from '../lib/core/manifest';
import { redactSecrets, scanObjects } from '../lib/policy/secrets';
import { fleet } from '../test/policy/secrets/fleet';

function seconds(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function configMap(text: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'input' }, data: { password: text, blob: text } };
}

const items = fleet(9000).map((object) => ({ object }));
scanObjects(items.slice(0, 200)); // warm up the JIT
let findings = 0;
const fleetSeconds = seconds(() => { findings = scanObjects(items).length; });
console.log(`secret scan: 9000 objects in ${fleetSeconds.toFixed(3)} s (${findings} findings)`);

const SIZE = 200_000;
const benign = 'The quick brown fox jumps over the lazy dog. '.repeat(SIZE / 45);
const baseline = seconds(() => scanObjects([{ object: configMap(benign) }]));
const hostile: [string, string][] = [
  ['repeated letters', 'a'.repeat(SIZE)],
  ['repeated separators', '-_.'.repeat(SIZE / 3)],
  ['almost-JWTs', 'eyJhbGciOi.'.repeat(SIZE / 11)],
  ['almost-URLs with credentials', 'https://u:'.repeat(SIZE / 10)],
  ['almost-assignments', 'password= '.repeat(SIZE / 10)],
  ['almost-Slack tokens', 'xoxb-1234567-'.repeat(SIZE / 13)],
  ['private key headers without keys', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(SIZE / 32)],
  ['base64 soup', 'QUtJQUlPU0ZPRE5ON0VYQU1QTEU='.repeat(SIZE / 28)],
  ['almost-hashed names', `${'ab-'.repeat(SIZE / 3)}!`],
];
console.log(`secret scan: benign ${SIZE / 1000} kB baseline ${baseline.toFixed(3)} s`);
for (const [label, text] of hostile) {
  const s = seconds(() => scanObjects([{ object: configMap(text) }]));
  console.log(`secret scan: hostile ${label.padEnd(34)} ${s.toFixed(3)} s  ${(s / baseline).toFixed(1)}x baseline`);
}

// redactSecrets runs on every error and warning line the CLI prints: short lines, mostly without secrets.
const lines = Array.from({ length: 20_000 }, (_, i) =>
  i % 10 === 0
    ? `error: [prod/web/web-${i}] 'ingress.hosts' ("deploy:ghp_${'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5'.slice(i % 7)}x@example.com") is invalid`
    : `error: [prod/app-${i}/web] 'minReplicas' (${i % 9}) must be <= 'maxReplicas' (3). Fix: correct the props quoted here`,
);
redactSecrets(lines[0]);
const redactSeconds = seconds(() => lines.forEach((line) => redactSecrets(line)));
console.log(`secret scan: redactSecrets on ${lines.length} message lines in ${redactSeconds.toFixed(3)} s (${((redactSeconds / lines.length) * 1e6).toFixed(1)} µs a line)`);
