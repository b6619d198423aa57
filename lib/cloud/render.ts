import { ICloudFlavor } from '../platform/contracts';
import { renderAckBucket } from './ack/bucket';
import { renderAckDistribution } from './ack/distribution';
import { renderAckQueue } from './ack/queue';
import { renderAckWorkloadRole } from './ack/workload-role';
import { RenderedObject } from './cloud-object';
import { RenderContext } from './context';
import { renderCrossplaneBucket } from './crossplane/bucket';
import { renderCrossplaneDistribution } from './crossplane/distribution';
import { renderCrossplaneQueue } from './crossplane/queue';
import { renderCrossplaneWorkloadRole } from './crossplane/workload-role';
import { BucketModel, DistributionModel, QueueModel, WorkloadRoleModel } from './model';

type Renderer<M> = (model: M, ctx: RenderContext) => RenderedObject[];

/** One renderer per resource per flavor; the constructs pick theirs by the environment's flavor. */
export interface FlavorRenderers {
  readonly bucket: Renderer<BucketModel>;
  readonly distribution: Renderer<DistributionModel>;
  readonly queue: Renderer<QueueModel>;
  readonly workloadRole: Renderer<WorkloadRoleModel>;
}

const RENDERERS: Record<ICloudFlavor['kind'], FlavorRenderers> = {
  crossplane: { bucket: renderCrossplaneBucket, distribution: renderCrossplaneDistribution, queue: renderCrossplaneQueue, workloadRole: renderCrossplaneWorkloadRole },
  ack: { bucket: renderAckBucket, distribution: renderAckDistribution, queue: renderAckQueue, workloadRole: renderAckWorkloadRole },
};

export function renderersFor(flavor: ICloudFlavor): FlavorRenderers {
  const renderers = RENDERERS[flavor.kind];
  if (!renderers) throw new Error(`unknown cloud flavor '${String(flavor.kind)}'`);
  return renderers;
}
