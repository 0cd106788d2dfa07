import type { AmendmentChange } from '../src/core/agreement-events.js';
import { evolve, initialAgreementProjection, InvalidAgreementStreamError, projectAgreement, RevisionGapError } from './agreement-projection.js';
import { status } from './status.js';
import {
  amended,
  annexBRevised,
  annulled,
  approvedAndSignedByBoth,
  council,
  county,
  decided,
  drafted,
  hamina,
  kotka,
  record,
  signedBy,
  terminated,
  withId,
} from './testing/agreement-fixtures.js';
import { versions } from './versions.js';

const history = record(
  drafted(),
  approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
  amended(2, [annexBRevised, { op: 'add-party', party: hamina }]),
  withId('kotka-v2', decided(kotka, 'approved', '2024-05-10', { version: 2 })),
  annulled('kotka-v2', '2024-06-01'),
  signedBy(hamina, '2024-05-12', { version: 2 }),
  terminated('2025-01-01'),
);

describe('the agreement projection', () => {
  it('replaying the same events twice changes nothing (at-least-once delivery)', () => {
    const once = projectAgreement(history);
    const twice = projectAgreement([...history, ...history]);
    expect(twice).toEqual(once);
    expect(history.reduce(evolve, once)).toBe(once);
  });

  it('is plain JSON: a stored and reloaded state answers the same', () => {
    const state = projectAgreement(history);
    const reloaded = JSON.parse(JSON.stringify(state)) as typeof state;
    const query = { asOf: '2024-07-01' };
    expect(status(reloaded, query)).toEqual(status(state, query));
    expect(versions(reloaded, query)).toEqual(versions(state, query));
  });

  it('never changes what a state it was given answers, and branches from it independently', () => {
    const before = projectAgreement(history.slice(0, 8));
    const query = { asOf: '2025-06-01' };
    const answered = status(before, query);
    const after = history.slice(8).reduce(evolve, before);
    const branch = evolve(before, { ...history[8], event: decided(hamina, 'rejected', '2024-05-13', { version: 2 }) });
    expect(status(before, query)).toEqual(answered);
    expect(status(JSON.parse(JSON.stringify(before)) as typeof before, query)).toEqual(answered);
    expect(status(after, query)?.terminatedOn).toBe('2025-01-01');
    expect(status(branch, query)).toMatchObject({ terminatedOn: null, pending: [{}, {}, { approval: 'rejected' }] });
    expect(status(after, query)?.pending[2]).toMatchObject({ approval: 'missing' });
  });

  it('builds each version from the one it is based on', () => {
    const changes: AmendmentChange[] = [
      { op: 'add-annex', annexId: 'C', title: 'Liite C: valmiussuunnitelma', sha256: 'c'.repeat(64), publicity: 'confidential', legalBasis: 'JulkL 24 § 1 mom. 8 k.' },
      { op: 'remove-party', partyId: kotka.partyId },
      { op: 'add-party', party: council },
      { op: 'revise-document', sha256: 'd'.repeat(64) },
    ];
    const state = projectAgreement(record(drafted(), amended(2, [annexBRevised]), amended(3, changes, 'Valmiusliite')));
    const [, version2, version3] = versions(state, { asOf: '2024-07-01' }) ?? [];
    expect(version2.annexes).toEqual([{ annexId: 'B', title: 'Liite B: häiriötilanteet', sha256: 'c'.repeat(64), publicity: 'public' }]);
    expect(version3).toMatchObject({
      version: 3,
      basedOn: 2,
      summary: 'Valmiusliite',
      createdAt: '2024-12-01T08:03:00.000Z',
      document: { title: 'Yhteistyösopimus', sha256: 'd'.repeat(64) },
      parties: [county, council],
      changes,
    });
    expect(version3.annexes.map((annex) => [annex.annexId, annex.publicity])).toEqual([['B', 'public'], ['C', 'confidential']]);
  });

  it('refuses a stream that breaks what the decider guarantees', () => {
    const [draft] = record(drafted());
    const [, orphan] = record(drafted(), decided(kotka, 'approved', '2024-02-05'));
    const [, ofNothing] = record(drafted(), signedBy(kotka, '2024-02-05', { version: 2 }));
    expect(() => evolve(initialAgreementProjection(), orphan)).toThrow(InvalidAgreementStreamError);
    expect(() => evolve(evolve(initialAgreementProjection(), draft), { ...draft, revision: 1 })).toThrow(/second draft/);
    expect(() => projectAgreement(record(drafted(), amended(2, []), amended(4, [])))).toThrow(/version 4/);
    expect(() => evolve(projectAgreement([draft]), ofNothing)).toThrow(/version 2, which does not exist/);
  });

  it('refuses a revision gap instead of answering from a history with holes', () => {
    const atFive = projectAgreement(history.slice(0, 6));
    const gap = (): unknown => evolve(atFive, history[7]);
    expect(gap).toThrow(RevisionGapError);
    expect(gap).toThrow(InvalidAgreementStreamError);
    expect(gap).toThrow('agreement-kymenlaakso-hyvinvointi: expected revision 6, found 7 (position 1007)');
    expect(() => evolve(atFive, history[6])).not.toThrow();
    expect(() => projectAgreement([history[0], ...history.slice(2)])).toThrow(
      expect.objectContaining({ agreementId: 'kymenlaakso-hyvinvointi', expectedRevision: 1, foundRevision: 2 }),
    );
    // Before the draft, the first event must be revision 0 too: a stream read from its middle.
    expect(() => projectAgreement(history.slice(1))).toThrow(expect.objectContaining({ agreementId: undefined, expectedRevision: 0, foundRevision: 1 }));
    expect(() => evolve(initialAgreementProjection(), { ...history[0], revision: 3 })).toThrow(/agreement-kymenlaakso-hyvinvointi: expected revision 0, found 3/);
  });

  it('re-applying any revision already applied, in any order, changes nothing', () => {
    const state = projectAgreement(history);
    for (const recorded of [...history].reverse()) expect(evolve(state, recorded)).toBe(state);
  });
});
