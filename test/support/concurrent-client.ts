import { spawn } from 'node:child_process';

export interface ConcurrentRequest {
  readonly method?: string;
  /** Absolute URL. */
  readonly url: string;
  readonly token: string;
  readonly json: unknown;
}

export interface ConcurrentResponse {
  readonly status: number;
  readonly etag: string | null;
  readonly body: unknown;
}

/*
 * Runs in its own process: a client in the server's own event loop hands it one request per loop
 * turn, which no real set of clients does, and would hide both lost races and group commits.
 */
const CLIENT = `
let input = '';
for await (const chunk of process.stdin) input += chunk;
const responses = await Promise.all(JSON.parse(input).map(async ({ method, url, token, json }) => {
  const res = await fetch(url, { method, headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}));
process.stdout.write(JSON.stringify(responses));
`;

/** Sends every request at once from another process, as many clients would; answers in request order. */
export function sendAllAtOnce(requests: readonly ConcurrentRequest[]): Promise<ConcurrentResponse[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', CLIENT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ConcurrentResponse[]);
      else reject(new Error(`the concurrent client failed (${code}): ${err}`));
    });
    child.stdin.end(JSON.stringify(requests.map((r) => ({ method: 'POST', ...r }))));
  });
}
