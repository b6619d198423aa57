import * as fs from 'fs';
import * as path from 'path';
import { GitplaneError } from '../core/errors';
import { keepsFile, MAX_MANIFEST_BYTES } from './file-kinds';
import { buildTree } from './tree';
import type { ManifestTree, ReadMode } from './types';

export interface ReadFolderOptions {
  /** How messages name the folder, with a trailing slash: `dist/`. */
  readonly label: string;
  readonly mode: ReadMode;
  /** Only the folders and files (relative POSIX paths) this accepts are read; a folder it refuses is not entered. */
  readonly select?: (file: string) => boolean;
}

/**
 * Reads a manifest folder without ever following a symlink or opening anything but a regular file:
 * a symlink committed into dist/ could point at ~/.netrc, and a FIFO would block the reader forever.
 * Each is an error naming the path. A missing folder is an empty tree (callers decide whether that is
 * an error); a folder that is not a directory is an error.
 */
export function readManifestFolder(dir: string, options: ReadFolderOptions): ManifestTree {
  return buildTree(options.label, readFolderFiles(dir, options), options.mode);
}

/**
 * A folder (as `readManifestFolder`) or a single file: `gitplane policy check k8s/ legacy.yaml`. A file
 * is named by `options.label` alone; it must be a regular file, as inside a folder.
 */
export function readManifestPath(target: string, options: ReadFolderOptions): ManifestTree {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined || stat.isDirectory()) return readManifestFolder(target, options);
  const single: ReadFolderOptions = { label: '', mode: options.mode };
  const name = options.label.replace(/\/$/, '');
  // A file named on the command line is read whatever its extension: the user asked for it.
  return buildTree('', new Map([[name, readRegularFile(target, single, name).toString('utf8')]]), 'all');
}

/** The text of every file under `dir` by relative POSIX path, refusing anything that is not a regular file. */
export function readFolderFiles(dir: string, options: ReadFolderOptions): Map<string, string> {
  const files = new Map<string, string>();
  visitFolderFiles(dir, options, (file, bytes) => files.set(file, bytes.toString('utf8')));
  return files;
}

/**
 * Hands the bytes of every regular file under `dir` to `visit`, one file at a time in path order, with
 * the same refusals as readFolderFiles: a caller that keeps only a digest of each file never holds the
 * whole tree's text. `bytes` is valid only during the call (the read buffer is reused): decode or
 * digest it there, or copy it.
 */
export function visitFolderFiles(dir: string, options: ReadFolderOptions, visit: (file: string, bytes: Buffer) => void): void {
  const root = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (root === undefined) return;
  if (!root.isDirectory()) throw notRegular(options, '', root.isSymbolicLink() ? 'a symlink' : 'not a folder');
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (options.select && !options.select(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (!entry.isFile()) throw notRegular(options, child, describeType(entry));
      else if (keepsFile(options.label, child, options.mode)) visit(child, readRegularFile(path.join(dir, child), options, child));
    }
  };
  walk('');
}

/**
 * Opens without following a symlink and without blocking on a FIFO, then checks what was opened: the
 * type seen by readdir can change before the open (a file swapped for a FIFO or a link).
 */
function readRegularFile(file: string, options: ReadFolderOptions, rel: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw notRegular(options, rel, 'a symlink');
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw notRegular(options, rel, 'not a regular file');
    if (stat.size > MAX_MANIFEST_BYTES) {
      throw new GitplaneError(`${options.label}${rel} is ${stat.size} bytes, larger than any manifest (limit ${MAX_MANIFEST_BYTES})`,
        options.mode === 'dist' ? 'remove it and run npm run synth' : 'split it, or leave it out of the paths you check');
    }
    return readOpenFile(fd, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

/** One buffer for the reads of files up to its size: each text is decoded out of it, so it is reused. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/**
 * The bytes of an open regular file of `size` bytes, in one read call where `readFileSync` makes two
 * (the second to see the end): more than the size is asked for, and having read exactly the size is
 * the end. A short read goes on to the end; a file that grew meanwhile is read to its end too. The
 * result may be a view of the reused buffer: valid until the next read, so callers decode or digest it
 * at once.
 */
function readOpenFile(fd: number, size: number): Buffer {
  let buffer = size < READ_BUFFER.length ? READ_BUFFER : Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length === size) break;
    if (length === buffer.length) {
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
  }
  return buffer.subarray(0, length);
}

function describeType(entry: fs.Dirent): string {
  if (entry.isSymbolicLink()) return 'a symlink';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

function notRegular(options: ReadFolderOptions, rel: string, what: string): GitplaneError {
  const name = `${options.label}${rel}`.replace(/\/$/, '') || '.';
  return options.mode !== 'lint'
    ? new GitplaneError(`${name} is ${what}; ${options.label} holds only regular files written by synth`, 'remove it and run npm run synth')
    : new GitplaneError(`${name} is ${what}; gitplane reads only regular files and never follows links`, 'pass the file itself instead of a link to it');
}
