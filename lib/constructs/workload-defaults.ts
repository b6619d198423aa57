/**
 * Secure defaults and prop checks shared by every workload construct: image references, container
 * resources, and the security contexts that satisfy the Pod Security Standards "restricted" profile.
 * Plain functions over plain values, so each construct resolves its props once and reports all of
 * its problems together.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ProblemList, show } from '../core/errors';
import { isQuantity, ResourceQuantities, ResourceSettings } from '../platform/app-settings';

/** The user and group workloads run as unless told otherwise: unprivileged, outside the usual system ranges. */
export const DEFAULT_USER_ID = 10001;

/** Requests and limits used when neither the props nor `app.settings.resources` give them. */
export const DEFAULT_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { memory: '256Mi' },
} as const;

/** Where the writable scratch volume is mounted when the root filesystem is read-only. */
export const TMP_MOUNT_PATH = '/tmp';

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

/** An image reference split into its parts. */
export interface ImageReference {
  /** `registry/path/name` without tag or digest, e.g. `ghcr.io/acme/web`. */
  readonly repository: string;
  /** The tag, e.g. `1.4.2`, if there is one. */
  readonly tag?: string;
  /** The digest, e.g. `sha256:0123…`, if there is one. */
  readonly digest?: string;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** The OCI distribution name grammar: an optional registry host, then lowercase path components. */
const REPOSITORY = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/** A Kubernetes label value: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits `registry:5000/repo/name:tag@sha256:…`; the registry port is never mistaken for a tag. */
export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const named = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return {
    repository: hasTag ? named.slice(0, colon) : named,
    tag: hasTag ? named.slice(colon + 1) : undefined,
    digest,
  };
}

/**
 * Problems with `image` as a pinned image reference: a tag other than `latest`, or a digest.
 * An untagged image means `latest`, so it is rejected too.
 */
export function imageProblems(prop: string, image: string): string[] {
  if (typeof image !== 'string' || image.length === 0) {
    return [`'${prop}' is required: an image such as "ghcr.io/acme/web:1.4.2" (use app.image('ghcr.io/acme/web') for the environment's tag)`];
  }
  const { repository, tag, digest } = parseImage(image);
  const problems: string[] = [];
  if (!REPOSITORY.test(repository)) {
    problems.push(`'${prop}' (${show(image)}) is not a valid image reference; expected lowercase "registry/repository:tag", such as "ghcr.io/acme/web:1.4.2"`);
  }
  if (tag !== undefined && !TAG.test(tag)) {
    problems.push(`'${prop}' (${show(image)}) has an invalid tag ${show(tag)} (letters, digits, '_', '.', '-'; at most 128)`);
  }
  if (digest !== undefined && !DIGEST.test(digest)) {
    problems.push(`'${prop}' (${show(image)}) has an invalid digest ${show(digest)}; expected "sha256:" followed by 64 lowercase hex digits`);
  }
  if (tag === 'latest') {
    problems.push(`'${prop}' (${show(image)}) uses the tag "latest"; pin a version or a digest so every sync deploys what was reviewed`);
  } else if (tag === undefined && digest === undefined) {
    problems.push(`'${prop}' (${show(image)}) has no tag, which means "latest"; pin a version such as ${show(`${repository}:1.0.0`)} or a digest, ` +
      `or use app.image(${show(repository)}) to take the environment's image tag`);
  }
  return problems;
}

/** The `app.kubernetes.io/version` label value for an image: its tag, when that is a valid label value. */
export function versionLabel(image: string): string | undefined {
  const { tag } = parseImage(image);
  return tag !== undefined && tag.length <= 63 && LABEL_VALUE.test(tag) ? tag : undefined;
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** Container resources after defaults: requests always complete, a memory limit always set. */
export interface ResolvedResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string; readonly cpu?: string };
}

/**
 * Completes `given` (from props or `app.settings.resources`) with defaults and checks it:
 * - a missing request takes the limit (as Kubernetes does), else the default request;
 * - a missing memory limit takes the memory request when one was given, else the default
 *   (256Mi), so every container has a memory limit;
 * - no CPU limit unless one is given: CPU limits throttle without protecting anything that
 *   requests do not already protect.
 * `prop` names the source in messages (`resources` or `app.settings.resources`).
 */
