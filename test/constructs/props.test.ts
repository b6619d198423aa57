import { describe, expect, it } from 'vitest';
import { AssetBucket, CloudFlavor, Queue } from '../../lib/cloud';
import { CronJob, ExternalSecret, Job, Probe, SealedSecret, SecretStore, SecretValue, WebService, Worker, WorkloadServiceAccount } from '../../lib/constructs';
import { Reconciler } from '../../lib/gitops';
import { unknownPropProblems } from '../../lib/core/props';
import { AdmissionPolicies } from '../../lib/policy/admission-policies';
import { AppChart, AppProps, NetworkIsolation, Platform } from '../../lib/platform';
import { messageOf } from '../helpers/errors';
import { testPlatform } from '../helpers/platform';
import { IMAGE } from './support';

/** Runs `build` in app `web` of a test environment with a cloud flavor, returning what it throws. */
function errorOf(build: (app: AppChart) => void): string {
  const platform = testPlatform({ cloud: CloudFlavor.crossplane({ accountId: '123456789012' }) });
  return messageOf(() => platform.addApp('web', build));
}

// Stacks run with tsx, which does not type-check: a misspelt prop reaches the constructor.
const loose = <T>(props: object) => props as T;

describe('unknown props (stack code run without type-checking)', () => {
  it('are rejected by every construct, naming the nearest known key', () => {
    // GIVEN one misspelt prop per construct
    const cases: [string, (app: AppChart) => void, string][] = [
      ['WebService', (app) => new WebService(app, 'web', loose({ image: IMAGE, replica: 5 })), "[test/web/web] unknown prop 'replica'; did you mean 'replicas'?"],
      ['Worker', (app) => new Worker(app, 'w', loose({ image: IMAGE, terminationGracePeriod: 5 })), "unknown prop 'terminationGracePeriod'; did you mean 'terminationGracePeriodSeconds'?"],
      ['Job', (app) => new Job(app, 'j', loose({ image: IMAGE, backofLimit: 1 })), "unknown prop 'backofLimit'; did you mean 'backoffLimit'?"],
      ['CronJob', (app) => new CronJob(app, 'c', loose({ image: IMAGE, schedule: '@daily', timezone: 'Etc/UTC' })), "unknown prop 'timezone'; did you mean 'timeZone'?"],
      ['ExternalSecret', (app) => new ExternalSecret(app, 'db', loose({ store: SecretStore.cluster('aws'), data: { p: SecretValue.fromSecretsManager('db') }, refreshIntervall: 1 })),
        "unknown prop 'refreshIntervall'; did you mean 'refreshInterval'?"],
      ['SealedSecret', (app) => new SealedSecret(app, 'tls', loose({ encryptedDta: {} })), "unknown prop 'encryptedDta'; did you mean 'encryptedData'?"],
      ['AssetBucket', (app) => new AssetBucket(app, 'assets', loose({ bucketName: 'acme-test-assets', bucketname: 'x' })), "[test/web/assets] unknown prop 'bucketname'; did you mean 'bucketName'?"],
      ['Queue', (app) => new Queue(app, 'jobs', loose({ visibilityTimeOut: 1 })), "unknown prop 'visibilityTimeOut'; did you mean 'visibilityTimeout'?"],
    ];
    for (const [name, build, expected] of cases) {
      // WHEN / THEN
      const message = errorOf(build);
      expect(message, name).toContain(expected);
      expect(message, name).toContain(`Fix: correct the props quoted here in new ${name}(scope, `);
    }
  });

  it('are rejected in nested prop objects and lists, with their path', () => {
    expect(errorOf((app) => new WebService(app, 'web', loose({ image: IMAGE, ingress: { host: ['a.example'] } }))))
      .toContain("unknown prop 'ingress.host'; did you mean 'ingress.hosts'?");
    expect(errorOf((app) => new Worker(app, 'w', loose({ image: IMAGE, autoscaling: { maxReplicas: 3, minReplica: 1 } }))))
      .toContain("unknown prop 'autoscaling.minReplica'; did you mean 'autoscaling.minReplicas'?");
    expect(errorOf((app) => new Worker(app, 'w', loose({ image: IMAGE, resources: { request: { cpu: '1' } } }))))
      .toContain("unknown prop 'resources.request'; did you mean 'resources.requests'?");
    expect(errorOf((app) => new Worker(app, 'w', loose({ image: IMAGE, sidecars: [{ name: 'proxy', image: IMAGE, resources: { limits: { memroy: '1Gi' } } }] }))))
      .toContain("unknown prop 'sidecars[0].resources.limits.memroy'; did you mean 'sidecars[0].resources.limits.memory'?");
    expect(errorOf((app) => new Queue(app, 'jobs', loose({ deadLetterQueue: { maxReceiveCnt: 3 } }))))
      .toContain("unknown prop 'deadLetterQueue.maxReceiveCnt'; did you mean 'deadLetterQueue.maxReceiveCount'?");
  });

  it('list the known keys when nothing is near, and report every unknown key at once', () => {
    const problems = unknownPropProblems({ image: true, replicas: true }, { image: IMAGE, zzzzzzzz: 1, replicaz: 2 });
    expect(problems).toEqual(["unknown prop 'zzzzzzzz' (known: image, replicas)", "unknown prop 'replicaz'; did you mean 'replicas'?"]);
  });

  it('leave known keys, class instances and undefined props alone', () => {
    expect(unknownPropProblems({ a: { b: true } }, { a: new Date() })).toEqual([]);
    expect(unknownPropProblems({ a: true }, undefined)).toEqual([]);
    expect(unknownPropProblems({ a: { b: true } }, { a: { b: 1 } })).toEqual([]);
  });
});

