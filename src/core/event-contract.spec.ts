import Type from 'typebox';
import { agreementEvents, checkAppendable, decodeAgreementEvent, encodeAgreementEvent } from './agreement-contract.js';
import { AGREEMENT_EVENT_TYPES, type AgreementEvent } from './agreement-events.js';
import { EventContract, MalformedEventError } from './event-contract.js';
import { GENESIS_HASH, sealEvent } from './hash-chain.js';
import type { JsonObject } from './json.js';
import type { StoredEvent } from './stored-event.js';

const signed: AgreementEvent = {
  type: 'AgreementSigned',
  data: { partyId: '0161999-9', version: 1, signatory: { name: 'Kaupunginjohtaja Esa Sirviö', title: 'kaupunginjohtaja' }, signedOn: '2023-12-01', method: 'electronic' },
};
const draftedWithJointBody = {
  type: 'AgreementDrafted',
  data: {
    agreementId: 'kp-2024',
    title: 'Strateginen yhteistyösopimus',
    region: 'Keski-Pohjanmaa',
    kind: 'strategic-cooperation',
    parties: [
      { partyId: '0161999-9', name: 'Kotka', kind: 'municipality', competentBody: 'Kotkan kaupunginvaltuusto', competentBodyKind: 'council' },
      { partyId: '0242746-2', name: 'Joensuu', kind: 'municipality', competentBody: 'Joensuun kaupunginvaltuusto', competentBodyKind: 'council' },
    ],
    document: { title: 'Sopimus', sha256: 'a'.repeat(64) },
    annexes: [],
    jointBodies: [{ name: 'Alueneuvottelukunta', members: ['0161999-9', '0242746-2'] }],
  },
} as const;
const writer = { actor: 'Kotkan kirjaamo', $correlationId: 'req-1', $causationId: 'req-1' };

/** The event as a store would hand it back: sealed onto a chain, with a position and recordedAt. */
function stored(event: { type: string; data: unknown; metadata: JsonObject }, revision = 0): StoredEvent {
  const recordedAt = '2023-12-01T10:00:00.000Z';
  const base = { eventId: `e-${revision}`, streamId: 'agreement-kotka-2023', revision, type: event.type, data: event.data as JsonObject };
  return { ...base, metadata: sealEvent(GENESIS_HASH, { ...base, metadata: { ...event.metadata, recordedAt } }), position: String(revision + 1), recordedAt };
}

function refusal(run: () => unknown): MalformedEventError {
  try {
    run();
  } catch (error) {
    if (error instanceof MalformedEventError) return error;
    throw error;
  }
  throw new Error('the contract accepted it');
}

