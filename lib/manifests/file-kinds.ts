import { GitplaneError } from '../core/errors';
import type { ReadMode } from './types';

/**
 * The file extensions the reconcilers apply from a folder: Argo CD's directory source reads `.yaml`,
 * `.yml` and `.json` (and Flux's kustomize-controller generates a kustomization from the same set), so
 * every one of them is read, validated and scanned; none can slip past review under another name.
 */
const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

export function isManifestFile(file: string): boolean {
  return MANIFEST_EXTENSION.test(file);
}

export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/** Manifest files larger than this are refused: etcd stores objects up to 1.5 MiB each. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Whether a file of a tree is read: manifests always; anything else is read in `all` mode, skipped in
 * `lint` mode, and an error in `dist` mode, where synth writes nothing but manifests.
 */
export function keepsFile(label: string, file: string, mode: ReadMode): boolean {
  if (isManifestFile(file) || mode === 'all') return true;
  if (mode === 'lint') return false;
  throw new GitplaneError(`${label}${file} is not a manifest file (.yaml, .yml or .json); ${label} holds only files written by synth`,
    'remove it (keep notes outside dist/) and run npm run synth');
}
