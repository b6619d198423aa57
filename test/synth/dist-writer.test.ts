import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  findInterruptedWrite, JournalError, journalText, lockFile, readTree, recoverInterruptedWrite, synthesize, UnfinishedWriteError, writerPaths,
  writeSynthesis, WriterFs,
} from '../../lib/synth';
import { rawPlatform } from '../fixtures/raw-platform';
import { snapshotTree, tempDir } from '../helpers/temp';

const realFs: WriterFs = {
  writeFile: (file, content) => fs.writeFileSync(file, content),
  rename: (a, b) => fs.renameSync(a, b),
};

/** An fs whose `rename` fails like an I/O error on the `failing`-th rename (the first is the journal's commit). */
function renameFailsAt(failing: number): WriterFs {
  let renames = 0;
  return { ...realFs, rename: (a, b) => { if (++renames === failing) throw Object.assign(new Error(`EIO: i/o error, rename '${a}' -> '${b}'`), { code: 'EIO', path: a, dest: b }); realFs.rename(a, b); } };
}

/** Counts the files each write puts on disk. */
function countingWrites(): WriterFs & { writes: string[] } {
  const writes: string[] = [];
  return { ...realFs, writes, writeFile: (file, content) => { writes.push(file); realFs.writeFile(file, content); } };
}

/** An fs whose `writeFile` fails like a full disk after `okWrites` successful writes. */
function diskFullAfter(okWrites: number): WriterFs {
  let writes = 0;
  return {
    ...realFs,
    writeFile: (file, content) => {
      if (++writes > okWrites) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      realFs.writeFile(file, content);
    },
  };
}

function siblings(out: string): string[] {
  return fs.readdirSync(path.dirname(out)).sort();
}

