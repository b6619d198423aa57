import { Rule, Violation } from '../rule';
import { containerRule, FROM_BASELINE, FROM_RESTRICTED, podRule } from './support/define';
import { at, atPath, dig, list, quote, record, text } from './support/paths';
import { ContainerAt, containersOf, describeContainer, PodSpecAt } from './support/pods';

/**
 * Kubernetes Pod Security Standards, one rule per control: `PSS-B-*` for the baseline level,
 * `PSS-R-*` for the restricted level. https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** A Kyverno pattern applied to every container list of a pod spec. */
function eachContainer(pattern: Record<string, unknown>, required = true): Record<string, unknown> {
  return {
    '=(ephemeralContainers)': [pattern],
    '=(initContainers)': [pattern],
    [required ? 'containers' : '=(containers)']: [pattern],
  };
}

const NOT_DELETE = { all: [{ key: "{{ request.operation || 'BACKGROUND' }}", operator: 'NotEquals', value: 'DELETE' }] };
const ALL_CONTAINERS = 'request.object.spec.[ephemeralContainers, initContainers, containers][]';

/** Capabilities the baseline level allows containers to add. */
const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** The pod-level and container-level security contexts of a pod spec, with their paths. */
function securityContexts(pod: PodSpecAt): { context: Record<string, unknown>; path: string; who: string }[] {
  const result: { context: Record<string, unknown>; path: string; who: string }[] = [];
  const podContext = record(pod.spec.securityContext);
  if (podContext) result.push({ context: podContext, path: at(pod.path, 'securityContext'), who: 'the pod' });
  for (const c of containersOf(pod)) {
    const context = record(c.container.securityContext);
    if (context) result.push({ context, path: at(c.path, 'securityContext'), who: describeContainer(c) });
  }
  return result;
}

function securityField(c: ContainerAt, ...keys: string[]): unknown {
  return dig(c.container, 'securityContext', ...keys);
}

export const privileged = containerRule(
  {
    id: 'PSS-B-001',
    severity: 'error',
    title: 'Containers must not be privileged',
    rationale: 'A privileged container has every capability and all host devices, so it can take over the node.',
    fix: 'Remove securityContext.privileged or set it to false.',
    mirrors: ['pss:privileged', 'kyverno:disallow-privileged-containers', 'kube-linter:privileged-container', 'checkov:CKV_K8S_16'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: eachContainer({ '=(securityContext)': { '=(privileged)': 'false' } }) } } }],
  },
  (c) =>
    securityField(c, 'privileged') === true
      ? [{ path: atPath(c.path, 'securityContext', 'privileged'), message: `${describeContainer(c)} sets 'securityContext.privileged' to true; remove it or set it to false` }]
      : [],
);

export const hostNamespaces = podRule(
  {
    id: 'PSS-B-002',
    severity: 'error',
    title: 'Pods must not share host namespaces',
    rationale: "Sharing the host's network, PID or IPC namespace lets a pod observe and attack other workloads on the node.",
    fix: 'Remove hostNetwork, hostPID and hostIPC or set them to false.',
    mirrors: ['pss:host-namespaces', 'kyverno:disallow-host-namespaces', 'kube-linter:host-network', 'kube-linter:host-pid', 'kube-linter:host-ipc', 'checkov:CKV_K8S_17', 'checkov:CKV_K8S_18', 'checkov:CKV_K8S_19'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: { '=(hostPID)': 'false', '=(hostIPC)': 'false', '=(hostNetwork)': 'false' } } } }],
  },
  (pod) =>
    (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .filter((field) => pod.spec[field] === true)
      .map((field) => ({ path: at(pod.path, field), message: `'${field}' is true; remove it or set it to false` })),
);

export const hostPorts = containerRule(
  {
    id: 'PSS-B-003',
    severity: 'error',
    title: 'Containers must not bind host ports',
    rationale: 'A host port bypasses NetworkPolicy and ties the pod to a node port that other pods cannot use.',
    fix: 'Remove ports[].hostPort and expose the port through a Service.',
    mirrors: ['pss:host-ports', 'kyverno:disallow-host-ports', 'checkov:CKV_K8S_26'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: eachContainer({ '=(ports)': [{ '=(hostPort)': 0 }] }) } } }],
  },
  (c) =>
    list(c.container.ports).flatMap((port, index) => {
      const hostPort = record(port)?.hostPort;
      if (hostPort === undefined || hostPort === 0) return [];
      return [{ path: atPath(c.path, 'ports', index, 'hostPort'), message: `${describeContainer(c)} sets 'hostPort' to ${quote(hostPort)}; remove it and expose the port through a Service` }];
    }),
);

