import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { readManifestTreeAtRef } from '../../lib/manifests';
import { tempDir } from '../helpers/temp';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });
}

const CM = (name: string, value = 'v'): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: ${value}\n`;

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

describe('readManifestTreeAtRef', () => {
  it('reads the folder as committed at a ref, not as in the work tree', async () => {
    const dir = repo({ 'dist/prod/web/a.yaml': CM('a', 'one'), 'dist/prod/web/b.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }), 'stacks/main.ts': 'x' });
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, { 'dist/prod/web/a.yaml': CM('a', 'two') });
    git(dir, 'commit', '-q', '-am', 'two');
    write(dir, { 'dist/prod/web/a.yaml': CM('a', 'three') }); // uncommitted
    const atFirst = await readManifestTreeAtRef(dir, first, 'dist');
    const atHead = await readManifestTreeAtRef(dir, 'HEAD', 'dist');
    expect(atFirst.commit).toBe(first);
    expect(atFirst.label).toBe(`${first.slice(0, 7)}:dist/`);
    expect([...atFirst.files.keys()]).toEqual(['prod/web/a.yaml', 'prod/web/b.json']);
    expect(atFirst.documents[0].object.data).toEqual({ k: 'one' });
    expect(atHead.documents[0].object.data).toEqual({ k: 'two' });
  });

  it('reads many files through one batch, identical blobs once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`dist/dev/app-${i % 7}/configmap-${i}.yaml`] = CM(`c${i}`, String(i % 3));
    const dir = repo(files);
    const tree = await readManifestTreeAtRef(dir, 'main', 'dist');
    expect(tree.documents).toHaveLength(300);
    expect(tree.files.get('dev/app-5/configmap-299.yaml')).toBe(CM('c299', '2'));
  });

  it('is an empty tree when the folder did not exist at that ref', async () => {
    const dir = repo({ 'README.md': 'x' });
    expect((await readManifestTreeAtRef(dir, 'HEAD', 'dist')).documents).toEqual([]);
  });

  it('refuses a committed symlink without reading what it points to', async () => {
    const dir = repo({ 'dist/dev/a.yaml': CM('a') });
    fs.symlinkSync('/etc/passwd', path.join(dir, 'dist/dev/ns.yaml'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'link');
    const message = await readManifestTreeAtRef(dir, 'HEAD', 'dist').then(() => '', (error: Error) => error.message);
    expect(message).toMatch(/^[0-9a-f]{7}:dist\/dev\/ns\.yaml is a symlink; dist\/ holds only regular files written by synth\. Fix: /);
    expect(message).not.toContain('root:');
  });

  it('refuses a committed file that is not a manifest', async () => {
    const dir = repo({ 'dist/dev/a.yaml': CM('a'), 'dist/notes.txt': 'hello' });
    await expect(readManifestTreeAtRef(dir, 'HEAD', 'dist')).rejects.toThrow(/^[0-9a-f]{7}:dist\/notes\.txt is not a manifest file/);
  });

  it.each(['nope', 'origin/main', 'v9.9.9'])('fails on the unknown ref %s with the likely cause', async (ref) => {
    const dir = repo({ 'dist/dev/a.yaml': CM('a') });
    const message = await readManifestTreeAtRef(dir, ref, 'dist').then(() => '', (error: Error) => error.message);
    expect(message).toMatch(new RegExp(`^git ref "${ref.replace('/', '\\/')}" cannot be read\\. Fix: does "${ref.replace('/', '\\/')}" exist and has it been fetched\\?`));
  });

  it('refuses a ref that looks like an option', async () => {
    const dir = repo({ 'dist/dev/a.yaml': CM('a') });
    expect(await readManifestTreeAtRef(dir, '--output=/tmp/x', 'dist').then(() => '', (e: Error) => e.message)).toMatch(/is not a git ref/);
  });
});
