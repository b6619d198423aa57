import { ApiObject, JsonPatch } from 'cdk8s';
import { ValidationError } from '../core/errors';

interface PatchOperation { readonly op: string; readonly path: string; readonly from?: string }

/**
 * When `toJson()` of an ApiObject failed because one of the patches added with `addJsonPatch` does
 * not fit the object (its path runs through a field that does not exist), names the construct and
 * the patch instead of cdk8s' "Failed serializing construct" TypeError. Returns undefined when the
 * patches are not the cause. The patch's value is never printed (it may hold anything).
 */
export function jsonPatchError(construct: ApiObject): ValidationError | undefined {
  // cdk8s keeps the patches in a private array; read it to find the one that fails.
  const patches = (construct as unknown as { patches?: JsonPatch[] }).patches;
  if (!Array.isArray(patches) || patches.length === 0) return undefined;
  const saved = patches.splice(0);
  let doc: unknown;
  try {
    doc = construct.toJson();
  } catch {
    return undefined; // fails without its patches too: not a patch problem
  } finally {
    patches.push(...saved);
  }
  for (const [index, patch] of saved.entries()) {
    const operation = patch._toJson() as PatchOperation;
    try {
      doc = JsonPatch.apply(doc, patch);
    } catch {
      const shown = `JsonPatch.${operation.op}(${JSON.stringify(operation.from ?? operation.path)}${operation.from ? `, ${JSON.stringify(operation.path)}` : ''}${'value' in operation ? ', ...' : ''})`;
      const missing = missingPart(doc, operation);
      const problem = missing ? `${missing} does not exist in the object` : `${operation.path} cannot be the target of '${operation.op}'`;
      return new ValidationError(construct.node.path, `addJsonPatch #${index + 1} ${shown} does not fit the ${construct.kind}: ${problem}`,
        `point the patch at a field that exists${missing ? ` (or add ${missing} first, e.g. JsonPatch.add('${missing}', {}))` : ''}, or drop it`);
    }
  }
  return undefined;
}

/** The first part of the patch's path that must exist and does not (`/spec`), if any. */
function missingPart(doc: unknown, operation: PatchOperation): string | undefined {
  const segments = operation.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const mustExist = operation.op === 'add' ? segments.length - 1 : segments.length;
  let current: unknown = doc;
  let walked = '';
  for (const segment of segments.slice(0, mustExist)) {
    walked += `/${segment}`;
    if (typeof current !== 'object' || current === null || !(segment in current)) return walked;
    current = (current as Record<string, unknown>)[segment];
  }
  return undefined;
}
