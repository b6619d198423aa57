import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../lib/cli/code-fingerprint';
import { tempDir } from '../helpers/temp';

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

describe('codeFingerprint', () => {
  it('changes with the code of any module the entry imports, directly or not, and only with those', () => {
    // GIVEN entry -> ./a (a folder index) -> ../b, a type import of ./t, a require of the package.json, and an unrelated module
    const root = tempDir('gitplane-code-');
    write(root, {
      'package.json': '{"version":"1.0.0"}',
      'lib/entry.ts': "import { a } from './a';\nimport type { T } from './t';\nconst v = require('../package.json');\n",
      'lib/a/index.ts': "export { b as a } from '../b';\n",
      'lib/b.ts': 'export const b = 1;\n',
      'lib/t.ts': 'export type T = number;\n',
      'lib/other.ts': 'export const other = 1;\n',
    });
    const entry = path.join(root, 'lib/entry.ts');
    const before = codeFingerprint(entry, root);
    // WHEN a module outside the closure changes THEN the fingerprint stays
    write(root, { 'lib/other.ts': 'export const other = 2;\n' });
    expect(codeFingerprint(entry, root)).toBe(before);
    // WHEN any module inside it changes THEN the fingerprint changes
    for (const [name, text] of [['lib/b.ts', 'export const b = 2;\n'], ['lib/t.ts', 'export type T = string;\n'], ['package.json', '{"version":"1.0.1"}']]) {
      const previous = codeFingerprint(entry, root);
      write(root, { [name]: text });
      expect(codeFingerprint(entry, root)).not.toBe(previous);
    }
    // WHEN a module starts importing the unrelated one THEN it counts
    const previous = codeFingerprint(entry, root);
    write(root, { 'lib/b.ts': "export { other as b } from './other';\n" });
    expect(codeFingerprint(entry, root)).not.toBe(previous);
  });
});
