import { PolicyItem, Rule, RuleContext, Violation } from '../rule';
import { awsKind, isAws } from './support/aws';
import { FROM_RESTRICTED } from './support/define';
import { describeStatement, parsePolicy, Statement } from './support/iam';
import { at, dig, isRecord, list, quote, record, text } from './support/paths';

/**
 * IAM roles and policies of workloads, both flavors (`AWS-IAM-*`): exact permissions, a trust policy
 * no wider than one ServiceAccount, and one role per ServiceAccount.
 */

const IRSA_ROLE_ARN = 'eks.amazonaws.com/role-arn';
const POD_IDENTITY = 'pods.eks.amazonaws.com';
const POD_IDENTITY_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'];

/** Every identity policy document an object carries, with its field path. */
function identityPolicies(object: PolicyItem['object']): { path: string; document: unknown }[] {
  if (isAws(object, 'iam', 'Policy', 'crossplane')) return [{ path: '.spec.forProvider.policy', document: dig(object, 'spec', 'forProvider', 'policy') }];
  if (isAws(object, 'iam', 'Policy', 'ack')) return [{ path: '.spec.policyDocument', document: dig(object, 'spec', 'policyDocument') }];
  if (isAws(object, 'iam', 'Role', 'crossplane')) {
    return list(dig(object, 'spec', 'forProvider', 'inlinePolicy')).map((entry, i) => ({ path: `.spec.forProvider.inlinePolicy[${i}].policy`, document: record(entry)?.policy }));
  }
  if (isAws(object, 'iam', 'Role', 'ack')) {
    return Object.entries(record(dig(object, 'spec', 'inlinePolicies')) ?? {}).map(([name, document]) => ({ path: at('.spec.inlinePolicies', name), document }));
  }
  return [];
}

function wildcardAction(action: string): boolean {
  return action === '*' || action.endsWith(':*');
}

export const exactPermissions: Rule = {
  id: 'AWS-IAM-001',
  severity: 'error',
  title: 'IAM policies of workloads must name exact actions and resources',
  rationale: 'A "*" action or resource grants far more than the workload uses; a leaked token then reaches every resource of the account.',
  fix: 'List the actions the workload needs on the ARNs it uses, e.g. with uses(resource, { access }).',
  mirrors: ['aws-securityhub:IAM.1', 'checkov:CKV_AWS_63', 'checkov:CKV_AWS_355'],
  profiles: FROM_RESTRICTED,
  check: ({ object }) =>
    identityPolicies(object).flatMap(({ path, document }): Violation[] => {
      if (document === undefined || document === '') return [];
      const parsed = parsePolicy(document);
      if (!parsed.ok) return [{ path, message: `the policy is not valid JSON (${parsed.error}); fix the document` }];
      return parsed.statements.filter((s) => s.effect === 'Allow').flatMap((s): Violation[] => {
        const found: string[] = [];
        const actions = s.action.filter(wildcardAction);
        if (actions.length > 0) found.push(`allows action ${quote(actions)}`);
        if (s.notAction.length > 0) found.push('allows every action but NotAction');
        if (s.resource.includes('*')) found.push('applies to Resource "*"');
        if (s.notResource.length > 0) found.push('applies to every resource but NotResource');
        return found.length > 0 ? [{ path, message: `${describeStatement(s)} ${found.join(' and ')}; name the exact actions and ARNs` }] : [];
      });
    }),
};

/** A principal value as a list: IAM accepts one string or a list. */
function names(value: unknown): string[] {
  return typeof value === 'string' ? [value] : list(value).map(String);
}