describe('unknown options of factories and methods', () => {
  it('are rejected, naming the nearest option', () => {
    const cases: [() => unknown, string][] = [
      [() => SecretValue.fromSecretsManager('db', loose({ proprety: 'password' })), "[SecretValue.fromSecretsManager] unknown option 'proprety'; did you mean 'property'?"],
      [() => SecretValue.fromParameterStore('/db', loose({ versionStage: 'x' })), "[SecretValue.fromParameterStore] unknown option 'versionStage' (known: property)"],
      [() => SecretValue.fromVault('db', loose({ versoin: '2' })), "unknown option 'versoin'; did you mean 'version'?"],
      [() => WorkloadServiceAccount.dedicated(loose({ annotation: {} })), "unknown option 'annotation'; did you mean 'annotations'?"],
      [() => errorOf((app) => new WebService(app, 'web', { image: IMAGE, readiness: Probe.httpGet('/ready', loose({ prot: 8080 })) })), "unknown option 'readiness.prot'; did you mean 'readiness.port'?"],
      [() => errorOf((app) => new Worker(app, 'w', { image: IMAGE, liveness: Probe.exec(['/bin/true'], loose({ port: 1 })) })), "unknown option 'liveness.port' (known: initialDelaySeconds"],
      [() => errorOf((app) => new Worker(app, 'w', { image: IMAGE }).mountSecret('tls', '/etc/tls', loose({ volumename: 'x' }))), "unknown option 'volumename'; did you mean 'volumeName'?"],
      [() => errorOf((app) => {
        const api = new WebService(app, 'api', { image: IMAGE });
        new Worker(app, 'w', { image: IMAGE }).connectTo(api, loose({ envvar: 'X' }));
      }), "unknown option 'envvar'; did you mean 'envVar'?"],
    ];
    for (const [run, expected] of cases) {
      let message: string;
      try {
        const result = run();
        message = typeof result === 'string' ? result : 'no error';
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(expected);
    }
  });
});

describe('unknown keys of the platform', () => {
  it('are rejected in Platform props, nested environments and addApp props', () => {
    expect(messageOf(() => new Platform(loose({
      name: 'acme', repository: { url: 'https://github.com/acme/p.git', brnach: 'main' },
      environments: [{ name: 'dev', reconciler: Reconciler.flux(), reigon: 'eu-west-1' }],
    })))).toMatch(/unknown prop 'repository.brnach'; did you mean 'repository.branch'\?.*unknown prop 'environments\[0\].reigon'; did you mean 'environments\[0\].region'\?/);
    const platform = testPlatform();
    platform.addApp('api', () => undefined);
    expect(messageOf(() => platform.addApp('web', () => undefined, loose<AppProps>({ dependOn: ['api'] })))).toContain("unknown prop 'dependOn'; did you mean 'dependsOn'?");
    expect(messageOf(() => NetworkIsolation.perWorkload(loose({ allowFromNamespace: ['monitoring'] })))).toContain("did you mean 'allowFromNamespaces'?");
    expect(messageOf(() => testPlatform().addApp('web', (app) => { app.image('ghcr.io/acme/web', loose({ nmae: 'x' })); })))
      .toContain("unknown option 'nmae'; did you mean 'name'?");
  });
});

describe('unknown props of AdmissionPolicies', () => {
  it('are rejected like any construct', () => {
    expect(errorOf((app) => new AdmissionPolicies(app, 'kyverno', loose({ excludeNamespace: ['x'] }))))
      .toContain("[test/web/kyverno] unknown prop 'excludeNamespace'; did you mean 'excludeNamespaces'?");
  });
});
