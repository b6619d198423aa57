import { JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CronJob, Job, VolumeSource, WebService, Worker, WorkloadServiceAccount } from '../../lib/constructs';
import { evaluate } from '../../lib/policy';
import { synthesize } from '../../lib/synth';
import { createValidator } from '../../lib/schema';
import { collectObjects } from '../../lib/synth/collect';
import { findOne } from '../helpers/manifests';
import { IMAGE, messageOf, platformWith, podSpecOf, synthApp } from './support';

const SIDECAR_IMAGE = 'ghcr.io/acme/proxy:0.9.1';

describe('pod escape hatches', () => {
  const build = platformWith((app) => {
    new WebService(app, 'web', {
      image: IMAGE,
      nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' },
      tolerations: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] }] } } },
      priorityClassName: 'business-critical',
      serviceAccountName: 'web-reader',
      ports: [{ name: 'metrics', containerPort: 9090 }],
      volumes: [
        { name: 'uploads', mountPath: '/data/uploads', source: VolumeSource.persistentVolumeClaim('uploads') },
        { name: 'cache', mountPath: '/var/cache/web', source: VolumeSource.emptyDir({ sizeLimit: '1Gi' }) },
      ],
      initContainers: [{ name: 'migrate', image: IMAGE, args: ['migrate'], volumeMounts: [{ volume: 'uploads', mountPath: '/data' }] }],
      sidecars: [{ name: 'proxy', image: SIDECAR_IMAGE, ports: [{ name: 'proxy', containerPort: 15001 }], env: { MODE: 'sidecar' } }],
    });
  });
  const objects = collectObjects(build).map((o) => o.object);
  const spec = podSpecOf(findOne(objects, 'Deployment'));

  it('render scheduling, identity, ports and volumes into the pod spec', () => {
    expect(spec.nodeSelector).toEqual({ 'karpenter.sh/capacity-type': 'on-demand' });
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', value: 'web', effect: 'NoSchedule' },
      { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['arm64']);
    expect(spec.priorityClassName).toBe('business-critical');
    expect(spec.serviceAccountName).toBe('web-reader');
    expect(spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }]);
    expect(spec.volumes).toEqual(expect.arrayContaining([{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }, { name: 'cache', emptyDir: { sizeLimit: '1Gi' } }]));
    expect(spec.containers[0].volumeMounts).toEqual(expect.arrayContaining([{ name: 'uploads', mountPath: '/data/uploads' }]));
  });

  it('give every added container the secure defaults, a writable /tmp and resources', () => {
    const added = [...spec.initContainers, spec.containers[1]];
    expect(added.map((c: { name: string }) => c.name)).toEqual(['migrate', 'proxy']);
    for (const container of added) {
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true });
      expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
      expect(container.volumeMounts).toEqual(expect.arrayContaining([{ name: 'tmp', mountPath: '/tmp' }]));
    }
    // Non-root and the seccomp profile are set for the whole pod, so they hold for added containers too.
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('pass the Kubernetes 1.28 schema and the strictest policy profile', () => {
    expect(createValidator().validateAll(objects.map((object) => ({ file: 'x', object }))).findings).toEqual([]);
    const report = evaluate(collectObjects(platformWith((app) => {
      new Worker(app, 'w', { image: IMAGE, sidecars: [{ name: 'proxy', image: SIDECAR_IMAGE }], initContainers: [{ name: 'init', image: IMAGE }] });
    })).map((o) => ({ object: o.object, constructPath: o.constructPath, environment: o.environment })), { profile: 'prod' });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('fail on invalid values, listing every problem', () => {
    const message = messageOf(() => synthApp((app) => new Job(app, 'j', {
      image: IMAGE,
      tolerations: [{ value: 'x', effect: 'Sometimes' as never }],
      ports: [{ name: 'metrics', containerPort: 9090 }, { name: 'metrics', containerPort: 70000 }],
      volumes: [{ name: 'tmp', mountPath: 'data', source: VolumeSource.persistentVolumeClaim('Bad_Claim') }],
      sidecars: [{ name: 'j', image: 'ghcr.io/acme/proxy', volumeMounts: [{ volume: 'nope', mountPath: '/x' }], env: { API_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } }],
      priorityClassName: 'Not Valid',
    })));
    for (const expected of [
      "'tolerations[0].effect' (\"Sometimes\") must be", "'tolerations[0].key' is required unless operator is \"Exists\"",
      "'ports[1]' (\"metrics\", 70000) clashes with 'ports[0]'", "'ports[1].containerPort' (70000) must be a whole number from 1 to 65535",
      "'volumes[0].name' (\"tmp\") is already used", "'volumes[0].mountPath' (\"data\") must be an absolute path", "claimName",
      "'sidecars[0].name' (\"j\") is already the name of another container", "'sidecars[0].image' (\"ghcr.io/acme/proxy\") has no tag",
      "'sidecars[0].volumeMounts[0].volume' (\"nope\") is not a volume of the pod", "'sidecars[0].env.API_TOKEN' is named like a credential",
      "'priorityClassName' (\"Not Valid\")",
    ]) expect(message).toContain(expected);
    expect(message).not.toContain('ghp_abcdefgh');
  });

  it('fail if an extra port reuses the web service\'s own port, or both service-account props are set', () => {
    expect(messageOf(() => synthApp((app) => new WebService(app, 'web', { image: IMAGE, port: 9000, ports: [{ name: 'http', containerPort: 9000 }] }))))
      .toContain("'ports[0]' (\"http\", 9000) clashes with the workload's own port \"http\"");
    expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE, serviceAccountName: 'a', serviceAccount: WorkloadServiceAccount.existing('b') }))))
      .toContain("'serviceAccountName' (\"a\") and 'serviceAccount' are both set; keep one");
  });
});

