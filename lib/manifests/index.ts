// The one reader of manifest trees, from a folder or a git ref.
export { isManifestFile } from './file-kinds';
export { parseManifestText, type ParseOptions } from './parse';
export { readFolderFiles, readManifestFolder, readManifestPath, type ReadFolderOptions } from './read-folder';
export { readManifestTreeAtRef, type ReadRefOptions, type RefTree } from './read-ref';
export { buildTree, comparePaths } from './tree';
export { labelledDocuments, locateInDist, type ManifestDocument, type ManifestTree, type ReadMode } from './types';
