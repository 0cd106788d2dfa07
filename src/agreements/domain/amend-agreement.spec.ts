import { given } from './agreement-decider.spec-helper.js';
import {
  PREPAREDNESS_BASIS,
  agreementTerminated,
  amendAgreement,
  amended,
  drafted,
  joensuu,
  liperi,
  nurmes,
  sha,
} from './agreement-samples.spec-helper.js';

describe('amending an agreement', () => {
  it('creates version 2 from version 1 by amending an annex', () => {
    given([drafted]).when(amendAgreement()).then([amended()]);
  });

  it('creates version n+1 from the latest version n', () => {
    given([drafted, amended()])
      .when(amendAgreement({ basedOn: 2, changes: [{ op: 'revise-document', sha256: sha('e') }] }))
      .then([amended({ version: 3, basedOn: 2, changes: [{ op: 'revise-document', sha256: sha('e') }] })]);
  });

  it('records every kind of change, normalised: ids hyphenated, new annexes public unless confidential', () => {
    given([drafted])
      .when(
        amendAgreement({
          summary: 'Nurmes liittyy, Liperi eroaa; liite C lisätty, liite A poistettu',
          changes: [
            { op: 'add-party', party: { ...nurmes, partyId: '0207669\u20130' } },
            { op: 'remove-party', partyId: '0169583\u20136' },
            { op: 'add-annex', annexId: 'C', title: 'Työllisyyden hoito', sha256: sha('f') },
            { op: 'add-annex', annexId: 'D', title: 'Valmiussuunnitelma', sha256: sha('0'), publicity: 'confidential', legalBasis: PREPAREDNESS_BASIS },
            { op: 'remove-annex', annexId: 'A' },
            { op: 'amend-annex', annexId: 'B', title: 'Sopimus yhteistyöstä häiriötilanteissa', sha256: sha('1') },
            { op: 'revise-document', title: 'Yhteistyösopimus 2025', sha256: sha('2') },
          ],
        }),
      )
      .then([
        amended({
          summary: 'Nurmes liittyy, Liperi eroaa; liite C lisätty, liite A poistettu',
          changes: [
            { op: 'add-party', party: nurmes },
            { op: 'remove-party', partyId: liperi.partyId },
            { op: 'add-annex', annexId: 'C', title: 'Työllisyyden hoito', sha256: sha('f'), publicity: 'public' },
            { op: 'add-annex', annexId: 'D', title: 'Valmiussuunnitelma', sha256: sha('0'), publicity: 'confidential', legalBasis: PREPAREDNESS_BASIS },
            { op: 'remove-annex', annexId: 'A' },
            { op: 'amend-annex', annexId: 'B', title: 'Sopimus yhteistyöstä häiriötilanteissa', sha256: sha('1') },
            { op: 'revise-document', title: 'Yhteistyösopimus 2025', sha256: sha('2') },
          ],
        }),
      ]);
  });

  it('applies changes in order: an annex removed and added again is replaced', () => {
    const changes = [
      { op: 'remove-annex', annexId: 'A' },
      { op: 'add-annex', annexId: 'A', title: 'Uusi liite A', sha256: sha('3'), publicity: 'public' },
    ] as const;
    given([drafted]).when(amendAgreement({ changes })).then([amended({ changes })]);
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(amendAgreement()).thenThrows('agreement-not-found');
  });

  it('refuses a terminated agreement, once the termination has taken effect', () => {
    given([drafted, agreementTerminated({ effectiveOn: '2024-05-01' })]).when(amendAgreement()).thenThrows('agreement-terminated');
  });

  it('refuses to build on a version that is not the latest', () => {
    given([drafted, amended()]).when(amendAgreement({ basedOn: 1 })).thenThrows('amendment-not-based-on-latest', 'basedOn');
  });

  it('refuses to build on a version that does not exist', () => {
    given([drafted]).when(amendAgreement({ basedOn: 2 })).thenThrows('unknown-version', 'basedOn');
  });

  it('refuses an amendment without changes', () => {
    given([drafted]).when(amendAgreement({ changes: [] })).thenThrows('amendment-without-changes', 'changes');
  });

  it('refuses an empty summary', () => {
    given([drafted]).when(amendAgreement({ summary: '' })).thenThrows('text-required', 'summary');
  });

  describe('each change is checked against the version it is based on', () => {
    it('refuses to amend an annex the version does not have', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'revise-document', sha256: sha('e') }, { op: 'amend-annex', annexId: 'Z', sha256: sha('d') }] }))
        .thenThrows('unknown-annex', 'changes[1].annexId');
    });

    it('refuses to amend an annex an earlier version removed', () => {
      given([drafted, amended({ changes: [{ op: 'remove-annex', annexId: 'B' }] })])
        .when(amendAgreement({ basedOn: 2 }))
        .thenThrows('unknown-annex', 'changes[0].annexId');
    });

    it('accepts amending an annex an earlier version added', () => {
      const addC = { op: 'add-annex', annexId: 'C', title: 'Liite C', sha256: sha('f'), publicity: 'public' } as const;
      const amendC = { op: 'amend-annex', annexId: 'C', sha256: sha('4') } as const;
      given([drafted, amended({ changes: [addC] })])
        .when(amendAgreement({ basedOn: 2, changes: [amendC] }))
        .then([amended({ version: 3, basedOn: 2, changes: [amendC] })]);
    });

    it('refuses to remove an annex the version does not have', () => {
      given([drafted]).when(amendAgreement({ changes: [{ op: 'remove-annex', annexId: 'Z' }] })).thenThrows('unknown-annex', 'changes[0].annexId');
    });

    it('refuses to add an annex id the version already has', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-annex', annexId: 'B', title: 'Toinen B', sha256: sha('5') }] }))
        .thenThrows('duplicate-annex', 'changes[0].annexId');
    });

    it('refuses to add the same annex twice in one amendment', () => {
      const addC = { op: 'add-annex', annexId: 'C', title: 'Liite C', sha256: sha('f') } as const;
      given([drafted]).when(amendAgreement({ changes: [addC, addC] })).thenThrows('duplicate-annex', 'changes[1].annexId');
    });

    it('refuses a confidential new annex without its legal basis', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-annex', annexId: 'C', title: 'Liite C', sha256: sha('f'), publicity: 'confidential' }] }))
        .thenThrows('legal-basis-required', 'changes[0].legalBasis');
    });

    it('refuses to add a party the version already has', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-party', party: { ...joensuu, partyId: '0242746\u20132' } }] }))
        .thenThrows('duplicate-party', 'changes[0].party.partyId');
    });

    it('refuses to add a party whose business id fails its check digit', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-party', party: { ...nurmes, partyId: '0207669-1' } }] }))
        .thenThrows('invalid-party-id', 'changes[0].party.partyId');
    });

    it('refuses to remove a party the version does not have', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'remove-party', partyId: nurmes.partyId }] }))
        .thenThrows('unknown-party', 'changes[0].partyId');
    });

    it('refuses to remove a party by an invalid business id', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'remove-party', partyId: '0169583-7' }] }))
        .thenThrows('invalid-party-id', 'changes[0].partyId');
    });

    it('refuses to leave fewer than two parties', () => {
      given([drafted])
        .when(
          amendAgreement({
            changes: [
              { op: 'remove-party', partyId: joensuu.partyId },
              { op: 'remove-party', partyId: liperi.partyId },
            ],
          }),
        )
        .thenThrows('too-few-parties', 'changes');
    });

    it('accepts removing parties when others join in the same amendment', () => {
      const changes = [
        { op: 'remove-party', partyId: joensuu.partyId },
        { op: 'remove-party', partyId: liperi.partyId },
        { op: 'add-party', party: nurmes },
      ] as const;
      given([drafted]).when(amendAgreement({ changes })).then([amended({ changes })]);
    });
  });
});
