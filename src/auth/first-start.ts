import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ANNOUNCE, type Announce } from './announce.js';
import { TOKEN_STORE, type TokenStore } from './tokens/token-store.js';

/**
 * On the very first start there is no way in: create one admin token and show it once. It is
 * written straight to the console (never through the logger) and never shown again.
 */
@Injectable()
export class FirstStartToken implements OnApplicationBootstrap {
  constructor(
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @Inject(ANNOUNCE) private readonly announce: Announce,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.tokens.createFirstAdminIfNone('first admin');
    if (!created) return;
    this.announce(
      [
        '',
        'First start: no access token existed, so one admin token was created. It is shown only this once:',
        '',
        `    ${created.token}`,
        '',
        `Use it as "Authorization: Bearer <token>". Create more (and revoke this one, ${created.record.id}) with`,
        '    npx ledger token create --role clerk --party <business id> --name "<name>"',
        '    npx ledger token revoke <id>',
        '',
      ].join('\n'),
    );
  }
}
