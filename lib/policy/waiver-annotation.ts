import { GITPLANE_PREFIX } from '../core/manifest';

/**
 * How a waiver travels with a manifest: one annotation holding a JSON object of rule id to reason,
 * keys sorted so the output is byte-stable, e.g.
 * `gitplane.dev/waivers: '{"K8S-001":"writes to /tmp via emptyDir only"}'`.
 * The engine reads it from plain manifests, so `policy check` on dist/ honours the same waivers as synth.
 */
export const WAIVERS_ANNOTATION = `${GITPLANE_PREFIX}/waivers`;

export interface ParsedWaivers {
  /** Rule id → reason, for entries with a non-empty reason. */
  readonly waivers: Readonly<Record<string, string>>;
  /** What is wrong with the annotation, one sentence each; empty when well-formed. */
  readonly problems: readonly string[];
}

export function parseWaivers(annotations: Readonly<Record<string, string>> | undefined): ParsedWaivers {
  const raw = annotations?.[WAIVERS_ANNOTATION];
  if (raw === undefined) return { waivers: {}, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { waivers: {}, problems: [`is not valid JSON (${JSON.stringify(raw)})`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { waivers: {}, problems: [`must be a JSON object of rule id to reason, not ${JSON.stringify(raw)}`] };
  }
  const waivers: Record<string, string> = {};
  const problems: string[] = [];
  for (const [id, reason] of Object.entries(value)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push(`gives rule ${JSON.stringify(id)} no reason`);
      continue;
    }
    waivers[id] = reason;
  }
  return { waivers, problems };
}

/** The annotation value for a set of waivers: JSON with keys in sorted order. */
export function serializeWaivers(waivers: Readonly<Record<string, string>>): string {
  const sorted: Record<string, string> = {};
  for (const id of Object.keys(waivers).sort()) sorted[id] = waivers[id];
  return JSON.stringify(sorted);
}
