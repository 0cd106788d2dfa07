import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { checkDestination, DestinationRefused, pinnedLookup, type GuardOptions } from './destination-guard.js';
import { parseRetryAfter, type AttemptResult } from './retry-policy.js';

/** What the receiver's answer is kept of. */
const RESPONSE_BODY_LIMIT = 2048;

export interface SendOptions extends GuardOptions {
  readonly timeoutMs: number;
  readonly now: () => Date;
}

export interface SendResult extends AttemptResult {
  readonly durationMs: number;
  readonly error?: string;
  /** The first 2 KiB of the response body. */
  readonly responseBody: string;
}

/**
 * One POST: the destination is checked again (names can change what they resolve to), the
 * connection goes to the checked address, a fresh connection each time (a pooled one would have
 * been checked at another time), redirects are not followed, and the whole exchange — connect,
 * send, answer — must end within the timeout.
 */
export async function sendWebhook(url: string, headers: Readonly<Record<string, string>>, body: string, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let destination;
  try {
    destination = await checkDestination(url, options);
  } catch (error) {
    if (!(error instanceof DestinationRefused)) throw error;
    return { statusCode: 0, timedOut: false, durationMs: elapsed(), error: `refused by the SSRF guard: ${error.message}`, responseBody: '' };
  }
  const client = destination.url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
      request.destroy();
    };
    const request = client.request(destination.url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(destination),
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body, 'utf8')),
        'user-agent': 'agreement-ledger-webhooks',
      },
    });
    const timer = setTimeout(() => finish({ statusCode: 0, timedOut: true, error: `no answer within ${options.timeoutMs} ms`, responseBody: '' }), options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ statusCode: 0, timedOut: false, error: error.code ?? error.message, responseBody: '' }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = () => {
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], options.now());
        finish({
          statusCode: response.statusCode ?? 0,
          timedOut: false,
          ...(retryAfterMs !== undefined && { retryAfterMs }),
          responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
        });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_LIMIT) answer();
      });
      response.on('end', answer);
      response.on('error', answer);
    });
    request.end(body);
  });
}