export const hostPath = podRule(
  {
    id: 'PSS-B-004',
    severity: 'error',
    title: 'Pods must not mount hostPath volumes',
    rationale: "A hostPath volume exposes the node's filesystem, including credentials and the container runtime socket.",
    fix: 'Replace the hostPath volume with a PersistentVolumeClaim, emptyDir, ConfigMap or Secret.',
    mirrors: ['pss:host-path-volumes', 'kyverno:disallow-host-path', 'kube-linter:sensitive-host-mounts', 'kube-linter:writable-host-mount'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: { '=(volumes)': [{ 'X(hostPath)': 'null' }] } } } }],
  },
  (pod) =>
    list(pod.spec.volumes).flatMap((volume, index) => {
      const v = record(volume);
      if (!v || v.hostPath === undefined) return [];
      return [{ path: atPath(pod.path, 'volumes', index, 'hostPath'), message: `volume ${quote(v.name)} mounts hostPath ${quote(dig(v, 'hostPath', 'path'))}; use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret instead` }];
    }),
);

export const baselineCapabilities = containerRule(
  {
    id: 'PSS-B-005',
    severity: 'error',
    title: 'Containers must not add capabilities beyond the baseline set',
    rationale: 'Capabilities such as SYS_ADMIN or NET_RAW grant near-root power over the node or the network.',
    fix: `Remove the capability from securityContext.capabilities.add; the baseline allows only ${BASELINE_CAPABILITIES.join(', ')}.`,
    mirrors: ['pss:capabilities-baseline', 'kyverno:disallow-capabilities', 'checkov:CKV_K8S_25', 'checkov:CKV_K8S_39'],
    profiles: FROM_BASELINE,
    kyverno: [
      {
        kinds: ['Pod'],
        preconditions: NOT_DELETE,
        validate: {
          deny: {
            conditions: { all: [{ key: `{{ ${ALL_CONTAINERS}.securityContext.capabilities.add[] }}`, operator: 'AnyNotIn', value: BASELINE_CAPABILITIES }] },
          },
        },
      },
    ],
  },
  (c) =>
    list(securityField(c, 'capabilities', 'add')).flatMap((capability, index) =>
      typeof capability === 'string' && BASELINE_CAPABILITIES.includes(capability.toUpperCase())
        ? []
        : [{ path: atPath(c.path, 'securityContext', 'capabilities', 'add', index), message: `${describeContainer(c)} adds capability ${quote(capability)}; remove it (allowed: ${BASELINE_CAPABILITIES.join(', ')})` }],
    ),
);

export const procMount = containerRule(
  {
    id: 'PSS-B-006',
    severity: 'error',
    title: 'Containers must use the default /proc mount',
    rationale: 'An Unmasked /proc bypasses the masking that hides kernel interfaces from containers.',
    fix: 'Remove securityContext.procMount or set it to Default.',
    mirrors: ['pss:proc-mount', 'kyverno:disallow-proc-mount', 'kube-linter:unsafe-proc-mount'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: eachContainer({ '=(securityContext)': { '=(procMount)': 'Default' } }) } } }],
  },
  (c) => {
    const value = securityField(c, 'procMount');
    return value === undefined || value === 'Default'
      ? []
      : [{ path: atPath(c.path, 'securityContext', 'procMount'), message: `${describeContainer(c)} sets 'procMount' to ${quote(value)}; remove it or set it to "Default"` }];
  },
);

