import { canActFor, canAdminister, canSee, type AgreementScope } from './access-policy.js';
import type { Principal } from './principal.js';

const KOTKA = '0161999-9';
const HAMINA = '0170906-2';
const kymenlaakso: AgreementScope = { region: 'Kymenlaakso', partyIds: [KOTKA, HAMINA] };

const admin: Principal = { id: 'a', name: 'Ylläpito', role: 'admin', authenticatedBy: 'ledger-token' };
const regionalAdmin = (region: string): Principal => ({ ...admin, id: `a-${region}`, region });
const clerk = (partyId: string): Principal => ({ id: `c-${partyId}`, name: 'Kirjaamo', role: 'clerk', partyId, authenticatedBy: 'ledger-token' });
const auditor: Principal = { id: 'u', name: 'Tarkastaja', role: 'auditor', authenticatedBy: 'oidc' };

describe('access policy', () => {
  it('auditors and unlimited admins see every agreement; region admins only their region', () => {
    expect(canSee(auditor, kymenlaakso)).toBe(true);
    expect(canSee(admin, kymenlaakso)).toBe(true);
    expect(canSee(regionalAdmin('Kymenlaakso'), kymenlaakso)).toBe(true);
    expect(canSee(regionalAdmin('Keski-Pohjanmaa'), kymenlaakso)).toBe(false);
  });

  it('a clerk sees only agreements its party is a party of', () => {
    expect(canSee(clerk(KOTKA), kymenlaakso)).toBe(true);
    expect(canSee(clerk('1567535-0'), kymenlaakso)).toBe(false);
  });

  it('only admins of the region administer (draft, amend, terminate)', () => {
    expect(canAdminister(admin, kymenlaakso)).toBe(true);
    expect(canAdminister(regionalAdmin('Kymenlaakso'), kymenlaakso)).toBe(true);
    expect(canAdminister(regionalAdmin('Keski-Pohjanmaa'), kymenlaakso)).toBe(false);
    expect(canAdminister(clerk(KOTKA), kymenlaakso)).toBe(false);
    expect(canAdminister(auditor, kymenlaakso)).toBe(false);
  });

  it('a clerk acts only for its own party; an admin of the region for any; an auditor for none', () => {
    expect(canActFor(clerk(KOTKA), kymenlaakso, KOTKA)).toBe(true);
    expect(canActFor(clerk(KOTKA), kymenlaakso, HAMINA)).toBe(false);
    expect(canActFor(clerk('1567535-0'), kymenlaakso, '1567535-0')).toBe(false);
    expect(canActFor(regionalAdmin('Kymenlaakso'), kymenlaakso, HAMINA)).toBe(true);
    expect(canActFor(regionalAdmin('Keski-Pohjanmaa'), kymenlaakso, HAMINA)).toBe(false);
    expect(canActFor(auditor, kymenlaakso, KOTKA)).toBe(false);
  });
});
