import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshBuild, writeStamp } = require('../../lib/cli/build-info.js') as {
  freshBuild(root: string): string | undefined;
  writeStamp(root: string): void;
};

/** A project with two lib files and a build of them, stamped `age` seconds after the sources. */
function builtProject(): { root: string; main: string } {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'lib/cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'lib/index.ts'), 'export {};');
  fs.writeFileSync(path.join(root, 'lib/cli/main.ts'), 'export {};');
  const past = new Date(Date.now() - 60_000);
  for (const file of ['lib/index.ts', 'lib/cli/main.ts']) fs.utimesSync(path.join(root, file), past, past);
  fs.mkdirSync(path.join(root, 'build/cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'build/cli/main.js'), '');
  writeStamp(root);
  return { root, main: path.join(root, 'build/cli/main.js') };
}

describe('compiled build', () => {
  it('is used while it matches lib/', () => {
    const { root, main } = builtProject();
    expect(freshBuild(root)).toBe(main);
  });

  it('is not used once a source file is edited after the build', () => {
    const { root } = builtProject();
    fs.appendFileSync(path.join(root, 'lib/cli/main.ts'), '\n');
    expect(freshBuild(root)).toBeUndefined();
  });

  it('is not used once a source file is added or removed', () => {
    const added = builtProject();
    const past = new Date(Date.now() - 60_000);
    fs.writeFileSync(path.join(added.root, 'lib/new.ts'), 'export {};');
    fs.utimesSync(path.join(added.root, 'lib/new.ts'), past, past); // even with an old mtime
    expect(freshBuild(added.root)).toBeUndefined();
    const removed = builtProject();
    fs.rmSync(path.join(removed.root, 'lib/index.ts'));
    expect(freshBuild(removed.root)).toBeUndefined();
  });

  it('is not used without a stamp or an entry point, or when GITPLANE_FROM_SOURCE=1', () => {
    const unstamped = builtProject();
    fs.rmSync(path.join(unstamped.root, 'build/.stamp'));
    expect(freshBuild(unstamped.root)).toBeUndefined();
    const partial = builtProject();
    fs.rmSync(path.join(partial.root, 'build/cli/main.js'));
    expect(freshBuild(partial.root)).toBeUndefined();
    const forced = builtProject();
    process.env.GITPLANE_FROM_SOURCE = '1';
    try {
      expect(freshBuild(forced.root)).toBeUndefined();
    } finally {
      delete process.env.GITPLANE_FROM_SOURCE;
    }
  });
});
