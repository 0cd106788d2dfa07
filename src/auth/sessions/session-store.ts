import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from '../principal.js';
import type { TokenStore } from '../tokens/token-store.js';

/** A browser session lasts a working day at most, whatever the credential allows. */
export const SESSION_HOURS = 12;

export interface Session {
  readonly principal: Principal;
  /** The synchronizer token every state-changing form of the session carries. */
  readonly csrfToken: string;
  readonly expiresAt: string;
  /** The provider's ID token of a sign-in by redirect: its logout endpoint asks for it back. */
  readonly idToken?: string;
}

interface Row {
  principal: string;
  csrf_token: string;
  expires_at: string;
  id_token: string | null;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Browser sessions of the dashboard, in the state database so that every instance sees them and
 * signing out ends them everywhere. The cookie holds only a random id; the table holds its hash,
 * the principal it signed in as and the CSRF token. A session made from a ledger token ends when
 * the token is revoked or expires, at the next request. Its table is state.sqlite's (state-schema.ts).
 */
export class SessionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly tokens: TokenStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Starts a session; `credentialExpiresAt` (a pasted OIDC access token's `exp`) shortens it, and
   * `idToken` is kept for the provider's logout. Returns the cookie's id.
   */
  create(principal: Principal, { credentialExpiresAt, idToken }: { credentialExpiresAt?: Date; idToken?: string } = {}): { id: string; session: Session } {
    const now = this.now();
    const longest = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    const expiresAt = (credentialExpiresAt && credentialExpiresAt < longest ? credentialExpiresAt : longest).toISOString();
    const id = randomBytes(32).toString('base64url');
    const session: Session = { principal, csrfToken: randomBytes(32).toString('base64url'), expiresAt, ...(idToken !== undefined && { idToken }) };
    this.db.prepare('DELETE FROM dashboard_sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db
      .prepare('INSERT INTO dashboard_sessions (id_hash, principal, csrf_token, created_at, expires_at, id_token) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha256(id), JSON.stringify(principal), session.csrfToken, now.toISOString(), expiresAt, idToken ?? null);
    return { id, session };
  }

  /** The live session for a cookie's id, or undefined (unknown, signed out, expired, or its token revoked). */
  async find(id: string): Promise<Session | undefined> {
    const row = this.db.prepare('SELECT principal, csrf_token, expires_at, id_token FROM dashboard_sessions WHERE id_hash = ?').get(sha256(id)) as Row | undefined;
    if (!row || new Date(row.expires_at) <= this.now()) return undefined;
    const principal = JSON.parse(row.principal) as Principal;
    if (principal.authenticatedBy === 'ledger-token' && !(await this.tokenStillValid(principal.id))) return undefined;
    return { principal, csrfToken: row.csrf_token, expiresAt: row.expires_at, ...(row.id_token !== null && { idToken: row.id_token }) };
  }

  end(id: string): void {
    this.db.prepare('DELETE FROM dashboard_sessions WHERE id_hash = ?').run(sha256(id));
  }

  private async tokenStillValid(principalId: string): Promise<boolean> {
    const token = await this.tokens.get(principalId.replace(/^token:/, ''));
    return token !== undefined && token.revokedAt === undefined && (token.expiresAt === undefined || new Date(token.expiresAt) > this.now());
  }
}
