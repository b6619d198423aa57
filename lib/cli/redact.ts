import type { redactSecrets as RedactSecrets } from '../policy/secrets';

let redactSecrets: typeof RedactSecrets | undefined;

/**
 * Every message the CLI prints as an error or warning passes through here: each quoted value runs
 * through the secret scanner, so a credential that reached a message (a token pasted into an image
 * reference or a host name) is printed redacted, e.g. `ghp_…(redacted, looks like a GitHub token)`.
 * The scanner loads on the first message, so a command that prints none starts without it.
 */
export function redact(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  redactSecrets ??= (require('../policy/secrets') as typeof import('../policy/secrets')).redactSecrets;
  return redactSecrets(text);
}
