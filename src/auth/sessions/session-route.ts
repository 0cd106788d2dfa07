import { SetMetadata } from '@nestjs/common';

export const SESSION_KEY = 'ledger:session';

/**
 * The dashboard's pages: the caller is the browser session's principal (cookie), never an
 * Authorization header; and no API route accepts the cookie, so another site cannot make a
 * browser call the API with it.
 */
export const SessionAuth = () => SetMetadata(SESSION_KEY, true);