/** Why a trust statement is wider than Pod Identity or one IRSA subject, or undefined when it is not. */
function trustProblem(s: Statement): string | undefined {
  const principal = isRecord(s.principal) ? s.principal : undefined;
  const services = names(principal?.Service);
  const federated = names(principal?.Federated);
  const others = principal ? Object.keys(principal).filter((k) => k !== 'Service' && k !== 'Federated') : ['*'];
  if (others.length > 0 || s.principal === '*') return `trusts Principal ${quote(s.principal)}`;
  if (services.length > 0 && federated.length > 0) return 'trusts a service and an identity provider at once';
  if (services.length > 0) {
    if (services.some((service) => service !== POD_IDENTITY)) return `trusts service ${quote(services)}; a workload role trusts only ${quote(POD_IDENTITY)}`;
    const extra = s.action.filter((a) => !POD_IDENTITY_ACTIONS.includes(a));
    return extra.length > 0 || s.notAction.length > 0 ? `lets EKS Pod Identity call ${quote(extra.length > 0 ? extra : 'NotAction')}; allow only sts:AssumeRole and sts:TagSession` : undefined;
  }
  if (federated.length !== 1 || !/:oidc-provider\//.test(String(federated[0]))) return `trusts ${quote(federated)}; an IRSA role trusts one cluster's OIDC provider`;
  if (s.action.some((a) => a !== 'sts:AssumeRoleWithWebIdentity') || s.notAction.length > 0) return `lets the OIDC provider call ${quote(s.action)}; allow only sts:AssumeRoleWithWebIdentity`;
  const issuer = String(federated[0]).replace(/^.*:oidc-provider\//, '');
  const subject = record(s.condition.StringEquals)?.[`${issuer}:sub`];
  if (typeof subject !== 'string' || !/^system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+$/.test(subject)) {
    return `does not pin the token subject: add StringEquals ${quote(`${issuer}:sub`)}: "system:serviceaccount:<namespace>:<name>" (one ServiceAccount, no wildcard)`;
  }
  return undefined;
}

export const narrowTrust: Rule = {
  id: 'AWS-IAM-002',
  severity: 'error',
  title: 'Workload roles must trust only EKS Pod Identity or one ServiceAccount\'s token',
  rationale: 'A wider trust policy lets other principals, pods or clusters assume the role and act with its permissions.',
  fix: 'Trust pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession), or the cluster\'s OIDC provider with StringEquals <issuer>:sub for one ServiceAccount.',
  mirrors: [],
  profiles: FROM_RESTRICTED,
  check: ({ object }) => {
    let path: string;
    let document: unknown;
    if (isAws(object, 'iam', 'Role', 'crossplane')) {
      path = '.spec.forProvider.assumeRolePolicy';
      document = dig(object, 'spec', 'forProvider', 'assumeRolePolicy');
    } else if (isAws(object, 'iam', 'Role', 'ack')) {
      path = '.spec.assumeRolePolicyDocument';
      document = dig(object, 'spec', 'assumeRolePolicyDocument');
    } else {
      return [];
    }
    if (document === undefined || document === '') return [];
    const parsed = parsePolicy(document);
    if (!parsed.ok) return [{ path, message: `the trust policy is not valid JSON (${parsed.error}); fix the document` }];
    return parsed.statements.filter((s) => s.effect === 'Allow').flatMap((s): Violation[] => {
      const problem = trustProblem(s);
      return problem ? [{ path, message: `${describeStatement(s)} of the trust policy ${problem}` }] : [];
    });
  },
};

/** A role binding: which role (by reference or ARN) a ServiceAccount assumes, and where it says so. */
interface Binding {
  readonly item: PolicyItem;
  readonly role: string;
  readonly serviceAccount: string;
  readonly path: string;
}

function bindingOf(item: PolicyItem): Binding | undefined {
  const { object } = item;
  const namespace = object.metadata?.namespace ?? '';
  if (object.kind === 'ServiceAccount' && (object.apiVersion ?? '') === 'v1') {
    const arn = object.metadata?.annotations?.[IRSA_ROLE_ARN];
    return arn ? { item, role: arn, serviceAccount: `${namespace}/${object.metadata.name}`, path: at('.metadata.annotations', IRSA_ROLE_ARN) } : undefined;
  }
  if (!isAws(object, 'eks', 'PodIdentityAssociation')) return undefined;
  const crossplane = awsKind(object)?.flavor === 'crossplane';
  const spec = record(crossplane ? dig(object, 'spec', 'forProvider') : object.spec) ?? {};
  const ref = crossplane ? text(dig(spec, 'roleArnRef', 'name')) : text(dig(spec, 'roleRef', 'from', 'name'));
  const arn = text(crossplane ? spec.roleArn : spec.roleARN);
  const role = ref !== undefined ? `${awsKind(object)?.flavor}:${namespace}/${ref}` : arn;
  if (role === undefined) return undefined;
  return {
    item,
    role,
    serviceAccount: `${text(spec.namespace) ?? ''}/${text(spec.serviceAccount) ?? ''}`,
    path: ref !== undefined ? (crossplane ? '.spec.forProvider.roleArnRef.name' : '.spec.roleRef.from.name') : (crossplane ? '.spec.forProvider.roleArn' : '.spec.roleARN'),
  };
}

export const oneRolePerServiceAccount: Rule = {
  id: 'AWS-IAM-003',
  severity: 'error',
  title: 'An IAM role must be used by exactly one ServiceAccount',
  rationale: 'A shared role gives every workload the union of their permissions, and no one can tell which workload made a call.',
  fix: 'Give each workload its own ServiceAccount and role (uses(resource, { access }) does).',
  mirrors: [],
  profiles: FROM_RESTRICTED,
  check: (item, context: RuleContext) => {
    const mine = bindingOf(item);
    if (!mine) return [];
    const all = context.memo('iam-bindings', () => context.items.map(bindingOf).filter((b): b is Binding => b !== undefined));
    const others = all.filter((b) => b.item !== item && b.role === mine.role && b.serviceAccount !== mine.serviceAccount);
    if (others.length === 0) return [];
    return [{
      path: mine.path,
      message: `role ${quote(mine.role)} is also assumed by ServiceAccount ${quote([...new Set(others.map((b) => b.serviceAccount))])}; give ${quote(mine.serviceAccount)} a role of its own`,
    }];
  },
};

export const iamRules: readonly Rule[] = [exactPermissions, narrowTrust, oneRolePerServiceAccount];
