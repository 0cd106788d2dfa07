import { Module, type DynamicModule, type Provider, type ValueProvider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { LedgerConfig } from '../config/ledger-config.js';
import { STATE_DB, STATE_POSTGRES } from '../state/state.module.js';
import { Authenticator } from './authenticator.js';
import { FirstStartToken } from './first-start.js';
import { AccessGuard } from './guards/access.guard.js';
import { PrincipalGuard } from './guards/principal.guard.js';
import { RateLimitGuard } from './guards/rate-limit.guard.js';
import { MeController } from './me.controller.js';
import { OidcSignIn } from './oidc/oidc-sign-in.js';
import { OidcVerifier } from './oidc/oidc-verifier.js';
import { SessionStore } from './sessions/session-store.js';
import { LedgerTokenStore } from './tokens/ledger-token-store.js';
import { PostgresTokenStore } from './tokens/postgres-token-store.js';
import { TOKEN_STORE, type TokenStore } from './tokens/token-store.js';
import { TokensController } from './tokens/tokens.controller.js';

/**
 * Every route is protected unless marked @Public(). Global guards run in the order provided here:
 * resolve the principal, count the request against the rate limits, then allow or refuse.
 */
@Module({})
export class AuthModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    const guards: Provider[] = [
      { provide: APP_GUARD, useClass: PrincipalGuard },
      { provide: APP_GUARD, useClass: RateLimitGuard },
      { provide: APP_GUARD, useClass: AccessGuard },
    ];
    const oidc = oidcProviders(config);
    return {
      module: AuthModule,
      // The dashboard signs in with the same authenticator and keeps its sessions beside the tokens.
      global: true,
      controllers: [MeController, TokensController],
      providers: [
        {
          provide: TOKEN_STORE,
          useFactory: (db: Database.Database, postgres: pg.Pool | null) => (postgres ? PostgresTokenStore.open(postgres) : new LedgerTokenStore(db)),
          inject: [STATE_DB, STATE_POSTGRES],
        },
        {
          provide: SessionStore,
          useFactory: (db: Database.Database, tokens: TokenStore) => new SessionStore(db, tokens),
          inject: [STATE_DB, TOKEN_STORE],
        },
        ...oidc,
        Authenticator,
        FirstStartToken,
        ...guards,
      ],
      exports: [TOKEN_STORE, SessionStore, Authenticator, ...oidc.map(({ provide }) => provide)],
    };
  }
}

/** Bearer tokens when an issuer is configured; the dashboard's sign-in by redirect, with the same verifier, when a client is too. */
function oidcProviders({ oidc, publicUrl }: LedgerConfig): ValueProvider[] {
  if (!oidc) return [];
  const verifier = new OidcVerifier(oidc);
  const { signIn } = oidc;
  // The configuration requires LEDGER_PUBLIC_URL with a client.
  const signInProvider = signIn && publicUrl !== undefined ? [{ provide: OidcSignIn, useValue: new OidcSignIn({ ...oidc, signIn }, verifier, publicUrl) }] : [];
  return [{ provide: OidcVerifier, useValue: verifier }, ...signInProvider];
}
