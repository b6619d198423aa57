import { deployment, edit, Mutable, pod } from '../fixtures';
import { fails, RuleCases } from './types';

const c0 = '.spec.containers[0]';
const sc = (p: Mutable) => p.spec.containers[0].securityContext;
const podSc = (p: Mutable) => p.spec.securityContext;
const tplSc = (d: Mutable) => d.spec.template.spec.containers[0].securityContext;
const withInit = (p: Mutable, mutate: (c: Mutable) => void) => {
  const init = edit(p.spec.containers[0], mutate);
  init.name = 'migrate';
  p.spec.initContainers = [init];
};

const cronJob = (mutate: (spec: Mutable) => void) => edit({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'web' },
  spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: (pod() as Mutable).spec } } } },
}, (cj) => mutate(cj.spec.jobTemplate.spec.template.spec));

export const podSecurityCases: RuleCases[] = [
  {
    rule: 'PSS-B-001',
    pass: [[pod()], [pod((p) => { sc(p).privileged = false; })]],
    fail: [
      fails(`${c0}.securityContext.privileged`, pod((p) => { sc(p).privileged = true; })),
      fails('.spec.template.spec.initContainers[0].securityContext.privileged', deployment((d) => withInit(d.spec.template, (c) => { c.securityContext.privileged = true; }))),
    ],
  },
  {
    rule: 'PSS-B-002',
    pass: [[pod()], [pod((p) => { p.spec.hostNetwork = false; })]],
    fail: [
      fails('.spec.hostNetwork', pod((p) => { p.spec.hostNetwork = true; })),
      fails('.spec.template.spec.hostPID', deployment((d) => { d.spec.template.spec.hostPID = true; })),
      fails('.spec.hostIPC', pod((p) => { p.spec.hostIPC = true; })),
    ],
  },
  {
    rule: 'PSS-B-003',
    pass: [[pod()], [pod((p) => { p.spec.containers[0].ports[0].hostPort = 0; })]],
    fail: [
      fails(`${c0}.ports[0].hostPort`, pod((p) => { p.spec.containers[0].ports[0].hostPort = 8080; })),
      fails('.spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort', cronJob((s) => { s.containers[0].ports[0].hostPort = 443; })),
    ],
  },
  {
    rule: 'PSS-B-004',
    pass: [[pod()], [pod((p) => { p.spec.volumes.push({ name: 'cfg', configMap: { name: 'cfg' } }); })]],
    fail: [
      fails('.spec.volumes[1].hostPath', pod((p) => { p.spec.volumes.push({ name: 'host', hostPath: { path: '/var/run/docker.sock' } }); })),
      fails('.spec.template.spec.volumes[1].hostPath', deployment((d) => { d.spec.template.spec.volumes.push({ name: 'logs', hostPath: { path: '/var/log' } }); })),
    ],
  },
  {
    rule: 'PSS-B-005',
    pass: [[pod()], [pod((p) => { sc(p).capabilities.add = ['CHOWN', 'NET_BIND_SERVICE']; })]],
    fail: [
      fails(`${c0}.securityContext.capabilities.add[0]`, pod((p) => { sc(p).capabilities.add = ['SYS_ADMIN']; })),
      fails(`${c0}.securityContext.capabilities.add[1]`, pod((p) => { sc(p).capabilities.add = ['CHOWN', 'NET_RAW']; })),
    ],
  },
  {
    rule: 'PSS-B-006',
    pass: [[pod()], [pod((p) => { sc(p).procMount = 'Default'; })]],
    fail: [
      fails(`${c0}.securityContext.procMount`, pod((p) => { sc(p).procMount = 'Unmasked'; })),
      fails('.spec.initContainers[0].securityContext.procMount', pod((p) => withInit(p, (c) => { c.securityContext.procMount = 'Unmasked'; }))),
    ],
  },
  {
    rule: 'PSS-B-007',
    pass: [[pod()], [pod((p) => { podSc(p).seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' }; })]],
    fail: [
      fails('.spec.securityContext.seLinuxOptions.type', pod((p) => { podSc(p).seLinuxOptions = { type: 'spc_t' }; })),
      fails(`${c0}.securityContext.seLinuxOptions.user`, pod((p) => { sc(p).seLinuxOptions = { user: 'system_u' }; })),
      fails(`${c0}.securityContext.seLinuxOptions.role`, pod((p) => { sc(p).seLinuxOptions = { role: 'sysadm_r' }; })),
    ],
  },
  {
    rule: 'PSS-B-008',
    pass: [
      [pod()],
      [pod((p) => { sc(p).appArmorProfile = { type: 'RuntimeDefault' }; p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/app' }; })],
    ],
    fail: [
      fails(`${c0}.securityContext.appArmorProfile.type`, pod((p) => { sc(p).appArmorProfile = { type: 'Unconfined' }; })),
      fails('.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]', pod((p) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }; })),
      fails('.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]', deployment((d) => { d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }; })),
    ],
  },
  {
    rule: 'PSS-B-009',
    pass: [[pod()], [pod((p) => { podSc(p).sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]; })]],
    fail: [
      fails('.spec.securityContext.sysctls[0].name', pod((p) => { podSc(p).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; })),
      fails('.spec.template.spec.securityContext.sysctls[1].name', deployment((d) => { d.spec.template.spec.securityContext.sysctls = [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.core.somaxconn', value: '1024' }]; })),
    ],
  },
  {
    rule: 'PSS-B-010',
    pass: [[pod()], [pod((p) => { sc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/app.json' }; })]],
    fail: [
      fails('.spec.securityContext.seccompProfile.type', pod((p) => { podSc(p).seccompProfile = { type: 'Unconfined' }; })),
      fails(`${c0}.securityContext.seccompProfile.type`, pod((p) => { sc(p).seccompProfile = { type: 'Unconfined' }; })),
    ],
  },
  {
    rule: 'PSS-R-001',
    pass: [[pod()], [pod((p) => { delete sc(p).runAsNonRoot; })]],
    fail: [
      fails(`${c0}.securityContext.runAsNonRoot`, pod((p) => { delete sc(p).runAsNonRoot; delete podSc(p).runAsNonRoot; })),
      fails(`${c0}.securityContext.runAsNonRoot`, pod((p) => { sc(p).runAsNonRoot = false; })),
      fails('.spec.template.spec.securityContext.runAsNonRoot', deployment((d) => { delete tplSc(d).runAsNonRoot; d.spec.template.spec.securityContext.runAsNonRoot = false; })),
    ],
  },
  {
    rule: 'PSS-R-002',
    pass: [[pod()], [deployment()]],
    fail: [
      fails(`${c0}.securityContext.allowPrivilegeEscalation`, pod((p) => { delete sc(p).allowPrivilegeEscalation; })),
      fails('.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', deployment((d) => { tplSc(d).allowPrivilegeEscalation = true; })),
    ],
  },
  {
    rule: 'PSS-R-003',
    pass: [[pod()], [pod((p) => { sc(p).capabilities = { drop: ['all'], add: ['NET_BIND_SERVICE'] }; })]],
    fail: [
      fails(`${c0}.securityContext.capabilities.drop`, pod((p) => { delete sc(p).capabilities; })),
      fails(`${c0}.securityContext.capabilities.drop`, pod((p) => { sc(p).capabilities = { drop: ['NET_RAW'] }; })),
      fails(`${c0}.securityContext.capabilities.add[0]`, pod((p) => { sc(p).capabilities.add = ['SYS_TIME']; })),
    ],
  },
  {
    rule: 'PSS-R-004',
    pass: [[pod()], [pod((p) => { delete podSc(p).seccompProfile; sc(p).seccompProfile = { type: 'RuntimeDefault' }; })]],
    fail: [
      fails(`${c0}.securityContext.seccompProfile.type`, pod((p) => { delete podSc(p).seccompProfile; })),
      fails('.spec.securityContext.seccompProfile.type', pod((p) => { podSc(p).seccompProfile = { type: 'Unconfined' }; })),
      fails(`${c0}.securityContext.seccompProfile.type`, pod((p) => { sc(p).seccompProfile = { type: 'Unconfined' }; })),
    ],
  },
  {
    rule: 'PSS-R-005',
    pass: [
      [pod()],
      [pod((p) => { p.spec.volumes.push({ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'all', projected: { sources: [] } }); })],
    ],
    fail: [
      fails('.spec.volumes[1].hostPath', pod((p) => { p.spec.volumes.push({ name: 'host', hostPath: { path: '/' } }); })),
      fails('.spec.template.spec.volumes[1].nfs', deployment((d) => { d.spec.template.spec.volumes.push({ name: 'share', nfs: { server: 'nfs.local', path: '/export' } }); })),
    ],
  },
  {
    rule: 'PSS-R-006',
    pass: [[pod()], [pod((p) => { sc(p).runAsUser = 1000; })]],
    fail: [
      fails('.spec.securityContext.runAsUser', pod((p) => { podSc(p).runAsUser = 0; })),
      fails(`${c0}.securityContext.runAsUser`, pod((p) => { sc(p).runAsUser = 0; })),
    ],
  },
];
