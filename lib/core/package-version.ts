import * as fs from 'fs';
import * as path from 'path';

/**
 * The version of an installed package, read from its package.json; undefined when it cannot be told.
 * Found from the package's entry module, because some packages do not export their package.json.
 */
export function installedVersion(name: string): string | undefined {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
