import { kymenlaaksoParties } from '../fixtures/kymenlaakso.js';

/** A decision request body: Kotka's council approving version 1 (§ 88 of 13 Nov 2023), with `extra` on top. */
export const decisionBody = (extra: Record<string, unknown> = {}) => ({
  partyId: kymenlaaksoParties.kotka.partyId,
  body: 'Kotkan kaupunginvaltuusto',
  outcome: 'approved',
  version: 1,
  decidedOn: '2023-11-13',
  meeting: { section: '§ 88', diaryNumber: '626/00.04.01/2023' },
  ...extra,
});