export function resolveResources(given: ResourceSettings | undefined, prop: string, problems: ProblemList): ResolvedResources {
  for (const kind of ['requests', 'limits'] as const) {
    const quantities: ResourceQuantities | undefined = given?.[kind];
    for (const [name, value] of Object.entries(quantities ?? {})) {
      if (value === undefined) continue;
      if (name !== 'cpu' && name !== 'memory') {
        problems.add(`'${prop}.${kind}.${name}' is not supported (allowed: cpu, memory)`);
      } else if (typeof value !== 'string' || !isQuantity(value)) {
        problems.add(`'${prop}.${kind}.${name}' (${show(value)}) is not a Kubernetes quantity such as "250m" or "512Mi"`);
      }
    }
  }
  const requests = {
    cpu: given?.requests?.cpu ?? given?.limits?.cpu ?? DEFAULT_RESOURCES.requests.cpu,
    memory: given?.requests?.memory ?? given?.limits?.memory ?? DEFAULT_RESOURCES.requests.memory,
  };
  const limits = {
    memory: given?.limits?.memory ?? given?.requests?.memory ?? DEFAULT_RESOURCES.limits.memory,
    cpu: given?.limits?.cpu,
  };
  for (const name of ['cpu', 'memory'] as const) {
    const request = quantityValue(requests[name]);
    const limit = limits[name] === undefined ? undefined : quantityValue(limits[name]!);
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.add(`'${prop}.requests.${name}' (${show(requests[name])}) must be <= '${prop}.limits.${name}' (${show(limits[name])})`);
    }
  }
  return { requests, limits };
}

/** Renders resolved resources as a container's `resources`. */
export function renderResources(resources: ResolvedResources): k8s.ResourceRequirements {
  const limits: Record<string, k8s.Quantity> = { memory: k8s.Quantity.fromString(resources.limits.memory) };
  if (resources.limits.cpu !== undefined) limits.cpu = k8s.Quantity.fromString(resources.limits.cpu);
  return {
    requests: {
      cpu: k8s.Quantity.fromString(resources.requests.cpu),
      memory: k8s.Quantity.fromString(resources.requests.memory),
    },
    limits,
  };
}

const QUANTITY_PARTS = /^\+?((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const MULTIPLIERS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a quantity (cores or bytes), for comparisons; undefined if it is not one. */
export function quantityValue(quantity: string): number | undefined {
  const match = QUANTITY_PARTS.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * MULTIPLIERS[match[2] ?? ''];
}

// ---------------------------------------------------------------------------------------------
// Security contexts
// ---------------------------------------------------------------------------------------------

/** The ids a pod runs with. */
export interface RunAsIds {
  readonly user: number;
  readonly group: number;
  readonly fsGroup: number;
}

/** Problems with a user or group id: a whole number from 1 (0 is root) to 2147483647. */
export function idProblems(prop: string, value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 2 ** 31 - 1
    ? []
    : [`'${prop}' (${show(value)}) must be a whole number from 1 to 2147483647; 0 is root`];
}

/**
 * Pod-level settings inherited by every container: non-root with fixed ids (so volume ownership
 * and file permissions do not depend on the image's USER), and the runtime's default seccomp profile.
 */
export function podSecurityContext(ids: RunAsIds): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: ids.user,
    runAsGroup: ids.group,
    fsGroup: ids.fsGroup,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container-level settings that Kubernetes only offers per container: no privilege escalation, no
 * Linux capabilities, not privileged, and (by default) a read-only root filesystem.
 */
export function containerSecurityContext(readOnlyRootFilesystem: boolean): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem,
  };
}

// ---------------------------------------------------------------------------------------------
// Small checks
// ---------------------------------------------------------------------------------------------

/** Problems with a whole number that must lie in [min, max]. */
export function integerProblems(prop: string, value: number | undefined, min: number, max: number): string[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && value >= min && value <= max
    ? []
    : [`'${prop}' (${show(value)}) must be a whole number from ${min} to ${max}`];
}

/** Problems with a TCP port number. */
export function portProblems(prop: string, value: number): string[] {
  return integerProblems(prop, value, 1, 65535);
}

/** A label value Kubernetes accepts (for `app.kubernetes.io/component`). */
export function labelValueProblems(prop: string, value: string): string[] {
  return value.length <= 63 && LABEL_VALUE.test(value)
    ? []
    : [`'${prop}' (${show(value)}) must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`];
}