export const seLinux = podRule(
  {
    id: 'PSS-B-007',
    severity: 'error',
    title: 'Pods must not set custom SELinux users, roles or types',
    rationale: 'A custom SELinux user, role or type can lift the confinement the runtime applies to containers.',
    fix: `Remove seLinuxOptions.user and .role, and use a type among ${SELINUX_TYPES.join(', ')}.`,
    mirrors: ['pss:selinux', 'kyverno:disallow-selinux'],
    profiles: FROM_BASELINE,
    kyverno: [
      {
        name: 'type',
        kinds: ['Pod'],
        validate: {
          pattern: {
            spec: {
              '=(securityContext)': { '=(seLinuxOptions)': { '=(type)': SELINUX_TYPES.join(' | ') } },
              ...eachContainer({ '=(securityContext)': { '=(seLinuxOptions)': { '=(type)': SELINUX_TYPES.join(' | ') } } }),
            },
          },
        },
      },
      {
        name: 'user-role',
        kinds: ['Pod'],
        validate: {
          pattern: {
            spec: {
              '=(securityContext)': { '=(seLinuxOptions)': { 'X(user)': 'null', 'X(role)': 'null' } },
              ...eachContainer({ '=(securityContext)': { '=(seLinuxOptions)': { 'X(user)': 'null', 'X(role)': 'null' } } }),
            },
          },
        },
      },
    ],
  },
  (pod) =>
    securityContexts(pod).flatMap(({ context, path, who }) => {
      const options = record(context.seLinuxOptions);
      if (!options) return [];
      const found: Violation[] = [];
      const type = options.type;
      if (type !== undefined && type !== '' && !SELINUX_TYPES.includes(String(type))) {
        found.push({ path: atPath(path, 'seLinuxOptions', 'type'), message: `${who} sets SELinux type ${quote(type)}; use one of ${SELINUX_TYPES.join(', ')} or remove it` });
      }
      for (const field of ['user', 'role']) {
        if (options[field] !== undefined && options[field] !== '') {
          found.push({ path: atPath(path, 'seLinuxOptions', field), message: `${who} sets SELinux ${field} ${quote(options[field])}; remove it` });
        }
      }
      return found;
    }),
);

export const appArmor = podRule(
  {
    id: 'PSS-B-008',
    severity: 'error',
    title: 'Pods must not run unconfined by AppArmor',
    rationale: 'An Unconfined AppArmor profile removes the mandatory access control the runtime applies by default.',
    fix: 'Use the RuntimeDefault or a Localhost AppArmor profile, or leave it unset.',
    mirrors: ['pss:apparmor', 'kyverno:restrict-apparmor-profiles'],
    profiles: FROM_BASELINE,
    kyverno: [
      {
        name: 'field',
        kinds: ['Pod'],
        validate: {
          pattern: {
            spec: {
              '=(securityContext)': { '=(appArmorProfile)': { '=(type)': 'RuntimeDefault | Localhost' } },
              ...eachContainer({ '=(securityContext)': { '=(appArmorProfile)': { '=(type)': 'RuntimeDefault | Localhost' } } }),
            },
          },
        },
      },
      {
        name: 'annotation',
        kinds: ['Pod'],
        validate: { pattern: { '=(metadata)': { '=(annotations)': { [`=(${APPARMOR_ANNOTATION}*)`]: 'runtime/default | localhost/*' } } } },
      },
    ],
  },
  (pod) => {
    const found: Violation[] = securityContexts(pod).flatMap(({ context, path, who }) => {
      const type = dig(context, 'appArmorProfile', 'type');
      return type === undefined || type === 'RuntimeDefault' || type === 'Localhost'
        ? []
        : [{ path: atPath(path, 'appArmorProfile', 'type'), message: `${who} sets AppArmor profile type ${quote(type)}; use "RuntimeDefault" or "Localhost"` }];
    });
    for (const [key, value] of Object.entries(pod.annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
      if (value === 'runtime/default' || value.startsWith('localhost/')) continue;
      found.push({ path: atPath(pod.metaPath, 'annotations', key), message: `annotation ${quote(key)} is ${quote(value)}; use "runtime/default" or "localhost/<profile>"` });
    }
    return found;
  },
);

export const sysctls = podRule(
  {
    id: 'PSS-B-009',
    severity: 'error',
    title: 'Pods may only set safe sysctls',
    rationale: 'Sysctls outside the namespaced safe set change kernel settings for every pod on the node.',
    fix: `Remove the sysctl; allowed: ${SAFE_SYSCTLS.join(', ')}.`,
    mirrors: ['pss:sysctls', 'kyverno:restrict-sysctls', 'kube-linter:unsafe-sysctls'],
    profiles: FROM_BASELINE,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: { '=(securityContext)': { '=(sysctls)': [{ '=(name)': SAFE_SYSCTLS.join(' | ') }] } } } } }],
  },
  (pod) =>
    list(dig(pod.spec, 'securityContext', 'sysctls')).flatMap((entry, index) => {
      const name = record(entry)?.name;
      return typeof name === 'string' && SAFE_SYSCTLS.includes(name)
        ? []
        : [{ path: atPath(pod.path, 'securityContext', 'sysctls', index, 'name'), message: `sysctl ${quote(name)} is not in the safe set; remove it` }];
    }),
);

