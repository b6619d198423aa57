import { describe, expect, it } from 'vitest';
import { scanYamlText } from '../../../lib/policy/secrets';
import { FORMATS } from './formats';
import { CHARSETS, Prng } from './prng';

/** Scanning files on disk: line numbers, documents that are not objects, and documents that do not parse. */

const rng = new Prng(5);
const token = (id: string): string => FORMATS.find((f) => f.id === id)!.generate(rng, 0).value;
const brief = (file: string, text: string) => scanYamlText(file, text).map((f) => [f.ruleId, f.object, f.path, f.line]);

describe('scanYamlText', () => {
  it('reports the line of the field in a multi-document file', () => {
    // GIVEN two documents, the second holding an env var whose name and value are on separate lines
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  namespace: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: web:1',
      '          env:',
      '            - name: DB_PASSWORD',
      `              value: ${rng.chars(20, CHARSETS.alnum)}`,
      '',
    ].join('\n');

    // WHEN scanned THEN the finding points at the `value:` line
    expect(brief('dist/shop/web.yaml', text)).toEqual([['SEC-002', 'Deployment/shop/web', '.spec.template.spec.containers[0].env[0].value', 19]]);
  });

  it('scans documents that are not Kubernetes objects and names them by position', () => {
    const text = `# values\nreplicas: 2\n---\nintegrations:\n  slack:\n    botToken: ${token('slack-token')}\n`;
    expect(brief('values.yaml', text)).toEqual([['SEC-008', 'document 2', '.integrations.slack.botToken', 6]]);
  });

  it('catches secrets in a document that does not parse, by line, and still parses the others', () => {
    // GIVEN a broken document between two good ones
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: good',
      'data:',
      `  key: ${token('google-api-key')}`,
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: broken',
      'spec:',
      '  containers:',
      '  - name: API_TOKEN',
      `    value: "${rng.chars(12, CHARSETS.alnum)}`,
      `  - args: [--token, ${token('github-token')}`,
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: after',
      'data:',
      `  npm: ${token('npm-token')}`,
      '',
    ].join('\n');

    // WHEN scanned THEN the broken one is reported by line under the name read from its text
    expect(brief('dist/mixed.yaml', text)).toEqual([
      ['SEC-012', 'ConfigMap/good', '.data.key', 6],
      ['SEC-002', 'Deployment/broken', 'line 15', 15],
      ['SEC-006', 'Deployment/broken', 'line 16', 16],
      ['SEC-010', 'ConfigMap/after', '.data.npm', 23],
    ]);
  });

  it('finds a private key spread over many lines of a broken document', () => {
    const pem = FORMATS.find((f) => f.id === 'private-key')!.generate(rng, 0).value;
    const text = `kind: Secret\nmetadata:\n  name: tls\nstringData:\n  tls.key: |\n${pem.split('\n').map((l) => `    ${l}`).join('\n')}\n  broken: [\n`;
    expect(brief('tls.yaml', text)).toEqual([['SEC-005', 'Secret/tls', 'line 6', 6]]);
  });

  it('ignores empty documents and comments, and handles CRLF line endings', () => {
    expect(scanYamlText('empty.yaml', '---\n# nothing\n---\n')).toEqual([]);
    const text = `apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  t: ${token('npm-token')}\r\n`;
    expect(brief('crlf.yaml', text)).toEqual([['SEC-010', 'ConfigMap/crlf', '.data.t', 6]]);
  });
});
