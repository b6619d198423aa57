import { GlobalArgs } from '../context';

export interface CloudPlanArgs extends GlobalArgs {
  readonly env?: readonly string[];
  readonly format?: 'text' | 'markdown' | 'json';
  readonly json: boolean;
  readonly concurrency: number;
  readonly timeout: number;
  readonly deadline: number;
  readonly profile?: readonly string[];
}

/** Options `plan` and `drift` share. */
export const cloudPlanOptions = {
  env: { type: 'string', array: true, describe: 'Only this environment; repeatable [default: all]' },
  format: { choices: ['text', 'markdown', 'json'] as const, describe: 'Output format [default: text]' },
  json: { type: 'boolean', default: false, describe: 'Same as --format json ("version": 1, one entry per resource)' },
  concurrency: { type: 'number', default: 16, describe: 'AWS calls in flight at once' },
  timeout: { type: 'number', default: 15, describe: 'Seconds one AWS call (with its retries) may take' },
  deadline: { type: 'number', default: 300, describe: 'Seconds the whole run may take; what is not read by then is unknown' },
  profile: { type: 'string', array: true, describe: 'AWS profile for an environment, ENV=PROFILE; repeatable [default: the standard credential chain]' },
} as const;
