/**
 * Access control over real HTTP: ledger tokens and OIDC access tokens, 401/403, revocation,
 * the first-start token, hardening (headers, body limit, rate limit).
 */
import { spawnSync } from 'node:child_process';
import { startTestIssuer, type TestIssuer } from './support/oidc-issuer.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KOTKA = '0161999-9';

function ledgerCli(dataDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bin/ledger.js', '--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

describe('access control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  describe('ledger tokens', () => {
    it('the first-start admin token works and says who the caller is', async () => {
      const res = await t.call('/me', { token: t.adminToken });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        id: expect.stringMatching(/^token:tok_[0-9a-f]{16}$/),
        name: 'first admin',
        role: 'admin',
        authenticatedBy: 'ledger-token',
      });
    });

    it('a clerk token carries its party, an admin token its region', async () => {
      const clerk = t.createToken({ role: 'clerk', partyId: KOTKA, name: 'Kotkan kirjaamo' });
      const admin = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Kymenlaakson aluehallinto' });
      expect(await (await t.call('/me', { token: clerk })).json()).toMatchObject({ role: 'clerk', partyId: KOTKA, name: 'Kotkan kirjaamo' });
      expect(await (await t.call('/me', { token: admin })).json()).toMatchObject({ role: 'admin', region: 'Kymenlaakso' });
    });

    it.each([
      ['no Authorization header', undefined],
      ['an empty bearer', 'Bearer '],
      ['another scheme', 'Basic YWRtaW46YWRtaW4='],
      ['a garbled ledger token', 'Bearer ldg_notarealtoken'],
      ['a well-formed but unknown ledger token', `Bearer ldg_${'A'.repeat(43)}`],
      ['a JWT when no issuer is configured', 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
    ])('answers %s with 401 and a problem document', async (_label, authorization) => {
      const res = await fetch(`${t.api}/me`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="agreement-ledger"/);
      expect(await res.json()).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
    });

    it('refuses an expired token', async () => {
      const expired = t.createToken({ role: 'auditor', name: 'Tarkastaja', expiresAt: '2020-01-01T00:00:00.000Z' });
      expect((await t.call('/me', { token: expired })).status).toBe(401);
    });

    it('a token revoked with `ledger token revoke` stops working in the running server within a second', async () => {
      const created = ledgerCli(t.dataDir, '--json', 'token', 'create', '--role', 'auditor', '--name', 'KPMG tarkastaja');
      expect(created.status).toBe(0);
      const { id, token, role, name } = JSON.parse(created.stdout) as Record<string, string>;
      expect({ role, name }).toEqual({ role: 'auditor', name: 'KPMG tarkastaja' });
      expect((await t.call('/me', { token })).status).toBe(200);

      const listed = JSON.parse(ledgerCli(t.dataDir, '--json', 'token', 'list').stdout) as { items: Array<Record<string, unknown>> };
      expect(listed.items.find((i) => i.id === id)).toMatchObject({ role: 'auditor', lastUsedAt: expect.any(String) });
      expect(JSON.stringify(listed)).not.toContain(token);

      expect(ledgerCli(t.dataDir, 'token', 'revoke', id!).status).toBe(0);
      // The server reads a token's row again once a second (ledger-token-store.spec.ts holds it to that).
      let status = 200;
      for (let tries = 0; status === 200 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await t.call('/me', { token })).status;
      }
      expect(status).toBe(401);
    });

    it('the CLI refuses a clerk token without a valid party', () => {
      const noParty = ledgerCli(t.dataDir, 'token', 'create', '--role', 'clerk', '--name', 'x');
      expect(noParty.status).toBe(2);
      expect(noParty.stderr).toContain('a clerk token needs --party');
      const badParty = ledgerCli(t.dataDir, 'token', 'create', '--role', 'clerk', '--party', '0161999-1', '--name', 'x');
      expect(badParty.stderr).toContain('0161999-1 is not a valid business id');
    });
  });

  describe('roles', () => {
    it('token management is for admins: 403 for a clerk and an auditor, 403 for a region-limited admin', async () => {
      const clerk = t.createToken({ role: 'clerk', partyId: KOTKA, name: 'Kotkan kirjaamo' });
      const auditor = t.createToken({ role: 'auditor', name: 'Tarkastaja' });
      const regional = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Aluehallinto' });
      for (const token of [clerk, auditor, regional]) {
        const res = await t.call('/tokens', { token });
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ status: 403, title: 'Forbidden' });
      }
      expect((await t.call('/tokens', { token: t.adminToken })).status).toBe(200);
    });

    it('an admin creates and revokes tokens over HTTP; the list never shows a secret', async () => {
      const res = await t.call('/tokens', {
        method: 'POST',
        token: t.adminToken,
        json: { role: 'clerk', partyId: '0161999–9', name: 'Kotkan kirjaamo' },
      });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; token: string; partyId: string };
      expect(created.partyId).toBe(KOTKA); // en dash normalised
      expect((await t.call('/me', { token: created.token })).status).toBe(200);
      const list = await (await t.call('/tokens', { token: t.adminToken })).text();
      expect(list).toContain(created.id);
      expect(list).not.toContain(created.token);
      expect((await t.call(`/tokens/${created.id}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
      expect((await t.call('/me', { token: created.token })).status).toBe(401);
    });

    it('refuses an invalid token request with 400 listing the fields', async () => {
      const res = await t.call('/tokens', { method: 'POST', token: t.adminToken, json: { role: 'superuser', name: '', extra: 1 } });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field).sort()).toEqual(['extra', 'name', 'role']);
    });
  });

  describe('hardening', () => {
    it('sends security headers and no CORS headers unless configured', async () => {
      const res = await fetch(`${t.api}/health`, { headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toBeTruthy();
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a body over the limit with 413', async () => {
      const res = await t.call('/tokens', {
        method: 'POST',
        token: t.adminToken,
        json: { role: 'auditor', name: 'x'.repeat(300 * 1024) },
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 413 });
    });
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT: '5' });
  });
  afterAll(async () => t.close());

  it('answers 429 with a problem document past LEDGER_RATE_LIMIT requests a minute; health stays open', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.call('/me', { token: t.adminToken })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const res = await t.call('/me');
    expect(res.status).toBe(429); // the IP's budget is spent too: guessing tokens is throttled
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect((await t.call('/health')).status).toBe(200);
  });
});

describe('OIDC access tokens', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    t = await startTestApp({ LEDGER_OIDC_ISSUER: issuer.issuer, LEDGER_OIDC_AUDIENCE: 'agreement-ledger' });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('accepts a token from the issuer and maps its claims to a principal', async () => {
    const jwt = await issuer.sign({ sub: 'u-42', name: 'Maija Meikäläinen', ledger_role: 'clerk', ledger_party: KOTKA });
    const res = await t.call('/me', { token: jwt });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: `oidc:${issuer.issuer}#u-42`,
      name: 'Maija Meikäläinen',
      role: 'clerk',
      partyId: KOTKA,
      authenticatedBy: 'oidc',
    });
  });

  it.each([
    ['expired', () => issuer.sign({ ledger_role: 'auditor' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    ['for another audience', () => issuer.sign({ ledger_role: 'auditor' }, { audience: 'someone-else' })],
    ['from another issuer', () => issuer.sign({ ledger_role: 'auditor' }, { issuer: 'https://evil.example' })],
    ['signed by a key the issuer never published', async () => issuer.sign({ ledger_role: 'auditor' }, { key: await issuer.strangerKey() })],
    ['without a ledger role', () => issuer.sign({ sub: 'u-1' })],
    ['for a clerk without a valid party', () => issuer.sign({ ledger_role: 'clerk', ledger_party: '0161999-1' })],
  ])('refuses a token %s with 401', async (_label, make) => {
    const res = await t.call('/me', { token: await make() });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401 });
  });

  it('refuses an unsigned or HMAC-signed token (algorithm confusion)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', ledger_role: 'admin', iss: issuer.issuer, aud: 'agreement-ledger', exp: 9999999999 })).toString('base64url');
    expect((await t.call('/me', { token: `${header}.${payload}.` })).status).toBe(401);
  });
});
