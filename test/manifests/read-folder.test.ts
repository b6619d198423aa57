import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { labelledDocuments, readFolderFiles, readManifestFolder, readManifestPath } from '../../lib/manifests';
import { messageOf } from '../helpers/errors';
import { tempDir } from '../helpers/temp';

const CM = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function distWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'dist', file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', file), text);
  }
  return path.join(dir, 'dist');
}

const DIST = { label: 'dist/', mode: 'dist' } as const;

describe('readManifestFolder', () => {
  it('reads .yaml, .yml and .json files in path order, naming files relative to the folder', () => {
    const dist = distWith({ 'prod/web/b.yml': CM('b'), 'prod/web/a.yaml': CM('a'), 'dev/x/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }) });
    const tree = readManifestFolder(dist, DIST);
    expect([...tree.files.keys()]).toEqual(['dev/x/c.json', 'prod/web/a.yaml', 'prod/web/b.yml']);
    expect(labelledDocuments(tree).map((d) => `${d.file}:${d.object.metadata.name}`)).toEqual([
      'dist/dev/x/c.json:c', 'dist/prod/web/a.yaml:a', 'dist/prod/web/b.yml:b',
    ]);
  });

  it('reads the whole text of every file, as readFileSync does: empty, multi-byte, invalid UTF-8, large', () => {
    const dist = distWith({ 'a/empty.yaml': '', 'a/utf8.yaml': 'name: café 日本語 🙂\n', 'b/large.yaml': `data: ${'x'.repeat(300_000)}\n` });
    fs.writeFileSync(path.join(dist, 'a/invalid.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xc3, 0x0a]));
    const files = readFolderFiles(dist, DIST);
    expect([...files.keys()]).toEqual(['a/empty.yaml', 'a/invalid.yaml', 'a/utf8.yaml', 'b/large.yaml']);
    for (const [file, text] of files) expect(text).toBe(fs.readFileSync(path.join(dist, file), 'utf8'));
  });

  it('is an empty tree for a missing folder', () => {
    expect(readManifestFolder(path.join(tempDir(), 'dist'), DIST).documents).toEqual([]);
  });

  describe('never follows a symlink or opens a non-regular file', () => {
    const secretFile = (): string => {
      const file = path.join(tempDir(), '.netrc');
      fs.writeFileSync(file, 'machine example.com login deploy password hunter2-very-secret\n');
      return file;
    };

    it.each([
      ['a symlink to a file outside the repository', (dist: string) => fs.symlinkSync(secretFile(), path.join(dist, 'dev/api/namespace-dev-api.yaml')), 'dist/dev/api/namespace-dev-api.yaml is a symlink'],
      ['a dangling symlink', (dist: string) => fs.symlinkSync('/nonexistent/x.yaml', path.join(dist, 'dev/api/x.yaml')), 'dist/dev/api/x.yaml is a symlink'],
      ['a symlinked folder', (dist: string) => fs.symlinkSync(path.dirname(secretFile()), path.join(dist, 'dev/linked')), 'dist/dev/linked is a symlink'],
      ['a FIFO (which would block a reader forever)', (dist: string) => execFileSync('mkfifo', [path.join(dist, 'dev/api/pipe.yaml')]), 'dist/dev/api/pipe.yaml is a FIFO'],
    ])('refuses %s, naming it, with the fix', (_, plant, expected) => {
      const dist = distWith({ 'dev/api/ok.yaml': CM('ok') });
      plant(dist);
      const message = messageOf(() => readManifestFolder(dist, DIST));
      expect(message).toBe(`${expected}; dist/ holds only regular files written by synth. Fix: remove it and run npm run synth`);
      expect(message).not.toContain('hunter2');
    });

    it('refuses a socket', async () => {
      const dist = distWith({ 'dev/api/ok.yaml': CM('ok') });
      const server = net.createServer();
      const socket = path.join(dist, 'dev/api/s.yaml');
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        expect(messageOf(() => readFolderFiles(dist, DIST))).toMatch(/^dist\/dev\/api\/s\.yaml is a socket;/);
      } finally {
        server.close();
      }
    });

    it('refuses a dist/ that is itself a symlink or a file', () => {
      const real = distWith({ 'a.yaml': CM('a') });
      const link = path.join(tempDir(), 'dist');
      fs.symlinkSync(real, link);
      expect(messageOf(() => readManifestFolder(link, DIST))).toMatch(/^dist is a symlink;/);
      const file = path.join(tempDir(), 'dist');
      fs.writeFileSync(file, 'x');
      expect(messageOf(() => readManifestFolder(file, DIST))).toMatch(/^dist is not a folder;/);
    });

    it('in lint mode refuses links too, with a fix for a folder the user owns', () => {
      const dir = distWith({ 'a.yaml': CM('a') });
      fs.symlinkSync(secretFile(), path.join(dir, 'b.yaml'));
      expect(messageOf(() => readManifestFolder(dir, { label: 'k8s/', mode: 'lint' })))
        .toBe('k8s/b.yaml is a symlink; gitplane reads only regular files and never follows links. Fix: pass the file itself instead of a link to it');
    });
  });

  it.each(['README.md', 'notes.txt', '.gitkeep', 'prod/web/deployment-web.yaml.orig'])('refuses a %s file in dist/ (reconcilers apply .yaml, .yml and .json only)', (file) => {
    const dist = distWith({ 'prod/web/a.yaml': CM('a'), [file]: 'x' });
    expect(messageOf(() => readManifestFolder(dist, DIST))).toBe(`dist/${file} is not a manifest file (.yaml, .yml or .json); dist/ holds only files written by synth. Fix: remove it (keep notes outside dist/) and run npm run synth`);
  });

  it('skips other files in a folder the user points at (lint mode)', () => {
    const dir = distWith({ 'a.yaml': CM('a'), 'README.md': '# notes' });
    expect(readManifestFolder(dir, { label: 'k8s/', mode: 'lint' }).documents).toHaveLength(1);
  });

  it('reads a single named file whatever its extension, but not through a link', () => {
    const dir = distWith({ 'legacy.txt': CM('t') });
    expect(readManifestPath(path.join(dir, 'legacy.txt'), { label: 'legacy.txt', mode: 'lint' }).documents[0].file).toBe('legacy.txt');
    fs.symlinkSync(path.join(dir, 'legacy.txt'), path.join(dir, 'link.yaml'));
    expect(messageOf(() => readManifestPath(path.join(dir, 'link.yaml'), { label: 'link.yaml', mode: 'lint' }))).toMatch(/^link\.yaml is a symlink;/);
  });
});
