import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNCIL_TERMS } from '../core/council-terms.js';
import { SIGNATURE_TYPE, verifierKeyOf } from '../core/signed-note.js';
import { ConfigError, loadConfig } from './ledger-config.js';

describe('configuration', () => {
  it('defaults to the embedded store in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.store).toEqual({ kind: 'sqlite', file: `${config.dataDir}/ledger.sqlite` });
  });

  it('reads PORT, LEDGER_DATA_DIR and the EventStoreDB selection', () => {
    const config = loadConfig({
      PORT: '8080',
      LEDGER_DATA_DIR: '/var/lib/ledger',
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/var/lib/ledger');
    expect(config.store).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
  });

  it('reads the PostgreSQL selection', () => {
    const config = loadConfig({ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: 'postgres://ledger@db:5432/ledger' });
    expect(config.store).toEqual({ kind: 'postgres', connectionString: 'postgres://ledger@db:5432/ledger' });
  });

  it('reads the lease time (default 10 s) and the signing key file of several instances', () => {
    expect(loadConfig({}).leaseSeconds).toBe(10);
    const config = loadConfig({ LEDGER_LEASE_SECONDS: '3', LEDGER_SIGNING_KEY_FILE: '/etc/ledger/log-keys.json' });
    expect(config.leaseSeconds).toBe(3);
    expect(config.checkpoints.signingKeyFile).toBe('/etc/ledger/log-keys.json');
    expect(() => loadConfig({ LEDGER_LEASE_SECONDS: '0' })).toThrow(/LEDGER_LEASE_SECONDS/);
  });

  it('reads the checkpoint settings: origin, interval (default 60 s) and witness keys of type cosignature/v1', () => {
    expect(loadConfig({}).checkpoints).toEqual({ intervalSeconds: 60, witnessKeys: [] });
    const witness = verifierKeyOf({ name: 'witness.kotka.example', type: SIGNATURE_TYPE.cosignatureV1, seed: Buffer.alloc(32, 1) });
    const config = loadConfig({ LEDGER_LOG_ORIGIN: 'ledger.example.fi/kymenlaakso', LEDGER_CHECKPOINT_INTERVAL: '0', LEDGER_WITNESS_KEYS: ` ${witness} ,` });
    expect(config.checkpoints).toEqual({ origin: 'ledger.example.fi/kymenlaakso', intervalSeconds: 0, witnessKeys: [witness] });
    const logKey = verifierKeyOf({ name: 'ledger.example.fi', type: SIGNATURE_TYPE.ed25519, seed: Buffer.alloc(32, 1) });
    expect(() => loadConfig({ LEDGER_WITNESS_KEYS: logKey })).toThrow(/LEDGER_WITNESS_KEYS: .* is not a cosignature\/v1 key/);
    expect(() => loadConfig({ LEDGER_WITNESS_KEYS: 'witness+00000000+AAAA' })).toThrow(/LEDGER_WITNESS_KEYS/);
    expect(() => loadConfig({ LEDGER_LOG_ORIGIN: 'two words' })).toThrow(/LEDGER_LOG_ORIGIN/);
    expect(() => loadConfig({ LEDGER_CHECKPOINT_INTERVAL: '-1' })).toThrow(/LEDGER_CHECKPOINT_INTERVAL/);
  });

  it('ignores unrelated variables such as HOSTNAME', () => {
    expect(loadConfig({ HOSTNAME: 'ledger-1', PATH: '/usr/bin' }).host).toBe('127.0.0.1');
  });

  it("ignores the test suite's LEDGER_TEST_ settings", () => {
    expect(loadConfig({ LEDGER_TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/test' }).store.kind).toBe('sqlite');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer number \(got "abc"\)/],
    [{ PORT: "70000" }, /PORT must not be greater than 65535 \(got "70000"\)/],
    [{ LEDGER_STORE: 'mysql' }, /LEDGER_STORE must be one of the following values: sqlite, postgres, eventstoredb/],
    [{ LEDGER_STORE: 'postgres' }, /LEDGER_POSTGRES_URL is required when LEDGER_STORE=postgres/],
    [{ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: 'db:5432' }, /LEDGER_POSTGRES_URL must be a postgres:\/\/ connection URL/],
    [{ LEDGER_STORE: 'eventstoredb' }, /EVENTSTORE_CONNECTION_STRING is required when LEDGER_STORE=eventstoredb/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('configuration of access and hardening', () => {
  it('defaults to 1200 requests a minute, a 256 KiB body limit, no CORS and no OIDC', () => {
    const config = loadConfig({});
    expect(config.rateLimitPerMinute).toBe(1200);
    expect(config.bodyLimitBytes).toBe(262144);
    expect(config.corsOrigins).toEqual([]);
    expect(config.oidc).toBeUndefined();
  });

  it('reads the OIDC issuer with its audience and claim names', () => {
    const config = loadConfig({
      LEDGER_OIDC_ISSUER: 'https://login.kymenhva.fi/realms/ledger',
      LEDGER_OIDC_AUDIENCE: 'agreement-ledger',
      LEDGER_OIDC_ROLE_CLAIM: 'realm_access.roles',
      LEDGER_RATE_LIMIT: '0',
    });
    expect(config.rateLimitPerMinute).toBe(0);
    expect(config.oidc).toEqual({
      issuer: 'https://login.kymenhva.fi/realms/ledger',
      audience: 'agreement-ledger',
      clockToleranceSeconds: 30,
      claims: { role: 'realm_access.roles', partyId: 'ledger_party', region: 'ledger_region', name: 'name' },
    });
  });

  it('reads the dashboard sign-in by redirect: client, secret, scopes (default openid profile) and the public origin', () => {
    const issuer = { LEDGER_OIDC_ISSUER: 'https://login.kymenhva.fi/realms/ledger', LEDGER_OIDC_AUDIENCE: 'agreement-ledger' };
    expect(loadConfig(issuer).oidc?.signIn).toBeUndefined();
    const config = loadConfig({ ...issuer, LEDGER_OIDC_CLIENT_ID: 'ledger-dashboard', LEDGER_PUBLIC_URL: 'https://ledger.kymenhva.fi/' });
    expect(config.oidc?.signIn).toEqual({ clientId: 'ledger-dashboard', scopes: 'openid profile' });
    expect(config.publicUrl).toBe('https://ledger.kymenhva.fi');
    const confidential = loadConfig({ ...issuer, LEDGER_OIDC_CLIENT_ID: 'c', LEDGER_OIDC_CLIENT_SECRET: 's3cret', LEDGER_OIDC_SCOPES: 'openid ledger', LEDGER_PUBLIC_URL: 'http://127.0.0.1:3000' });
    expect(confidential.oidc?.signIn).toEqual({ clientId: 'c', clientSecret: 's3cret', scopes: 'openid ledger' });
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it.each([
    [{ LEDGER_OIDC_CLIENT_ID: 'c', LEDGER_PUBLIC_URL: 'https://ledger.example.fi' }, /LEDGER_OIDC_ISSUER is required when LEDGER_OIDC_CLIENT_ID is set/],
    [{ LEDGER_OIDC_ISSUER: 'https://idp.example', LEDGER_OIDC_AUDIENCE: 'a', LEDGER_OIDC_CLIENT_ID: 'c' }, /LEDGER_PUBLIC_URL is required when LEDGER_OIDC_CLIENT_ID is set/],
    [{ LEDGER_OIDC_ISSUER: 'https://idp.example', LEDGER_OIDC_AUDIENCE: 'a', LEDGER_OIDC_CLIENT_ID: 'c', LEDGER_PUBLIC_URL: 'https://ledger.example.fi/dashboard' }, /LEDGER_PUBLIC_URL is the dashboard's origin/],
    [{ LEDGER_OIDC_ISSUER: 'https://idp.example', LEDGER_OIDC_AUDIENCE: 'a', LEDGER_OIDC_CLIENT_ID: 'c', LEDGER_PUBLIC_URL: 'https://l.example', LEDGER_OIDC_SCOPES: 'profile' }, /LEDGER_OIDC_SCOPES must include openid/],
  ])('refuses the sign-in settings %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    [{ LEDGER_OIDC_ISSUER: 'https://idp.example' }, /LEDGER_OIDC_AUDIENCE is required/],
    [{ LEDGER_OIDC_ISSUER: 'not a url', LEDGER_OIDC_AUDIENCE: 'x' }, /LEDGER_OIDC_ISSUER must be a URL address/],
    [{ LEDGER_RATE_LIMIT: '-5' }, /LEDGER_RATE_LIMIT must not be less than 0/],
    [{ LEDGER_RATELIMIT: '10' }, /LEDGER_RATELIMIT is not a setting this server knows/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('configuration of webhooks', () => {
  it('defaults to a 15 s timeout, the retry schedule 5s,5m,30m,2h,5h,10h,10h, disabling after 5 days, public addresses only', () => {
    expect(loadConfig({}).webhooks).toEqual({
      timeoutMs: 15_000,
      retryScheduleMs: [5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      disableAfterMs: 432_000_000,
      allowPrivateNetworks: false,
    });
  });

  it('reads durations with units and the private-network switch', () => {
    const config = loadConfig({ WEBHOOK_TIMEOUT: '500ms', WEBHOOK_RETRY_SCHEDULE: '1s,2m', WEBHOOK_DISABLE_AFTER: '12h', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(config.webhooks).toEqual({ timeoutMs: 500, retryScheduleMs: [1000, 120_000], disableAfterMs: 43_200_000, allowPrivateNetworks: true });
  });

  it.each([
    [{ WEBHOOK_TIMEOUT: 'soon' }, /WEBHOOK_TIMEOUT must be a duration/],
    [{ WEBHOOK_RETRY_SCHEDULE: '5s,,5m' }, /WEBHOOK_RETRY_SCHEDULE must be comma-separated durations/],
    [{ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' }, /WEBHOOK_ALLOW_PRIVATE_NETWORKS must be one of the following values: true, false/],
    [{ WEBHOOK_TIMEOUTS: '5s' }, /WEBHOOK_TIMEOUTS is not a setting this server knows/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('configuration of council terms', () => {
  const file = (content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-terms-'));
    writeFileSync(join(dir, 'terms.json'), content);
    return join(dir, 'terms.json');
  };

  it('defaults to the built-in table and adds the terms of LEDGER_COUNCIL_TERMS', () => {
    expect(loadConfig({}).councilTerms).toEqual(COUNCIL_TERMS);
    const next = { from: '2029-06-01', to: '2033-05-31' };
    const config = loadConfig({ LEDGER_COUNCIL_TERMS: file(JSON.stringify({ municipal: [next], county: [next] })) });
    expect(config.councilTerms).toEqual({ municipal: [...COUNCIL_TERMS.municipal, next], county: [...COUNCIL_TERMS.county, next] });
  });

  it('sends obligation reminders 60 days ahead unless OBLIGATION_REMINDER_DAYS says otherwise', () => {
    expect(loadConfig({}).obligationReminderDays).toBe(60);
    expect(loadConfig({ OBLIGATION_REMINDER_DAYS: '30' }).obligationReminderDays).toBe(30);
    expect(() => loadConfig({ OBLIGATION_REMINDER_DAYS: '-1' })).toThrow(ConfigError);
  });

  it('stops the server on a file it cannot read or use, naming it', () => {
    expect(() => loadConfig({ LEDGER_COUNCIL_TERMS: '/nonexistent/terms.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ LEDGER_COUNCIL_TERMS: file('{"municipal": [') })).toThrow(/LEDGER_COUNCIL_TERMS .*terms\.json/);
    expect(() => loadConfig({ LEDGER_COUNCIL_TERMS: file('{"county": [{"from": "2025-01-01", "to": "2029-12-31"}]}') })).toThrow(/overlap/);
  });
});
