import { describe, expect, it } from 'vitest';
import { CONFIG_HASH_ANNOTATION, CronJob, Job, JobRestartPolicy } from '../../lib/constructs';
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

  it('sets retry, deadline and restart policy', () => {
    const job = findOne(synthApp((app) => new Job(app, 'migrate', {
      image: IMAGE, backoffLimit: 0, activeDeadlineSeconds: 600, restartPolicy: JobRestartPolicy.ON_FAILURE,
    })), 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600 });
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

  // A Job deleted by its TTL is missing from the cluster while still in Git: Argo CD's automated
  // sync with selfHeal re-applies missing objects (auto-sync docs: "self-healing ... when live state
  // deviates"), and Flux's kustomize-controller re-applies the whole folder every `interval`. The Job
  // would be created again and the one-off migration run again after every TTL, so it is refused.
  it.each([
    ['Argo CD', Reconciler.argoCd(), 'Argo CD (self-heal)', 600],
    ['Flux', Reconciler.flux(), 'Flux (every interval)', 0],
  ])('fails if a Job applied by %s sets ttlSecondsAfterFinished', (_engine, reconciler, engine, ttl) => {
    expect(messageOf(() => synthApp((app) => { new Job(app, 'migrate', { image: IMAGE, ttlSecondsAfterFinished: ttl }); }, {}, { reconciler })))
      .toBe(`[test/web/migrate] 'ttlSecondsAfterFinished' (${ttl}) deletes the finished Job, which ${engine} then recreates from Git, so it would run again after every TTL: ` +
        'leave it out (a finished Job stays and runs again only under a new name), or use a CronJob for work that repeats' + propsFix('Job', 'migrate'));
  });

  it('keeps ttlSecondsAfterFinished for the Jobs a CronJob creates, which are not in Git', () => {
    const cron = findOne(synthApp((app) => { new CronJob(app, 'report', { image: IMAGE, schedule: '0 6 * * *', ttlSecondsAfterFinished: 600 }); }), 'CronJob');
    expect((cron.spec as any).jobTemplate.spec.ttlSecondsAfterFinished).toBe(600);
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
