/**
 * The typed escape hatches of a workload's pod: scheduling (node selector, tolerations, affinity,
 * priority class), extra ports, extra volumes (PVCs included), init containers and sidecars.
 * Added containers get the same secure defaults as the main one; each value is checked here and
 * rendered into plain pod-spec shapes.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { show } from '../core/errors';
import { dnsLabelProblems, dnsSubdomainProblems } from '../core/names';
import { ResourceSettings } from '../platform/app-settings';
import { isLiteralCredential } from '../policy/secrets/structural-rules';
import { containerSecurityContext, imageProblems, integerProblems, portProblems, renderResources, resolveResources } from './workload-defaults';
import { ProblemList } from '../core/errors';

/** Node affinity and pod (anti-)affinity, in the Kubernetes `affinity` shape. */
export type PodAffinity = k8s.Affinity;

/** Lets pods schedule onto nodes with a matching taint. */
export interface Toleration {
  /**
   * Taint key; empty with `operator: 'Exists'` tolerates every taint.
   * @default - every key (only with operator 'Exists')
   */
  readonly key?: string;
  /**
   * `Equal` compares `value`; `Exists` matches any value.
   * @default 'Equal'
   */
  readonly operator?: 'Equal' | 'Exists';
  /**
   * Taint value, for `operator: 'Equal'`.
   * @default - empty
   */
  readonly value?: string;
  /**
   * Taint effect tolerated.
   * @default - every effect
   */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /**
   * For `NoExecute`: seconds the pod stays bound after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** A further port of a container, e.g. metrics: `{ name: 'metrics', containerPort: 9090 }`. */
export interface ContainerPortOptions {
  /** Port name (at most 15 lowercase letters, digits and '-'), unique in the pod. */
  readonly name: string;
  /** Port number, 1024 or higher for a non-root container. */
  readonly containerPort: number;
  /**
   * Protocol.
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Where a pod volume comes from. */
export class VolumeSource {
  /** An existing PersistentVolumeClaim in the app's namespace. */
  public static persistentVolumeClaim(claimName: string, options: { readonly readOnly?: boolean } = {}): VolumeSource {
    return new VolumeSource({ persistentVolumeClaim: { claimName, readOnly: options.readOnly } }, dnsSubdomainProblems('claimName', claimName));
  }

  /** A scratch directory that lives as long as the pod, optionally in memory and size-limited. */
  public static emptyDir(options: { readonly sizeLimit?: string; readonly memory?: boolean } = {}): VolumeSource {
    return new VolumeSource({
      emptyDir: { medium: options.memory ? 'Memory' : undefined, sizeLimit: options.sizeLimit ? k8s.Quantity.fromString(options.sizeLimit) : undefined },
    }, []);
  }

  /** Every key of a ConfigMap as read-only files. */
  public static configMap(name: string): VolumeSource {
    return new VolumeSource({ configMap: { name } }, dnsSubdomainProblems('configMap', name));
  }

