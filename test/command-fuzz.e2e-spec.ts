/**
 * Schema-driven fuzzing of the command API over real HTTP. Each command operation's request
 * schema, read from the OpenAPI document the server serves, drives the breaking of a valid body:
 * every property path one at a time, then random structural mutations (fast-check). A body its
 * schema or API.md forbids must be refused with a 4xx RFC 9457 problem document and append
 * nothing to the log; no body, valid or not, may cause a 5xx.
 *
 * Long runs: FUZZ_RUNS=2000 [FUZZ_SEED=…] npm run jest -- test/command-fuzz
 * Replaying a failure: the FUZZ_SEED and FUZZ_PATH that the failure report prints.
 * Every failure of the field-by-field walk listed, not just the first 30: FUZZ_LISTED=1000.
 */
import fc from 'fast-check';
import { loadConfig } from '../src/config/ledger-config.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { OPERATIONS } from '../src/openapi/operations.js';
import { FuzzTargets } from './support/command-fuzz-targets.js';
import { fieldMutations } from './support/field-mutations.js';
import { bodyText, MISSING, type Mutation } from './support/json-body.js';
import { operationsWithBody, requestSchema, type OpenApiDocument } from './support/openapi-document.js';
import { described, faults, send, type Probe } from './support/refusals.js';
import { violation } from './support/schema-oracle.js';
import { structuralMutation } from './support/structural-mutations.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const REPLAY_PATH = process.env.FUZZ_PATH;
const BODY_LIMIT = loadConfig({}).bodyLimitBytes;
/** Failures listed in full; the rest are counted. */
const LISTED = Number(process.env.FUZZ_LISTED ?? 30);

const COMMANDS = Object.entries(OPERATIONS)
  .filter(([key, doc]) => doc.request !== undefined && key.split(' ')[1]!.startsWith('/api/agreements'))
  .map(([key]) => key);

/** Bodies broken below the level of JSON values: none, unparseable, not JSON, over the limit. */
function malformed(valid: string): Array<Pick<Probe, 'label' | 'text' | 'contentType'>> {
  return [
    { label: 'no body at all', text: undefined },
    { label: 'an empty body declared as JSON', text: undefined, contentType: 'application/json' },
    { label: 'truncated JSON', text: valid.slice(0, -1) },
    { label: 'two JSON documents', text: `${valid}${valid}` },
    { label: 'the valid body as text/plain', text: valid, contentType: 'text/plain' },
    { label: 'the valid body as a form', text: 'title=x', contentType: 'application/x-www-form-urlencoded' },
    { label: `over the ${BODY_LIMIT}-byte body limit`, text: `${valid.slice(0, -1)},"padding":"${'x'.repeat(BODY_LIMIT)}"}` },
  ];
}

describe('command endpoints refuse every body their schema forbids', () => {
  let t: TestApp;
  let store: EventStore;
  let doc: OpenApiDocument;
  let targets: FuzzTargets;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    doc = (await (await t.call('/openapi.json')).json()) as OpenApiDocument;
    targets = new FuzzTargets(t);
  });
  afterAll(async () => t.close());

  /** Sends the mutation of the operation's current valid body; the faults found, described, or undefined. */
  async function tried(operation: string, mutation: Mutation): Promise<string | undefined> {
    const target = await targets.get(operation);
    const body = mutation.apply(target.body);
    const mustRefuse = violation(doc, requestSchema(doc, operation), body) !== undefined;
    return probed(operation, { label: mutation.label, text: body === MISSING ? undefined : bodyText(body) }, mustRefuse);
  }

  async function probed(operation: string, probe: Pick<Probe, 'label' | 'text' | 'contentType'>, mustRefuse: boolean): Promise<string | undefined> {
    const target = await targets.get(operation);
    const sent: Probe = { ...probe, method: operation.split(' ')[0]!, path: target.path };
    const answer = await send(t, store, sent);
    if (answer.status < 400 || answer.appended) targets.spoil(operation);
    const found = faults(answer, mustRefuse);
    return found.length > 0 ? described(sent, answer, found) : undefined;
  }

  it('every command operation the server documents has a valid body to start from, and it lands', async () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(6);
    expect(operationsWithBody(doc, '/api/agreements').sort()).toEqual([...COMMANDS].sort());
    expect(COMMANDS.filter((operation) => !targets.has(operation))).toEqual([]);
    for (const operation of COMMANDS) {
      const { path, body } = await targets.get(operation);
      expect(violation(doc, requestSchema(doc, operation), body)).toBeUndefined();
      const res = await t.call(path, { method: operation.split(' ')[0]!, token: t.adminToken, json: body });
      expect(`${operation} → ${res.status}`).toBe(`${operation} → ${operation.startsWith('delete') ? 200 : 201}`);
      targets.spoil(operation);
    }
  });

  describe.each(COMMANDS)('%s', (operation) => {
    it('refuses each field broken in turn: missing, null, wrong type, out of range, empty, dirty, too deep', async () => {
      const { body } = await targets.get(operation);
      const probes = malformed(bodyText(body)!);
      const mutations = fieldMutations(doc, requestSchema(doc, operation), body);
      const failures: string[] = [];
      for (const probe of probes) {
        const failure = await probed(operation, probe, true);
        if (failure) failures.push(failure);
      }
      for (const mutation of mutations) {
        const failure = await tried(operation, mutation);
        if (failure) failures.push(failure);
      }
      if (failures.length > 0) {
        const more = failures.length > LISTED ? `\n\n… and ${failures.length - LISTED} more` : '';
        const count = probes.length + mutations.length;
        throw new Error(`${failures.length} of ${count} broken bodies were not refused cleanly:\n\n${failures.slice(0, LISTED).join('\n\n')}${more}`);
      }
    }, 120_000);

    it(`refuses random structural mutations (fast-check, ${RUNS} runs)`, async () => {
      const { body } = await targets.get(operation);
      const property = fc.asyncProperty(structuralMutation(body, BODY_LIMIT), async (mutation) => {
        const failure = await tried(operation, mutation);
        if (failure) throw new Error(failure);
      });
      const details = await fc.check(property, {
        numRuns: RUNS,
        ...(SEED !== undefined && { seed: SEED }),
        ...(REPLAY_PATH !== undefined && { path: REPLAY_PATH }),
      });
      if (details.failed) {
        const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''} npm run jest -- test/command-fuzz -t '${operation}'`;
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${fc.defaultReportMessage(details)}\n\n${cause}\n\nReplay: ${replay}`);
      }
    }, 90_000 + RUNS * 400);
  });
});
