import type { StoredEvent } from '../core/stored-event.js';

/**
 * The server's HTTP API as the auditor commands use it (`--url URL --token TOKEN`): raw events,
 * and the ledger tree's checkpoints and proofs (API.md "Queries"). Any answer but 2xx is an error
 * that names the status and the problem document's detail.
 */
export class LedgerApi {
  private readonly base: string;

  constructor(url: string, private readonly token: string) {
    const trimmed = url.replace(/\/+$/, '');
    this.base = trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
  }

  agreementEvents(agreementId: string): Promise<StoredEvent[]> {
    return this.json(`/agreements/${encodeURIComponent(agreementId)}/events`);
  }

  /** The whole log, a page at a time in position order (`GET /api/events`, following its `next` links). */
  async *logPages(): AsyncGenerator<StoredEvent[]> {
    let path: string | undefined = '/events';
    while (path !== undefined) {
      const response = await this.get(path, 'application/x-ndjson');
      const lines = (await response.text()).split('\n').filter((line) => line !== '');
      yield lines.map((line) => JSON.parse(line) as StoredEvent);
      path = nextPath(response.headers.get('link'));
    }
  }

  /** The latest signed checkpoint note, verbatim. */
  async checkpoint(): Promise<string> {
    return (await this.get('/checkpoint', 'text/plain')).text();
  }

  inclusionProof(eventId: string, treeSize?: number): Promise<InclusionProofAnswer> {
    const query = new URLSearchParams({ eventId, ...(treeSize !== undefined && { treeSize: String(treeSize) }) });
    return this.json(`/proofs/inclusion?${query}`);
  }

  consistencyProof(from: number, to: number): Promise<ConsistencyProofAnswer> {
    return this.json(`/proofs/consistency?${new URLSearchParams({ from: String(from), to: String(to) })}`);
  }

  /** A witness's tlog-cosignature line, for the log to serve with its checkpoint. */
  async postCosignature(line: string): Promise<void> {
    await this.request('POST', '/checkpoints/cosignatures', 'application/json', { body: line, contentType: 'text/plain; charset=utf-8' });
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.get(path, 'application/json')).json()) as T;
  }

  private get(path: string, accept: string): Promise<Response> {
    return this.request('GET', path, accept);
  }

  private async request(method: 'GET' | 'POST', path: string, accept: string, send?: { body: string; contentType: string }): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept, ...(send && { 'content-type': send.contentType }) };
    const response = await fetch(`${this.base}${path}`, { method, headers, ...(send && { body: send.body }) });
    if (!response.ok) {
      const detail = problemDetail(await response.text().catch(() => ''));
      throw new ApiError(`${method} ${this.base}${path} answered ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    return response;
  }
}

/** The path under /api of an RFC 8288 `rel="next"` link, or undefined at the end. */
function nextPath(link: string | null): string | undefined {
  const target = link === null ? undefined : /<([^>]*)>\s*;\s*rel="next"/.exec(link)?.[1];
  return target?.replace(/^.*?\/api(?=\/)/, '');
}

/** A problem document's detail, or the body as it came. */
function problemDetail(body: string): string {
  try {
    return (JSON.parse(body) as { detail?: string }).detail ?? body;
  } catch {
    return body;
  }
}

/** API.md `GET /api/proofs/inclusion`. */
export interface InclusionProofAnswer {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly rootHash: string;
  readonly proof: readonly string[];
}

/** API.md `GET /api/proofs/consistency`. */
export interface ConsistencyProofAnswer {
  readonly from: number;
  readonly to: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: readonly string[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
}
