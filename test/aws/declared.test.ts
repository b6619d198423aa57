import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { declaredResources } from '../../lib/aws/declared';
import { locateInDist, readManifestFolder } from '../../lib/manifests';
import { REPO_ROOT } from '../helpers/cli';
import { exampleResources } from './helpers/example';

const committed = () => readManifestFolder(path.join(REPO_ROOT, 'dist'), { label: 'dist/', mode: 'dist' }).documents
  .map((d) => ({ ...locateInDist(d.file), object: d.object }));

/** The fields of a resource without what differs per environment (names, tags, ids, domains). */
function shape(fields: Readonly<Record<string, unknown>>, env: string): unknown {
  return JSON.parse(JSON.stringify(fields).split(env).join('ENV').replace(/\d{12}/g, 'ACCOUNT').replace(/E[A-Z0-9]{13}/g, 'ID').replace(/arn:aws:acm:[^"]+/g, 'CERT'));
}

describe('declared resources from manifests', () => {
  it('the committed dist/ and a fresh synthesis declare the same resources', () => {
    expect(declaredResources(committed())).toEqual(exampleResources());
  });

  it('a Crossplane bucket (8 objects) and an ACK bucket (1 object) normalize to the same fields', () => {
    const dev = exampleResources().find((r) => r.kind === 'Bucket' && r.env === 'dev')!;
    const staging = exampleResources().find((r) => r.kind === 'Bucket' && r.env === 'staging')!;
    expect(dev.flavor).toBe('crossplane');
    expect(staging.flavor).toBe('ack');
    expect(Object.keys(dev.fields).sort()).toEqual(['cors', 'encryption', 'lifecycle', 'objectLock', 'ownershipControls', 'policy', 'publicAccessBlock', 'tags', 'versioning']);
    expect(shape(dev.fields, 'dev')).toEqual(shape(staging.fields, 'staging'));
    expect(dev.fields.versioning).toBe('Enabled');
    expect(dev.fields.ownershipControls).toBe('BucketOwnerEnforced');
    expect(dev.fields.encryption).toEqual({ algorithm: 'AES256', bucketKey: false });
  });

  it('a Crossplane and an ACK distribution normalize to the same fields', () => {
    const dev = exampleResources().find((r) => r.kind === 'Distribution' && r.env === 'dev')!;
    const staging = exampleResources().find((r) => r.kind === 'Distribution' && r.env === 'staging')!;
    // ACK names the OAC by id in the origin; Crossplane by reference (compared on the OAC itself).
    const withoutOac = (fields: Readonly<Record<string, unknown>>) => ({
      ...fields, origins: (fields.origins as Record<string, unknown>[]).map(({ originAccessControlId: _id, ...o }) => o),
    });
    expect(shape(withoutOac(dev.fields), 'dev')).toEqual(shape(withoutOac(staging.fields), 'staging'));
    expect(dev.physicalName).toBe('E1DEVQ4S7XK2PA');
  });

  it('reads the namespaced Crossplane groups (*.aws.m.upbound.io) like the cluster-scoped ones', () => {
    const namespaced = committed().filter((o) => o.env === 'dev').map((o) => ({
      ...o,
      object: { ...o.object, apiVersion: o.object.apiVersion.replace('.aws.upbound.io/', '.aws.m.upbound.io/'), metadata: { ...o.object.metadata, namespace: 'dev-media' } },
    }));
    const plain = declaredResources(committed().filter((o) => o.env === 'dev'));
    const fromNamespaced = declaredResources(namespaced);
    expect(fromNamespaced.map((r) => [r.kind, r.physicalName, r.fields])).toEqual(plain.map((r) => [r.kind, r.physicalName, r.fields]));
    expect(fromNamespaced.length).toBe(3);
  });

  it('protected environments orphan on removal; the others delete', () => {
    const removal = exampleResources().map((r) => `${r.env} ${r.kind} ${r.removal}`);
    expect(removal).toContain('prod Bucket orphan');
    expect(removal).toContain('prod Distribution orphan');
    expect(removal).toContain('dev Bucket delete');
    expect(removal).toContain('staging Bucket delete');
  });

  it('a bucket without a CORS object declares no CORS (a rule added live is drift)', () => {
    const objects = committed().filter((o) => o.env === 'dev' && o.object.kind !== 'BucketCorsConfiguration');
    const bucket = declaredResources(objects).find((r) => r.kind === 'Bucket')!;
    expect(bucket.fields.cors).toEqual([]);
  });

  it('marks observe-only resources: Crossplane managementPolicies [Observe], ACK adoption-policy', () => {
    const objects = committed().filter((o) => o.object.kind === 'Bucket').map((o) => ({
      ...o,
      object: o.env === 'staging'
        ? { ...o.object, metadata: { ...o.object.metadata, annotations: { ...o.object.metadata.annotations, 'services.k8s.aws/adoption-policy': 'adopt' } } }
        : { ...o.object, spec: { ...(o.object.spec as object), managementPolicies: ['Observe'] } },
    }));
    expect(declaredResources(objects).map((r) => r.observeOnly)).toEqual([true, true, true]);
    expect(exampleResources().some((r) => r.observeOnly)).toBe(false);
  });
});
