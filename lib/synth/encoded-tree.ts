import { ContentDigest, digestOf } from './content-digest';
import type { FileTree } from './layout';

/** An encoded tree as plain data, the form that crosses from the stack worker to the main thread. */
export interface EncodedTreeData {
  /** Relative POSIX paths, in the tree's order. */
  readonly paths: readonly string[];
  /** `offsets[i]` to `offsets[i + 1]` are the bytes of `paths[i]`; one more entry than paths. */
  readonly offsets: Uint32Array;
  /** The UTF-8 text of every file, one after the other. Transferred, never copied, between threads. */
  readonly bytes: ArrayBuffer;
}

/**
 * A synthesized tree as one UTF-8 buffer plus an index of where each file's bytes are. The stack worker
 * posts it by transferring the buffer (a Map of strings would be copied into the main thread's heap,
 * doubling the text of the whole tree there); the gate and the writer compare byte slices by size and
 * hash, write them as they are, and decode to text only the files a review reads.
 */
export class EncodedTree {
  /** Encodes the files of a synthesis (`synthesize().files`), keeping their order. */
  static encode(files: FileTree | ReadonlyMap<string, string>): EncodedTree {
    const paths = [...files.keys()];
    const offsets = new Uint32Array(paths.length + 1);
    let end = 0;
    paths.forEach((file, i) => {
      end += Buffer.byteLength(files.get(file)!, 'utf8');
      offsets[i + 1] = end;
    });
    // Its own ArrayBuffer (never Node's shared pool), so it can be transferred.
    const bytes = Buffer.from(new ArrayBuffer(end));
    paths.forEach((file, i) => bytes.write(files.get(file)!, offsets[i], 'utf8'));
    return new EncodedTree({ paths, offsets, bytes: bytes.buffer as ArrayBuffer });
  }

  private readonly buffer: Buffer;
  private readonly index = new Map<string, number>();
  private readonly digests = new Map<string, ContentDigest>();

  constructor(readonly data: EncodedTreeData) {
    this.buffer = Buffer.from(data.bytes);
    data.paths.forEach((file, i) => this.index.set(file, i));
  }

  get size(): number {
    return this.data.paths.length;
  }

  /** The paths, in the tree's order. */
  paths(): readonly string[] {
    return this.data.paths;
  }

  has(file: string): boolean {
    return this.index.has(file);
  }

  /** The bytes of a file: a view into the one buffer, not a copy. */
  bytesOf(file: string): Buffer {
    const i = this.position(file);
    return this.buffer.subarray(this.data.offsets[i], this.data.offsets[i + 1]);
  }

  textOf(file: string): string {
    return this.bytesOf(file).toString('utf8');
  }

  /** The file's size and hash, computed once (the gate and the writer both compare with them). */
  digestOf(file: string): ContentDigest {
    let digest = this.digests.get(file);
    if (!digest) {
      digest = digestOf(this.bytesOf(file));
      this.digests.set(file, digest);
    }
    return digest;
  }

  /** True when the file's bytes are exactly those `digest` describes (size first: the cheap refusal). */
  matches(file: string, digest: ContentDigest | undefined): boolean {
    if (digest === undefined) return false;
    const i = this.position(file);
    if (this.data.offsets[i + 1] - this.data.offsets[i] !== digest.size) return false;
    return this.digestOf(file).sha256 === digest.sha256;
  }

  /** Every file's text (for engines that read the whole tree, such as `check`). */
  toFileTree(): FileTree {
    return new Map(this.data.paths.map((file) => [file, this.textOf(file)]));
  }

  private position(file: string): number {
    const i = this.index.get(file);
    if (i === undefined) throw new Error(`${file} is not in this tree`);
    return i;
  }
}
