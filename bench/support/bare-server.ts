/**
 * bench:http's baseline: bare Nest on Fastify, one controller answering a constant — what the
 * framework costs before the ledger adds anything. A child process, like the real server, driven
 * over IPC: → { type: 'ready', url }, ← { type: 'stop' }.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('constant')
class ConstantController {
  @Get()
  constant(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [ConstantController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  process.on('message', (command: { type: string }) => {
    if (command.type === 'stop') void app.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.send!({ type: 'ready', url: await app.getUrl(), token: 'none' });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
