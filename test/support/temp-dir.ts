import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `ledger-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
