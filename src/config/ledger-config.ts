import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

/** pino's levels, most verbose last; `silent` logs nothing. */
export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
import { SIGNATURE_TYPE, parseVerifierKey } from '../core/signed-note.js';
import { parseDuration, parseDurations } from './durations.js';
import { COUNCIL_TERMS, extendedCouncilTerms, type CouncilTerms } from '../core/council-terms.js';

const DURATION = '\\d+(\\.\\d+)?(ms|s|m|h|d)?';
const durationMessage = (what: string) => ({ message: `${what} must be a duration like 500ms, 15s, 5m, 2h or 5d` });

/**
 * The environment the server reads, validated at start so a typo stops it with a clear message.
 * Decorators apply bottom-up: the type check is written last so it runs first.
 */
class Environment {
  @IsOptional() @Max(65535) @Min(0) @IsInt()
  PORT?: number;

  @IsOptional() @IsNotEmpty() @IsString()
  HOST?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_DATA_DIR?: string;

  @IsOptional() @IsIn(['sqlite', 'postgres', 'eventstoredb'])
  LEDGER_STORE?: 'sqlite' | 'postgres' | 'eventstoredb';

  @ValidateIf((env: Environment) => env.LEDGER_STORE === 'postgres')
  @Matches(/^postgres(ql)?:\/\//, { message: 'LEDGER_POSTGRES_URL must be a postgres:// connection URL' })
  @IsNotEmpty({ message: 'LEDGER_POSTGRES_URL is required when LEDGER_STORE=postgres' })
  LEDGER_POSTGRES_URL?: string;

  @ValidateIf((env: Environment) => env.LEDGER_STORE === 'eventstoredb')
  @IsNotEmpty({ message: 'EVENTSTORE_CONNECTION_STRING is required when LEDGER_STORE=eventstoredb' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @Min(0) @IsInt()
  LEDGER_RATE_LIMIT?: number;

  @IsOptional() @Max(64 * 1024 * 1024) @Min(1024) @IsInt()
  LEDGER_BODY_LIMIT?: number;

  @IsOptional() @IsString()
  LEDGER_CORS_ORIGINS?: string;

  @ValidateIf((env: Environment) => env.LEDGER_OIDC_ISSUER !== undefined || env.LEDGER_OIDC_CLIENT_ID !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  @IsNotEmpty({ message: 'LEDGER_OIDC_ISSUER is required when LEDGER_OIDC_CLIENT_ID is set' })
  LEDGER_OIDC_ISSUER?: string;

  @ValidateIf((env: Environment) => env.LEDGER_OIDC_ISSUER !== undefined)
  @IsNotEmpty({ message: 'LEDGER_OIDC_AUDIENCE is required when LEDGER_OIDC_ISSUER is set' })
  LEDGER_OIDC_AUDIENCE?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  LEDGER_OIDC_JWKS_URI?: string;

  @IsOptional() @Max(600) @Min(0) @IsInt()
  LEDGER_OIDC_CLOCK_TOLERANCE?: number;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_ROLE_CLAIM?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_PARTY_CLAIM?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_REGION_CLAIM?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_NAME_CLAIM?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_CLIENT_ID?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_OIDC_CLIENT_SECRET?: string;

  @IsOptional() @Matches(/(^|\s)openid(\s|$)/, { message: 'LEDGER_OIDC_SCOPES must include openid' })
  LEDGER_OIDC_SCOPES?: string;

  @ValidateIf((env: Environment) => env.LEDGER_OIDC_CLIENT_ID !== undefined || env.LEDGER_PUBLIC_URL !== undefined)
  @Matches(/^https?:\/\/[^/?#\s]+\/?$/, { message: 'LEDGER_PUBLIC_URL is the dashboard\'s origin, e.g. https://ledger.example.fi, without a path' })
  @IsNotEmpty({ message: 'LEDGER_PUBLIC_URL is required when LEDGER_OIDC_CLIENT_ID is set' })
  LEDGER_PUBLIC_URL?: string;

  @IsOptional() @IsIn(LOG_LEVELS)
  LEDGER_LOG_LEVEL?: LogLevel;

  @IsOptional() @IsIn(['json', 'pretty'])
  LEDGER_LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional() @Min(0) @IsInt()
  LEDGER_READY_MAX_LAG?: number;

  @IsOptional() @IsIn(['true', 'false'])
  LEDGER_METRICS?: 'true' | 'false';

  @IsOptional() @Max(3600) @Min(0) @IsInt()
  LEDGER_SHUTDOWN_TIMEOUT?: number;
  @IsOptional() @Matches(/^[^\s+]+$/u, { message: 'LEDGER_LOG_ORIGIN is a name without spaces or plus signs, e.g. ledger.example.fi/kymenlaakso' })
  LEDGER_LOG_ORIGIN?: string;

  @IsOptional() @Max(86400) @Min(0) @IsInt()
  LEDGER_CHECKPOINT_INTERVAL?: number;

  @IsOptional() @IsString()
  LEDGER_WITNESS_KEYS?: string;

  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_SIGNING_KEY_FILE?: string;

  @IsOptional() @Max(3600) @Min(1) @IsInt()
  LEDGER_LEASE_SECONDS?: number;
  /** A JSON file of council terms beyond the built-in table: {municipal: [{from, to}], county: [{from, to}]}. */
  @IsOptional() @IsNotEmpty() @IsString()
  LEDGER_COUNCIL_TERMS?: string;
  @IsOptional() @Max(3660) @Min(0) @IsInt()
  OBLIGATION_REMINDER_DAYS?: number;
  @IsOptional() @Matches(new RegExp(`^${DURATION}$`), durationMessage('WEBHOOK_TIMEOUT'))
  WEBHOOK_TIMEOUT?: string;

  @IsOptional()
  @Matches(new RegExp(`^${DURATION}(,${DURATION})*$`), { message: 'WEBHOOK_RETRY_SCHEDULE must be comma-separated durations like 5s,5m,30m,2h' })
  WEBHOOK_RETRY_SCHEDULE?: string;

  @IsOptional() @Matches(new RegExp(`^${DURATION}$`), durationMessage('WEBHOOK_DISABLE_AFTER'))
  WEBHOOK_DISABLE_AFTER?: string;

  @IsOptional() @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: 'true' | 'false';
}

export interface WebhookConfig {
  /** Per attempt: connect, send and answer. */
  readonly timeoutMs: number;
  /** Delays before each retry. */
  readonly retryScheduleMs: readonly number[];
  /** A subscription with only failures this long is disabled. */
  readonly disableAfterMs: number;
  /** Lifts the SSRF guard's range check (tests, closed networks). */
  readonly allowPrivateNetworks: boolean;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly audience: string;
  /** Absent: discovered from the issuer's /.well-known/openid-configuration. */
  readonly jwksUri?: string;
  readonly clockToleranceSeconds: number;
  /** Claim paths (dots for nesting) holding the role, party id, region and display name. */
  readonly claims: { readonly role: string; readonly partyId: string; readonly region: string; readonly name: string };
  /** The dashboard's sign-in by redirect (authorization code flow); absent: bearer tokens only. */
  readonly signIn?: OidcSignInConfig;
}

export interface OidcSignInConfig {
  readonly clientId: string;
  /** Absent: a public client, which PKCE alone protects. */
  readonly clientSecret?: string;
  /** Space-separated; always holds `openid`. */
  readonly scopes: string;
}

export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly store:
    | { readonly kind: 'sqlite'; readonly file: string }
    | { readonly kind: 'postgres'; readonly connectionString: string }
    | { readonly kind: 'eventstoredb'; readonly connectionString: string };
  /** Requests per minute per caller and per IP; 0 disables. */
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  /** Origins allowed by CORS; empty = no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  readonly oidc?: OidcConfig;
  /**
   * The dashboard's origin as browsers reach it, e.g. https://ledger.example.fi (a TLS proxy in
   * front of this server): its scheme decides Secure cookies, forms must come from it, and the OIDC
   * redirect URIs are made from it. Absent: what each request says.
   */
  readonly publicUrl?: string;
  /** JSON lines on stdout, or `pretty` (coloured, one line per entry) for a terminal. */
  readonly log: { readonly level: LogLevel; readonly format: 'json' | 'pretty' };
  /** /api/health/ready answers 503 while the read models are more events than this behind the log. */
  readonly readyMaxLagEvents: number;
  /** GET /metrics without credentials (LEDGER_METRICS=true); otherwise admins only. */
  readonly metricsOpen: boolean;
  /** On SIGTERM, how long requests in flight may take before their connections are cut. */
  readonly shutdownTimeoutSeconds: number;
  readonly checkpoints: CheckpointConfig;
  readonly webhooks: WebhookConfig;
  /** On a server store, webhook dispatch and checkpoint signing run on the instance holding their lease; another takes over this long after it dies. */
  readonly leaseSeconds: number;
  /** The built-in council terms with those of LEDGER_COUNCIL_TERMS: the periods of council-term obligations. */
  readonly councilTerms: CouncilTerms;
  /** obligation.due_soon is sent this many days before an unmet period's last day. */
  readonly obligationReminderDays: number;
}

export interface CheckpointConfig {
  /** Absent: derived from the data directory's first log key (stable across restarts). */
  readonly origin?: string;
  /** A checkpoint is signed at most this many seconds after an append; 0 = after every commit. */
  readonly intervalSeconds: number;
  /** The witnesses' cosignature/v1 verifier keys whose cosignatures the log accepts. */
  readonly witnessKeys: readonly string[];
  /** The log's keys in a file the operator distributes to every instance, instead of `log-keys.json` made in the data directory. */
  readonly signingKeyFile?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const OURS = new Set(['PORT', 'HOST', 'EVENTSTORE_CONNECTION_STRING', 'OBLIGATION_REMINDER_DAYS']);
/** The test suite's own settings (e.g. LEDGER_TEST_POSTGRES_URL), exported in a developer's shell beside the server's. */
const TEST_SUITE_PREFIX = 'LEDGER_TEST_';
const NUMERIC = new Set(['PORT', 'LEDGER_RATE_LIMIT', 'LEDGER_BODY_LIMIT', 'LEDGER_OIDC_CLOCK_TOLERANCE', 'LEDGER_READY_MAX_LAG', 'LEDGER_SHUTDOWN_TIMEOUT', 'LEDGER_CHECKPOINT_INTERVAL', 'LEDGER_LEASE_SECONDS', 'OBLIGATION_REMINDER_DAYS']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!(OURS.has(key) || key.startsWith('LEDGER_') || key.startsWith('WEBHOOK_')) || key.startsWith(TEST_SUITE_PREFIX) || value === undefined || value === '') continue;
    raw[key] = NUMERIC.has(key) ? toInteger(value) : value;
  }
  const e = plainToInstance(Environment, raw);
  // A misspelt LEDGER_ variable would otherwise be ignored without a word.
  const errors = validateSync(e, { stopAtFirstError: true, whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((error) =>
        Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
          constraint === 'whitelistValidation'
            ? `${error.property} is not a setting this server knows (misspelt?)`
            : `${message} (got ${JSON.stringify(env[error.property] ?? null)})`,
        ),
      ),
    );
  }
  const dataDir = resolve(e.LEDGER_DATA_DIR ?? './data');
  const witnessKeys = witnessKeyList(e.LEDGER_WITNESS_KEYS);
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? '127.0.0.1',
    dataDir,
    store:
      e.LEDGER_STORE === 'eventstoredb'
        ? { kind: 'eventstoredb', connectionString: e.EVENTSTORE_CONNECTION_STRING! }
        : e.LEDGER_STORE === 'postgres'
          ? { kind: 'postgres', connectionString: e.LEDGER_POSTGRES_URL! }
          : { kind: 'sqlite', file: resolve(dataDir, 'ledger.sqlite') },
    rateLimitPerMinute: e.LEDGER_RATE_LIMIT ?? 1200,
    bodyLimitBytes: e.LEDGER_BODY_LIMIT ?? 256 * 1024,
    corsOrigins: (e.LEDGER_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    log: { level: e.LEDGER_LOG_LEVEL ?? 'info', format: e.LEDGER_LOG_FORMAT ?? 'json' },
    readyMaxLagEvents: e.LEDGER_READY_MAX_LAG ?? 1000,
    metricsOpen: e.LEDGER_METRICS === 'true',
    ...(e.LEDGER_PUBLIC_URL !== undefined && { publicUrl: e.LEDGER_PUBLIC_URL.replace(/\/$/, '') }),
    shutdownTimeoutSeconds: e.LEDGER_SHUTDOWN_TIMEOUT ?? 10,
    checkpoints: {
      ...(e.LEDGER_LOG_ORIGIN !== undefined && { origin: e.LEDGER_LOG_ORIGIN }),
      intervalSeconds: e.LEDGER_CHECKPOINT_INTERVAL ?? 60,
      witnessKeys,
      ...(e.LEDGER_SIGNING_KEY_FILE !== undefined && { signingKeyFile: resolve(e.LEDGER_SIGNING_KEY_FILE) }),
    },
    leaseSeconds: e.LEDGER_LEASE_SECONDS ?? 10,
    councilTerms: councilTermsOf(e.LEDGER_COUNCIL_TERMS),
    obligationReminderDays: e.OBLIGATION_REMINDER_DAYS ?? 60,
    webhooks: {
      timeoutMs: parseDuration(e.WEBHOOK_TIMEOUT ?? '15s'),
      retryScheduleMs: parseDurations(e.WEBHOOK_RETRY_SCHEDULE ?? '5s,5m,30m,2h,5h,10h,10h'),
      disableAfterMs: parseDuration(e.WEBHOOK_DISABLE_AFTER ?? '5d'),
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
    },
    ...(e.LEDGER_OIDC_ISSUER !== undefined && {
      oidc: {
        issuer: e.LEDGER_OIDC_ISSUER,
        audience: e.LEDGER_OIDC_AUDIENCE!,
        ...(e.LEDGER_OIDC_JWKS_URI !== undefined && { jwksUri: e.LEDGER_OIDC_JWKS_URI }),
        clockToleranceSeconds: e.LEDGER_OIDC_CLOCK_TOLERANCE ?? 30,
        claims: {
          role: e.LEDGER_OIDC_ROLE_CLAIM ?? 'ledger_role',
          partyId: e.LEDGER_OIDC_PARTY_CLAIM ?? 'ledger_party',
          region: e.LEDGER_OIDC_REGION_CLAIM ?? 'ledger_region',
          name: e.LEDGER_OIDC_NAME_CLAIM ?? 'name',
        },
        ...(e.LEDGER_OIDC_CLIENT_ID !== undefined && {
          signIn: {
            clientId: e.LEDGER_OIDC_CLIENT_ID,
            ...(e.LEDGER_OIDC_CLIENT_SECRET !== undefined && { clientSecret: e.LEDGER_OIDC_CLIENT_SECRET }),
            scopes: e.LEDGER_OIDC_SCOPES ?? 'openid profile',
          },
        }),
      },
    }),
  };
}

/** Comma-separated C2SP verifier keys of type cosignature/v1; a key that does not parse stops the start. */
function witnessKeyList(value: string | undefined): string[] {
  const keys = (value ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const problems = keys.flatMap((key) => {
    try {
      return parseVerifierKey(key).type === SIGNATURE_TYPE.cosignatureV1 ? [] : [`LEDGER_WITNESS_KEYS: ${key} is not a cosignature/v1 key (type 0x04)`];
    } catch (error) {
      return [`LEDGER_WITNESS_KEYS: ${key}: ${(error as Error).message}`];
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return keys;
}

/** "3000" → 3000; anything else stays a string so the validator names it. */
function toInteger(value: string): number | string {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** The table extended by the file, read once at start; an unreadable or ill-formed file stops the server. */
export function councilTermsOf(file: string | undefined): CouncilTerms {
  if (file === undefined) return COUNCIL_TERMS;
  try {
    return extendedCouncilTerms(COUNCIL_TERMS, JSON.parse(readFileSync(resolve(file), 'utf8')));
  } catch (error) {
    throw new ConfigError([`LEDGER_COUNCIL_TERMS ${file}: ${(error as Error).message}`]);
  }
}
