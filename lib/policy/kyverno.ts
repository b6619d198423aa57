/**
 * Kyverno export: the per-object subset of the rules as cluster admission policies, so objects that
 * bypass gitplane (kubectl, Helm, operators) meet the same rules.
 *
 * Kind chosen: `kyverno.io/v1` `ClusterPolicy`. In the CRDs we target, `kyverno.io/v1` is the served
 * storage version, while `policies.kyverno.io/v1alpha1` `ValidatingPolicy` is served but marked
 * `deprecated: true` (its successor needs a recent Kyverno release). ClusterPolicy runs on every
 * Kyverno 1.x still in use, and its declarative patterns map one to one onto the Kyverno best-practice
 * and pod-security policies our rules mirror. The rule-level `validate.failureAction` is used (the
 * spec-level `validationFailureAction` is deprecated), which needs Kyverno 1.13 or newer.
 *
 * One ClusterPolicy per gitplane rule, named after the rule id and annotated with it. Pod checks are
 * written once against a Pod and emitted for Pods, for pod controllers and for CronJobs with paths moved
 * under the pod template; Kyverno's own auto-generation is switched off so the result does not depend
 * on its heuristics. Objects whose `gitplane.dev/waivers` annotation waives the rule are excluded, as
 * are the excluded namespaces (kube-system by default).
 */
import { GITPLANE_PREFIX, KubeObject } from '../core/manifest';
import { allRules } from './rules';
import { KyvernoCheck, RuleMetadata } from './rule';
import { WAIVERS_ANNOTATION } from './waiver-annotation';

export type KyvernoFailureAction = 'Enforce' | 'Audit';

export interface KyvernoExportOptions {
  /** Failure action for every policy. @default - Enforce for error rules, Audit for warn rules */
  readonly failureAction?: KyvernoFailureAction;
  /** Namespaces the policies never apply to. @default ['kube-system'] */
  readonly excludeNamespaces?: readonly string[];
  /** Also report on existing objects (background scans). @default true */
  readonly background?: boolean;
  /** Prefix of the policy names. @default 'gitplane-' */
  readonly namePrefix?: string;
}

export const KYVERNO_API_VERSION = 'kyverno.io/v1';
export const RULE_ID_ANNOTATION = `${GITPLANE_PREFIX}/rule-id`;

/** Where a pod controller keeps its pod; the pod-level check is moved under this prefix. */
const POD_TARGETS: readonly { suffix: string; kinds: string[]; wrap: (pod: unknown) => unknown; jmesPrefix: string }[] = [
  { suffix: 'pod', kinds: ['Pod'], wrap: (pod) => pod, jmesPrefix: '' },
  {
    suffix: 'controllers',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'],
    wrap: (pod) => ({ spec: { template: pod } }),
    jmesPrefix: 'spec.template.',
  },
  {
    suffix: 'cronjob',
    kinds: ['CronJob'],
    wrap: (pod) => ({ spec: { jobTemplate: { spec: { template: pod } } } }),
    jmesPrefix: 'spec.jobTemplate.spec.template.',
  },
];

const CATEGORIES: readonly [RegExp, string][] = [
  [/^PSS-B-/, 'Pod Security Standards (Baseline)'],
  [/^PSS-R-/, 'Pod Security Standards (Restricted)'],
];

/** The rules Kyverno can enforce on single objects. */
export function kyvernoExportable<R extends RuleMetadata>(rules: readonly R[]): R[] {
  return rules.filter((rule) => rule.kyverno !== undefined && rule.kyverno.length > 0);
}

/** ClusterPolicies for the exportable subset of `rules`, in rule order. */
export function kyvernoPolicies(rules: readonly RuleMetadata[] = allRules, options: KyvernoExportOptions = {}): KubeObject[] {
  return kyvernoExportable(rules).map((rule) => clusterPolicy(rule, options));
}

