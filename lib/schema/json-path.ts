/**
 * JSON paths as findings print them: `.spec.template.spec.containers[0].image`, with keys that are not
 * plain identifiers quoted (`.metadata.labels["app.kubernetes.io/name"]`). The root is `.`.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends one key (object property) or index (array element) to a path. */
export function childPath(path: string, key: string | number): string {
  const base = path === '.' ? '' : path;
  if (typeof key === 'number') return `${base}[${key}]`;
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * Turns an ajv instancePath (a JSON pointer such as `/spec/ports/0/port`) into a JSON path. The data is
 * walked alongside so that a numeric map key (`data: {"0": ...}`) is not mistaken for an array index.
 */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === '') return '.';
  let path = '.';
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      const index = Number(key);
      path = childPath(path, index);
      node = node[index];
    } else {
      path = childPath(path, key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
