import { ContentDigest, digestOf } from './content-digest';
import { FileTree, inPathOrder } from './layout';

/**
 * One segment of an encoded tree as plain data, the form that crosses from the stack worker to the
 * main thread. A tree is one or more segments, each of files that sort after the previous segment's.
 */
export interface EncodedTreeData {
  /** Relative POSIX paths, in the tree's order. */
  readonly paths: readonly string[];
  /** `offsets[i]` to `offsets[i + 1]` are the bytes of `paths[i]`; one more entry than paths. */
  readonly offsets: Uint32Array;
  /** The UTF-8 text of every file, one after the other. Transferred, never copied, between threads. */
  readonly bytes: ArrayBuffer;
}

/** Characters of text per segment of encodeEach (about a megabyte): little text is alive at once, and no buffer is copied to grow. */
const SEGMENT_CHARS = 1 << 20;

/**
 * A synthesized tree as UTF-8 buffers plus an index of where each file's bytes are. The stack worker
 * posts it by transferring the buffers (a Map of strings would be copied into the main thread's heap,
 * doubling the text of the whole tree there); the gate and the writer compare byte slices by size and
 * hash, write them as they are, and decode to text only the files a review reads.
 */
export class EncodedTree {
  /** Encodes the files of a synthesis (`synthesize().files`), keeping their order. */
  static encode(files: FileTree | ReadonlyMap<string, string>): EncodedTree {
    return new EncodedTree(EncodedTree.encodeEach(files));
  }

  /**
   * Encodes files as they come, sorted by path, into segments of about a megabyte each: each text can
   * be let go as soon as it is encoded, and no segment is copied to grow.
   */
  static encodeEach(files: Iterable<readonly [string, string]>): EncodedTreeData[] {
    const segments: EncodedTreeData[] = [];
    let pending: (readonly [string, string])[] = [];
    let pendingBytes = 0;
    const flush = (): void => {
      if (pending.length > 0) segments.push(encodeSegment(pending));
      pending = [];
      pendingBytes = 0;
    };
    for (const file of files) {
      pending.push(file);
      pendingBytes += file[1].length;
      if (pendingBytes >= SEGMENT_CHARS) flush();
    }
    flush();
    return segments;
  }

  private readonly segments: readonly { readonly data: EncodedTreeData; readonly buffer: Buffer }[];
  private readonly allPaths: string[] = [];
  /** For each file, in order: its segment and its position there. */
  private readonly located = new Map<string, { readonly segment: number; readonly i: number }>();
  private readonly digests = new Map<string, ContentDigest>();

  /** Segments of disjoint paths in any order; the tree orders them (see inPathOrder). */
  constructor(segments: EncodedTreeData | readonly EncodedTreeData[]) {
    const list = Array.isArray(segments) ? segments as readonly EncodedTreeData[] : [segments as EncodedTreeData];
    this.segments = inPathOrder(list.map((data) => ({ data, size: data.paths.length })), (s) => s.data.paths[0])
      .map(({ data }) => ({ data, buffer: Buffer.from(data.bytes) }));
    this.segments.forEach(({ data }, segment) => data.paths.forEach((file, i) => {
      this.allPaths.push(file);
      this.located.set(file, { segment, i });
    }));
  }

  /** The segments, in path order, to post to another thread (transfer `transferList()`). */
  get data(): readonly EncodedTreeData[] {
    return this.segments.map((s) => s.data);
  }

  /** The buffers to transfer when posting `data`. */
  transferList(): ArrayBuffer[] {
    return this.segments.flatMap(({ data }) => [data.bytes, data.offsets.buffer as ArrayBuffer]);
  }

  get size(): number {
    return this.allPaths.length;
  }

  /** The paths, in the tree's order. */
  paths(): readonly string[] {
    return this.allPaths;
  }

  has(file: string): boolean {
    return this.located.has(file);
  }

  /** The bytes of a file: a view into its segment's buffer, not a copy. */
  bytesOf(file: string): Buffer {
    const { segment, i } = this.position(file);
    const { data, buffer } = this.segments[segment];
    return buffer.subarray(data.offsets[i], data.offsets[i + 1]);
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
    const { segment, i } = this.position(file);
    const { offsets } = this.segments[segment].data;
    if (offsets[i + 1] - offsets[i] !== digest.size) return false;
    return this.digestOf(file).sha256 === digest.sha256;
  }

  /** Every file's text (for engines that read the whole tree, such as `plan`). */
  toFileTree(): FileTree {
    return new Map(this.allPaths.map((file) => [file, this.textOf(file)]));
  }

  private position(file: string): { readonly segment: number; readonly i: number } {
    const found = this.located.get(file);
    if (found === undefined) throw new Error(`${file} is not in this tree`);
    return found;
  }
}

/** One segment of files, in the order given, in its own ArrayBuffer (never Node's shared pool, so it can be transferred). */
function encodeSegment(files: readonly (readonly [string, string])[]): EncodedTreeData {
  const offsets = new Uint32Array(files.length + 1);
  let end = 0;
  files.forEach(([, text], i) => {
    end += Buffer.byteLength(text, 'utf8');
    offsets[i + 1] = end;
  });
  const bytes = Buffer.from(new ArrayBuffer(end));
  files.forEach(([, text], i) => bytes.write(text, offsets[i], 'utf8'));
  return { paths: files.map(([file]) => file), offsets, bytes: bytes.buffer as ArrayBuffer };
}
