import { PolicyItem, ProfileName, Rule, RuleContext, RuleMetadata, Violation } from '../../rule';
import { ContainerAt, containersOf, ContainerKind, podSpecIn, PodSpecAt } from './pods';

/** Profile sets: each profile includes every rule of the ones before it. */
export const FROM_BASELINE: readonly ProfileName[] = ['baseline', 'restricted', 'prod'];
export const FROM_RESTRICTED: readonly ProfileName[] = ['restricted', 'prod'];
export const PROD_ONLY: readonly ProfileName[] = ['prod'];

/** A rule that looks at the pod spec of Pods and workloads and ignores every other kind. */
export function podRule(
  metadata: RuleMetadata,
  check: (pod: PodSpecAt, item: PolicyItem, context: RuleContext) => Violation[],
): Rule {
  return {
    ...metadata,
    check(item, context) {
      const pod = podSpecIn(item.object, context);
      return pod ? check(pod, item, context) : [];
    },
  };
}

/** A rule that checks each container of a pod spec on its own. */
export function containerRule(
  metadata: RuleMetadata,
  check: (container: ContainerAt, pod: PodSpecAt, item: PolicyItem, context: RuleContext) => Violation[],
  kinds?: readonly ContainerKind[],
): Rule {
  return podRule(metadata, (pod, item, context) => containersOf(pod, kinds).flatMap((c) => check(c, pod, item, context)));
}

