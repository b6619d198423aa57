import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { isKnownRuleId } from './catalog';
import { serializeWaivers, WAIVERS_ANNOTATION } from './waiver-annotation';

/**
 * Waivers on the construct tree. A waiver is stored as construct metadata on the waived construct
 * and written as the `gitplane.dev/waivers` annotation on every ApiObject below it, so reviewers see
 * it in the YAML and the engine (which only sees manifests) honours it. No cdk8s Aspects are used.
 *
 * `waive()` annotates the ApiObjects that exist when it is called; `applyWaivers(root)`, which the
 * synth pipeline calls once before rendering, covers objects added later and also copies the
 * annotation into pod templates, so Kyverno's exclusion sees it on the Pods a workload creates.
 */

const METADATA_TYPE = 'gitplane:policy-waiver';

interface WaiverEntry {
  readonly ruleId: string;
  readonly reason: string;
}

/** Where each pod controller keeps its pod template, as JSON pointer segments. */
const POD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export class Policy {
  /** The policy handle of a construct: `Policy.of(this).waive('K8S-001', 'reason')`. */
  public static of(scope: IConstruct): Policy {
    return new Policy(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Waives rule `ruleId` for every object under this construct. The finding is still reported,
   * marked waived with `reason`, and never fails synth or `check`.
   * @throws ValidationError when the reason is empty or the rule id is unknown
   */
  public waive(ruleId: string, reason: string): this {
    const path = this.scope.node.path || '<root>';
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new ValidationError(
        path,
        `waiving policy rule ${JSON.stringify(ruleId)} needs a reason`,
        `say why the rule does not apply, e.g. Policy.of(construct).waive('${ruleId}', 'writes only to an emptyDir volume')`,
      );
    }
    if (!isKnownRuleId(ruleId)) {
      throw new ValidationError(path, `cannot waive unknown policy rule ${JSON.stringify(ruleId)}`, "use a rule id listed by 'gitplane policy list', e.g. 'PSS-R-001'");
    }
    this.scope.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies WaiverEntry);
    annotate(this.scope.node.findAll(), false);
    return this;
  }

  /** Waivers that apply to this construct, including those inherited from its ancestors. */
  public get waivers(): Readonly<Record<string, string>> {
    return waiversOf(this.scope);
  }
}

/** Rule id → reason for `construct`; when several scopes waive the same rule, the nearest wins. */
export function waiversOf(construct: IConstruct): Record<string, string> {
  const result: Record<string, string> = {};
  for (const scope of construct.node.scopes) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== METADATA_TYPE) continue;
      const { ruleId, reason } = entry.data as WaiverEntry;
      result[ruleId] = reason;
    }
  }
  return result;
}

/**
 * Writes the waiver annotation on every ApiObject under `root` (and into pod templates). Call it
 * once from the synth pipeline before the tree is rendered; calling it again is harmless.
 */
export function applyWaivers(root: IConstruct, constructs: readonly IConstruct[] = root.node.findAll()): void {
  annotate(constructs, true);
}

function annotate(constructs: readonly IConstruct[], podTemplates: boolean): void {
  for (const construct of constructs) {
    if (!ApiObject.isApiObject(construct)) continue;
    const waivers = waiversOf(construct);
    if (Object.keys(waivers).length === 0) continue;
    const value = serializeWaivers(waivers);
    construct.metadata.addAnnotation(WAIVERS_ANNOTATION, value);
    if (podTemplates) annotatePodTemplate(construct, value);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function annotatePodTemplate(object: ApiObject, value: string): void {
  const templatePath = POD_TEMPLATES[object.kind];
  if (!templatePath) return;
  const rendered = object.toJson() as Record<string, unknown>;
  let template: unknown = rendered;
  for (const key of templatePath) template = (template as Record<string, unknown> | undefined)?.[key];
  if (typeof template !== 'object' || template === null) return;
  const metadata = (template as Record<string, unknown>).metadata as Record<string, unknown> | undefined;
  const base = '/' + templatePath.join('/');
  if (!metadata) {
    object.addJsonPatch(JsonPatch.add(`${base}/metadata`, { annotations: { [WAIVERS_ANNOTATION]: value } }));
  } else if (!metadata.annotations) {
    object.addJsonPatch(JsonPatch.add(`${base}/metadata/annotations`, { [WAIVERS_ANNOTATION]: value }));
  } else {
    object.addJsonPatch(JsonPatch.add(`${base}/metadata/annotations/${pointerSegment(WAIVERS_ANNOTATION)}`, value));
  }
}
