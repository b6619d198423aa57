import { UnknownField } from './model';

/**
 * S3 answers "this configuration is not set" with an error, one name per configuration. They are
 * mapped by error name (never by message: some servers send none).
 */
export const NOT_CONFIGURED = new Set([
  'NoSuchBucketPolicy',
  'NoSuchLifecycleConfiguration',
  'NoSuchCORSConfiguration',
  'NoSuchTagSet',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchPublicAccessBlockConfiguration',
  'OwnershipControlsNotFoundError',
  'ObjectLockConfigurationNotFoundError',
]);

/** The bucket (or distribution) does not exist. HeadBucket has no body, so only `NotFound` + 404. */
export const MISSING = new Set(['NotFound', 'NoSuchBucket', 'NoSuchDistribution', 'NoSuchOriginAccessControl']);

export function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

export function isNotConfigured(error: unknown): boolean {
  return NOT_CONFIGURED.has(errorName(error));
}

export function isMissing(error: unknown): boolean {
  return MISSING.has(errorName(error));
}

/** The server does not implement this API at all (501 `NotImplemented`). */
export function isNotImplemented(error: unknown): boolean {
  return errorName(error) === 'NotImplemented' || httpStatus(error) === 501;
}

/**
 * Why a call failed, in words safe to print: the error name, HTTP status and a short message. SDK
 * messages never carry credentials; signed URLs are not part of an error message.
 */
export function describeError(error: unknown): string {
  const name = errorName(error);
  const status = httpStatus(error);
  const message = String((error as Error)?.message ?? '').split('\n')[0].replace(/https?:\/\/\S+/g, '<url>');
  const detail = message && message !== name && message !== 'UnknownError' ? `: ${message.slice(0, 160)}` : '';
  return `${name}${status ? ` (HTTP ${status})` : ''}${detail}`;
}

export function unknownField(error: unknown): UnknownField {
  if (isNotImplemented(error)) return { unknown: true, unsupported: true, reason: 'the server does not implement this API (NotImplemented)' };
  return { unknown: true, reason: describeError(error) };
}
