import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { readManifestFolder } from '../../../lib/manifests';
import { redactSecrets } from '../../../lib/policy/secrets';
import { builtinSchemas } from '../../../lib/schema/kubernetes-builtins';
import { CRDS_DIR, HAS_CRDS } from '../../helpers/crds';
import { FORMATS, Planted } from './formats';
import { CHARSETS, Prng } from './prng';

/**
 * redactSecrets runs on every error and warning line that quotes a user's value: whatever the scanner
 * would block must not survive it, beyond a short public prefix.
 */

const rng = new Prng(1313);

/** Messages as validators print them, with the value quoted in different places. */
const SENTENCES: readonly ((value: string) => string)[] = [
  (v) => `error: [prod/web/web] 'ingress.hosts' ("deploy:${v}@example.com") is invalid. Fix: use a host name`,
  (v) => `error: [dev/api/api] image 'deploy:${v}@ghcr.io/pictura/api:1.2.0' must be pinned. Fix: add a tag`,
  (v) => `warning: unknown prop 'token' (${v}); did you mean 'tokens'?`,
  (v) => `error: --set value "${v}" is not a number`,
];

/** How a value is quoted: bare when its format says what it is, `NAME=value` when only the name does. */
function quoted(planted: Planted): string {
  return planted.selfIdentifying ? planted.value : `${planted.name}=${planted.value}`;
}

function eightGrams(secret: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) grams.push(secret.slice(i, i + 8));
  return grams;
}

describe('redactSecrets', () => {
  it('replaces a token by its public prefix and what it looks like', () => {
    const token = `ghp_${rng.chars(36, CHARSETS.alnum)}`;
    expect(redactSecrets(`'ingress.hosts' ("deploy:${token}@example.com") is invalid`)).toBe(
      `'ingress.hosts' ("deploy:ghp_…(redacted, looks like a GitHub token)@example.com") is invalid`,
    );
  });

  it('keeps at most 7 characters of a long prefix', () => {
    const token = `github_pat_${rng.chars(22, CHARSETS.alnum)}_${rng.chars(59, CHARSETS.alnum)}`;
    expect(redactSecrets(`value ${token}.`)).toBe('value github_…(redacted, looks like a GitHub token).');
  });

  it('returns text without secrets unchanged', () => {
    for (const text of [
      '',
      "error: [prod/web/web] 'minReplicas' (5) must be <= 'maxReplicas' (3)",
      'image ghcr.io/pictura/web@sha256:' + rng.chars(64, CHARSETS.hex) + ' is pinned',
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'token dckr_pat_ is too short',
      "error: [prod/web/web] image 'ghcr.io/pictura/web:2.15.0-rc.3' in dist/prod/web/deployment-web.yaml",
      'pod prod-web/web-7d9f8c6b5-x2x9z uses arn:aws:iam::123456789012:role/orders-api',
      `tenant ${rng.uuid()} in namespace team-42-observability`,
      'a value like changeme-password-2024 is a placeholder',
      // object identities, as the synth gate and diff name them
      'stateful-delete prod/Queue.sqs.services.k8s.aws/prod-media/prod-render-jobs: removed',
      'cloud-replace dev/Bucket.s3.aws.m.upbound.io/dev-media/pictura-dev-assets2 changes its name',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  describe.each(FORMATS.map((format) => [format.id, format] as const))('%s', (_id, format) => {
    it.each([0, 1, 2, 3, 4, 5, 6])('leaves no 8 characters of variant %i in any message', (variant) => {
      // GIVEN a generated credential quoted in each kind of message
      const planted = format.generate(rng, variant);
      for (const sentence of SENTENCES) {
        const message = sentence(quoted(planted));

        // WHEN it is redacted
        const redacted = redactSecrets(message);

        // THEN no 8-character piece of the secret survives, and the message says what was removed
        const survivors = eightGrams(planted.secret).filter((gram) => redacted.includes(gram));
        expect(survivors, `${format.id}/${planted.variant}: ${redacted}`).toEqual([]);
        expect(redacted).toMatch(/…\(redacted, looks like (a|an) [^)]+\)/);
      }
    });
  });

  it('redacts a random value that no format names, since a message has no field name to judge by', () => {
    const key = `wJ${rng.chars(38, CHARSETS.base64)}`;
    expect(redactSecrets(`error: [dev/api/api] env 'S3_SYNC' ("${key}") is invalid`)).toBe(
      `error: [dev/api/api] env 'S3_SYNC' ("…(redacted, looks like a secret)") is invalid`,
    );
  });

  it('redacts a token hidden in base64 inside a message', () => {
    const token = `npm_${rng.chars(36, CHARSETS.alnum)}`;
    const encoded = Buffer.from(`//registry.npmjs.org/:_authToken=${token}`).toString('base64');
    const redacted = redactSecrets(`error: bad annotation value "${encoded}"`);
    expect(redacted).toBe('error: bad annotation value "…(redacted, looks like an npm token)"');
  });

  it('keeps every object identity a message can name: kinds of Kubernetes, of the CRDs and of the example, CamelCase included', () => {
    // GIVEN every kind: Kubernetes' own, the upstream CRDs' (where present) and those the example emits
    const kinds = new Set([...builtinSchemas().kinds.values()].map((k) => k.kind));
    for (const file of HAS_CRDS ? fs.readdirSync(CRDS_DIR) : []) {
      // `kind: X` under `spec.names` (a scan of the text: parsing these large files would take seconds)
      for (const match of fs.readFileSync(path.join(CRDS_DIR, file), 'utf8').matchAll(/^\s+kind: ([A-Z][A-Za-z0-9]*)\s*$/gm)) kinds.add(match[1]);
    }
    const example = readManifestFolder(path.resolve(__dirname, '../../../dist'), { label: 'dist/', mode: 'dist' });
    for (const { object } of example.documents) kinds.add(object.kind);
    expect(kinds.size).toBeGreaterThan(60);
    // and names as platforms generate them (numbered apps, suffixes, versions)
    const names = ['app-0009', 'app-0019-cleanup', 'orders-v2', 'media-7', 'web-0001-render-jobs', 'team42-observability'];
    for (const kind of kinds) {
      for (const name of names) {
        const identities = [
          `${kind}/dev-${name}/${name}`,
          `prod/${kind}.example.io/prod-${name}/${name}`,
          `[prod/${name}/${kind}Handler/Resource]`,
        ];
        for (const identity of identities) {
          const message = `warning ${identity} .spec: something to fix`;
          // WHEN a message names it THEN it is printed as it is
          expect(redactSecrets(message), identity).toBe(message);
        }
      }
    }
  });
});

