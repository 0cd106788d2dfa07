import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LedgerConfig } from '../config/ledger-config.js';
import type { Announce } from './announce.js';
import { ledgerValidationPipe } from '../problem-details/validation.pipe.js';
import { setupOpenApi } from '../openapi/openapi.js';
import { OUTSIDE_API_PREFIX } from '../dashboard/dashboard-routes.js';
import { installPublicOrigin } from '../dashboard/page-context.js';
import { AppModule } from './app.module.js';
import { EdgeAdapter } from './edge-adapter.js';
import { closeGracefullyOnSignals } from './graceful-shutdown.js';
import { keepNewFilesPrivate } from '../state/private-files.js';
import { createLedgerLogger } from '../logging/ledger-logger.js';
import { NestPinoLogger } from '../logging/nest-logger.js';
import { installAccessLog } from '../logging/access-log.js';
import { installHttpMetrics } from '../metrics/http-metrics.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';

export interface CreateAppOptions {
  /**
   * Quieter than LEDGER_LOG_LEVEL, for tests and benches: the least severe level listed is the
   * logger's level (`['error']` logs errors and worse), `false` logs nothing.
   */
  readonly logger?: LogLevel[] | false;
  /** Where the log lines go; stdout by default. */
  readonly logDestination?: DestinationStream;
  /** Close gracefully on SIGTERM and SIGINT (the server process; tests close the app themselves). */
  readonly closeOnSignals?: boolean;
  /** Where first-start messages go; stdout by default. */
  readonly announce?: Announce;
  /** The webhooks' clock (dates arriving, retries); tests move it. */
  readonly clock?: () => Date;
}

/** The whole server, built the same way for `npm start` and for e2e tests. */
export async function createApp(config: LedgerConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  keepNewFilesPrivate();
  const logger = createLedgerLogger({ ...config.log, ...(options.logger !== undefined && { level: quieterLevel(options.logger) }) }, options.logDestination);
  const adapter = new EdgeAdapter({ bodyLimit: config.bodyLimitBytes });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.announce, options.clock), adapter, {
    logger: new NestPinoLogger(logger),
  });
  // helmet's headers; only /api/docs serves a page (Swagger UI, its assets from this server): nothing else may load.
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: [...config.corsOrigins], exposedHeaders: ['ETag', 'Location', 'X-Request-Id'] });
  }
  adapter.install(app);
  installAccessLog(adapter.getInstance(), logger);
  installHttpMetrics(adapter.getInstance(), app.get(MetricsRegistry));
  installPublicOrigin(adapter.getInstance(), config.publicUrl);
  app.useGlobalPipes(ledgerValidationPipe());
  // Prometheus looks for /metrics at the root; the dashboard's pages live outside /api too.
  app.setGlobalPrefix('api', { exclude: [...OUTSIDE_API_PREFIX, 'metrics'] });
  if (options.closeOnSignals) closeGracefullyOnSignals(app, { timeoutMs: config.shutdownTimeoutSeconds * 1000, logger });
  setupOpenApi(app);
  return app;
}

/** Nest's level names, most severe first, as pino names them. */
const NEST_TO_PINO: ReadonlyArray<[LogLevel, LedgerConfig['log']['level']]> = [
  ['fatal', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['log', 'info'],
  ['debug', 'debug'],
  ['verbose', 'trace'],
];

function quieterLevel(levels: LogLevel[] | false): LedgerConfig['log']['level'] {
  if (levels === false) return 'silent';
  return NEST_TO_PINO.filter(([nest]) => levels.includes(nest)).at(-1)?.[1] ?? 'silent';
}
