import { ApiObject, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { rendered, whileTreeIsRead } from '../../lib/core/render';

function configMap(): ApiObject {
  const chart = new Chart(Testing.app(), 'chart');
  return new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { a: '1' } });
}

describe('rendered', () => {
  it('returns one rendering per object while the tree is read', () => {
    const object = configMap();
    whileTreeIsRead(() => {
      expect(rendered(object)).toBe(rendered(object));
      expect(whileTreeIsRead(() => rendered(object))).toBe(rendered(object)); // a nested span joins the outer one
    });
  });

  it('renders afresh outside a span, so a change made between two spans is seen', () => {
    // GIVEN an object rendered while the tree was read
    const object = configMap();
    const before = whileTreeIsRead(() => rendered(object));
    // WHEN the tree is written afterwards
    object.metadata.addAnnotation('example.com/changed', 'yes');
    // THEN the next span and plain calls render the change
    expect(whileTreeIsRead(() => rendered(object))).toMatchObject({ metadata: { annotations: { 'example.com/changed': 'yes' } } });
    expect(rendered(object)).not.toBe(rendered(object));
    expect(before).not.toHaveProperty('metadata.annotations');
  });

  it('ends the span when reading throws', () => {
    const object = configMap();
    expect(() => whileTreeIsRead(() => { rendered(object); throw new Error('stack code failed'); })).toThrow('stack code failed');
    expect(rendered(object)).not.toBe(rendered(object));
  });
});
