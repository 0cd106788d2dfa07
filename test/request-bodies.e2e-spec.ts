/**
 * The edge checks every request body (DESIGN.md "The edge checks everything"): over real HTTP on a
 * real store, each refused body is a 400 problem document naming the field, and the log is the
 * same afterwards; no body, however odd, is a 5xx.
 */
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { agreementStreamId } from '../src/core/stream-names.js';
import { kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { decisionBody } from './support/decision-body.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, kotka } = kymenlaaksoParties;
const SHA = 'ab'.repeat(32);

const draftBody = (agreementId: string, extra: Record<string, unknown> = {}) => ({
  agreementId,
  title: 'Kymenlaakson strateginen yhteistyösopimus',
  region: 'Kymenlaakso',
  kind: 'strategic-cooperation',
  parties: [county, kotka],
  document: { title: 'Strateginen yhteistyösopimus', sha256: SHA },
  annexes: [{ annexId: 'B', title: 'Häiriö- ja poikkeusolot', sha256: SHA }],
  ...extra,
});
const signatureBody = (extra: Record<string, unknown> = {}) => ({
  partyId: kotka.partyId,
  version: 1,
  signatory: { name: 'Esa Sirviö', title: 'kaupunginjohtaja' },
  signedOn: '2023-11-20',
  method: 'electronic',
  ...extra,
});
const amendmentBody = (changes: unknown[]) => ({ basedOn: 1, summary: 'Liite B päivitetty', changes });
const without = <T extends object>(body: T, key: keyof T) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: Array<{ field: string; message: string }>;
}

