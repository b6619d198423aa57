import type { Argv, CommandModule } from 'yargs';
import type { ImportedResource } from '../../aws/import';
import { UsageError } from '../../core/errors';
import { GlobalArgs } from '../context';
import { ExitCode } from '../exit-codes';
import { CommandRunner } from '../runner';

export interface ImportArgs extends GlobalArgs {
  readonly service: 's3' | 'cloudfront';
  readonly ids: readonly string[];
  readonly env?: string;
  readonly app?: string;
  readonly region?: string;
  readonly from: string;
  readonly timeout: number;
}

/** `gitplane import`: TypeScript for the stacks from live buckets or distributions, adopted observe-only. */
export function importCommand(run: CommandRunner): CommandModule<object, ImportArgs> {
  return {
    command: 'import <service> <ids..>',
    describe: 'Print TypeScript (AssetBucket / Cdn) that reproduces live S3 buckets or CloudFront distributions, adopted observe-only',
    builder: (yargs: Argv) => yargs
      .positional('service', { choices: ['s3', 'cloudfront'] as const, describe: 's3 (bucket names) or cloudfront (distribution ids)' })
      .positional('ids', { type: 'string', array: true, describe: 'Bucket names or distribution ids' })
      .options({
        env: { type: 'string', describe: 'The environment the resources will belong to (for the usage comment)' },
        app: { type: 'string', describe: 'The app the resources will belong to (for the usage comment)' },
        region: { type: 'string', describe: 'Region of the buckets [default: AWS_REGION, else us-east-1]' },
        from: { type: 'string', default: 'gitplane', describe: 'Module the generated code imports gitplane from' },
        timeout: { type: 'number', default: 15, describe: 'Seconds one AWS call (with its retries) may take' },
      })
      .example('$0 import s3 pictura-legacy-uploads --env prod --app media > stacks/apps/imported.ts', 'Adopt an existing bucket')
      .example('$0 import cloudfront E2QWRUHAPOMQZL', 'Adopt a distribution and the buckets it serves') as unknown as Argv<ImportArgs>,
    handler: (args) => run(args, async (io) => {
      const ids = [...new Set(args.ids.map(String))];
      if (args.service === 'cloudfront') {
        const bad = ids.find((id) => !/^[A-Z0-9]{8,20}$/.test(id));
        if (bad) throw new UsageError(`${JSON.stringify(bad)} is not a CloudFront distribution id`, 'pass ids such as E2QWRUHAPOMQZL (aws cloudfront list-distributions)');
      }
      // Loaded here, not at the top: other commands and --version start without the AWS SDK.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { createAwsClients } = require('../../aws/clients') as typeof import('../../aws/clients');
      const { readBucketsForImport, readDistributionsForImport } = require('../../aws/import') as typeof import('../../aws/import');
      const { formatImportTypeScript } = require('../../aws/import-typescript') as typeof import('../../aws/import-typescript');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const region = args.region ?? process.env.AWS_REGION ?? 'us-east-1';
      const { clients, close } = createAwsClients({ callTimeoutMs: args.timeout * 1000 });
      const env = args.env ?? 'import';
      let resources: ImportedResource[];
      try {
        const importClients = { s3: (r: string) => clients.s3(env, r), cloudfront: () => clients.cloudfront(env) };
        resources = args.service === 's3'
          ? await readBucketsForImport(ids, importClients, region)
          : await readDistributionsForImport(ids, importClients, region);
      } finally {
        close();
      }
      const command = ['gitplane import', args.service, ...ids, ...(args.env ? ['--env', args.env] : []), ...(args.app ? ['--app', args.app] : [])].join(' ');
      io.out(formatImportTypeScript(resources, { from: args.from, env: args.env, app: args.app, command }));
      const failed = resources.filter((r) => r.live.status !== 'found');
      for (const r of failed) {
        const what = r.kind === 'Bucket' ? `bucket ${r.name}` : `distribution ${r.id}`;
        io.err(`warning: ${what} could not be imported: ${r.live.status === 'missing' ? 'it does not exist (check the name and the account)' : 'reason' in r.live ? r.live.reason : ''}`);
      }
      return failed.length > 0 ? ExitCode.PARTIAL : ExitCode.OK;
    }),
  };
}