describe('pod escape hatches of the wrong kind (untyped stack code)', () => {
  it('are reported, not crashed on', () => {
    for (const prop of ['tolerations', 'ports', 'volumes', 'initContainers', 'sidecars']) {
      expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE, [prop]: { name: 'x' } } as never)))).toContain(`'${prop}' must be a list (found {"name":"x"})`);
    }
    expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE, sidecars: [{ name: 'p', image: IMAGE, ports: { name: 'x' } }] } as never))))
      .toContain(`'sidecars[0].ports' must be a list`);
    expect(messageOf(() => synthApp((app) => new Worker(app, 'w', { image: IMAGE, volumes: [
      { name: 'a', mountPath: '/tmp', source: VolumeSource.emptyDir() }, { name: 'b', mountPath: '/data', source: VolumeSource.emptyDir() }, { name: 'c', mountPath: '/data', source: VolumeSource.configMap('x') }] }))))
      .toMatch(/'volumes\[0\].mountPath' \("\/tmp"\) is already a mount.*'volumes\[2\].mountPath' \("\/data"\) is already a mount/);
  });
});

describe('the underlying object', () => {
  it('is public as `resource` for every workload (construct id Resource)', () => {
    platformWith((app) => {
      const workloads = [
        new WebService(app, 'web', { image: IMAGE }), new Worker(app, 'worker', { image: IMAGE }),
        new Job(app, 'job', { image: IMAGE }), new CronJob(app, 'cron', { image: IMAGE, schedule: '@daily' }),
      ];
      expect(workloads.map((w) => `${w.resource.kind} ${w.resource.node.id}`)).toEqual(['Deployment Resource', 'Deployment Resource', 'Job Resource', 'CronJob Resource']);
    });
  });

  it('can be patched, and policy runs on the patched object (a patch cannot bypass the rules)', () => {
    // GIVEN a JSON patch that makes the container privileged
    const platform = platformWith((app) => {
      const web = new WebService(app, 'web', { image: IMAGE });
      web.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', [{ ip: '10.0.0.1', hostnames: ['legacy.internal'] }]));
      web.resource.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));
    });
    // WHEN / THEN synth blocks it, naming the patched field
    const message = messageOf(() => synthesize(platform));
    expect(message).toMatch(/PSS-B-\d+ Deployment\/test-web\/web .*privileged/);
    // and the harmless patch is in the output
    const deployment = findOne(collectObjects(platformWith((app) => {
      new WebService(app, 'web', { image: IMAGE }).resource.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', [{ ip: '10.0.0.1', hostnames: ['legacy.internal'] }]));
    })).map((o) => o.object), 'Deployment');
    expect(podSpecOf(deployment).hostAliases).toEqual([{ ip: '10.0.0.1', hostnames: ['legacy.internal'] }]);
  });
});
