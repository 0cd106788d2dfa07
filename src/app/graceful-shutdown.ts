import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';

/**
 * On SIGTERM (and SIGINT), in this order:
 *  1. stop accepting: the listener closes, idle keep-alive connections close, and a request that
 *     still arrives on an open connection is answered 503 (Fastify's return503OnClosing);
 *  2. finish the requests in flight — commands get their acknowledgement — for at most
 *     `timeoutMs`, after which the remaining connections are cut;
 *  3. close the app: the consumers (projection runner, …) stop at a committed checkpoint in their
 *     onModuleDestroy, then the stores close in onApplicationShutdown.
 * Nest's own shutdown hooks would close the read models before HTTP stops taking requests.
 * Then the signal is raised again, so the exit status says how the process ended.
 */
export function closeGracefullyOnSignals(app: NestFastifyApplication, options: { readonly timeoutMs: number; readonly logger: Logger }): void {
  const { logger, timeoutMs } = options;
  const onSignal = (signal: NodeJS.Signals): void => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    void (async () => {
      logger.info({ signal }, 'shutting down: no longer accepting connections, finishing requests in flight');
      const fastify = app.getHttpAdapter().getInstance();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([fastify.close().then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        logger.warn({ timeoutMs }, 'requests still in flight after LEDGER_SHUTDOWN_TIMEOUT: closing their connections');
        fastify.server.closeAllConnections();
      }
      logger.info('HTTP closed; stopping the consumers at a committed checkpoint and closing the stores');
      await app.close();
      logger.info('stopped');
    })()
      .catch((error: unknown) => {
        logger.error({ error: error instanceof Error ? error.stack : String(error) }, 'shutdown failed');
        process.exitCode = 1;
      })
      .finally(() => process.kill(process.pid, signal));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
