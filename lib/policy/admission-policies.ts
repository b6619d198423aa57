import { PropKeys, rejectUnknownProps } from '../core/props';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyProfile } from '../platform/contracts';
import { Environment } from '../platform/environment';
import { KyvernoFailureAction, kyvernoPolicies } from './kyverno';
import { rulesForProfile } from './profiles';
import { allRules } from './rules';

export interface AdmissionPoliciesProps {
  /**
   * The rule set to enforce in the cluster.
   * @default - the environment's policy profile (the same rules synth enforces)
   */
  readonly profile?: PolicyProfile;
  /**
   * What Kyverno does with a violation.
   * @default - Enforce for error rules, Audit for warn rules
   */
  readonly failureAction?: KyvernoFailureAction;
  /**
   * Namespaces the policies never apply to.
   * @default ['kube-system']
   */
  readonly excludeNamespaces?: string[];
}

/**
 * The enforceable subset of gitplane's policy rules as Kyverno ClusterPolicies, so the cluster
 * rejects what bypasses Git (`kubectl apply` by hand, another tool). Add it as an app of its own,
 * e.g. `platform.addApp('policies', (app) => new AdmissionPolicies(app, 'kyverno'))`, and its
 * policies land in `dist/<env>/policies/`, synced like any app.
 */
export class AdmissionPolicies extends Construct {
  /** The ClusterPolicies, in rule order. */
  public readonly policies: ApiObject[];

  constructor(scope: Construct, id: string, props: AdmissionPoliciesProps = {}) {
    super(scope, id);
    rejectUnknownProps(this.node.path, 'AdmissionPolicies', id, { profile: true, failureAction: true, excludeNamespaces: true } satisfies PropKeys<AdmissionPoliciesProps>, props);
    const profile = props.profile ?? Environment.of(this).policy;
    const objects = kyvernoPolicies(rulesForProfile(allRules, profile), {
      failureAction: props.failureAction,
      excludeNamespaces: props.excludeNamespaces,
    });
    this.policies = objects.map((object) => {
      const policy = new ApiObject(this, object.metadata.name, object);
      // ClusterPolicies are cluster-scoped; cdk8s would give them the app's namespace.
      policy.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      return policy;
    });
  }
}
