import { AppChart, CronJob } from '../../lib';

/** Nightly: deletes expired upload sessions and orphaned renders. */
export function cleanup(app: AppChart): void {
  new CronJob(app, 'cleanup', {
    image: app.image('ghcr.io/pictura/api'),
    command: ['/app/bin/cleanup'],
    args: ['--expired-uploads', '--orphaned-renders', '--max-age=72h'],
    schedule: '30 2 * * *',
    timeZone: 'Europe/Dublin',
    activeDeadlineSeconds: 3600,
    backoffLimit: 2,
  });
}