export const seccompNotUnconfined = podRule(
  {
    id: 'PSS-B-010',
    severity: 'error',
    title: 'Pods must not run with an Unconfined seccomp profile',
    rationale: 'Without seccomp a container can call every system call, widening the kernel attack surface.',
    fix: 'Set seccompProfile.type to RuntimeDefault or Localhost.',
    mirrors: ['pss:seccomp', 'kyverno:restrict-seccomp'],
    profiles: FROM_BASELINE,
    kyverno: [
      {
        kinds: ['Pod'],
        validate: {
          pattern: {
            spec: {
              '=(securityContext)': { '=(seccompProfile)': { '=(type)': 'RuntimeDefault | Localhost' } },
              ...eachContainer({ '=(securityContext)': { '=(seccompProfile)': { '=(type)': 'RuntimeDefault | Localhost' } } }),
            },
          },
        },
      },
    ],
  },
  (pod) =>
    securityContexts(pod).flatMap(({ context, path, who }) => {
      const type = dig(context, 'seccompProfile', 'type');
      return type === undefined || type === 'RuntimeDefault' || type === 'Localhost'
        ? []
        : [{ path: atPath(path, 'seccompProfile', 'type'), message: `${who} sets seccomp profile type ${quote(type)}; use "RuntimeDefault" or "Localhost"` }];
    }),
);

export const runAsNonRoot = containerRule(
  {
    id: 'PSS-R-001',
    severity: 'error',
    title: 'Containers must run as non-root',
    rationale: 'A process running as root inside a container is one runtime escape away from root on the node.',
    fix: 'Set securityContext.runAsNonRoot to true on the pod or on every container.',
    mirrors: ['pss:running-as-non-root', 'kyverno:require-run-as-nonroot', 'kube-linter:run-as-non-root', 'checkov:CKV_K8S_23'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      {
        kinds: ['Pod'],
        validate: {
          anyPattern: [
            { spec: { securityContext: { runAsNonRoot: 'true' }, ...eachContainer({ '=(securityContext)': { '=(runAsNonRoot)': 'true' } }) } },
            { spec: eachContainer({ securityContext: { runAsNonRoot: 'true' } }) },
          ],
        },
      },
    ],
  },
  (c, pod) => {
    const own = securityField(c, 'runAsNonRoot');
    if (own === true) return [];
    if (own !== undefined) {
      return [{ path: atPath(c.path, 'securityContext', 'runAsNonRoot'), message: `${describeContainer(c)} sets 'runAsNonRoot' to ${quote(own)}; set it to true` }];
    }
    const inherited = dig(pod.spec, 'securityContext', 'runAsNonRoot');
    if (inherited === true) return [];
    if (inherited !== undefined) {
      return [{ path: atPath(pod.path, 'securityContext', 'runAsNonRoot'), message: `the pod sets 'runAsNonRoot' to ${quote(inherited)} and ${describeContainer(c)} inherits it; set it to true` }];
    }
    return [{ path: atPath(c.path, 'securityContext', 'runAsNonRoot'), message: `${describeContainer(c)} does not set 'runAsNonRoot'; set it to true on the pod or the container` }];
  },
);

