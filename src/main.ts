import { ConfigError, loadConfig, type LedgerConfig } from './config/ledger-config.js';
import { createApp } from './app/create-app.js';
import { writeServerPid } from './state/server-pid.js';

async function main(): Promise<void> {
  let config: LedgerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`agreement-ledger: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config, { closeOnSignals: true });
  await app.listen(config.port, config.host);
  writeServerPid(config.dataDir);
  const store = config.store.kind === 'sqlite' ? `SQLite ${config.store.file}` : config.store.kind === 'postgres' ? 'PostgreSQL' : 'EventStoreDB';
  process.stdout.write(`agreement-ledger listening on ${await app.getUrl()}/api (store: ${store})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`agreement-ledger failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
