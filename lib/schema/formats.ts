/**
 * The string and number formats the validator checks. Kubernetes schemas name more formats than these
 * (uri, hostname, ...); any other format is dropped when a schema is normalized, so an unknown format
 * never fails a schema and never fails a value.
 */
import type { Format } from 'ajv';

// RFC 3339, as Kubernetes writes timestamps.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// resource.Quantity: a signed decimal with an optional binary-SI, decimal-SI or exponent suffix.
const QUANTITY = /^[+-]?(\d+|\d+\.\d*|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export const FORMATS: Record<string, Format> = {
  'date-time': DATE_TIME,
  date: DATE,
  byte: BASE64,
  quantity: QUANTITY,
  // Only the range: whether the value is an integer at all is the `type` keyword's job.
  int32: { type: 'number', validate: (n: number) => n >= INT32.min && n <= INT32.max },
  int64: { type: 'number', validate: (n: number) => Math.abs(n) <= 2 ** 63 },
};

export function isKnownFormat(format: unknown): format is string {
  return typeof format === 'string' && Object.prototype.hasOwnProperty.call(FORMATS, format);
}

/** What a failed format means, in words. */
export function describeFormat(format: string): string {
  switch (format) {
    case 'date-time':
      return 'an RFC 3339 timestamp';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'byte':
      return 'base64-encoded data';
    case 'quantity':
      return 'a quantity such as 500m, 256Mi or 2';
    case 'int32':
      return 'a 32-bit integer';
    case 'int64':
      return 'a 64-bit integer';
    default:
      return `format ${format}`;
  }
}
