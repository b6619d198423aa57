import { GitplaneError } from '../core/errors';

/** Alias uses allowed in one file (the `yaml` library's own default limit). */
const MAX_ALIASES = 100;
/** Nodes one document may expand to once every alias is followed. */
export const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Refuses a parsed document whose aliases would make every later walk explode: a "billion laughs"
 * file parses into a few shared nodes, but each rule, scanner and validator walking it would visit
 * 10^9 of them, and `&a [*a]` makes a cycle that overflows the stack. Shared nodes are counted once
 * with memoized sizes, so this check itself is linear in the text.
 */
export function assertBoundedAliases(file: string, document: unknown, fix: string): void {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let aliases = 0;
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      aliases += 1;
      return known;
    }
    if (open.has(node)) {
      throw new GitplaneError(`${file}: a YAML alias refers to the node that contains it (an endless structure)`, fix);
    }
    open.add(node);
    let size = 1;
    for (const child of Object.values(node)) size += sizeOf(child);
    open.delete(node);
    sizes.set(node, size);
    return size;
  };
  const total = sizeOf(document);
  if (aliases > MAX_ALIASES || total > MAX_EXPANDED_NODES) {
    throw new GitplaneError(`${file}: too many YAML aliases (${aliases}, expanding to ${total} nodes); manifests must not rely on anchors`, fix);
  }
}
