import Database from 'better-sqlite3';
import { migrateState } from '../../state/state-schema.js';
import { LedgerTokenStore } from '../tokens/ledger-token-store.js';
import { SessionStore } from './session-store.js';

describe('SessionStore', () => {
  let now: Date;
  let tokens: LedgerTokenStore;
  let sessions: SessionStore;
  const clock = () => now;

  beforeEach(() => {
    now = new Date('2026-01-10T08:00:00Z');
    const db = new Database(':memory:');
    migrateState(db);
    tokens = new LedgerTokenStore(db, clock);
    sessions = new SessionStore(db, tokens, clock);
  });

  const signedIn = () => {
    const { token, record } = tokens.create({ name: 'Kotkan kirjaamo', role: 'clerk', partyId: '0161999-9' });
    return { record, ...sessions.create(tokens.authenticate(token)!) };
  };

  it('finds the session by the cookie id only, with its principal and a CSRF token of its own', async () => {
    const { id, session } = signedIn();
    expect(await sessions.find(id)).toEqual(session);
    expect(session.principal).toMatchObject({ name: 'Kotkan kirjaamo', role: 'clerk', partyId: '0161999-9' });
    expect(session.csrfToken).not.toBe(id);
    expect(await sessions.find(`${id}x`)).toBeUndefined();
  });

  it('lasts 12 hours at most', async () => {
    const { id } = signedIn();
    now = new Date('2026-01-10T19:59:59Z');
    expect(await sessions.find(id)).toBeDefined();
    now = new Date('2026-01-10T20:00:00Z');
    expect(await sessions.find(id)).toBeUndefined();
  });

  it('ends earlier with a credential that expires earlier (an OIDC token)', async () => {
    const { id } = sessions.create({ id: 'oidc:a', name: 'A', role: 'auditor', authenticatedBy: 'oidc' }, { credentialExpiresAt: new Date('2026-01-10T09:00:00Z') });
    now = new Date('2026-01-10T09:00:00Z');
    expect(await sessions.find(id)).toBeUndefined();
  });

  it("keeps a sign-in by redirect's ID token for the provider's logout", async () => {
    const { id } = sessions.create({ id: 'oidc:a', name: 'A', role: 'auditor', authenticatedBy: 'oidc' }, { idToken: 'eyJ.id.token' });
    expect((await sessions.find(id))?.idToken).toBe('eyJ.id.token');
    expect((await sessions.find(signedIn().id))?.idToken).toBeUndefined();
  });

  it('ends when signed out, and when its ledger token is revoked', async () => {
    const first = signedIn();
    sessions.end(first.id);
    expect(await sessions.find(first.id)).toBeUndefined();
    const second = signedIn();
    tokens.revoke(second.record.id);
    expect(await sessions.find(second.id)).toBeUndefined();
  });
});
