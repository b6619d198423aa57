import { stringify } from 'yaml';
import { KubeObject, objectRef } from '../../../lib/core/manifest';
import type { SecretEncoding } from '../../../lib/policy/secrets/encoding';
import { FORMATS, Planted, SecretFormat } from './formats';
import { Prng } from './prng';

/**
 * The planted corpus: every credential format in every YAML context where secrets end up in practice,
 * one secret per object so each finding can be checked against exactly one expectation.
 */

export interface PlantedSecret {
  readonly format: string;
  readonly variant: string;
  readonly context: string;
  readonly object: KubeObject;
  /** `Kind/namespace/name` of the object, as findings print it. */
  readonly ref: string;
  /** JSON path where the finding must point. */
  readonly path: string;
  readonly encoding?: SecretEncoding;
  /** The rule that must report it there. */
  readonly ruleId: string;
  /** The sensitive part, which no finding may repeat. */
  readonly secret: string;
}

interface Placement {
  readonly object: Omit<KubeObject, 'metadata'> & { metadata?: Partial<KubeObject['metadata']> };
  readonly path: string;
  readonly encoding?: SecretEncoding;
}

interface Context {
  readonly id: string;
  readonly accepts?: (format: SecretFormat) => boolean;
  /** Decided once the secret is generated: e.g. only self-identifying secrets survive an encoding. */
  readonly acceptsPlanted?: (format: SecretFormat, planted: Planted) => boolean;
  place(planted: Planted, rng: Prng): Placement;
  /** The rule expected here when it differs from the format's own. */
  expect?(format: SecretFormat, planted: Planted): string | undefined;
}

