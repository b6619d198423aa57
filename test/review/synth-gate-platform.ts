import * as path from 'path';
import { CloudFlavor, Queue } from '../../lib/cloud';
import { CronJob, WebService, Worker } from '../../lib/constructs';
import { NamespaceScheme, Platform, Protection, Reconciler } from '../../lib';
import { gateSynthesis, readCommittedTree, SynthGateOptions, SynthGateResult } from '../../lib/review';
import { synthesize } from '../../lib/synth';
import { writeSynthesis } from '../../lib/synth/write-synthesis';
import { tempDir } from '../helpers/temp';

/**
 * A small platform in the shapes a platform team moves between on day 2: an environment per shape,
 * a queue, a web service with a consumer, a nightly job. `shape` says what a follow-up commit changed.
 */

export const IMAGE = 'ghcr.io/acme/api:1.4.0@sha256:0b1859bbd54605348a6c652082afb5e54c4e5a9624ca67a1a2a7e71589a29474';

export interface EnvShape {
  readonly name?: string;
  readonly flavor?: 'crossplane' | 'ack';
  readonly protect?: boolean;
  readonly reconciler?: 'argocd' | 'flux';
  readonly branch?: string;
  readonly shared?: boolean;
}

export interface Shape {
  readonly envs?: readonly EnvShape[];
  readonly repository?: string;
  /** Id of the web service (its Deployment, Service and address). */
  readonly service?: string;
  readonly servicePort?: number;
  readonly image?: string;
  readonly replicas?: number;
  readonly autoscale?: { readonly minReplicas: number; readonly maxReplicas: number };
  /** App that holds the nightly job. */
  readonly jobApp?: 'api' | 'jobs';
  /** Leave the `worker` app out (its namespace goes). */
  readonly withoutWorker?: boolean;
  /** Further queues of the `media` app, by id. */
  readonly queues?: readonly string[];
}

export function shapedPlatform(shape: Shape = {}): Platform {
  const envs = shape.envs ?? [{}];
  const platform = new Platform({
    name: 'acme',
    repository: { url: shape.repository ?? 'https://github.com/acme/platform.git' },
    environments: envs.map((e) => ({
      name: e.name ?? 'prod',
      reconciler: e.reconciler === 'flux' ? Reconciler.flux() : Reconciler.argoCd(),
      ...(e.branch ? { branch: e.branch } : {}),
      ...(e.shared ? { namespaces: NamespaceScheme.shared('acme') } : {}),
      cloud: e.flavor === 'ack' ? CloudFlavor.ack({ accountId: '123456789012', clusterName: 'acme' }) : CloudFlavor.crossplane({ accountId: '123456789012', providerConfig: 'aws', clusterName: 'acme' }),
      region: 'eu-west-1',
      ...(e.protect ? { protection: Protection.PROTECTED } : {}),
    })),
  });
  const media = platform.addApp('media', (app) => {
    for (const id of shape.queues ?? []) new Queue(app, id, { queueName: `${app.environment.envName}-${id}` });
    return { jobs: new Queue(app, 'jobs', { queueName: `${app.environment.envName}-render-jobs` }) };
  });
  platform.addApp('api', (app) => {
    const web = new WebService(app, shape.service ?? 'api', {
      image: shape.image ?? IMAGE,
      ...(shape.servicePort ? { servicePort: shape.servicePort } : {}),
      ...(shape.autoscale ? { autoscaling: shape.autoscale } : { replicas: shape.replicas ?? 3 }),
    });
    web.uses(media.in(app).jobs, { access: 'send' });
    if ((shape.jobApp ?? 'api') === 'api') nightly(app);
  });
  if (shape.jobApp === 'jobs') platform.addApp('jobs', (app) => { nightly(app); });
  if (!shape.withoutWorker) platform.addApp('worker', (app) => { new Worker(app, 'render', { image: IMAGE }); });
  return platform;
}

function nightly(app: import('../../lib').AppChart): void {
  new CronJob(app, 'cleanup', { image: IMAGE, schedule: '30 2 * * *' });
}

/** A project folder whose dist/ holds the synthesis of `base`, as the last commit left it. */
export function committed(base: Shape): string {
  const dir = tempDir('gitplane-gate-');
  writeSynthesis(synthesize(shapedPlatform(base)), path.join(dir, 'dist'));
  return dir;
}

/** The gate of the second synth: `head` against the dist/ `base` left. */
export function gate(base: Shape, head: Shape, options: SynthGateOptions = {}): SynthGateResult & { dir: string } {
  const dir = committed(base);
  const result = gateSynthesis(synthesize(shapedPlatform(head)).files, readCommittedTree(path.join(dir, 'dist'), 'dist/'), options);
  return { ...result, dir };
}