  private constructor(
    /** @internal the volume without its name */ public readonly _source: Omit<k8s.Volume, 'name'>,
    /** @internal */ public readonly _problems: readonly string[],
  ) {}
}

/** A further volume of the pod, mounted into the main container at `mountPath`. */
export interface WorkloadVolume {
  /** Volume name, a DNS label unique in the pod (not `tmp`). */
  readonly name: string;
  /** Where the main container sees it, an absolute path. */
  readonly mountPath: string;
  /** Where the volume comes from, e.g. `VolumeSource.persistentVolumeClaim('uploads')`. */
  readonly source: VolumeSource;
  /**
   * Mount it read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A volume of the pod mounted into an added container. */
export interface VolumeMountOptions {
  /** Name of one of the workload's `volumes` (or `tmp`). */
  readonly volume: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount it read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * An init container or a sidecar. It runs with the workload's secure defaults: non-root, no
 * privilege escalation, all capabilities dropped, the runtime's seccomp profile, a read-only root
 * filesystem (with the workload's writable `/tmp`) and requests and a memory limit.
 */
export interface ContainerOptions {
  /** Container name, a DNS label unique in the pod. */
  readonly name: string;
  /** Image, pinned by tag or digest (e.g. `app.image('ghcr.io/acme/proxy', { name: 'proxy' })`). */
  readonly image: string;
  /**
   * Entrypoint override.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Plain environment variables (never secrets: they are committed).
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Ports the container listens on.
   * @default - none
   */
  readonly ports?: ContainerPortOptions[];
  /**
   * Requests and limits, completed as for the main container.
   * @default - requests cpu 100m / memory 128Mi and a 256Mi memory limit
   */
  readonly resources?: ResourceSettings;
  /**
   * Volumes of the pod to mount.
   * @default - only `/tmp`, when the workload has it
   */
  readonly volumeMounts?: VolumeMountOptions[];
  /**
   * Mount the root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ABSOLUTE_PATH = /^\/[^\0]*$/;

/** Problems with tolerations. */
export function tolerationProblems(tolerations: readonly Toleration[]): string[] {
  const problems: string[] = [];
  tolerations.forEach((t, i) => {
    const at = `tolerations[${i}]`;
    if (t.operator !== undefined && !['Equal', 'Exists'].includes(t.operator)) problems.push(`'${at}.operator' (${show(t.operator)}) must be "Equal" or "Exists"`);
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      problems.push(`'${at}.effect' (${show(t.effect)}) must be "NoSchedule", "PreferNoSchedule" or "NoExecute"`);
    }
    if (t.operator === 'Exists' && t.value !== undefined) problems.push(`'${at}.value' must be empty with operator "Exists"`);
    if (t.key === undefined && t.operator !== 'Exists') problems.push(`'${at}.key' is required unless operator is "Exists"`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') problems.push(`'${at}.tolerationSeconds' applies only to effect "NoExecute"`);
    problems.push(...integerProblems(`${at}.tolerationSeconds`, t.tolerationSeconds, 0, 2 ** 31 - 1));
  });
  return problems;
}

/** Problems with ports, checked against the names and numbers already taken in the pod. */
export function portListProblems(prop: string, ports: readonly ContainerPortOptions[], taken: Map<string, string>): string[] {
  const problems: string[] = [];
  ports.forEach((port, i) => {
    const at = `${prop}[${i}]`;
    if (typeof port.name !== 'string' || port.name.length > 15 || !PORT_NAME.test(port.name) || !/[a-z]/.test(port.name)) {
      problems.push(`'${at}.name' (${show(port.name)}) must be at most 15 lowercase letters, digits and '-', with at least one letter`);
    }
    problems.push(...portProblems(`${at}.containerPort`, port.containerPort));
    if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) problems.push(`'${at}.protocol' (${show(port.protocol)}) must be TCP, UDP or SCTP`);
    for (const key of [`name:${port.name}`, `port:${port.containerPort}/${port.protocol ?? 'TCP'}`]) {
      const owner = taken.get(key);
      if (owner) problems.push(`'${at}' (${show(port.name)}, ${port.containerPort}) clashes with ${owner}; names and port numbers are unique in a pod`);
      else taken.set(key, `'${at}'`);
    }
  });
  return problems;
}

/**
 * Problems with the workload's extra volumes; `taken` holds the volume names already used and
 * `paths` the main container's mount paths already used (each path can be mounted once).
 */
export function volumeProblems(volumes: readonly WorkloadVolume[], taken: Set<string>, paths: Set<string>): string[] {
  const problems: string[] = [];
  volumes.forEach((volume, i) => {
    const at = `volumes[${i}]`;
    problems.push(...dnsLabelProblems(`${at}.name`, volume.name ?? ''));
    if (taken.has(volume.name)) problems.push(`'${at}.name' (${show(volume.name)}) is already used by another volume of the pod`);
    taken.add(volume.name);
    if (typeof volume.mountPath !== 'string' || !ABSOLUTE_PATH.test(volume.mountPath) || volume.mountPath.split('/').includes('..')) {
      problems.push(`'${at}.mountPath' (${show(volume.mountPath)}) must be an absolute path without '..'`);
    } else if (paths.has(volume.mountPath)) {
      problems.push(`'${at}.mountPath' (${show(volume.mountPath)}) is already a mount of the container; mount it elsewhere`);
    }
    paths.add(volume.mountPath);
    if (!(volume.source instanceof VolumeSource)) problems.push(`'${at}.source' must be a VolumeSource, e.g. VolumeSource.persistentVolumeClaim('uploads')`);
    else problems.push(...volume.source._problems.map((p) => `${at}: ${p}`));
  });
  return problems;
}

/**
 * Checks and renders one added container with the secure defaults. `volumes` are the pod's volume
 * names; `tmp` is mounted at /tmp when the pod has it, unless the container mounts it itself.
 */
export function renderAddedContainer(prop: string, options: ContainerOptions, pod: { volumes: Set<string>; tmp: boolean; ports: Map<string, string>; names: Set<string> }, problems: ProblemList): k8s.Container {
  for (const p of dnsLabelProblems(`${prop}.name`, options.name ?? '')) problems.add(p);
  if (pod.names.has(options.name)) problems.add(`'${prop}.name' (${show(options.name)}) is already the name of another container of the pod`);
  pod.names.add(options.name);
  for (const p of imageProblems(`${prop}.image`, options.image)) problems.add(p);
  for (const key of ['ports', 'volumeMounts', 'command', 'args'] as const) {
    if (options[key] !== undefined && !Array.isArray(options[key])) {
      problems.add(`'${prop}.${key}' must be a list (found ${show(options[key])})`);
      return { name: options.name, image: options.image };
    }
  }
  for (const p of portListProblems(`${prop}.ports`, options.ports ?? [], pod.ports)) problems.add(p);
  const resources = resolveResources(options.resources, `${prop}.resources`, problems);
  const env = Object.entries(options.env ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of env) {
    if (typeof value !== 'string') problems.add(`'${prop}.env.${name}' must be a string; use String(value)`);
    // Never echo the value: it would be a committed credential.
    else if (isLiteralCredential(name, value)) problems.add(`'${prop}.env.${name}' is named like a credential, but its value would be committed in plain text; reference a Secret instead`);
  }
  const mounts = [...(options.volumeMounts ?? [])];
  mounts.forEach((m, i) => {
    if (!pod.volumes.has(m.volume)) problems.add(`'${prop}.volumeMounts[${i}].volume' (${show(m.volume)}) is not a volume of the pod (volumes: ${[...pod.volumes].join(', ') || 'none'})`);
    if (typeof m.mountPath !== 'string' || !ABSOLUTE_PATH.test(m.mountPath)) problems.add(`'${prop}.volumeMounts[${i}].mountPath' (${show(m.mountPath)}) must be an absolute path`);
  });
  if (pod.tmp && !mounts.some((m) => m.volume === 'tmp' || m.mountPath === '/tmp')) mounts.unshift({ volume: 'tmp', mountPath: '/tmp' });
  return {
    name: options.name,
    image: options.image,
    command: options.command,
    args: options.args,
    ports: options.ports?.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
    env: env.length > 0 ? env.map(([name, value]) => ({ name, value })) : undefined,
    resources: renderResources(resources),
    securityContext: containerSecurityContext(options.readOnlyRootFilesystem ?? true),
    volumeMounts: mounts.length > 0 ? mounts.map((m) => ({ name: m.volume, mountPath: m.mountPath, readOnly: m.readOnly || undefined })) : undefined,
  };
}
