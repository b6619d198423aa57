import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { realisticPlatform } from '../../bench/realistic-platform';
import { collectObjects } from '../../lib/synth';
import { dumpBlockYaml, DUMP_OPTIONS, fullDumperCount } from '../../lib/synth/block-yaml';
import { buildPlatform } from '../../stacks/main';

/** The reference: what synth wrote before the block writer existed. */
const reference = (value: unknown) => dump(value, DUMP_OPTIONS);

function expectSameAsJsYaml(values: readonly unknown[]): void {
  const differing = values.filter((value) => dumpBlockYaml(value) !== reference(value));
  expect(differing.map((value) => reference(value))).toEqual([]);
}

/** Strings whose quoting js-yaml decides with care: indicators, YAML 1.1 look-alikes, numbers, odd characters. */
const TRICKY_STRINGS = [
  '', ' ', 'plain', ' leading', 'trailing ', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '- x', '-x', '-', '?', '? x', ':x', 'x:',
  ',x', '[x]', '{x}', 'x,y', 'x]', '&a', '*a', '!tag', '|x', '>x', "'q'", '"q"', '%x', '@x', '`x', '=', 'a=b',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', '~', 'NaN', '.nan', '.inf', '-.inf',
  '0', '00', '012', '0x1F', '0o17', '0b101', '1e3', '1.5', '-1', '+1', '1_000', '12:30', '1:20:30', '190:20:30',
  '2024-01-02', '2024-01-02T03:04:05Z', '1.0.0', 'v1', '2.14.0', 'sha256:abc', 'http://x/y?z=1#f', '*.example.com',
  'tab\there', 'cr\rhere', 'nul\u0000here', 'bell\u0007', 'del\u007f', 'nbsp\u00a0x', 'ls\u2028x', 'bom\ufeffx', 'é', '日本語', '🙂 emoji',
  '{"Version":"2012-10-17","Statement":[]}', "it's", 'a\\b', 'x'.repeat(2000),
];

/** Deterministic pseudo-random JSON trees mixing the strings above, numbers and nesting. */
function randomTrees(count: number): unknown[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const numbers = [0, -0, 1, -5, 42, 1.5, -2.25, 1e21, 2 ** 60, Number.MAX_SAFE_INTEGER, 1e-7, NaN, Infinity, -Infinity];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.35) return pick(TRICKY_STRINGS);
    if (r < 0.45) return pick(numbers);
    if (r < 0.5) return pick([true, false, null]);
    if (r < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) object[pick(TRICKY_STRINGS)] = next() < 0.1 ? undefined : value(depth + 1);
    return object;
  };
  return Array.from({ length: count }, () => ({ root: value(0), list: [value(1), value(1)] }));
}

describe('dumpBlockYaml', () => {
  it('writes every object of the example platform as js-yaml does', () => {
    const objects = collectObjects(buildPlatform()).map((o) => o.object);
    expect(objects.length).toBeGreaterThan(100);
    const before = fullDumperCount();
    expectSameAsJsYaml(objects);
    // Only the objects holding a multi-line string take the slow path.
    const multiLine = objects.filter((o) => JSON.stringify(o).includes('\\n')).length;
    expect(fullDumperCount() - before).toBe(multiLine);
    expect(multiLine).toBeLessThan(objects.length / 10);
  });

  it('writes every object of a generated platform with cloud resources in all flavors as js-yaml does', () => {
    const objects = collectObjects(realisticPlatform({ apps: 30 })).map((o) => o.object);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Bucket', 'Distribution', 'Queue', 'NetworkPolicy', 'Ingress', 'CronJob']));
    expectSameAsJsYaml(objects);
  });

  it('quotes every tricky string as js-yaml does, as a key and as a value', () => {
    expectSameAsJsYaml(TRICKY_STRINGS.map((s) => ({ [s]: s, list: [s, { [s]: [s] }] })));
    expectSameAsJsYaml(TRICKY_STRINGS);
  });

  it('matches js-yaml on random trees: empty collections, nested sequences, undefined, holes, odd numbers', () => {
    // eslint-disable-next-line no-sparse-arrays
    expectSameAsJsYaml([{}, [], { a: {} , b: [] }, [[], [[1]], {}], { a: undefined }, [undefined, null], [1, , 3], { z: 1, a: 2, B: 3, _: 4, '10': 5, '9': 6 }]);
    expectSameAsJsYaml(randomTrees(3000));
  });

  it('falls back to js-yaml for what it does not write itself: multi-line strings, long keys, non-JSON values', () => {
    const values = [
      { script: 'line 1\nline 2\n', nested: { deeper: ['a\n\n b', 'trailing\n\n'] } },
      { ['k'.repeat(1100)]: 'v' },
      { when: new Date(0) },
      { data: Buffer.from('hi') },
    ];
    const before = fullDumperCount();
    expectSameAsJsYaml(values);
    expect(fullDumperCount() - before).toBe(values.length);
  });
});
