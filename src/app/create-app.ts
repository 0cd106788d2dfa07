import 'reflect-metadata';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LedgerConfig } from '../config/ledger-config.js';
import type { Announce } from './announce.js';
import { ledgerValidationPipe } from '../problem-details/validation.pipe.js';
import { setupOpenApi } from '../openapi/openapi.js';
import { OUTSIDE_API_PREFIX } from '../dashboard/dashboard-routes.js';
import { AppModule } from './app.module.js';
import { EdgeAdapter } from './edge-adapter.js';
import { keepNewFilesPrivate } from '../state/private-files.js';

export interface CreateAppOptions {
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Where first-start messages go; stdout by default. */
  readonly announce?: Announce;
}

/** The whole server, built the same way for `npm start` and for e2e tests. */
export async function createApp(config: LedgerConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  keepNewFilesPrivate();
  const adapter = new EdgeAdapter({ bodyLimit: config.bodyLimitBytes });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.announce), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
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
  app.useGlobalPipes(ledgerValidationPipe());
  app.setGlobalPrefix('api', { exclude: OUTSIDE_API_PREFIX });
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
