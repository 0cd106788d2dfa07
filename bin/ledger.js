#!/usr/bin/env node
// The `ledger` command runs the compiled CLI; `npm ci` builds it (the prepare script).
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('ledger: not built yet; run "npm run build" first\n');
  process.exit(1);
}
await import(main.href);