describe('request bodies at the edge', () => {
  let t: TestApp;
  let store: EventStore;
  let agreementId: string;
  let n = 0;

  const send = (path: string, body: string | Uint8Array | unknown, token = t.adminToken) =>
    t.call(path, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
  const log = async () => ({ head: await store.headPosition(), events: (await store.readAll()).length });

  /** Sends a body that must be refused: 400, a problem document naming `field`, and nothing appended. */
  async function refused(path: string, body: unknown, field: string | undefined): Promise<Problem> {
    const before = await log();
    const res = await send(path, body);
    expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: 400, type: 'application/problem+json; charset=utf-8' });
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request', instance: res.headers.get('x-request-id') });
    if (field !== undefined) expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await log()).toEqual(before);
    return problem;
  }

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    agreementId = `edge-${Date.now().toString(36)}`;
    expect((await send('/agreements', draftBody(agreementId))).status).toBe(201);
  });
  afterAll(async () => t.close());

  describe('every nested object and array item is required and typed', () => {
    const decisions = () => `/agreements/${agreementId}/decisions`;
    const signatures = () => `/agreements/${agreementId}/signatures`;
    const amendments = () => `/agreements/${agreementId}/amendments`;
    type Case = [label: string, path: () => string, body: () => unknown, field: string];
    const cases: Case[] = [
      ['a draft without document', () => '/agreements', () => without(draftBody(`x-${++n}`), 'document'), 'document'],
      ['a draft with document null', () => '/agreements', () => draftBody(`x-${++n}`, { document: null }), 'document'],
      ['a draft with document {}', () => '/agreements', () => draftBody(`x-${++n}`, { document: {} }), 'document'],
      ['a draft with document as an array', () => '/agreements', () => draftBody(`x-${++n}`, { document: [{ title: 'a', sha256: SHA }] }), 'document'],
      ['a draft with document a string', () => '/agreements', () => draftBody(`x-${++n}`, { document: 'sopimus.pdf' }), 'document'],
      ['a draft with a null party', () => '/agreements', () => draftBody(`x-${++n}`, { parties: [county, null] }), 'parties[1]'],
      ['a draft with an empty party', () => '/agreements', () => draftBody(`x-${++n}`, { parties: [{}, kotka] }), 'parties[0]'],
      ['a draft with a party as an array', () => '/agreements', () => draftBody(`x-${++n}`, { parties: [[county], kotka] }), 'parties[0]'],
      ['a draft with a party without a name', () => '/agreements', () => draftBody(`x-${++n}`, { parties: [county, without(kotka, 'name')] }), 'parties[1].name'],
      ['a draft with an annex as a string', () => '/agreements', () => draftBody(`x-${++n}`, { annexes: ['B'] }), 'annexes[0]'],
      ['a draft without annexes', () => '/agreements', () => without(draftBody(`x-${++n}`), 'annexes'), 'annexes'],
      ['a decision without meeting', decisions, () => without(decisionBody(), 'meeting'), 'meeting'],
      ['a decision with meeting {}', decisions, () => decisionBody({ meeting: {} }), 'meeting'],
      ['a decision with a meeting without section', decisions, () => decisionBody({ meeting: { diaryNumber: '626/00.04.01/2023' } }), 'meeting.section'],
      ['a decision with meeting a number', decisions, () => decisionBody({ meeting: 88 }), 'meeting'],
      ['a signature without signatory', signatures, () => without(signatureBody(), 'signatory'), 'signatory'],
      ['a signature with signatory []', signatures, () => signatureBody({ signatory: [] }), 'signatory'],
      ['a signature with signatory null', signatures, () => signatureBody({ signatory: null }), 'signatory'],
      ['a signature whose signatory has no name', signatures, () => signatureBody({ signatory: { title: 'kaupunginjohtaja' } }), 'signatory.name'],
      ['an amendment with changes [null]', amendments, () => amendmentBody([null]), 'changes[0]'],
      ['an amendment with changes [{}]', amendments, () => amendmentBody([{}]), 'changes[0]'],
      ['an amendment with changes [[]]', amendments, () => amendmentBody([[]]), 'changes[0]'],
      ['an amendment with a change without op', amendments, () => amendmentBody([{ sha256: SHA }]), 'changes[0].op'],
      ['an add-party without party', amendments, () => amendmentBody([{ op: 'add-party' }]), 'changes[0].party'],
      ['an add-party with party null', amendments, () => amendmentBody([{ op: 'add-party', party: null }]), 'changes[0].party'],
      ['an add-party with a party lacking its body', amendments, () => amendmentBody([{ op: 'add-party', party: without(kymenlaaksoParties.kouvola, 'competentBody') }]), 'changes[0].party.competentBody'],
      ['an amend-annex without sha256', amendments, () => amendmentBody([{ op: 'amend-annex', annexId: 'B' }]), 'changes[0].sha256'],
      ['an add-annex without title', amendments, () => amendmentBody([{ op: 'add-annex', annexId: 'C', sha256: SHA }]), 'changes[0].title'],
      ['a remove-annex without annexId', amendments, () => amendmentBody([{ op: 'remove-annex' }]), 'changes[0].annexId'],
      ['a revise-document without sha256', amendments, () => amendmentBody([{ op: 'revise-document', title: 'x' }]), 'changes[0].sha256'],
      ['a remove-party without partyId', amendments, () => amendmentBody([{ op: 'remove-party' }]), 'changes[0].partyId'],
      ['a second change that is null', amendments, () => amendmentBody([{ op: 'revise-document', sha256: SHA }, null]), 'changes[1]'],
      ['changes as an object', amendments, () => ({ basedOn: 1, summary: 'x', changes: { op: 'revise-document', sha256: SHA } }), 'changes'],
    ];

    it.each(cases)('%s → 400 naming the field', async (_label, path, body, field) => {
      await refused(path(), body(), field);
    });

    it('the body itself must be an object', async () => {
      for (const body of ['null', '[]', '"x"', '1', 'true']) await refused(`/agreements/${agreementId}/decisions`, body, undefined);
    });
  });

  describe('the strict JSON parser', () => {
    const decisions = () => `/agreements/${agreementId}/decisions`;
    const raw = (json: string) => new TextEncoder().encode(json);
    const valid = JSON.stringify(decisionBody());

    it.each([
      ['an escaped lone surrogate in a draft', '/agreements', JSON.stringify(draftBody('lone-1')).replace('"Kymenlaakso"', '"Kymenlaakso\\ud800"'), 'lone-surrogate', 'region'],
      ['an escaped lone surrogate in a nested name', '/agreements', JSON.stringify(draftBody('lone-2')).replace('"Kotkan kaupunki"', '"\\udc00"'), 'lone-surrogate', 'parties[1].name'],
      ['a duplicate key', null, valid.replace('"outcome":"approved"', '"outcome":"rejected","outcome":"approved"'), 'duplicate-key', 'outcome'],
      ['a duplicate nested key', null, valid.replace('"section":"§ 88"', '"section":"§ 88","section":"§ 89"'), 'duplicate-key', 'meeting.section'],
      ['NUL', null, valid.replace('§ 88', '§ 88\\u0000'), 'control-character', 'meeting.section'],
      ['ESC', null, valid.replace('Kotkan kaupunginvaltuusto', '\\u001b[2JKotkan kaupunginvaltuusto'), 'control-character', 'body'],
      ['CR LF', '/agreements', JSON.stringify(draftBody('crlf')).replace('"Kymenlaakso"', '"Kymen\\r\\nlaakso"'), 'control-character', 'region'],
      ['a C1 control character', null, valid.replace('§ 88', '§ 88\u0085'), 'control-character', 'meeting.section'],
      ['a __proto__ key', null, valid.replace('{"section"', '{"__proto__":{"admin":true},"section"'), 'forbidden-key', 'meeting.__proto__'],
      ['JSON nested 33 deep', null, valid.replace('"version":1', `"version":${'['.repeat(32)}1${']'.repeat(32)}`), 'json-too-deep', undefined],
      ['100,000 open brackets', null, '['.repeat(100_000), 'json-too-deep', undefined],
      ['100,000 nested arrays, closed', null, `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'json-too-deep', undefined],
      ['malformed JSON', null, '{"partyId": ', 'malformed-json', undefined],
      ['an empty body', null, '', 'empty-body', undefined],
    ] as const)('refuses %s', async (_label, path, body, problem, field) => {
      const refusal = await refused(path ?? decisions(), body, field);
      expect(refusal.type).toBe(`urn:agreement-ledger:problem:${problem}`);
    });

    it('refuses bytes that are not UTF-8 instead of storing U+FFFD', async () => {
      for (const bad of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
        const [before, after] = valid.split('§ 88') as [string, string];
        const body = Uint8Array.from([...raw(before), ...bad, ...raw(after)]);
        expect((await refused(decisions(), body, undefined)).type).toBe('urn:agreement-ledger:problem:not-utf-8');
      }
    });

    it('keeps tab and newline in free text, stored as sent', async () => {
      const id = `free-text-${Date.now().toString(36)}`;
      expect((await send('/agreements', draftBody(id))).status).toBe(201);
      const res = await send(`/agreements/${id}/termination`, { effectiveOn: '2024-01-01', reason: 'Korvataan:\n\t- uusi sopimus' });
      expect(res.status).toBe(201);
      expect((await store.readStream(agreementStreamId(id))).at(-1)!.data).toMatchObject({ reason: 'Korvataan:\n\t- uusi sopimus' });
    });

    it('refuses tab and newline in a one-line field, naming it', async () => {
      await refused(decisions(), decisionBody({ meeting: { section: '§\n88' } }), 'meeting.section');
      await refused('/agreements', draftBody('tabbed', { title: 'Sopimus\tx' }), 'title');
    });
  });

  describe('names and ids are normalised before anything compares them', () => {
    it('"Kymenlaakso " is stored as Kymenlaakso and its region admin sees the agreement', async () => {
      const id = `  trimmed-${Date.now().toString(36)} `;
      const res = await send(
        '/agreements',
        draftBody(id, {
          region: ' Kymenlaakso\n',
          parties: [{ ...county, name: ' Kymenlaakson  hyvinvointialue ' }, { ...kotka, competentBody: 'Kotkan\tkaupunginvaltuusto ' }],
        }),
      );
      expect(res.status).toBe(201);
      const { agreementId: stored } = (await res.json()) as { agreementId: string };
      expect(stored).toBe(id.trim());
      const [drafted] = await store.readStream(agreementStreamId(stored));
      expect(drafted!.data).toMatchObject({
        agreementId: stored,
        region: 'Kymenlaakso',
        parties: [{ name: 'Kymenlaakson hyvinvointialue' }, { competentBody: 'Kotkan kaupunginvaltuusto' }],
      });
      const regional = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Kymenlaakson aluehallinto' });
      const seen = await t.call(`/agreements/${stored}?minPosition=${encodeURIComponent(String(await store.headPosition()))}`, { token: regional });
      expect(seen.status).toBe(200);
      const decided = await send(`/agreements/${stored}/decisions`, decisionBody({ body: ' Kotkan   kaupunginvaltuusto' }), regional);
      expect(decided.status).toBe(201);
      expect((await store.readStream(agreementStreamId(stored))).at(-1)!.data).toMatchObject({ body: 'Kotkan kaupunginvaltuusto' });
    });

    it('a token made over HTTP gets a normalised region too', async () => {
      const res = await send('/tokens', { role: 'admin', name: ' Kymenlaakson  aluehallinto ', region: 'Kymenlaakso ' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ name: 'Kymenlaakson aluehallinto', region: 'Kymenlaakso' });
    });

    it('a blank name is a missing name', async () => {
      await refused('/agreements', draftBody('blank-region', { region: ' \n\t ' }), 'region');
      await refused(`/agreements/${agreementId}/signatures`, signatureBody({ signatory: { name: '   ', title: 'kaupunginjohtaja' } }), 'signatory.name');
    });
  });

  describe('no body makes the server fail', () => {
    const odd: unknown[] = [null, [], {}, '', 'x', 0, -1, 1.5, 1e300, true, [null], [{}], { op: 'add-party' }, 'ä'.repeat(3000)];

    /** Every field of a valid body, at every depth, replaced by each odd value in turn. */
    function* variants(body: unknown, set: (value: unknown) => unknown): Generator<unknown> {
      if (typeof body !== 'object' || body === null) return;
      for (const [key, value] of Object.entries(body)) {
        const at = (v: unknown) => set(Array.isArray(body) ? body.map((b, i) => (String(i) === key ? v : b)) : { ...body, [key]: v });
        for (const replacement of odd) yield at(replacement);
        yield* variants(value, at);
      }
    }

    it.each([
      ['/agreements', draftBody('fuzz-draft')],
      ['decisions', decisionBody()],
      ['signatures', signatureBody()],
      ['amendments', amendmentBody([{ op: 'add-party', party: kymenlaaksoParties.kouvola }, { op: 'add-annex', annexId: 'C', title: 'x', sha256: SHA, publicity: 'confidential', legalBasis: 'JulkL' }])],
      ['annulments', { decisionId: '0190d6a2-0000-7000-8000-000000000001', annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'x', caseNumber: 'H 1/2023' }],
      ['annulments/0190d6a2-0000-7000-8000-000000000001/reversal', { reversedOn: '2023-12-01', authority: 'Korkein hallinto-oikeus', reason: 'x', caseNumber: 'KHO 2024:1' }],
    ] as const)('%s: every field replaced by odd values answers 4xx', async (path, body) => {
      const target = path.startsWith('/') ? path : `/agreements/${agreementId}/${path}`;
      const statuses = new Set<number>();
      for (const variant of variants(body, (v) => v)) {
        const res = await send(target, variant);
        statuses.add(res.status);
        if (res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(variant).slice(0, 300)}`);
        await res.arrayBuffer();
      }
      expect([...statuses].every((s) => s < 500)).toBe(true);
      expect(statuses.has(400)).toBe(true);
    });
  });
});