/** `.key` for identifiers, `["key"]` otherwise: how finding paths print map keys. */
export function field(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

const kebab = (name: string): string => name.toLowerCase().replace(/_/g, '-');
const dotted = (name: string): string => name.toLowerCase().replace(/_/g, '.');
const camel = (name: string): string => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function workload(kind: string, apiVersion: string, container: Record<string, unknown>): Placement['object'] {
  const pod = { metadata: { labels: { app: 'corpus' } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.4.2', ...container }] } };
  const spec = kind === 'CronJob' ? { schedule: '0 3 * * *', jobTemplate: { spec: { template: pod } } } : { selector: { matchLabels: { app: 'corpus' } }, template: pod };
  return { apiVersion, kind, spec };
}

const configMap = (data: Record<string, unknown>): Placement['object'] => ({ apiVersion: 'v1', kind: 'ConfigMap', ...data });

const CONTEXTS: readonly Context[] = [
  {
    id: 'configmap-data',
    place: (p) => ({ object: configMap({ data: { 'log-level': 'info', [kebab(p.name)]: p.value } }), path: `.data${field(kebab(p.name))}` }),
  },
  {
    id: 'configmap-binary-data',
    place: (p, rng) => {
      if (rng.next() < 0.5) {
        return { object: configMap({ binaryData: { [kebab(p.name)]: base64(p.value) } }), path: `.binaryData${field(kebab(p.name))}`, encoding: 'base64' };
      }
      const file = `# generated\n${p.name}="${p.value}"\n`;
      return { object: configMap({ binaryData: { 'credentials.env': base64(file) } }), path: '.binaryData["credentials.env"]', encoding: 'base64' };
    },
  },
  {
    // Rendered to YAML, the env var's name and value sit on separate lines.
    id: 'env-literal',
    place: (p) => ({
      object: workload('Deployment', 'apps/v1', { env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: p.name, value: p.value }] }),
      path: '.spec.template.spec.containers[0].env[1].value',
    }),
    expect: (format) => (format.id === 'generic-high-entropy' ? 'SEC-002' : undefined),
  },
  {
    id: 'annotation',
    place: (p) => {
      const key = `gitplane.example.com/${kebab(p.name)}`;
      const object = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true', [key]: p.value } }, spec: { ingressClassName: 'nginx' } };
      return { object, path: `.metadata.annotations${field(key)}` };
    },
  },
  {
    id: 'secret-string-data',
    place: (p) => ({ object: { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', stringData: { [kebab(p.name)]: p.value } }, path: `.stringData${field(kebab(p.name))}` }),
  },
  {
    id: 'secret-data',
    place: (p) => ({
      object: { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', data: { [kebab(p.name)]: base64(p.value) } },
      path: `.data${field(kebab(p.name))}`,
      encoding: 'base64',
    }),
  },
  {
    id: 'container-args',
    place: (p, rng) => {
      const flag = `--${kebab(p.name)}`;
      return rng.next() < 0.5
        ? { object: workload('StatefulSet', 'apps/v1', { args: ['serve', flag, p.value] }), path: '.spec.template.spec.containers[0].args[2]' }
        : { object: workload('StatefulSet', 'apps/v1', { args: ['serve', `${flag}=${p.value}`] }), path: '.spec.template.spec.containers[0].args[1]' };
    },
  },
  {
    id: 'container-command',
    place: (p) => ({
      object: workload('CronJob', 'batch/v1', { command: ['/bin/sh', '-c', `${p.name}='${p.value}' exec /app/report --since=24h`] }),
      path: '.spec.jobTemplate.spec.template.spec.containers[0].command[2]',
    }),
  },
  {
    id: 'properties-file',
    place: (p) => {
      const file = ['server.port=8080', 'spring.application.name=orders', `${dotted(p.name)}=${p.value.replace(/\n/g, '\\n')}`, 'logging.level.root=INFO', ''].join('\n');
      return { object: configMap({ data: { 'application.properties': file } }), path: '.data["application.properties"]' };
    },
  },
  {
    id: 'dotenv-file',
    place: (p) => {
      const file = ['NODE_ENV=production', `${p.name}="${p.value}"`, 'PORT=8080', ''].join('\n');
      return { object: configMap({ data: { '.env': file } }), path: '.data[".env"]' };
    },
  },
  {
    id: 'json-file',
    place: (p) => {
      const file = JSON.stringify({ service: { name: 'orders', port: 8080 }, integrations: { [camel(p.name)]: p.value, retries: 3 } }, null, 2);
      return { object: configMap({ data: { 'config.json': file } }), path: '.data["config.json"]' };
    },
  },
  {
    id: 'yaml-file',
    place: (p) => {
      const file = stringify({ server: { port: 8080 }, integrations: { [camel(p.name)]: p.value, timeoutSeconds: 30 } });
      return { object: configMap({ data: { 'settings.yaml': file } }), path: '.data["settings.yaml"]' };
    },
  },
  {
    id: 'crd-spec',
    place: (p) => ({
      object: { apiVersion: 'db.example.com/v1alpha1', kind: 'DatabaseClaim', spec: { engine: 'postgres', connection: { host: 'db.internal', [camel(p.name)]: p.value } } },
      path: `.spec.connection.${camel(p.name)}`,
    }),
  },
  {
    id: 'url-field',
    accepts: (format) => format.urlSafe,
    place: (p, rng) => {
      const url = /^[a-z+]+:\/\//.test(p.value) ? p.value : `https://${rng.pick(['x-access-token', 'oauth2', 'api', 'deploy'])}:${p.value}@${rng.pick(['git.example.com', 'hooks.example.net', 'api.example.org'])}/v1/notify`;
      return { object: { apiVersion: 'notify.example.com/v1', kind: 'Receiver', spec: { endpoint: { url, method: 'POST' } } }, path: '.spec.endpoint.url' };
    },
    expect: (_format, planted) => (planted.selfIdentifying ? undefined : 'SEC-015'),
  },
];

/** Rules that need the name a value is assigned to; an encoded value has lost it. */
const NAME_BOUND_RULES = new Set(['SEC-004', 'SEC-016', 'SEC-018', 'SEC-019']);
const encodable = (format: SecretFormat, planted: Planted): boolean => planted.selfIdentifying && !NAME_BOUND_RULES.has(format.ruleId);
const hexOf = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** Encodings that hide a token from a scanner that only reads padded base64 (each in a ConfigMap value). */
const ENCODED_CONTEXTS: readonly Context[] = [
  {
    id: 'base64-unpadded',
    acceptsPlanted: encodable,
    place: (p) => ({ object: configMap({ data: { blob: base64(p.value).replace(/=+$/, '') } }), path: '.data.blob', encoding: 'base64' }),
  },
  {
    id: 'base64url',
    acceptsPlanted: encodable,
    place: (p) => ({ object: configMap({ data: { state: Buffer.from(`${p.name}=${p.value}`).toString('base64url') } }), path: '.data.state', encoding: 'base64' }),
  },
  {
    id: 'hex',
    acceptsPlanted: encodable,
    place: (p, rng) => {
      const value = rng.next() < 0.5 ? hexOf(p.value) : `printf '%s' $(echo ${hexOf(p.value)} | xxd -r -p) > /tmp/token`;
      return { object: configMap({ data: { 'bootstrap.sh': value } }), path: '.data["bootstrap.sh"]', encoding: 'hex' };
    },
  },
  {
    id: 'percent-encoded',
    acceptsPlanted: encodable,
    place: (p) => {
      const query = `https://hooks.example.com/notify?config=${encodeURIComponent(`${p.name}=${p.value};mode=push`)}`;
      return { object: configMap({ data: { 'callback-url': query } }), path: '.data["callback-url"]', encoding: 'percent' };
    },
  },
];

const ALL_CONTEXTS: readonly Context[] = [...CONTEXTS, ...ENCODED_CONTEXTS];

/** Every context id, for coverage assertions. */
export const CONTEXT_IDS = ALL_CONTEXTS.map((c) => c.id);

/** The corpus: `rounds` passes over every format in every context that can hold it. */
export function plantCorpus(seed = 20240611, rounds = 2): PlantedSecret[] {
  const rng = new Prng(seed);
  const planted: PlantedSecret[] = [];
  for (let round = 0; round < rounds; round++) {
    FORMATS.forEach((format) => {
      ALL_CONTEXTS.forEach((context, contextIndex) => {
        if (context.accepts && !context.accepts(format)) return;
        const secret = format.generate(rng, contextIndex + round * ALL_CONTEXTS.length);
        if (context.acceptsPlanted && !context.acceptsPlanted(format, secret)) return;
        const placement = context.place(secret, rng);
        const name = `planted-${planted.length + 1}`;
        const object = { ...placement.object, metadata: { ...placement.object.metadata, name, namespace: 'corpus' } } as KubeObject;
        planted.push({
          format: format.id,
          variant: secret.variant,
          context: context.id,
          object,
          ref: objectRef(object),
          path: placement.path,
          ...(placement.encoding ? { encoding: placement.encoding } : {}),
          ruleId: context.expect?.(format, secret) ?? format.ruleId,
          secret: secret.secret,
        });
      });
    });
  }
  return planted;
}

/** The objects as one multi-document YAML file, the way `dist/` holds them. */
export function renderYaml(objects: readonly KubeObject[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}
