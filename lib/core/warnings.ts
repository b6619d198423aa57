import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

const METADATA_TYPE = 'gitplane:warning';
const ACK_METADATA_TYPE = 'gitplane:warning-ack';

/** A warning raised while building the tree. `--strict` turns unacknowledged ones into failures. */
export interface ConstructWarning {
  readonly id: string;
  readonly message: string;
  readonly constructPath: string;
  /** The reason given when the warning was acknowledged, if it was. */
  readonly acknowledged?: string;
}

/**
 * Warnings with stable ids attached to a construct, e.g. `Warnings.of(this).add('GP-W-001', '...')`.
 * An acknowledgement applies to the construct and everything below it.
 */
export class Warnings {
  public static of(scope: IConstruct): Warnings {
    return new Warnings(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  public add(id: string, message: string): void {
    this.scope.node.addMetadata(METADATA_TYPE, { id, message });
  }

  /** Accepts warning `id` on this construct and its children; the reason is shown in reports. */
  public acknowledge(id: string, reason: string): void {
    if (!reason.trim()) {
      throw new ValidationError(this.scope.node.path, `acknowledging warning '${id}' needs a reason`, `pass a reason, e.g. Warnings.of(x).acknowledge('${id}', 'why this is fine')`);
    }
    this.scope.node.addMetadata(ACK_METADATA_TYPE, { id, reason });
  }
}

/** Every warning in the tree below `root`, in tree order, with acknowledgements resolved. */
export function collectWarnings(root: IConstruct): ConstructWarning[] {
  const warnings: ConstructWarning[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== METADATA_TYPE) continue;
      const { id, message } = entry.data as { id: string; message: string };
      const acknowledged = findAcknowledgement(construct, id);
      warnings.push({ id, message, constructPath: construct.node.path, acknowledged });
    }
  }
  return warnings;
}

/** The reason `id` was acknowledged on `construct` or one of its ancestors, nearest first. */
function findAcknowledgement(construct: IConstruct, id: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type === ACK_METADATA_TYPE && (entry.data as { id: string }).id === id) {
        return (entry.data as { reason: string }).reason;
      }
    }
  }
  return undefined;
}
