import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { checkDestination, DestinationRefused, pinnedLookup, type CheckedDestination, type GuardOptions } from './destination-guard.js';
import { parseRetryAfter, type AttemptResult } from './retry-policy.js';
import type { WebhookConnections } from './webhook-connections.js';

/** What the receiver's answer is kept of. */
const RESPONSE_BODY_LIMIT = 2048;

export interface SendOptions extends GuardOptions {
  readonly timeoutMs: number;
  readonly now: () => Date;
  /** Keep-alive connections to reuse; without them every POST opens a fresh connection. */
  readonly connections?: WebhookConnections;
}

export interface SendResult extends AttemptResult {
  readonly durationMs: number;
  readonly error?: string;
  /** The first 2 KiB of the response body. */
  readonly responseBody: string;
}

/**
 * One POST: the destination is checked again (names can change what they resolve to), the
 * connection goes to the checked address (a kept one only if it was made to that address),
 * redirects are not followed, and the whole exchange — connect, send, answer — must end within
 * the timeout.
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
  const exchange = { destination, headers, body, options };
  let result = await post(exchange, options.connections?.agentFor(destination) ?? false, options.timeoutMs);
  // A kept connection the receiver closed as the request left: nothing was answered, so send it again on a fresh one.
  if (result.staleConnection) result = await post(exchange, false, Math.max(0, options.timeoutMs - elapsed()));
  const { staleConnection: _, ...answer } = result;
  return { ...answer, durationMs: elapsed() };
}

interface Exchange {
  readonly destination: CheckedDestination;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly options: SendOptions;
}

type Answer = Omit<SendResult, 'durationMs'> & { readonly staleConnection?: boolean };

function post({ destination, headers, body, options }: Exchange, agent: http.Agent | false, timeoutMs: number): Promise<Answer> {
  const client = destination.url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve) => {
    let settled = false;
    // A whole answer leaves its connection to the agent, for the next delivery; anything else ends it.
    const finish = (answer: Answer, whole = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
      if (!whole) request.destroy();
    };
    const request = client.request(destination.url, {
      method: 'POST',
      agent,
      lookup: pinnedLookup(destination),
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body, 'utf8')),
        'user-agent': 'agreement-ledger-webhooks',
      },
    });
    const timer = setTimeout(() => finish({ statusCode: 0, timedOut: true, error: `no answer within ${timeoutMs} ms`, responseBody: '' }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const stale = request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      finish({ statusCode: 0, timedOut: false, error: error.code ?? error.message, responseBody: '', ...(stale && { staleConnection: true }) });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = (whole: boolean) => {
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], options.now());
        finish(
          {
            statusCode: response.statusCode ?? 0,
            timedOut: false,
            ...(retryAfterMs !== undefined && { retryAfterMs }),
            responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
          },
          whole,
        );
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_LIMIT) answer(false);
      });
      response.on('end', () => answer(true));
      response.on('error', () => answer(false));
    });
    request.end(body);
  });
}