export const privilegeEscalation = containerRule(
  {
    id: 'PSS-R-002',
    severity: 'error',
    title: 'Containers must not allow privilege escalation',
    rationale: 'Unless disabled, setuid binaries and file capabilities let a process gain more privileges than its parent.',
    fix: 'Set securityContext.allowPrivilegeEscalation to false on every container.',
    mirrors: ['pss:privilege-escalation', 'kyverno:disallow-privilege-escalation', 'kube-linter:privilege-escalation-container', 'checkov:CKV_K8S_20'],
    profiles: FROM_RESTRICTED,
    kyverno: [{ kinds: ['Pod'], validate: { pattern: { spec: eachContainer({ securityContext: { allowPrivilegeEscalation: 'false' } }) } } }],
  },
  (c) => {
    const value = securityField(c, 'allowPrivilegeEscalation');
    if (value === false) return [];
    const current = value === undefined ? "does not set 'allowPrivilegeEscalation'" : `sets 'allowPrivilegeEscalation' to ${quote(value)}`;
    return [{ path: atPath(c.path, 'securityContext', 'allowPrivilegeEscalation'), message: `${describeContainer(c)} ${current}; set it to false` }];
  },
);

export const dropAllCapabilities = containerRule(
  {
    id: 'PSS-R-003',
    severity: 'error',
    title: 'Containers must drop ALL capabilities and add back only NET_BIND_SERVICE',
    rationale: 'Default runtime capabilities such as NET_RAW and CHOWN are rarely needed and widen what a compromised process can do.',
    fix: 'Set securityContext.capabilities.drop to ["ALL"] and add at most NET_BIND_SERVICE.',
    mirrors: ['pss:capabilities-restricted', 'kyverno:disallow-capabilities-strict', 'kyverno:require-drop-all', 'kube-linter:drop-net-raw-capability', 'checkov:CKV_K8S_28', 'checkov:CKV_K8S_37'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      {
        name: 'drop-all',
        kinds: ['Pod'],
        preconditions: NOT_DELETE,
        validate: {
          foreach: [
            {
              list: ALL_CONTAINERS,
              deny: { conditions: { all: [{ key: 'ALL', operator: 'AnyNotIn', value: '{{ element.securityContext.capabilities.drop[].to_upper(@) || `[]` }}' }] } },
            },
          ],
        },
      },
      {
        name: 'add-only-net-bind-service',
        kinds: ['Pod'],
        preconditions: NOT_DELETE,
        validate: {
          foreach: [
            {
              list: ALL_CONTAINERS,
              deny: { conditions: { all: [{ key: '{{ element.securityContext.capabilities.add[] || `[]` }}', operator: 'AnyNotIn', value: ['NET_BIND_SERVICE', ''] }] } },
            },
          ],
        },
      },
    ],
  },
  (c) => {
    const found: Violation[] = [];
    const drop = list(securityField(c, 'capabilities', 'drop'));
    if (!drop.some((capability) => typeof capability === 'string' && capability.toUpperCase() === 'ALL')) {
      found.push({ path: atPath(c.path, 'securityContext', 'capabilities', 'drop'), message: `${describeContainer(c)} ${drop.length ? `drops only ${quote(drop)}` : 'does not drop capabilities'}; set 'capabilities.drop' to ["ALL"]` });
    }
    list(securityField(c, 'capabilities', 'add')).forEach((capability, index) => {
      if (typeof capability === 'string' && capability.toUpperCase() === 'NET_BIND_SERVICE') return;
      found.push({ path: atPath(c.path, 'securityContext', 'capabilities', 'add', index), message: `${describeContainer(c)} adds capability ${quote(capability)}; only "NET_BIND_SERVICE" may be added` });
    });
    return found;
  },
);