function clusterPolicy(rule: RuleMetadata, options: KyvernoExportOptions): KubeObject {
  const checks = rule.kyverno ?? [];
  const podLevel = checks.some(isPodCheck);
  const subjects = [...new Set(checks.flatMap((check) => check.kinds))];
  const annotations: Record<string, string> = {
    'policies.kyverno.io/title': rule.title,
    'policies.kyverno.io/category': CATEGORIES.find(([pattern]) => pattern.test(rule.id))?.[1] ?? 'Best Practices',
    'policies.kyverno.io/severity': rule.severity === 'error' ? 'high' : 'medium',
    'policies.kyverno.io/subject': subjects.join(', '),
    'policies.kyverno.io/minversion': '1.13.0',
    'policies.kyverno.io/description': `${rule.id}: ${rule.rationale} ${rule.fix}`,
    [RULE_ID_ANNOTATION]: rule.id,
  };
  if (rule.mirrors.length > 0) annotations[`${GITPLANE_PREFIX}/mirrors`] = rule.mirrors.join(', ');
  // Explicit per-kind rules are emitted below; auto-generation would duplicate them.
  if (podLevel) annotations['pod-policies.kyverno.io/autogen-controllers'] = 'none';
  return {
    apiVersion: KYVERNO_API_VERSION,
    kind: 'ClusterPolicy',
    metadata: {
      name: `${options.namePrefix ?? 'gitplane-'}${rule.id.toLowerCase()}`,
      annotations,
      labels: { 'app.kubernetes.io/managed-by': 'gitplane', [RULE_ID_ANNOTATION]: rule.id },
    },
    spec: {
      admission: true,
      background: options.background ?? true,
      rules: checks.flatMap((check) => kyvernoRules(rule, check, options)),
    },
  };
}

function isPodCheck(check: KyvernoCheck): boolean {
  return check.kinds.length === 1 && check.kinds[0] === 'Pod';
}

function kyvernoRules(rule: RuleMetadata, check: KyvernoCheck, options: KyvernoExportOptions): Record<string, unknown>[] {
  const base = [rule.id.toLowerCase(), check.name].filter(Boolean).join('-');
  const exclude = {
    any: [
      { resources: { namespaces: [...(options.excludeNamespaces ?? ['kube-system'])] } },
      { resources: { annotations: { [WAIVERS_ANNOTATION]: `*"${rule.id}"*` } } },
    ],
  };
  const validateFor = (body: Readonly<Record<string, unknown>>): Record<string, unknown> => ({
    failureAction: options.failureAction ?? (rule.severity === 'error' ? 'Enforce' : 'Audit'),
    message: `${rule.id}: ${rule.title}. ${rule.fix}`,
    ...body,
  });
  const ruleFor = (name: string, kinds: readonly string[], body: Readonly<Record<string, unknown>>, preconditions?: unknown): Record<string, unknown> => ({
    name,
    match: { any: [{ resources: { kinds: [...kinds] } }] },
    exclude,
    ...(preconditions ? { preconditions } : {}),
    validate: validateFor(body),
  });
  if (!isPodCheck(check)) return [ruleFor(base, check.kinds, check.validate, check.preconditions)];
  return POD_TARGETS.map((target) =>
    ruleFor(
      `${base}-${target.suffix}`,
      target.kinds,
      movePodCheck(check.validate, target.wrap, target.jmesPrefix),
      check.preconditions && moveExpressions(check.preconditions, target.jmesPrefix),
    ),
  );
}

/** Moves a Pod-level validate body under a pod template: patterns are wrapped, expressions re-rooted. */
function movePodCheck(validate: Readonly<Record<string, unknown>>, wrap: (pod: unknown) => unknown, jmesPrefix: string): Record<string, unknown> {
  const moved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(validate)) {
    if (key === 'pattern') moved.pattern = wrap(value);
    else if (key === 'anyPattern') moved.anyPattern = (value as unknown[]).map(wrap);
    else moved[key] = moveExpressions(value, jmesPrefix);
  }
  return moved;
}

/** Rewrites `request.object.spec` / `request.object.metadata` in every string of a JSON value. */
function moveExpressions<T>(value: T, jmesPrefix: string): T {
  if (!jmesPrefix) return value;
  if (typeof value === 'string') return value.replace(/request\.object\.(spec|metadata)\b/g, `request.object.${jmesPrefix}$1`) as T;
  if (Array.isArray(value)) return value.map((entry) => moveExpressions(entry, jmesPrefix)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moveExpressions(v, jmesPrefix)])) as T;
  }
  return value;
}
