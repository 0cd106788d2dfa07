import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519Verifier, formatNote, signNoteText, verifyNote } from '../core/signed-note.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { createKeyFile, KeyFileRotationRefused, LogKeys } from './log-keys.js';

const at = (iso: string) => () => new Date(iso);

describe('the log keys', () => {
  it('are made on first start in a 0600 file, and read back with the same origin and key', () => {
    const dir = tempDir('keys');
    try {
      const first = new LogKeys(dir.path, undefined, at('2026-01-05T08:00:00Z'));
      expect(statSync(join(dir.path, 'log-keys.json')).mode & 0o777).toBe(0o600);
      expect(first.origin).toMatch(/^agreement-ledger\/[0-9a-f]{16}$/);
      const again = new LogKeys(dir.path, undefined, at('2026-02-01T08:00:00Z'));
      expect(again.origin).toBe(first.origin);
      expect(again.list()).toEqual(first.list());
      expect(again.list()[0]).toMatchObject({ algorithm: 'ed25519', createdAt: '2026-01-05T08:00:00.000Z', keyId: first.signerKeyId });
    } finally {
      dir.remove();
    }
  });

  it('come from LEDGER_SIGNING_KEY_FILE on every instance: the same key and origin, never made per instance, never rotated by one', () => {
    const dir = tempDir('key-file');
    try {
      const file = join(dir.path, 'shared', 'log-keys.json');
      expect(() => new LogKeys(join(dir.path, 'a'), undefined, at('2026-01-05T08:00:00Z'), file)).toThrow(/LEDGER_SIGNING_KEY_FILE .* does not exist: make it once with "ledger log-key create/);
      createKeyFile(join(dir.path, 'log-keys.json'), new Date('2026-01-05T08:00:00Z'));
      const [a, b] = ['a', 'b'].map((instance) => new LogKeys(join(dir.path, instance), undefined, at('2026-01-06T08:00:00Z'), join(dir.path, 'log-keys.json')));
      expect(a!.origin).toBe(b!.origin);
      expect(a!.signerKeyId).toBe(b!.signerKeyId);
      expect(() => createKeyFile(join(dir.path, 'log-keys.json'), new Date())).toThrow(/exists already/);
      expect(() => a!.rotate(new Date('2026-02-01T08:00:00Z'))).toThrow(KeyFileRotationRefused);
    } finally {
      dir.remove();
    }
  });

  it('name the key after LEDGER_LOG_ORIGIN when it is set', () => {
    const dir = tempDir('keys');
    try {
      const keys = new LogKeys(dir.path, 'ledger.example.fi/kymenlaakso', at('2026-01-05T08:00:00Z'));
      expect(keys.signer.name).toBe('ledger.example.fi/kymenlaakso');
      expect(keys.list()[0]!.verifierKey.startsWith('ledger.example.fi/kymenlaakso+')).toBe(true);
    } finally {
      dir.remove();
    }
  });

  it('rotate: the old key stays listed, retired, and still verifies what it signed; the origin stays', () => {
    const dir = tempDir('keys');
    try {
      const keys = new LogKeys(dir.path, undefined, at('2026-01-05T08:00:00Z'));
      const origin = keys.origin;
      const text = `${origin}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`;
      const before = formatNote({ text, signatures: [signNoteText(text, keys.signer)] });
      const oldKey = keys.list()[0]!;
      const newKey = keys.rotate(new Date('2026-03-01T08:00:00Z'));
      expect(newKey.keyId).not.toBe(oldKey.keyId);
      const reopened = new LogKeys(dir.path, undefined, at('2026-03-02T08:00:00Z'));
      expect(reopened.origin).toBe(origin);
      expect(reopened.list()).toEqual([newKey, { ...oldKey, retiredAt: '2026-03-01T08:00:00.000Z' }]);
      expect(reopened.signerKeyId).toBe(newKey.keyId);
      verifyNote(before, [ed25519Verifier(reopened.list()[1]!.verifierKey)]);
    } finally {
      dir.remove();
    }
  });
});