export const seccompRequired = containerRule(
  {
    id: 'PSS-R-004',
    severity: 'error',
    title: 'Pods must set a RuntimeDefault or Localhost seccomp profile',
    rationale: 'Without an explicit profile many runtimes run containers unconfined, allowing every system call.',
    fix: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost) on the pod or on every container.',
    mirrors: ['pss:seccomp', 'kyverno:restrict-seccomp-strict', 'checkov:CKV_K8S_31'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      {
        kinds: ['Pod'],
        validate: {
          anyPattern: [
            {
              spec: {
                securityContext: { seccompProfile: { type: 'RuntimeDefault | Localhost' } },
                ...eachContainer({ '=(securityContext)': { '=(seccompProfile)': { '=(type)': 'RuntimeDefault | Localhost' } } }),
              },
            },
            { spec: eachContainer({ securityContext: { seccompProfile: { type: 'RuntimeDefault | Localhost' } } }) },
          ],
        },
      },
    ],
  },
  (c, pod) => {
    const own = text(securityField(c, 'seccompProfile', 'type'));
    const inherited = text(dig(pod.spec, 'securityContext', 'seccompProfile', 'type'));
    const effective = own ?? inherited;
    if (effective === 'RuntimeDefault' || effective === 'Localhost') return [];
    if (own === undefined && inherited !== undefined) {
      return [{ path: atPath(pod.path, 'securityContext', 'seccompProfile', 'type'), message: `the pod sets seccomp profile type ${quote(inherited)}; set it to "RuntimeDefault" or "Localhost"` }];
    }
    const current = effective === undefined ? 'does not set a seccomp profile' : `sets seccomp profile type ${quote(effective)}`;
    return [{ path: atPath(c.path, 'securityContext', 'seccompProfile', 'type'), message: `${describeContainer(c)} ${current}; set 'seccompProfile.type' to "RuntimeDefault" on the pod or the container` }];
  },
  ['initContainers', 'containers', 'ephemeralContainers'],
);

export const volumeTypes = podRule(
  {
    id: 'PSS-R-005',
    severity: 'error',
    title: 'Pods may only use restricted volume types',
    rationale: 'Volume types other than projected data, ephemeral storage and claims can reach node or network storage directly.',
    fix: `Use only ${RESTRICTED_VOLUMES.join(', ')} volumes; move other storage behind a PersistentVolumeClaim.`,
    mirrors: ['pss:volume-types', 'kyverno:restrict-volume-types'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      {
        kinds: ['Pod'],
        preconditions: NOT_DELETE,
        validate: {
          deny: {
            conditions: { all: [{ key: "{{ request.object.spec.volumes[].keys(@)[] || '' }}", operator: 'AnyNotIn', value: ['name', ...RESTRICTED_VOLUMES, ''] }] },
          },
        },
      },
    ],
  },
  (pod) =>
    list(pod.spec.volumes).flatMap((volume, index) => {
      const v = record(volume);
      if (!v) return [];
      return Object.keys(v)
        .filter((key) => key !== 'name' && !RESTRICTED_VOLUMES.includes(key))
        .map((key) => ({ path: atPath(pod.path, 'volumes', index, key), message: `volume ${quote(v.name)} is of type ${quote(key)}; use ${RESTRICTED_VOLUMES.join(', ')} or a PersistentVolumeClaim` }));
    }),
);

export const runAsUserNotRoot = podRule(
  {
    id: 'PSS-R-006',
    severity: 'error',
    title: 'Pods must not set runAsUser to 0',
    rationale: 'UID 0 is root; runAsNonRoot alone does not stop an explicit runAsUser of 0 at another level.',
    fix: 'Set runAsUser to a non-zero UID (for example 10001) or remove it.',
    mirrors: ['pss:running-as-non-root-user', 'kyverno:require-run-as-non-root-user', 'checkov:CKV_K8S_40'],
    profiles: FROM_RESTRICTED,
    kyverno: [
      {
        kinds: ['Pod'],
        validate: {
          pattern: { spec: { '=(securityContext)': { '=(runAsUser)': '>0' }, ...eachContainer({ '=(securityContext)': { '=(runAsUser)': '>0' } }) } },
        },
      },
    ],
  },
  (pod) =>
    securityContexts(pod).flatMap(({ context, path, who }) =>
      context.runAsUser === 0 ? [{ path: at(path, 'runAsUser'), message: `${who} sets 'runAsUser' to 0; use a non-zero UID or remove it` }] : [],
    ),
);

export const podSecurityRules: readonly Rule[] = [
  privileged, hostNamespaces, hostPorts, hostPath, baselineCapabilities, procMount, seLinux, appArmor, sysctls, seccompNotUnconfined,
  runAsNonRoot, privilegeEscalation, dropAllCapabilities, seccompRequired, volumeTypes, runAsUserNotRoot,
];
