/**
 * One request to a command endpoint, and what is wrong with its answer: a 5xx, bad input
 * accepted, a refusal that is no RFC 9457 problem document, or a refusal that appended to the log.
 */
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { excerpt } from './json-body.js';
import type { TestApp } from './test-app.js';

export interface Probe {
  readonly method: string;
  /** Under the API prefix, e.g. /agreements/x/decisions */
  readonly path: string;
  readonly label: string;
  /** The body as sent; undefined: no body. */
  readonly text: string | undefined;
  readonly contentType?: string;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** Whether the log's head moved while the request was handled. */
  readonly appended: boolean;
}

export async function send(t: TestApp, store: EventStore, probe: Probe): Promise<Answer> {
  const headers: Record<string, string> = {};
  const contentType = probe.contentType ?? (probe.text === undefined ? undefined : 'application/json');
  if (contentType) headers['content-type'] = contentType;
  const before = await store.headPosition();
  const res = await t.call(probe.path, { method: probe.method, token: t.adminToken, headers, ...(probe.text !== undefined && { body: probe.text }) });
  const text = await res.text();
  const after = await store.headPosition();
  return { status: res.status, contentType: res.headers.get('content-type'), text, appended: before !== after };
}

/** What is wrong with the answer; `mustRefuse`: the body breaks its schema or API.md's conventions. */
export function faults(answer: Answer, mustRefuse: boolean): string[] {
  const { status } = answer;
  if (status >= 500) return [`answered ${status}: no request may cause a 5xx by what it sends`, ...(answer.appended ? ['and appended to the log'] : [])];
  if (status < 400) return mustRefuse ? [`accepted (${status}) a body its schema forbids${answer.appended ? ', appending to the log' : ''}`] : [];
  const found: string[] = [];
  if (status >= 400 && answer.appended) found.push(`refused with ${status} but appended to the log`);
  if (!/^application\/problem\+json/.test(answer.contentType ?? '')) found.push(`content-type ${answer.contentType ?? '(none)'}, not application/problem+json`);
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return [...found, 'the body is not JSON'];
  }
  if (problem.status !== status) found.push(`problem status ${JSON.stringify(problem.status)} is not the HTTP status ${status}`);
  for (const member of ['type', 'title', 'detail']) {
    if (typeof problem[member] !== 'string' || problem[member] === '') found.push(`problem without a ${member}`);
  }
  return found;
}

/** The request and the answer, as a failure report shows them. */
export function described(probe: Probe, answer: Answer, found: readonly string[]): string {
  return [
    `${probe.method.toUpperCase()} /api${probe.path} — ${probe.label}`,
    `  content-type: ${probe.contentType ?? (probe.text === undefined ? '(none)' : 'application/json')}`,
    `  body: ${excerpt(probe.text, 1600)}`,
    `  → ${answer.status} ${answer.contentType ?? ''} ${excerpt(answer.text, 200)}`,
    ...found.map((fault) => `  ✗ ${fault}`),
  ].join('\n');
}
