import { redactSecrets } from '../policy/secrets';

/**
 * Every message the CLI prints as an error or warning passes through here: each quoted value runs
 * through the secret scanner, so a credential that reached a message (a token pasted into an image
 * reference or a host name) is printed redacted, e.g. `ghp_…(redacted, looks like a GitHub token)`.
 */
export function redact(text: string): string {
  return redactSecrets(text);
}
