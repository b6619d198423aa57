import * as path from 'path';
import { MessageChannel, receiveMessageOnPort } from 'worker_threads';
import { describe, expect, it } from 'vitest';
import { EncodedTree, EncodedTreeData, readDistDigests, synthesize, writeSynthesis } from '../../lib/synth';
import { rawPlatform } from '../fixtures/raw-platform';
import { tempDir } from '../helpers/temp';

const FILES = new Map([
  ['dev/a/x.yaml', 'kind: ConfigMap\n'],
  ['dev/a/é.yaml', 'data: héllo wörld ✓\n'], // multi-byte: byte offsets differ from string lengths
  ['dev/b/empty.yaml', ''],
  ['prod/a/x.yaml', 'kind: Secret\n'],
]);

describe('encoded tree', () => {
  it('crosses a thread boundary by transfer and gives back every file as it was, in order', () => {
    // GIVEN a tree encoded as the stack worker does
    const tree = EncodedTree.encode(FILES);
    const { port1, port2 } = new MessageChannel();
    // WHEN it is posted with its buffers transferred
    port1.postMessage(tree.data, tree.transferList());
    const received = new EncodedTree(receiveMessageOnPort(port2)!.message as EncodedTreeData[]);
    port1.close();
    // THEN the sender's buffers moved (no copy stays behind) and the receiver reads the same files
    expect(tree.data.every((segment) => segment.bytes.byteLength === 0)).toBe(true);
    expect(received.paths()).toEqual([...FILES.keys()]);
    expect(received.toFileTree()).toEqual(FILES);
    expect(received.bytesOf('dev/a/é.yaml').equals(Buffer.from(FILES.get('dev/a/é.yaml')!, 'utf8'))).toBe(true);
    expect(received.has('prod/a/x.yaml')).toBe(true);
    expect(received.has('prod/a/y.yaml')).toBe(false);
  });

  it('encodes a large tree in bounded segments and orders segments given in any order by path', () => {
    // GIVEN two environments of 6 MB each, the second one sorting first ('dev-eu/' < 'dev/')
    const big = (env: string) => new Map(Array.from({ length: 3000 }, (_, i) =>
      [`${env}/app/f-${String(i).padStart(4, '0')}.yaml`, `n: ${i}\n${'é'.repeat(1000)}\n`] as const));
    const dev = EncodedTree.encodeEach(big('dev'));
    const devEu = EncodedTree.encodeEach(big('dev-eu'));
    // WHEN they are joined, the later-sorting environment first
    const tree = new EncodedTree([...dev, ...devEu]);
    // THEN each environment took several segments of about a megabyte, and the tree reads in path order
    expect(dev.length).toBeGreaterThan(2);
    expect(Math.max(...dev.map((s) => s.bytes.byteLength))).toBeLessThan(3 << 20);
    const expected = new Map([...big('dev-eu'), ...big('dev')]);
    expect(tree.paths()).toEqual([...expected.keys()]);
    expect(tree.toFileTree()).toEqual(expected);
    expect(tree.textOf('dev/app/f-2999.yaml')).toBe(expected.get('dev/app/f-2999.yaml'));
  });

  it('matches a file on disk by size and hash as read by the one digest reader', () => {
    // GIVEN a written synthesis
    const out = path.join(tempDir(), 'dist');
    const synthesis = synthesize(rawPlatform());
    writeSynthesis(synthesis, out);
    // WHEN
    const digests = readDistDigests(out);
    const tree = EncodedTree.encode(synthesis.files);
    // THEN every file matches its digest, and is gitplane's
    expect([...digests.files.keys()]).toEqual(tree.paths());
    for (const file of tree.paths()) {
      expect(tree.matches(file, digests.files.get(file))).toBe(true);
      expect(digests.files.get(file)!.generated).toBe(true);
    }
    expect(digests.label).toBe('dist/');
  });

  it('tells files apart that differ in one byte, in length only, or in bytes but not in characters', () => {
    const tree = EncodedTree.encode(FILES);
    const digest = (text: string) => EncodedTree.encode(new Map([['f', text]])).digestOf('f');
    expect(tree.matches('dev/a/x.yaml', digest('kind: ConfigMap\n'))).toBe(true);
    expect(tree.matches('dev/a/x.yaml', digest('kind: ConfigMaq\n'))).toBe(false);
    expect(tree.matches('dev/a/x.yaml', digest('kind: ConfigMap\n\n'))).toBe(false);
    expect(tree.matches('dev/a/é.yaml', digest('data: hello wörld ✓\n'))).toBe(false);
    expect(tree.matches('dev/b/empty.yaml', digest(''))).toBe(true);
    expect(tree.matches('dev/b/empty.yaml', undefined)).toBe(false);
  });
});
