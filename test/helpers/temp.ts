import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export function tempDir(prefix = 'gitplane-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file below `dir` with its content and inode, to prove a tree was not touched. */
export function snapshotTree(dir: string): Record<string, { content: string; ino: number; mtimeMs: number }> {
  const out: Record<string, { content: string; ino: number; mtimeMs: number }> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else {
        const stat = fs.statSync(path.join(dir, child));
        out[child] = { content: fs.readFileSync(path.join(dir, child), 'utf8'), ino: stat.ino, mtimeMs: stat.mtimeMs };
      }
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}
