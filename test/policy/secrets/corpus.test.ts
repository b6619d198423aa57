import { describe, expect, it } from 'vitest';
import { scanObjects, scanYamlText, SecretFinding } from '../../../lib/policy/secrets';
import { CONTEXT_IDS, PlantedSecret, plantCorpus, renderYaml } from './corpus';
import { FORMATS } from './formats';
import { formatLookalikes, lookalikes } from './lookalikes';
import { Prng } from './prng';

/**
 * Recall and precision on generated data: every planted secret is caught by its rule at its path,
 * through parsed objects and through YAML text, and no lookalike ever produces a finding.
 */

const corpus = plantCorpus();
const fromObjects = scanObjects(corpus.map((p) => ({ object: p.object, file: `dist/corpus/${p.object.metadata.name}.yaml` })));
const fromYaml = scanYamlText('dist/corpus/all.yaml', renderYaml(corpus.map((p) => p.object)));

function isCaught(planted: PlantedSecret, findings: readonly SecretFinding[]): boolean {
  return findings.some((f) => f.object === planted.ref && f.path === planted.path && f.ruleId === planted.ruleId && f.encoding === planted.encoding);
}

function describeMiss(p: PlantedSecret): string {
  return `${p.format}/${p.variant} in ${p.context}: expected ${p.ruleId} at ${p.ref} ${p.path}${p.encoding ? ' (base64)' : ''}`;
}

/** Every 8-character piece of every finding's text, to look planted secrets up in. */
function eightGrams(findings: readonly SecretFinding[]): Set<string> {
  const text = findings.map((f) => Object.values(f).join('\u0000')).join('\n');
  const grams = new Set<string>();
  for (let i = 0; i + 8 <= text.length; i++) grams.add(text.slice(i, i + 8));
  return grams;
}

describe('planted corpus', () => {
  it('plants at least 600 secrets in at least 30 formats and 6 YAML contexts', () => {
    // GIVEN the generated corpus
    const formats = new Set(corpus.map((p) => p.format));
    const contexts = new Set(corpus.map((p) => p.context));

    // THEN it is as large and as varied as promised, and uses every format and context
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(formats.size).toBeGreaterThanOrEqual(30);
    expect(contexts.size).toBeGreaterThanOrEqual(6);
    expect([...formats].sort()).toEqual(FORMATS.map((f) => f.id).sort());
    expect([...contexts].sort()).toEqual([...CONTEXT_IDS].sort());
    expect(contexts).toContain('env-literal');
    expect(contexts).toContain('configmap-binary-data');
  });

  it('is the same on every run', () => {
    // GIVEN two corpora from the same seed WHEN rendered THEN they are byte-identical
    expect(renderYaml(plantCorpus().map((p) => p.object))).toBe(renderYaml(corpus.map((p) => p.object)));
  });

  it('catches every planted secret in parsed objects, with the expected rule at the expected path', () => {
    // WHEN the objects are scanned THEN nothing is missed
    expect(corpus.filter((p) => !isCaught(p, fromObjects)).map(describeMiss)).toEqual([]);
  });

  it('catches every planted secret in the rendered YAML text, with line numbers', () => {
    // WHEN the same objects are scanned as one multi-document YAML file THEN nothing is missed
    expect(corpus.filter((p) => !isCaught(p, fromYaml)).map(describeMiss)).toEqual([]);
    expect(fromYaml.every((f) => typeof f.line === 'number' && f.line > 0)).toBe(true);
  });

  it('never repeats a planted secret, or any 8 characters of one, in a finding', () => {
    // GIVEN every finding of both scans as text
    const grams = eightGrams([...fromObjects, ...fromYaml]);

    // THEN no 8-character piece of any planted secret occurs in it
    const leaks = corpus.filter((p) => {
      for (let i = 0; i + 8 <= p.secret.length; i++) if (grams.has(p.secret.slice(i, i + 8))) return true;
      return false;
    });
    expect(leaks.map(describeMiss)).toEqual([]);
  });

  it('has a leak check that notices a leak', () => {
    // GIVEN a finding whose hint quotes 8 characters of a planted secret
    const planted = corpus[0];
    const leaky = { ...fromObjects[0], hint: `value starts with ${planted.secret.slice(0, 8)}` };

    // THEN the 8-gram lookup finds it
    expect(eightGrams([leaky]).has(planted.secret.slice(0, 8))).toBe(true);
  });

  it('reports the figures', () => {
    // GIVEN the findings that caught a planted secret
    const caughtBy = (severity: 'error' | 'warn'): number =>
      corpus.filter((p) => fromObjects.some((f) => f.object === p.ref && f.path === p.path && f.ruleId === p.ruleId && f.severity === severity)).length;
    const figures = {
      planted: corpus.length,
      caught: corpus.filter((p) => isCaught(p, fromObjects)).length,
      caughtAsError: caughtBy('error'),
      caughtAsWarning: caughtBy('warn'),
      caughtFromYamlText: corpus.filter((p) => isCaught(p, fromYaml)).length,
      formats: new Set(corpus.map((p) => p.format)).size,
      subFormats: new Set(corpus.map((p) => `${p.format}/${p.variant}`)).size,
      contexts: new Set(corpus.map((p) => p.context)).size,
    };
    console.info('secret corpus', figures);

    // THEN recall is 100%, and only the generic format is caught by a warning alone
    expect(figures.caught).toBe(figures.planted);
    expect(figures.caughtFromYamlText).toBe(figures.planted);
    const warnOnly = corpus.filter((p) => p.ruleId === 'SEC-019');
    expect(warnOnly.every((p) => p.format === 'generic-high-entropy')).toBe(true);
  });
});

describe('lookalikes', () => {
  const items = lookalikes();

  it('has at least 100 lookalikes, and a near miss for every format', () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
    const nearMisses = formatLookalikes(new Prng(1));
    expect(Object.keys(nearMisses).sort()).toEqual(FORMATS.map((f) => f.id).sort());
    for (const [format, values] of Object.entries(nearMisses)) expect(values.length, format).toBeGreaterThan(0);
  });

  it.each(items)('never blocks on $label', ({ object }) => {
    // WHEN the lookalike is scanned THEN nothing blocks, and nothing warns either
    const findings = scanObjects([{ object }]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('never blocks when the lookalikes are scanned as YAML text', () => {
    const findings = scanYamlText('dist/lookalikes.yaml', renderYaml(items.map((l) => l.object)));
    console.info('secret lookalikes', { lookalikes: items.length, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.length });
    expect(findings).toEqual([]);
  });
});
