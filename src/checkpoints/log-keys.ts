import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateEd25519, publicKeyOfSeed } from '../core/ed25519.js';
import { SIGNATURE_TYPE, formatVerifierKey, noteKeyId, type SignerKey } from '../core/signed-note.js';

/**
 * The log's Ed25519 keys, in `log-keys.json` in the data directory (0600): the one that signs,
 * with its seed, and the retired ones, public key only, so proofs signed before a rotation still
 * verify. Created on first start. The default origin is derived from the first key ever made,
 * so it stays the same across restarts and rotations.
 */
interface KeyRecord {
  /** base64 of the 32-byte Ed25519 public key. */
  readonly publicKey: string;
  readonly createdAt: string;
  readonly retiredAt?: string;
  /** base64 of the 32-byte seed; only the signing key keeps it. */
  readonly seed?: string;
}

interface KeyFile {
  readonly keys: readonly KeyRecord[];
}

export interface LogKeyInfo {
  readonly keyId: string;
  readonly algorithm: 'ed25519';
  readonly publicKey: string;
  readonly verifierKey: string;
  readonly createdAt: string;
  readonly retiredAt?: string;
}

const FILE = 'log-keys.json';

/** Rotation of a key file the operator distributes happens where the operator keeps it, not through one instance. */
export class KeyFileRotationRefused extends Error {
  override readonly name = 'KeyFileRotationRefused';
}

export class LogKeys {
  private file: KeyFile;
  readonly origin: string;
  private readonly path: string;

  /**
   * Opens the data directory's keys, creating the first one when there is none; or, with
   * `keyFile` (LEDGER_SIGNING_KEY_FILE: every instance of a server store signs with the same key),
   * that file, which must exist: an instance that made its own would sign for a key no other lists.
   */
  constructor(
    dataDir: string,
    origin: string | undefined,
    now: () => Date,
    private readonly keyFile?: string,
  ) {
    const path = (this.path = keyFile ?? join(dataDir, FILE));
    if (existsSync(path)) {
      this.file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    } else if (keyFile !== undefined) {
      throw new Error(`LEDGER_SIGNING_KEY_FILE ${keyFile} does not exist: make it once with "ledger log-key create --out ${keyFile}" and give every instance a copy`);
    } else {
      this.file = { keys: [newKey(now())] };
      this.save();
    }
    if (this.file.keys.filter((k) => k.seed !== undefined && k.retiredAt === undefined).length !== 1) {
      throw new Error(`${path} must hold exactly one signing key`);
    }
    this.origin = origin ?? defaultOrigin(Buffer.from(this.file.keys[0]!.publicKey, 'base64'));
  }

  /** The signing key, named by the origin (the key name equals the origin). */
  get signer(): SignerKey {
    const current = this.file.keys.find((k) => k.seed !== undefined && k.retiredAt === undefined)!;
    return { name: this.origin, type: SIGNATURE_TYPE.ed25519, seed: Buffer.from(current.seed!, 'base64') };
  }

  get signerKeyId(): string {
    const signer = this.signer;
    return noteKeyId(signer.name, signer.type, publicKeyOfSeed(signer.seed)).toString('hex');
  }

  /** Every key that ever signed for this log, newest first. */
  list(): LogKeyInfo[] {
    return this.file.keys
      .map((key): LogKeyInfo => {
        const publicKey = Buffer.from(key.publicKey, 'base64');
        return {
          keyId: noteKeyId(this.origin, SIGNATURE_TYPE.ed25519, publicKey).toString('hex'),
          algorithm: 'ed25519',
          publicKey: key.publicKey,
          verifierKey: formatVerifierKey(this.origin, SIGNATURE_TYPE.ed25519, publicKey),
          createdAt: key.createdAt,
          ...(key.retiredAt !== undefined && { retiredAt: key.retiredAt }),
        };
      })
      .reverse();
  }

  /** Retires the signing key (its seed is dropped, its public key stays listed) and makes a new one. */
  rotate(now: Date): LogKeyInfo {
    if (this.keyFile !== undefined) {
      throw new KeyFileRotationRefused(`the log's keys come from LEDGER_SIGNING_KEY_FILE (${this.keyFile}): rotate them in that file and give every instance the new one`);
    }
    const at = now.toISOString();
    const retired = this.file.keys.map((key): KeyRecord => (key.retiredAt !== undefined ? key : { publicKey: key.publicKey, createdAt: key.createdAt, retiredAt: at }));
    this.file = { keys: [...retired, newKey(now)] };
    this.save();
    return this.list()[0]!;
  }

  private save(): void {
    writeKeyFile(this.path, this.file);
  }
}

/** A new key file with one signing key, for LEDGER_SIGNING_KEY_FILE; refuses to replace one. */
export function createKeyFile(path: string, now: Date): LogKeyInfo {
  if (existsSync(path)) throw new Error(`${path} exists already: a log keeps its key`);
  writeKeyFile(path, { keys: [newKey(now)] });
  return new LogKeys(dirname(path), undefined, () => now, path).list()[0]!;
}

/** Written beside and renamed over: a crash leaves the old file or the new one, never half of one. */
function writeKeyFile(path: string, file: KeyFile): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

function newKey(now: Date): KeyRecord {
  const { seed, publicKey } = generateEd25519();
  return { publicKey: publicKey.toString('base64'), createdAt: now.toISOString(), seed: seed.toString('base64') };
}

/** `agreement-ledger/<first 8 bytes of SHA-256 of the first public key, hex>`: a schema-less name, as C2SP recommends. */
export function defaultOrigin(firstPublicKey: Uint8Array): string {
  return `agreement-ledger/${createHash('sha256').update(firstPublicKey).digest('hex').slice(0, 16)}`;
}
