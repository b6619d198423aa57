import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { allRules } from '../../lib/policy';
import { SECRET_RULES } from '../../lib/policy/secrets';
import { deployment, edit, pdb, pod, service } from './fixtures';

/** A folder of YAML as a user writes it by hand: a bare Pod, and a multi-document app file in a subfolder. */
function manifests(files: Record<string, unknown[]>): string {
  const dir = tempDir('gitplane-policy-');
  for (const [file, objects] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), objects.map((o) => stringify(o)).join('---\n'));
  }
  return dir;
}

const badPod = edit(pod(), (p) => { p.spec.containers[0].securityContext.privileged = true; });
const undigested = edit(pod(), (p) => { p.spec.containers[0].image = 'ghcr.io/acme/app:1.4.2'; });

describe('gitplane policy check', () => {
  it('passes a compliant folder', async () => {
    const dir = manifests({ 'app/web.yaml': [deployment(), service(), pdb()], 'pod.yaml': [pod()] });
    const result = await runCli(['policy', 'check', '.', '--profile', 'prod'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('No policy findings (4 objects checked)\n');
    expect(result.code).toBe(0);
  });

  it('exits 1 on an error finding, grouped by file', async () => {
    const dir = manifests({ 'pods/bad.yaml': [badPod], 'pods/good.yaml': [pod()] });
    const result = await runCli(['policy', 'check', 'pods'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      'pods/bad.yaml',
      '  error  PSS-B-001 Pod/web/api .spec.containers[0].securityContext.privileged',
      `         container "app" sets 'securityContext.privileged' to true; remove it or set it to false`,
      '',
      '1 error, 0 warnings, 0 waived (2 objects checked)',
      '',
    ].join('\n'));
  });

  it('fails on warnings only with --strict', async () => {
    const dir = manifests({ 'pod.yaml': [undigested] });
    expect((await runCli(['policy', 'check', 'pod.yaml'], dir)).code).toBe(0);
    const strict = await runCli(['policy', 'check', 'pod.yaml', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warn   K8S-003 Pod/web/api .spec.containers[0].image');
  });

  it('uses the profile given: baseline lets restricted-only gaps through', async () => {
    const dir = manifests({ 'pod.yaml': [edit(pod(), (p) => { delete p.spec.containers[0].securityContext.allowPrivilegeEscalation; })] });
    expect((await runCli(['policy', 'check', 'pod.yaml', '--profile', 'baseline'], dir)).code).toBe(0);
    expect((await runCli(['policy', 'check', 'pod.yaml'], dir)).code).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const dir = manifests({ 'a.yaml': [badPod], 'b.yaml': [undigested] });
    const result = await runCli(['policy', 'check', 'a.yaml', 'b.yaml', '--json'], dir);
    const json = JSON.parse(result.stdout);
    expect(result.code).toBe(1);
    expect(json).toMatchObject({ ok: false, profile: 'restricted', strict: false, counts: { errors: 1, warnings: 1, waived: 0, total: 2 }, checked: 2 });
    expect(json.findings.map((f: { file: string; ruleId: string }) => [f.file, f.ruleId])).toEqual([['a.yaml', 'PSS-B-001'], ['b.yaml', 'K8S-003']]);
  });

  it('reports plaintext secrets too', async () => {
    const dir = manifests({ 'secret.yaml': [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2-but-much-longer-Zx81' } }] });
    const result = await runCli(['policy', 'check', 'secret.yaml', '--json'], dir);
    expect(JSON.parse(result.stdout).findings.some((f: { ruleId: string }) => f.ruleId.startsWith('SEC-'))).toBe(true);
  });

  it('fails if a path does not exist', async () => {
    const dir = manifests({});
    const result = await runCli(['policy', 'check', 'missing.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: path "missing.yaml" does not exist. Fix: pass YAML files or folders that contain them\n');
  });

  it('fails if the profile is unknown', async () => {
    const dir = manifests({ 'pod.yaml': [pod()] });
    const result = await runCli(['policy', 'check', 'pod.yaml', '--profile', 'strict'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: --profile "strict" is not a policy profile. Fix: use one of baseline, restricted, prod\n');
  });
});

describe('gitplane policy list', () => {
  it('lists every rule, secret rules included, with rationale, fix and mirrors', async () => {
    const result = await runCli(['policy', 'list', '--json'], tempDir());
    const rules = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...allRules, ...SECRET_RULES].map((r) => r.id));
    expect(rules[0]).toEqual({
      id: 'PSS-B-001',
      severity: 'error',
      title: 'Containers must not be privileged',
      rationale: expect.any(String),
      fix: expect.any(String),
      mirrors: expect.arrayContaining(['pss:privileged', 'checkov:CKV_K8S_16']),
      profiles: ['baseline', 'restricted', 'prod'],
    });
  });

  it('lists the credential formats each secret rule detects', async () => {
    const result = await runCli(['policy', 'list', '--json'], tempDir());
    const rules: { id: string; formats?: string[] }[] = JSON.parse(result.stdout);
    const secret = rules.filter((r) => r.id.startsWith('SEC-'));
    expect(secret.map((r) => r.id)).toEqual(SECRET_RULES.map((r) => r.id));
    for (const rule of secret) expect(rule.formats?.length, rule.id).toBeGreaterThan(0);
    expect(rules.filter((r) => !r.id.startsWith('SEC-')).every((r) => r.formats === undefined)).toBe(true);
    const all = secret.flatMap((r) => r.formats ?? []).join('\n');
    for (const format of ['ghs_', 'github_pat_', 'glsa_', 'glc_', 'hf_', 'lin_api_', 'sk-proj-', 'shpat_', 'whsec_', 'tskey-auth-', 'vcp_', 'dckr_pat_', 'ops_', 'ftps', 'Password=']) {
      expect(all, format).toContain(format);
    }
    expect(secret.flatMap((r) => r.formats ?? []).length).toBeGreaterThanOrEqual(30);
  });

  it('prints text and filters by profile', async () => {
    const result = await runCli(['policy', 'list', '--profile', 'baseline'], tempDir());
    expect(result.stdout).toContain('PSS-B-001   error Containers must not be privileged\n            why: ');
    expect(result.stdout).not.toContain('AVL-001');
  });
});

describe('gitplane policy kyverno', () => {
  it('prints the ClusterPolicies as YAML documents', async () => {
    const result = await runCli(['policy', 'kyverno', '--audit'], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^apiVersion: kyverno.io\/v1\nkind: ClusterPolicy\n/);
    expect(result.stdout).not.toContain('failureAction: Enforce');
  });
});
