import { describe, expect, it } from 'vitest';
import { ConcurrencyPolicy, CronJob, cronScheduleProblems } from '../../lib/constructs';
import { findOne } from '../helpers/manifests';
import { containerOf, IMAGE, messageOf, podSpecOf, propsFix, synthApp } from './support';

describe('CronJob', () => {
  it('synthesizes a CronJob in UTC that skips overlapping runs', () => {
    // GIVEN / WHEN
    const objects = synthApp((app) => new CronJob(app, 'report', { image: IMAGE, schedule: '30 2 * * 1-5' }));
    // THEN
    const cronJob = findOne(objects, 'CronJob', 'report');
    expect(cronJob.apiVersion).toBe('batch/v1');
    expect(cronJob.spec).toMatchObject({ schedule: '30 2 * * 1-5', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    expect(cronJob.spec).not.toHaveProperty('startingDeadlineSeconds');
    expect(cronJob.spec).not.toHaveProperty('suspend');
    expect(podSpecOf(cronJob).restartPolicy).toBe('Never');
    expect(objects).toMatchSnapshot();
  });

  it('labels the Jobs it creates and their pods', () => {
    const cronJob = findOne(synthApp((app) => new CronJob(app, 'report', { image: IMAGE, schedule: '@daily' })), 'CronJob');
    const labels = { 'app.kubernetes.io/name': 'report', 'app.kubernetes.io/instance': 'report-test', 'app.kubernetes.io/component': 'batch' };
    expect((cronJob.spec as any).jobTemplate.metadata.labels).toMatchObject(labels);
    expect((cronJob.spec as any).jobTemplate.spec.template.metadata.labels).toMatchObject(labels);
  });

  it('passes every schedule setting through', () => {
    // GIVEN / WHEN
    const cronJob = findOne(synthApp((app) => new CronJob(app, 'report', {
      image: IMAGE,
      schedule: '*/15 8-18 * JAN-MAR mon-fri',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      suspend: true,
      backoffLimit: 2,
      activeDeadlineSeconds: 900,
      command: ['/app/report'],
    })), 'CronJob');
    // THEN
    expect(cronJob.spec).toMatchObject({
      schedule: '*/15 8-18 * JAN-MAR mon-fri',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
      suspend: true,
      jobTemplate: { spec: { backoffLimit: 2, activeDeadlineSeconds: 900 } },
    });
    expect(containerOf(cronJob).command).toEqual(['/app/report']);
  });

  it('accepts the schedules the Kubernetes controller accepts', () => {
    for (const schedule of ['@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '0 0 1 1 *', '5/10 * ? * SUN', '0,30 9-17/2 1-15 * 0-6']) {
      expect(cronScheduleProblems('schedule', schedule)).toEqual([]);
    }
  });

  it('fails if the schedule is invalid', () => {
    expect(messageOf(() => synthApp((app) => new CronJob(app, 'report', { image: IMAGE, schedule: '61 24 0 13 7' }))))
      .toBe("[test/web/report] 'schedule' (\"61 24 0 13 7\"): minute \"61\" is out of range 0-59; " +
        "'schedule' (\"61 24 0 13 7\"): hour \"24\" is out of range 0-23; " +
        "'schedule' (\"61 24 0 13 7\"): day of month \"0\" is out of range 1-31; " +
        "'schedule' (\"61 24 0 13 7\"): month \"13\" is out of range 1-12 or JAN-DEC; " +
        "'schedule' (\"61 24 0 13 7\"): day of week \"7\" is out of range 0-6 or SUN-SAT" + propsFix('CronJob', 'report'));
    expect(cronScheduleProblems('schedule', '* * *')).toEqual([
      "'schedule' (\"* * *\") has 3 fields; a schedule has 5 (minute hour day-of-month month day-of-week) or is a macro such as \"@daily\"",
    ]);
    expect(cronScheduleProblems('schedule', '@every 5m')).toEqual([
      "'schedule' (\"@every 5m\") is not a known macro (allowed: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)",
    ]);
    expect(cronScheduleProblems('schedule', 'CRON_TZ=UTC 0 * * * *')).toEqual([
      "'schedule' (\"CRON_TZ=UTC 0 * * * *\") must not set a time zone; use the 'timeZone' prop instead",
    ]);
    expect(cronScheduleProblems('schedule', '*/0 5-1 * * *')).toEqual([
      "'schedule' (\"*/0 5-1 * * *\"): minute \"*/0\" has an invalid step; write \"*/15\" or \"0-30/5\"",
      "'schedule' (\"*/0 5-1 * * *\"): hour range \"5-1\" runs backwards",
    ]);
  });

  it('fails if the time zone or deadlines are invalid', () => {
    expect(messageOf(() => synthApp((app) => new CronJob(app, 'report', { image: IMAGE, schedule: '@daily', timeZone: 'Mars/Olympus', startingDeadlineSeconds: 5 }))))
      .toBe("[test/web/report] 'timeZone' (\"Mars/Olympus\") is not an IANA time zone such as \"Europe/Berlin\" or \"Etc/UTC\"; " +
        "'startingDeadlineSeconds' (5) must be a whole number from 10 to 2147483647" + propsFix('CronJob', 'report'));
  });

  it('fails if the name is longer than 52 characters', () => {
    const name = 'r'.repeat(53);
    expect(messageOf(() => synthApp((app) => new CronJob(app, name, { image: IMAGE, schedule: '@daily' }))))
      .toBe(`[test/web/${name}] 'name' ("${name}") is 53 characters; the limit is 52${propsFix('CronJob', name)}`);
  });
});
