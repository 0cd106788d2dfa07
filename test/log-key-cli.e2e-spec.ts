/** `ledger log-key create`: the key file every instance of a PostgreSQL store signs with. */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LogKeys } from '../src/checkpoints/log-keys.js';
import { tempDir } from './support/temp-dir.js';

describe('ledger log-key create', () => {
  const dir = tempDir('log-key-cli');
  const ledger = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.js', ...args], { encoding: 'utf8' });
  afterAll(() => dir.remove());

  it('writes a 0600 key file that LEDGER_SIGNING_KEY_FILE reads, prints its verifier key, and never replaces one', () => {
    const file = join(dir.path, 'log-keys.json');
    const created = ledger('--json', 'log-key', 'create', '--out', file);
    expect(created.status).toBe(0);
    const printed = JSON.parse(created.stdout) as { file: string; keyId: string; verifierKey: string };
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = new LogKeys(join(dir.path, 'instance'), undefined, () => new Date(), file);
    expect(printed).toMatchObject({ file, keyId: keys.signerKeyId, verifierKey: keys.list()[0]!.verifierKey });

    const before = readFileSync(file, 'utf8');
    const again = ledger('--json', 'log-key', 'create', '--out', file);
    expect(again.status).toBe(2);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: 'usage', message: `${file} exists already: a log keeps its key` } });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
