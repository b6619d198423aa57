import { afterAll, describe, expect, it } from 'vitest';
import { BUCKET_FIELDS, DeclaredResource } from '../../lib/aws/model';
import { planCloud } from '../../lib/aws/plan';
import { exampleBucket, localClients, renameIn, renamed } from './helpers/example';
import { writableS3, writeBucket } from './helpers/seed';
import { LocalServer, startServer } from './helpers/servers';
import { DRIFT_CASES } from './s3-drift-cases';

/**
 * The S3 read path against real S3 implementations: Ceph radosgw (which lacks bucket encryption and
 * ownership controls: it answers those GETs with a bucket listing) and moto (which has both).
 */
const servers: { name: string; server: LocalServer | undefined; unsupported: readonly string[] }[] = [
  { name: 'radosgw', server: startServer('radosgw'), unsupported: ['ownershipControls', 'encryption'] },
  { name: 'moto', server: startServer('moto'), unsupported: [] },
];
afterAll(() => { for (const s of servers) s.server?.stop(); });

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++counter}`.slice(0, 63);

for (const { name, server, unsupported } of servers) {
  const env = server ? { ...server.env, ...(server.env.AWS_ENDPOINT_URL_CLOUDFRONT ? { AWS_ENDPOINT_URL_S3: server.env.AWS_ENDPOINT_URL_CLOUDFRONT } : {}) } : {};

  describe.skipIf(!server)(`S3 plan against ${name}`, () => {
    const write = () => writableS3(env);

    async function planOf(resource: DeclaredResource) {
      const plan = await planCloud([resource], localClients(env));
      return plan.resources[0];
    }

    for (const flavorEnv of ['dev', 'staging']) {
      it(`a bucket written as declared (${flavorEnv}: ${flavorEnv === 'dev' ? 'Crossplane' : 'ACK'}) is = no change`, async () => {
        // GIVEN the example's bucket, written to the server with every setting the stacks declare
        const declared = renamed(exampleBucket(flavorEnv), uniqueName(`same-${flavorEnv}`));
        await writeBucket(write(), declared.physicalName!, declared.fields as Record<string, unknown>, unsupported);
        // WHEN planned
        const result = await planOf(declared);
        // THEN nothing changes; fields the server cannot answer are shown as unknown but do not make the plan partial
        expect(result.action).toBe('no-change');
        expect(result.fields.map((f) => [f.field, f.status])).toEqual(unsupported.map((f) => [f, 'unknown']));
      });
    }

    it('a bucket that does not exist is + create', async () => {
      const result = await planOf(renamed(exampleBucket('dev'), uniqueName('missing')));
      expect(result.action).toBe('create');
      expect(result.fields).toEqual([]);
    });

    it('an existing bucket without this environment\'s ownership tag is ! conflict', async () => {
      const declared = renamed(exampleBucket('dev'), uniqueName('foreign'));
      const live = structuredClone(declared.fields) as Record<string, any>;
      live.tags = { team: 'someone-else' };
      await writeBucket(write(), declared.physicalName!, live, unsupported);
      const result = await planOf(declared);
      expect(result.action).toBe('conflict');
      expect(result.reason).toMatch(/not tagged gitplane:environment=dev/);
    });

    it('a bucket tagged for another environment is ! conflict naming that environment', async () => {
      const declared = renamed(exampleBucket('dev'), uniqueName('other-env'));
      const live = structuredClone(declared.fields) as Record<string, any>;
      live.tags = { ...live.tags, 'gitplane:environment': 'prod' };
      await writeBucket(write(), declared.physicalName!, live, unsupported);
      expect((await planOf(declared)).reason).toMatch(/tagged gitplane:environment=prod, not dev/);
    });

    it('a policy that means the same (other key order, whitespace, one-element lists) is no change', async () => {
      const declared = renamed(exampleBucket('dev'), uniqueName('policy-same'));
      const policy = declared.fields.policy as { Version: string; Statement: Record<string, unknown>[] };
      const reordered = { Statement: [...policy.Statement].reverse().map((s) => ({ ...s, Action: [s.Action].flat() })), Version: policy.Version };
      await writeBucket(write(), declared.physicalName!, { ...declared.fields, policy: JSON.stringify(reordered, null, 4) }, unsupported);
      expect((await planOf(declared)).action).toBe('no-change');
    });

    describe('labelled drift cases', () => {
      for (const drift of DRIFT_CASES) {
        const runs = !unsupported.includes(drift.field);
        it.skipIf(!runs)(`${drift.field} (${drift.direction}): ${drift.label}`, async () => {
          // GIVEN a bucket whose live configuration differs from the declared one in exactly one field
          const base = renamed(exampleBucket('dev'), uniqueName(`drift-${drift.field.toLowerCase()}`));
          let live = structuredClone(base.fields) as Record<string, any>;
          drift.live?.(live);
          live = renameIn(live, exampleBucket('dev').physicalName!, base.physicalName!);
          const declaredFields = structuredClone(base.fields) as Record<string, any>;
          drift.declared?.(declaredFields);
          await writeBucket(write(), base.physicalName!, live, unsupported);
          // WHEN planned
          const result = await planOf({ ...base, fields: declaredFields });
          // THEN it is an update of exactly that field, with both sides shown
          expect(result.action).toBe('update');
          const changed = result.fields.filter((f) => f.status === 'changed');
          expect(changed.map((f) => f.field)).toEqual([drift.field]);
          expect(changed[0].declared).toEqual(declaredFields[drift.field]);
        });
      }
    });

    it('every bucket field has a labelled drift case in both directions', () => {
      for (const field of BUCKET_FIELDS) {
        expect(DRIFT_CASES.filter((c) => c.field === field).map((c) => c.direction).sort()).toEqual(['live has less', 'live has more']);
      }
    });
  });
}
