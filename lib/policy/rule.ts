import { KubeObject } from '../core/manifest';
import type { PolicyProfile } from '../platform/contracts';

/**
 * Shared vocabulary of the policy engine: rule metadata, findings and the contract a rule implements.
 * Secret-scanning rules (`SEC-0xx`) reuse `RuleMetadata` and `Severity` from here.
 */

/** `error` fails synth and nothing is written; `warn` is printed and fails only with `--strict`. */
export type Severity = 'error' | 'warn';

/**
 * Rule sets, from least to most demanding. Each profile includes every rule of the ones before it:
 * `baseline` blocks known privilege escalations and manifests a cluster would reject, `restricted`
 * (the default) adds hardening and hygiene, `prod` adds availability and deletion protection.
 */
export type ProfileName = PolicyProfile;

export const PROFILE_NAMES: readonly ProfileName[] = ['baseline', 'restricted', 'prod'];

/** What a rule is and why it exists; everything `gitplane policy list` prints. */
export interface RuleMetadata {
  /** Stable id, never renumbered or reused, e.g. `PSS-R-004`. Waivers and reviews refer to it. */
  readonly id: string;
  readonly severity: Severity;
  /** Short imperative title, e.g. "Containers must run as non-root". */
  readonly title: string;
  /** One line: why the rule exists. */
  readonly rationale: string;
  /** One line: how to satisfy it. */
  readonly fix: string;
  /**
   * The equivalent controls in other tools, as `tool:id`, e.g. `pss:runAsNonRoot`,
   * `kyverno:require-requests-limits`, `kube-linter:latest-tag`, `checkov:CKV_K8S_14`,
   * `aws-securityhub:S3.8`.
   */
  readonly mirrors: readonly string[];
  /** The profiles that run the rule. */
  readonly profiles: readonly ProfileName[];
  /** How Kyverno enforces the same rule in the cluster; absent when it needs the whole object set. */
  readonly kyverno?: readonly KyvernoCheck[];
}

/**
 * One Kyverno `validate` rule. Checks on `Pod` are written against a Pod (`spec`, `metadata`,
 * `request.object.spec`) and exported for every pod controller with the paths moved under the pod
 * template, so the policy does not depend on Kyverno's auto-generation.
 */
export interface KyvernoCheck {
  /** Suffix of the Kyverno rule name when one gitplane rule needs several checks. */
  readonly name?: string;
  /** `['Pod']` for pod-level checks, otherwise the exact kinds to match. */
  readonly kinds: readonly string[];
  /** Kyverno `preconditions`. */
  readonly preconditions?: Readonly<Record<string, unknown>>;
  /** The `validate` body without `message` and `failureAction`: one of pattern, anyPattern, deny, foreach. */
  readonly validate: Readonly<Record<string, unknown>>;
}

/** One object handed to the engine, with where it came from. */
export interface PolicyItem {
  readonly object: KubeObject;
  /** Construct path of the ApiObject that produced it (absent for hand-written YAML). */
  readonly constructPath?: string;
  /** File the object was read from or will be written to. */
  readonly file?: string;
  /** Environment name, used to pick a profile per environment. */
  readonly environment?: string;
}

/** What a rule reports about one object: the field and a one-line message naming the value and the fix. */
export interface Violation {
  /** JSON path of the offending field, e.g. `.spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  readonly path: string;
  readonly message: string;
}

/** A violation placed in context, as reports show it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  /** One line: what is wrong (field and value) and the fix. */
  readonly message: string;
  readonly constructPath?: string;
  readonly file?: string;
  /** `Kind/namespace/name` of the object. */
  readonly object: string;
  /** JSON path of the offending field. */
  readonly path: string;
  /** Present when the rule was waived for this object; waived findings never fail. */
  readonly waived?: { readonly reason: string };
}

/** Read-only view of the whole object set, for rules that relate objects to each other. */
export interface RuleContext {
  readonly items: readonly PolicyItem[];
  /** Objects of `kind` (and `apiGroup` when given, e.g. `s3.aws.upbound.io`), in input order. */
  ofKind(kind: string, apiGroup?: string): readonly PolicyItem[];
  /** Ids of every rule known to this evaluation, whatever the profile. */
  readonly ruleIds: ReadonlySet<string>;
  /**
   * A value computed once per evaluation and shared by every rule, such as an index of the objects;
   * keeps cross-object rules linear on large platforms.
   */
  memo<T>(key: string, build: () => T): T;
}

/** A rule: its metadata plus a pure check over one object. */
export interface Rule extends RuleMetadata {
  /** Violations of this rule by `item`; empty when it complies or the rule does not apply. */
  check(item: PolicyItem, context: RuleContext): Violation[];
}
