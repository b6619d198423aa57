import { apiGroup, KubeObject } from '../../core/manifest';
import { PolicyItem, Rule, RuleContext } from '../rule';
import { PROD_ONLY, podRule } from './support/define';
import { dig, quote, record, text } from './support/paths';
import { budgetsCovering, labelSelector, sameNamespace, servicesSelecting, workloadsSelectedBy } from './support/selectors';

/** Production availability: `AVL-*`, only in the `prod` profile. */

const SCALABLE = ['Deployment', 'StatefulSet'];

function isScalable(object: KubeObject): boolean {
  return SCALABLE.includes(object.kind) && apiGroup(object.apiVersion ?? '') === 'apps';
}

/** The HorizontalPodAutoscaler that scales `object`, if any. */
function autoscalerOf(object: KubeObject, context: RuleContext): PolicyItem | undefined {
  const byTarget = context.memo('availability:autoscalers', () => {
    const index = new Map<string, PolicyItem[]>();
    for (const hpa of context.ofKind('HorizontalPodAutoscaler', 'autoscaling')) {
      const target = record(dig(hpa.object, 'spec', 'scaleTargetRef'));
      const key = `${String(target?.kind)}/${String(target?.name)}`;
      const same = index.get(key);
      if (same) same.push(hpa);
      else index.set(key, [hpa]);
    }
    return index;
  });
  return (byTarget.get(`${object.kind}/${object.metadata?.name}`) ?? []).find((hpa) => sameNamespace(hpa.object, object));
}

/** The fewest replicas the workload runs with: the autoscaler's minimum when one manages it. */
function minimumReplicas(object: KubeObject, context: RuleContext): { count: number; hpa?: string } {
  const hpa = autoscalerOf(object, context);
  if (hpa) {
    const min = dig(hpa.object, 'spec', 'minReplicas');
    return { count: typeof min === 'number' ? min : 1, hpa: hpa.object.metadata.name };
  }
  const replicas = dig(object, 'spec', 'replicas');
  return { count: typeof replicas === 'number' ? replicas : 1 };
}

export const minimumTwoReplicas: Rule = {
  id: 'AVL-001',
  severity: 'error',
  title: 'Production workloads must run at least two replicas',
  rationale: 'A single replica is an outage on every node drain, eviction or rollout hiccup.',
  fix: 'Set spec.replicas (or the HorizontalPodAutoscaler minReplicas) to 2 or more.',
  mirrors: ['kube-linter:minimum-three-replicas', 'kube-linter:hpa-minimum-three-replicas'],
  profiles: PROD_ONLY,
  check: (item, context) => {
    if (!isScalable(item.object)) return [];
    const { count, hpa } = minimumReplicas(item.object, context);
    if (count >= 2) return [];
    return hpa
      ? [{ path: '.spec.replicas', message: `HorizontalPodAutoscaler ${quote(hpa)} allows ${count} replica; set its spec.minReplicas to 2 or more` }]
      : [{ path: '.spec.replicas', message: `spec.replicas is ${quote(dig(item.object, 'spec', 'replicas'))} (runs ${count}); set it to 2 or more` }];
  },
};

export const disruptionBudget = podRule(
  {
    id: 'AVL-002',
    severity: 'error',
    title: 'Production workloads behind a Service must have a PodDisruptionBudget',
    rationale: 'Without a PodDisruptionBudget a node drain may evict every replica of a service at once.',
    fix: 'Add a policy/v1 PodDisruptionBudget whose selector matches the pod template labels (e.g. maxUnavailable: 1).',
    mirrors: ['kyverno:require-pdb'],
    profiles: PROD_ONLY,
  },
  (pod, item, context) => {
    if (!isScalable(item.object)) return [];
    const services = servicesSelecting(item, pod, context);
    if (services.length === 0 || budgetsCovering(item.object, pod.labels, context).length > 0) return [];
    return [{
      path: '.spec.template.metadata.labels',
      message: `Service ${quote(services[0].object.metadata.name)} routes to these pods but no PodDisruptionBudget selects labels ${quote(pod.labels)}; add one with maxUnavailable: 1`,
    }];
  },
);

function isFullPercentage(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '100%';
}

function isZero(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && /^0+%?$/.test(value.trim()));
}

export const budgetAllowsDisruption: Rule = {
  id: 'AVL-003',
  severity: 'error',
  title: 'PodDisruptionBudgets must allow at least one disruption',
  rationale: 'A budget that allows no eviction blocks node drains and cluster upgrades indefinitely.',
  fix: 'Use maxUnavailable: 1, or a minAvailable lower than the replica count.',
  mirrors: ['kube-linter:pdb-max-unavailable', 'kube-linter:pdb-min-available'],
  profiles: PROD_ONLY,
  check: (item, context) => {
    const { object } = item;
    if (object.kind !== 'PodDisruptionBudget' || apiGroup(object.apiVersion ?? '') !== 'policy') return [];
    const spec = record(object.spec) ?? {};
    if (isZero(spec.maxUnavailable)) {
      return [{ path: '.spec.maxUnavailable', message: `spec.maxUnavailable is ${quote(spec.maxUnavailable)}, which blocks every eviction; set it to 1 or more` }];
    }
    if (isFullPercentage(spec.minAvailable)) {
      return [{ path: '.spec.minAvailable', message: `spec.minAvailable is "100%", which blocks every eviction; use maxUnavailable: 1 instead` }];
    }
    if (typeof spec.minAvailable !== 'number') return [];
    const selector = labelSelector(spec.selector);
    if (!selector) return [];
    for (const workload of workloadsSelectedBy(item, selector, context)) {
      if (!isScalable(workload.object)) continue;
      const { count } = minimumReplicas(workload.object, context);
      if (spec.minAvailable >= count) {
        const name = text(workload.object.metadata?.name);
        return [{
          path: '.spec.minAvailable',
          message: `spec.minAvailable is ${spec.minAvailable} but ${workload.object.kind} ${quote(name)} runs ${count}, so no pod may be evicted; lower it or use maxUnavailable: 1`,
        }];
      }
    }
    return [];
  },
};

export const availabilityRules: readonly Rule[] = [minimumTwoReplicas, disruptionBudget, budgetAllowsDisruption];