describe('the agreement event contract', () => {
  it('encodes a valid event with the current schema version, and decodes it back unchanged', () => {
    const encoded = encodeAgreementEvent(signed, writer);
    expect(encoded).toEqual({ type: 'AgreementSigned', data: signed.data, metadata: { ...writer, schemaVersion: 1 } });
    const decoded = decodeAgreementEvent(stored(encoded));
    expect(decoded).toMatchObject({ event: signed, eventId: 'e-0', streamId: 'agreement-kotka-2023', revision: 0, position: '1' });
  });

  it.each([
    ['a missing nested object', { signatory: undefined }, 'data.signatory'],
    ['an empty nested object', { signatory: {} }, 'data.signatory'],
    ['a null', { signatory: null }, 'data.signatory'],
    ['a wrong type', { version: '1' }, 'data.version'],
    ['an unknown field', { note: 'x' }, 'data.note'],
    ['an untrimmed name', { signatory: { name: ' Esa Sirviö', title: 't' } }, 'data.signatory.name'],
    ['a control character in free text', { signatory: { name: 'Esa', title: 'kaupungin\u001bjohtaja' } }, 'data.signatory.title'],
    ['a lone surrogate', { signatory: { name: 'Esa', title: '\ud800' } }, 'data.signatory.title'],
    ['an impossible date', { signedOn: '2023-02-29' }, 'data.signedOn'],
    ['a check digit that fails', { partyId: '0161999-1' }, 'data.partyId'],
    ['an outcome outside the list', { method: 'telepathic' }, 'data.method'],
  ])('refuses %s, naming the path', (_, change, path) => {
    const error = refusal(() => encodeAgreementEvent({ ...signed, data: { ...signed.data, ...change } } as AgreementEvent, writer));
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it('reads annulments only by reference: DecisionAnnulled version 1 (party, version, date) is retired', () => {
    const annulment = { decisionId: '0190d6a2-0000-7000-8000-000000000001', annulledOn: '2024-06-10', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys' };
    const encoded = encodeAgreementEvent({ type: 'DecisionAnnulled', data: annulment }, writer);
    expect(encoded.metadata.schemaVersion).toBe(2);
    expect(decodeAgreementEvent(stored(encoded)).event.data).toEqual(annulment);
    const oldShape = { partyId: '0161999-9', version: 1, decidedOn: '2024-05-27', annulledOn: '2024-06-10', authority: 'x', reason: 'y' };
    const error = refusal(() => decodeAgreementEvent(stored({ type: 'DecisionAnnulled', data: oldShape, metadata: { ...writer, schemaVersion: 1 } })));
    expect(error.issues[0]!.message).toBe('schema version 1 of DecisionAnnulled is retired');
    expect(() => checkAppendable('agreement-kotka-2023', { type: 'DecisionAnnulled', data: oldShape, metadata: { ...writer, schemaVersion: 2 } })).toThrow(MalformedEventError);
  });

  it('reads a DecisionRecorded of version 1 (before minutesPublishedOn) as version 2, unchanged', () => {
    const decision = { partyId: '0161999-9', body: 'Kotkan kaupunginvaltuusto', outcome: 'approved', version: 1, decidedOn: '2023-10-16', meeting: { section: '§ 87' } };
    expect(decodeAgreementEvent(stored({ type: 'DecisionRecorded', data: decision, metadata: { ...writer, schemaVersion: 1 } })).event.data).toEqual(decision);
    expect(() => checkAppendable('agreement-kotka-2023', { type: 'DecisionRecorded', data: { ...decision, meeting: { section: '§ 87', minutesPublishedOn: '2023-10-18' } }, metadata: { ...writer, schemaVersion: 1 } })).toThrow(MalformedEventError);
    expect(encodeAgreementEvent({ type: 'DecisionRecorded', data: { ...decision, meeting: { section: '§ 87', minutesPublishedOn: '2023-10-18' } } } as AgreementEvent, writer).metadata.schemaVersion).toBe(3);
  });

  it("reads a DecisionRecorded of version 2 as version 3 unchanged; a joint body's decision is version 3 only", () => {
    const decision = { partyId: '0161999-9', body: 'Kotkan kaupunginvaltuusto', outcome: 'approved', version: 1, decidedOn: '2023-10-16', meeting: { section: '§ 87', minutesPublishedOn: '2023-10-18' } };
    expect(decodeAgreementEvent(stored({ type: 'DecisionRecorded', data: decision, metadata: { ...writer, schemaVersion: 2 } })).event.data).toEqual(decision);
    const joint = { jointBody: 'Keski-Pohjanmaan alueneuvottelukunta', outcome: 'noted', version: 1, decidedOn: '2024-01-26', meeting: { section: '§ 6' } };
    expect(encodeAgreementEvent({ type: 'DecisionRecorded', data: joint } as AgreementEvent, writer).metadata.schemaVersion).toBe(3);
    expect(decodeAgreementEvent(stored({ type: 'DecisionRecorded', data: joint, metadata: { ...writer, schemaVersion: 3 } })).event.data).toEqual(joint);
    expect(() => checkAppendable('agreement-kp', { type: 'DecisionRecorded', data: joint, metadata: { ...writer, schemaVersion: 2 } })).toThrow(MalformedEventError);
    // One or the other: a decision naming a party and a joint body is no decision.
    expect(() => encodeAgreementEvent({ type: 'DecisionRecorded', data: { ...decision, jointBody: joint.jointBody } } as AgreementEvent, writer)).toThrow(MalformedEventError);
  });

  it('reads a draft without jointBodies as it was written', () => {
    const { jointBodies: _none, ...draft } = { ...draftedWithJointBody.data };
    expect(decodeAgreementEvent(stored({ type: 'AgreementDrafted', data: draft, metadata: { ...writer, schemaVersion: 3 } })).event.data).toEqual(draft);
    expect(decodeAgreementEvent(stored({ type: 'AgreementDrafted', data: draftedWithJointBody.data, metadata: { ...writer, schemaVersion: 3 } })).event.data).toEqual(draftedWithJointBody.data);
  });

  it('allows tab and newline in free text, not in names', () => {
    expect(() => encodeAgreementEvent({ ...signed, data: { ...signed.data, signatory: { name: 'Esa', title: 'kaupungin-\n\tjohtaja' } } }, writer)).not.toThrow();
    expect(() => encodeAgreementEvent({ ...signed, data: { ...signed.data, signatory: { name: 'Esa\nSirviö', title: 't' } } }, writer)).toThrow(MalformedEventError);
  });

  it('refuses writer metadata that is missing, unknown or malformed; the store overwrites its own keys', () => {
    const { data, type } = encodeAgreementEvent(signed, writer);
    const metadata = { ...writer, schemaVersion: 1 };
    expect(refusal(() => checkAppendable('agreement-x', { type, data })).issues[0]!.path).toBe('metadata');
    expect(refusal(() => checkAppendable('agreement-x', { type, data, metadata: { ...metadata, whoami: 'x' } })).issues[0]!.path).toMatch(/^metadata/);
    expect(refusal(() => checkAppendable('agreement-x', { type, data, metadata: { ...metadata, schemaVersion: 2 } })).issues[0]!.path).toBe('metadata.schemaVersion');
    expect(() => checkAppendable('agreement-x', { type, data, metadata: { ...metadata, hash: 'forged', recordedAt: 'then' } })).not.toThrow();
  });

  it('refuses an unknown type and a stream no contract governs', () => {
    const { data, metadata } = encodeAgreementEvent(signed, writer);
    expect(refusal(() => checkAppendable('agreement-x', { type: 'AgreementForgotten', data, metadata })).issues[0]!.path).toBe('type');
    expect(refusal(() => checkAppendable('tokens-x', { type: 'AgreementSigned', data, metadata })).issues[0]!.path).toBe('streamId');
  });

  it('decodes only what it could have encoded: a stored event altered outside the store is refused', () => {
    const good = stored(encodeAgreementEvent(signed, writer));
    expect(refusal(() => decodeAgreementEvent({ ...good, data: { ...good.data, version: 0 } })).where).toBe('agreement-kotka-2023@0');
    expect(refusal(() => decodeAgreementEvent({ ...good, metadata: { ...good.metadata, recordedAt: 'yesterday' } })).issues[0]!.path).toBe('metadata.recordedAt');
  });

  it('publishes a JSON Schema for every event type', () => {
    const schemas = agreementEvents.jsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual([...AGREEMENT_EVENT_TYPES].sort());
    expect(schemas.AgreementSigned).toMatchObject({ schemaVersion: 1, schema: { type: 'object', additionalProperties: false } });
    expect(JSON.parse(JSON.stringify(schemas.AgreementDrafted!.schema))).toMatchObject({ required: expect.arrayContaining(['document', 'parties']) });
  });
});

describe('upcasting by schemaVersion', () => {
  // A contract whose Renamed event changed shape in version 2: `name` became `title`.
  type Renamed = { readonly type: 'Renamed'; readonly data: { readonly title: string } };
  const v1 = Type.Object({ name: Type.String() }, { additionalProperties: false });
  const v2 = Type.Object({ title: Type.String() }, { additionalProperties: false });
  const contract = new EventContract<Renamed>('agreement-', {
    Renamed: { versions: [v1, v2], upcasts: [(data) => ({ title: data.name as string })] },
  });

  it('decodes an old version into the current shape, validating it as it was written', () => {
    const old = stored({ type: 'Renamed', data: { name: 'Liite B' }, metadata: { ...writer, schemaVersion: 1 } });
    expect(contract.decode(old).event).toEqual({ type: 'Renamed', data: { title: 'Liite B' } });
    expect(() => contract.decode({ ...old, data: { title: 'Liite B' } })).toThrow(MalformedEventError);
  });

  it('encodes only the current version', () => {
    expect(contract.encode({ type: 'Renamed', data: { title: 'Liite B' } }, writer).metadata).toMatchObject({ schemaVersion: 2 });
    expect(contract.currentVersion('Renamed')).toBe(2);
  });

  it('refuses to read a retired version: one that changed before there was data to upcast', () => {
    const retiring = new EventContract<Renamed>('agreement-', { Renamed: { retired: 1, versions: [v2] } });
    const old = stored({ type: 'Renamed', data: { name: 'Liite B' }, metadata: { ...writer, schemaVersion: 1 } });
    expect(refusal(() => retiring.decode(old)).issues[0]!.message).toBe('schema version 1 of Renamed is retired');
    expect(retiring.encode({ type: 'Renamed', data: { title: 'Liite B' } }, writer).metadata).toMatchObject({ schemaVersion: 2 });
    expect(retiring.decode(stored(retiring.encode({ type: 'Renamed', data: { title: 'Liite B' } }, writer))).event.data).toEqual({ title: 'Liite B' });
  });

  it('insists on an upcast from every older version', () => {
    expect(() => new EventContract<Renamed>('agreement-', { Renamed: { versions: [v1, v2] } })).toThrow(/upcast/);
  });
});
