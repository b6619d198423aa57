import { describe, expect, it } from 'vitest';
import { CONFIG_HASH_ANNOTATION, Job, JobRestartPolicy } from '../../lib/constructs';
import { Reconciler } from '../../lib/gitops';
import { findOne } from '../helpers/manifests';
import { containerOf, IMAGE, messageOf, podSpecOf, propsFix, synthApp } from './support';

describe('Job', () => {
  it('synthesizes a Job whose pods never restart in place', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => new Job(app, 'migrate', { image: IMAGE, args: ['migrate', '--yes'] }));
    // THEN
    const job = findOne(objects, 'Job', 'migrate');
    expect(job.apiVersion).toBe('batch/v1');
    expect(podSpecOf(job).restartPolicy).toBe('Never');
    expect(containerOf(job).args).toEqual(['migrate', '--yes']);
    // No selector: the Job controller generates one; a manual selector would be a foot-gun.
    expect(job.spec).not.toHaveProperty('selector');
    expect(job.spec).not.toHaveProperty('ttlSecondsAfterFinished');
    expect(objects).toMatchSnapshot();
  });

  it('labels the Job and its pods with component batch and the version', () => {
    const job = findOne(synthApp((app) => new Job(app, 'migrate', { image: IMAGE })), 'Job');
    const labels = { 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/component': 'batch', 'app.kubernetes.io/version': '1.4.2' };
    expect(job.metadata.labels).toMatchObject(labels);
    expect((job.spec as any).template.metadata.labels).toMatchObject(labels);
  });

  it('sets retry, deadline, cleanup and restart policy', () => {
    const job = findOne(synthApp((app) => new Job(app, 'migrate', {
      image: IMAGE, backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, restartPolicy: JobRestartPolicy.ON_FAILURE,
    })), 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 });
    expect(podSpecOf(job).restartPolicy).toBe('OnFailure');
  });

  it('reads plain settings from a ConfigMap without hashing them into the immutable pod template', () => {
    const objects = synthApp((app) => new Job(app, 'migrate', { image: IMAGE, env: { DRY_RUN: 'false' } }));
    expect(findOne(objects, 'ConfigMap', 'migrate').data).toEqual({ DRY_RUN: 'false' });
    const job = findOne(objects, 'Job');
    expect(containerOf(job).envFrom).toEqual([{ configMapRef: { name: 'migrate' } }]);
    expect(JSON.stringify(job)).not.toContain(CONFIG_HASH_ANNOTATION);
  });

  it('fails if job settings are out of range', () => {
    expect(messageOf(() => synthApp((app) => new Job(app, 'migrate', { image: IMAGE, backoffLimit: -1, activeDeadlineSeconds: 0, restartPolicy: 'Always' as JobRestartPolicy }))))
      .toBe("[test/web/migrate] 'backoffLimit' (-1) must be a whole number from 0 to 1000; 'activeDeadlineSeconds' (0) must be a whole number from 1 to 2147483647; " +
        "'restartPolicy' (\"Always\") must be one of Never, OnFailure" + propsFix('Job', 'migrate'));
  });

  it.each([
    ['Argo CD', Reconciler.argoCd(), { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' }],
    ['Flux', Reconciler.flux(), { 'kustomize.toolkit.fluxcd.io/force': 'enabled' }],
  ])('asks %s to replace the Job when its immutable template changes', (_engine, reconciler, annotations) => {
    // GIVEN / WHEN
    const objects = synthApp((app) => { new Job(app, 'migrate', { image: IMAGE }); }, {}, { reconciler });
    // THEN
    expect(findOne(objects, 'Job').metadata.annotations).toEqual(annotations);
  });
});
