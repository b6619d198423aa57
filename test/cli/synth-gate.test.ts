import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, writeStacks } from '../helpers/cli';
import { snapshotTree } from '../helpers/temp';
import type { Shape } from '../fixtures/day2-platform';

/**
 * `gitplane synth` with its day-2 gate, end to end: a project synthesized from one shape of the
 * platform, the stacks changed to another, and the second synth. A refused transition exits 3 and
 * leaves dist/ as the last commit had it (ACK deletes the SQS queue of a pruned ACK Queue unless
 * services.k8s.aws/deletion-policy: retain, while the Crossplane Queue adopts the same name).
 */

const stacks = (shape: Shape) => `
import { shapedPlatform } from '@test/fixtures/day2-platform';
export function buildPlatform() { return shapedPlatform(${JSON.stringify(shape)}); }
`;

const ACK: Shape = { envs: [{ flavor: 'ack' }] };
const CROSSPLANE: Shape = { envs: [{ flavor: 'crossplane' }] };

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });
}

async function synthesized(shape: Shape): Promise<string> {
  const dir = tempProject(stacks(shape));
  const first = await runCli(['synth'], dir);
  expect(first.code).toBe(0);
  return dir;
}

describe('gitplane synth: the day-2 gate', () => {
  it('a risky transition is refused with exit 3: each risk, the safe path, the approvals entry; dist/ untouched', async () => {
    // GIVEN a synthesized ACK environment
    const dir = await synthesized(ACK);
    const before = snapshotTree(path.join(dir, 'dist'));
    // WHEN the environment switches to Crossplane
    writeStacks(dir, stacks(CROSSPLANE));
    const result = await runCli(['synth'], dir);
    // THEN
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^refused risk \[critical\] cloud-replace prod\/Queue\.sqs\.services\.k8s\.aws\/prod-media\/prod-render-jobs: .*DELETES the AWS resource/m);
    expect(result.stderr).toMatch(/^Safe path, per risk class:\n {2}cloud-replace 1\. first commit: keep the old object .* orphan/m);
    expect(result.stderr).toMatch(/^ {2}cloud-replace 2\. second commit:/m);
    expect(result.stderr).toContain('add to review/approvals.yaml');
    expect(result.stderr).toMatch(/^ {2}- risk: cloud-replace\n {4}object: prod\/Queue\.sqs\.services\.k8s\.aws\/prod-media\/prod-render-jobs\n {4}reason: /m);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('the approvals entries it prints, committed with a reason, let the same synth write', async () => {
    const dir = await synthesized(ACK);
    writeStacks(dir, stacks(CROSSPLANE));
    const refused = await runCli(['synth'], dir);
    const entries = refused.stderr.slice(refused.stderr.indexOf('approvals:\n')).replace(/<why this is safe>/g, 'queues drained; handover done by hand');
    fs.mkdirSync(path.join(dir, 'review'));
    fs.writeFileSync(path.join(dir, 'review/approvals.yaml'), entries);
    const result = await runCli(['synth'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/refused risk/);
    expect(result.stdout).toMatch(/risks: \d+ acknowledged\)/);
    expect(fs.readdirSync(path.join(dir, 'dist/prod/media')).some((f) => f.startsWith('queue'))).toBe(true);
  });

  it('--allow-risky writes and names every risk it allowed; --json carries them', async () => {
    const dir = await synthesized(ACK);
    writeStacks(dir, stacks(CROSSPLANE));
    const refused = await runCli(['synth', '--json'], dir);
    expect(refused.code).toBe(3);
    const refusedJson = JSON.parse(refused.stdout);
    expect(refusedJson.ok).toBe(false);
    expect(refusedJson.gate.refused.map((r: { id: string }) => r.id)).toContain('cloud-replace');
    const before = snapshotTree(path.join(dir, 'dist'));
    const result = await runCli(['synth', '--allow-risky', '--json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.gate.allowed).toEqual(refusedJson.gate.refused);
    expect(json.gate.refused).toEqual([]);
    for (const risk of refusedJson.gate.refused) expect(result.stderr).toContain(`allowed risk (--allow-risky) [${risk.severity}] ${risk.id} ${risk.object}:`);
    expect(snapshotTree(path.join(dir, 'dist'))).not.toEqual(before);
  });

  it('a harmless change (an image tag, a replica count) writes with no risk line', async () => {
    const dir = await synthesized({});
    for (const shape of [{ replicas: 5 }, { replicas: 5, image: 'ghcr.io/acme/api:1.4.1@sha256:1b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474' }]) {
      writeStacks(dir, stacks(shape));
      const result = await runCli(['synth'], dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/\(1 written, 0 removed/);
    }
  });

  it('a medium risk in an unprotected environment warns with its safe path and writes', async () => {
    // A renumbered Service port: clients still dialing 80 fail until they move (no reconciler keeps it).
    const dir = await synthesized({});
    writeStacks(dir, stacks({ servicePort: 8080 }));
    const result = await runCli(['synth'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning risk \[medium\] availability prod\/Service\/prod-api\/api: .*port\(s\) http \(80\) removed/m);
    expect(result.stderr).toMatch(/^ {2}availability 1\. expand first/m);
    expect(result.stdout).toMatch(/risks: 1 warning\(s\)\)/);
  });

  it('an approvals file that is not valid is an error naming it, and nothing is written', async () => {
    const dir = await synthesized(ACK);
    writeStacks(dir, stacks(CROSSPLANE));
    fs.mkdirSync(path.join(dir, 'review'));
    fs.writeFileSync(path.join(dir, 'review/approvals.yaml'), 'approvals:\n  - risk: nope\n');
    const before = snapshotTree(path.join(dir, 'dist'));
    const result = await runCli(['synth'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: review\/approvals\.yaml: approvals\[0\]\.risk "nope" is not one of/m);
    expect(snapshotTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('item 12: a branch or tag the repository does not have is refused, named; once it exists the change goes through', async () => {
    // Argo CD resolves targetRevision in the repository and reports a ComparisonError for a revision
    // it cannot find; a Flux GitRepository whose ref.branch is missing fails to fetch: the root stops
    // reconciling its own source. A branch that exists but lags would roll the environment back.
    const dir = await synthesized({});
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    for (const reconciler of ['argocd', 'flux'] as const) {
      writeStacks(dir, stacks({ envs: [{ reconciler }] }));
      expect((await runCli(['synth', '--allow-risky'], dir)).code).toBe(0);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', reconciler);
      writeStacks(dir, stacks({ envs: [{ reconciler, branch: 'release' }] }));
      const snapshot = snapshotTree(path.join(dir, 'dist'));
      const refused = await runCli(['synth'], dir);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/^refused risk \[critical\] sync-wiring prod\/(Application|GitRepository)\.\S+: \.spec\.(source\.targetRevision|ref\.branch) -> "release": no branch or tag of that name in this repository/m);
      expect(snapshotTree(path.join(dir, 'dist'))).toEqual(snapshot);
      git(dir, 'branch', 'release');
      const written = await runCli(['synth'], dir);
      expect(written.code).toBe(0);
      expect(written.stderr).toMatch(/^warning risk \[medium\] sync-wiring /m);
      git(dir, 'branch', '-D', 'release');
      writeStacks(dir, stacks({ envs: [{ reconciler }] }));
      expect((await runCli(['synth'], dir)).code).toBe(0);
    }
  });

  it('item 12: moving a tag-pinned environment from one existing tag to another is a release (a warning); to a missing tag it is refused', async () => {
    for (const reconciler of ['argocd', 'flux'] as const) {
      const env = { reconciler, protect: true };
      const dir = await synthesized({ envs: [{ ...env, tag: 'release-1' }] });
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'base');
      git(dir, 'tag', 'release-1');
      writeStacks(dir, stacks({ envs: [{ ...env, tag: 'release-2' }] }));
      const missing = await runCli(['synth'], dir);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toMatch(/^refused risk \[critical\] sync-wiring .*-> "release-2": no branch or tag of that name/m);
      git(dir, 'tag', 'release-2');
      const release = await runCli(['synth'], dir);
      expect(release.code).toBe(0);
      expect(release.stderr).toMatch(/^warning risk \[low\] sync-wiring .*"release-1".*"release-2".*\(a release: both are tags in this repository\)$/m);
      expect(release.stderr).not.toMatch(/^refused/m);
    }
  });
});
