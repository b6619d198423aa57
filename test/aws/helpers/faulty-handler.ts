import { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'stream';

export type Fault = 'throttle' | 'error500' | 'hang' | 'reset' | { delayMs: number } | undefined;

interface Request { method: string; path: string; query?: Record<string, unknown>; headers: Record<string, string> }
type Handle = (request: Request, options?: { abortSignal?: AbortSignal }) => Promise<{ response: unknown }>;

/**
 * A request handler that sits where the SDK's HTTP handler sits and injects faults before (or instead
 * of) the real request: throttling (503 SlowDown), 500s, calls that never answer, connection resets,
 * slow answers. `attempts` counts what reached it per request key, to prove retries are bounded.
 */
export class FaultyHandler {
  public readonly attempts = new Map<string, number>();
  public readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: { handle: Handle };

  constructor(private readonly faultFor: (key: string, attempt: number) => Fault) {
    // The SDK's own Node.js handler, as every client gets by default.
    this.inner = new S3Client({ region: 'us-east-1' }).config.requestHandler as unknown as { handle: Handle };
  }

  /** `GET /bucket?policy`: one key per distinct call, the same for its retries. */
  public static keyOf(request: Request): string {
    return `${request.method} ${request.path}?${Object.keys(request.query ?? {}).sort().join('&')}`;
  }

  public async handle(request: Request, options?: { abortSignal?: AbortSignal }): Promise<{ response: unknown }> {
    const key = FaultyHandler.keyOf(request);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const fault = this.faultFor(key, attempt);
    if (fault === 'throttle') return xmlError(503, 'SlowDown', 'Please reduce your request rate.');
    if (fault === 'error500') return xmlError(500, 'InternalError', 'We encountered an internal error. Please try again.');
    if (fault === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (fault === 'hang') {
      return new Promise((_resolve, reject) => {
        options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })));
      });
    }
    if (fault && typeof fault === 'object') await new Promise((r) => setTimeout(r, fault.delayMs));
    return this.inner.handle(request, options);
  }

  public updateHttpClientConfig(): void {}
  public httpHandlerConfigs(): Record<string, never> { return {}; }
  public destroy(): void {}

  /** Requests that reached the handler for keys containing `text`. */
  public attemptsFor(text: string): number {
    return [...this.attempts].filter(([k]) => k.includes(text)).reduce((sum, [, n]) => sum + n, 0);
  }
}

function xmlError(statusCode: number, code: string, message: string): { response: unknown } {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { response: { statusCode, reason: code, headers: { 'content-type': 'application/xml', 'content-length': String(body.length) }, body: Readable.from([Buffer.from(body)]) } };
}