describe('dist writer', () => {
  it('writes a cold tree, then an unchanged re-synth writes nothing and touches no file', () => {
    // GIVEN
    const out = path.join(tempDir(), 'dist');
    const first = writeSynthesis(synthesize(rawPlatform()), out);
    const before = snapshotTree(out);
    // WHEN
    const again = writeSynthesis(synthesize(rawPlatform()), out);
    // THEN
    expect(first.written).toHaveLength(12);
    expect(again).toEqual({ written: [], removed: [], unchanged: 12 });
    expect(snapshotTree(out)).toEqual(before); // same content, same inodes, same mtimes
  });

  it('rewrites only changed files, keeps unchanged ones (same inode) and removes stale ones', () => {
    // GIVEN
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ apps: 3 })), out);
    const before = snapshotTree(out);
    // WHEN app-2 disappears and prod's objects change
    const result = writeSynthesis(synthesize(rawPlatform({ apps: 2 })), out);
    // THEN
    expect(result.removed).toEqual(['dev/app-2/configmap-config-0.yaml', 'dev/app-2/configmap-config-1.yaml',
      'prod/app-2/configmap-config-0.yaml', 'prod/app-2/configmap-config-1.yaml']);
    expect(result.written).toEqual([]);
    const after = snapshotTree(out);
    expect(Object.keys(after)).toHaveLength(8);
    for (const [file, entry] of Object.entries(after)) expect(entry.ino).toBe(before[file].ino);
    expect(fs.existsSync(path.join(out, 'dev/app-2'))).toBe(false);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('leaves dist/ exactly as it was when the disk fills up half-way', () => {
    // GIVEN
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    // WHEN
    expect(() => writeSynthesis(synthesize(rawPlatform({ version: '2' })), out, diskFullAfter(5))).toThrow(/ENOSPC/);
    // THEN
    expect(snapshotTree(out)).toEqual(before);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('leaves dist/ as it was when committing the change fails', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    expect(() => writeSynthesis(synthesize(rawPlatform({ version: '2' })), out, renameFailsAt(1))).toThrow(/EIO/);
    expect(snapshotTree(out)).toEqual(before);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('stages only what changed: an edit writes the changed file and the journal, and touches no other file', () => {
    // GIVEN a tree, and a synthesis that differs from it in one file and drops another
    const out = path.join(tempDir(), 'dist');
    const first = synthesize(rawPlatform());
    writeSynthesis(first, out);
    const before = snapshotTree(out);
    const edited = new Map(first.files);
    edited.set('prod/app-1/configmap-config-0.yaml', first.files.get('prod/app-1/configmap-config-0.yaml')!.replace('zeta: z', 'zeta: y'));
    edited.delete('dev/app-2/configmap-config-1.yaml');
    const ops = countingWrites();
    // WHEN
    const result = writeSynthesis({ files: edited }, out, ops);
    // THEN
    expect(result).toEqual({ written: ['prod/app-1/configmap-config-0.yaml'], removed: ['dev/app-2/configmap-config-1.yaml'], unchanged: 10 });
    expect(ops.writes.map((file) => path.basename(file))).toEqual(['configmap-config-0.yaml', 'journal.json']);
    expect(readTree(out)).toEqual(edited);
    const after = snapshotTree(out);
    for (const file of Object.keys(after).filter((f) => f !== 'prod/app-1/configmap-config-0.yaml')) expect(after[file]).toEqual(before[file]);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('fails saying dist/ holds part of the change when applying it fails after the commit; recovery completes it', () => {
    // GIVEN a write whose third rename (the second file moved into place) fails
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const v2 = synthesize(rawPlatform({ version: '2' }));
    // WHEN / THEN
    let error: unknown;
    try {
      writeSynthesis(v2, out, renameFailsAt(3));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UnfinishedWriteError);
    expect((error as Error).message).toMatch(
      /^dist\/ holds part of this synth's change: applying it failed after it was committed \(EIO at \.dist\.gitplane-staging\/tree\/dev\/app-0\/configmap-config-1\.yaml\)\. Fix: fix that cause, then run npm run synth: it first completes the change recorded in \.dist\.gitplane-journal$/);
    expect(findInterruptedWrite(out)?.state).toBe('partial');
    expect(recoverInterruptedWrite(out)).toBe(true);
    expect(readTree(out)).toEqual(v2.files);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('rolls a committed change forward even when recovery itself is cut short', () => {
    // GIVEN a change committed and a quarter applied
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const v2 = synthesize(rawPlatform({ apps: 2, version: '2' }));
    expect(() => writeSynthesis(v2, out, renameFailsAt(4))).toThrow(UnfinishedWriteError);
    // WHEN the first recovery fails after moving two more files, and a second one runs
    expect(() => recoverInterruptedWrite(out, renameFailsAt(3))).toThrow(/EIO/);
    expect(findInterruptedWrite(out)?.state).toBe('partial');
    recoverInterruptedWrite(out);
    // THEN the new tree is whole: moved files skipped, stale ones (app-2) gone with their folders
    expect(readTree(out)).toEqual(v2.files);
    expect(fs.existsSync(path.join(out, 'dev/app-2'))).toBe(false);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('discards a staging folder whose change was never committed, leaving dist/ as it was', () => {
    // GIVEN what a kill before the commit point leaves: files and the journal staged, nothing committed
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    const { staging } = writerPaths(out);
    fs.mkdirSync(path.join(staging, 'tree/dev/app-0'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'tree/dev/app-0/configmap-config-0.yaml'), 'half');
    fs.writeFileSync(path.join(staging, 'journal.json'), journalText({ write: ['dev/app-0/configmap-config-0.yaml'], remove: ['prod/app-0/configmap-config-0.yaml'] }));
    expect(findInterruptedWrite(out)).toEqual({ state: 'whole', leftovers: [staging] });
    // WHEN
    expect(recoverInterruptedWrite(out)).toBe(true);
    // THEN
    expect(snapshotTree(out)).toEqual(before);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('fails if a journal names a path outside dist/, and moves or removes nothing', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    fs.writeFileSync(path.join(path.dirname(out), 'victim.txt'), 'keep');
    fs.writeFileSync(writerPaths(out).journal, journalText({ write: [], remove: ['dev/app-0/configmap-config-0.yaml', '../victim.txt'] }));
    expect(() => recoverInterruptedWrite(out)).toThrow(JournalError);
    expect(() => recoverInterruptedWrite(out)).toThrow(
      '.dist.gitplane-journal (left beside ' + path.basename(path.dirname(out)) + '/ by an interrupted synth) names "../victim.txt", which is not a path inside the output folder; ' +
      "the output folder may hold part of that synth's change. Fix: remove .dist.gitplane-journal and the .gitplane-staging folder beside it, then run synth: it rewrites every file that differs");
    expect(snapshotTree(out)).toEqual(before);
    expect(fs.readFileSync(path.join(path.dirname(out), 'victim.txt'), 'utf8')).toBe('keep');
  });

  it('fails naming the journal when it cannot be read', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    fs.writeFileSync(writerPaths(out).journal, '{"format":"gitplane-journal/1","write":["a.ya');
    expect(() => writeSynthesis(synthesize(rawPlatform({ version: '2' })), out)).toThrow(/^\.dist\.gitplane-journal \(left beside .+\) cannot be read \(not JSON\); /);
  });

  it('recovers when removing the old tree left behind fails for permissions: makes its folders writable and retries', () => {
    // GIVEN the old tree left beside dist/ after a swap, with a read-only folder in it
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const { previous } = writerPaths(out);
    fs.cpSync(out, previous, { recursive: true });
    fs.chmodSync(path.join(previous, 'dev'), 0o555);
    // (rm needs write access to each folder it empties; root would not be refused, so the first refusal is injected)
    let attempts = 0;
    const refusingOnce: WriterFs = { ...realFs, removeTree: (dir) => {
      if (dir !== previous) return fs.rmSync(dir, { recursive: true, force: true });
      if (++attempts === 1) throw Object.assign(new Error(`EACCES: permission denied, unlink '${dir}/dev/app-0/x.yaml'`), { code: 'EACCES' });
      expect(fs.statSync(path.join(previous, 'dev')).mode & 0o700).toBe(0o700);
      fs.rmSync(dir, { recursive: true, force: true });
    } };
    // WHEN a later synth runs
    const result = writeSynthesis(synthesize(rawPlatform({ version: '2' })), out, refusingOnce);
    // THEN it recovered and wrote
    expect(attempts).toBe(2); // refused, then retried after chmod
    expect(result.written.length).toBeGreaterThan(0);
    expect(siblings(out)).toEqual(['dist']);
  });

  it('fails naming the leftover folder and the fix when it cannot be removed at all, and touches nothing', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    const { previous } = writerPaths(out);
    fs.mkdirSync(previous);
    const refusing: WriterFs = { ...realFs, removeTree: () => { throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }); } };
    expect(() => writeSynthesis(synthesize(rawPlatform({ version: '2' })), out, refusing)).toThrow(
      '.dist.gitplane-previous/ (left beside ' + path.basename(path.dirname(out)) + '/ by an interrupted synth) cannot be removed (EPERM); nothing was written. ' +
      'Fix: remove it by hand (chmod -R u+w .dist.gitplane-previous && rm -rf .dist.gitplane-previous, with sudo if another user owns files in it), then run synth again');
    expect(snapshotTree(out)).toEqual(before);
  });

  it('keeps the new tree when the staging folder cannot be removed after the write; the next run removes it', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const { staging } = writerPaths(out);
    let removals = 0;
    const refusingAfterWrite: WriterFs = { ...realFs, removeTree: (dir) => {
      if (dir === staging && fs.existsSync(dir) && ++removals <= 2) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      fs.rmSync(dir, { recursive: true, force: true });
    } };
    const v2 = synthesize(rawPlatform({ version: '2' }));
    writeSynthesis(v2, out, refusingAfterWrite);
    expect(readTree(out)).toEqual(v2.files);
    expect(findInterruptedWrite(out)).toEqual({ state: 'whole', leftovers: [staging] });
    writeSynthesis(v2, out, refusingAfterWrite);
    expect(findInterruptedWrite(out)).toBeUndefined();
    expect(siblings(out)).toEqual(['dist']);
  });

  it('reads back exactly what it wrote', () => {
    const out = path.join(tempDir(), 'dist');
    const synthesis = synthesize(rawPlatform());
    writeSynthesis(synthesis, out);
    expect(readTree(out)).toEqual(synthesis.files);
  });
});

describe('dist writer ownership', () => {
  it('fails if the output folder holds files gitplane did not write, and touches nothing', () => {
    // GIVEN a project folder mistaken for the output folder
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'package.json'), '{}');
    fs.mkdirSync(path.join(out, 'stacks'));
    fs.writeFileSync(path.join(out, 'stacks/main.ts'), 'export {}');
    const before = snapshotTree(out);
    // WHEN / THEN
    expect(() => writeSynthesis(synthesize(rawPlatform()), out)).toThrow(
      /holds 2 file\(s\) gitplane did not write \(package\.json, stacks\/main\.ts\); nothing was written\. Fix: point --out/);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('still replaces generated files that were edited by hand', () => {
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const file = path.join(out, 'dev/app-0/configmap-config-0.yaml');
    fs.appendFileSync(file, 'extra: edit\n');
    expect(writeSynthesis(synthesize(rawPlatform({ version: '1' })), out).written).toEqual(['dev/app-0/configmap-config-0.yaml']);
  });

  it('replaces generated files edited by hand to the same size, and files with a changed tail or a changed character', () => {
    // GIVEN files compared by size and hash, not by text kept in memory
    const out = path.join(tempDir(), 'dist');
    const synthesis = synthesize(rawPlatform({ version: '1' }));
    writeSynthesis(synthesis, out);
    const edits: Record<string, (text: string) => string> = {
      'dev/app-0/configmap-config-0.yaml': (text) => text.replace(/a([^a]*)$/, 'b$1'), // same size, one byte differs
      'dev/app-0/configmap-config-1.yaml': (text) => text.slice(0, -1) + ' ', // same size, last byte differs
      'prod/app-0/configmap-config-0.yaml': (text) => text + '\n', // one byte longer
      'prod/app-1/configmap-config-0.yaml': (text) => text.replace(/a([^a]*)$/, 'é$1').slice(0, -1), // same length in characters, not in bytes
    };
    for (const [file, edit] of Object.entries(edits)) {
      const full = path.join(out, file);
      fs.writeFileSync(full, edit(fs.readFileSync(full, 'utf8')));
    }
    // WHEN / THEN exactly the edited files are rewritten, back to what synth produces
    const result = writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    expect(result.written).toEqual(Object.keys(edits).sort());
    expect(result.unchanged).toBe(synthesis.files.size - Object.keys(edits).length);
    expect(readTree(out)).toEqual(synthesis.files);
  });
});

describe('dist writer lock', () => {
  it('fails if another synth holds the lock, and touches nothing', () => {
    // GIVEN a lock held by a live process (this test's parent)
    const out = path.join(tempDir(), 'dist');
    writeSynthesis(synthesize(rawPlatform({ version: '1' })), out);
    const before = snapshotTree(out);
    fs.writeFileSync(lockFile(out), `${process.ppid}\n`);
    // WHEN / THEN
    expect(() => writeSynthesis(synthesize(rawPlatform({ version: '2' })), out)).toThrow(
      `another gitplane synth (pid ${process.ppid}) is writing dist/; nothing was written. Fix: wait for it to finish, or delete .dist.gitplane-lock if no synth is running`);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('takes over the lock of a run that died, and releases it afterwards', () => {
    // GIVEN the lock of a process that no longer exists
    const out = path.join(tempDir(), 'dist');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(lockFile(out), `${dead}\n`);
    // WHEN
    const result = writeSynthesis(synthesize(rawPlatform()), out);
    // THEN
    expect(result.written).toHaveLength(12);
    expect(fs.existsSync(lockFile(out))).toBe(false);
  });
});
