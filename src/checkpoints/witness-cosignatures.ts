import { parseNote, parseSignatureLine, formatSignatureLine, type NoteVerifier } from '../core/signed-note.js';
import { cosignatureTimestamp, cosignatureVerifier } from '../core/tlog-cosignature.js';
import type { LedgerTreeStore } from './ledger-tree-store.js';
import type { SharedCheckpoints } from './shared-checkpoints.js';

/** How many of the latest checkpoints a cosignature may be for: a witness a little behind is still heard. */
const RECENT = 100;

export class CosignatureRefused extends Error {
  override readonly name = 'CosignatureRefused';
  constructor(
    message: string,
    /** 'malformed': not a signature line at all; 'refused': a line that does not verify. */
    readonly kind: 'malformed' | 'refused',
  ) {
    super(message);
  }
}

export interface AcceptedCosignature {
  readonly treeSize: number;
  readonly name: string;
  readonly keyId: string;
  readonly timestamp: number;
}

/**
 * Witnesses' cosignatures (C2SP tlog-cosignature v1): accepted only from a key in
 * LEDGER_WITNESS_KEYS, and only over a checkpoint this log signed; the served note then carries it.
 */
export class WitnessCosignatures {
  private readonly verifiers: NoteVerifier[];

  constructor(
    private readonly treeStore: LedgerTreeStore,
    witnessKeys: readonly string[],
    /** On a server store, where every instance copies cosignatures from (SharedCheckpoints). */
    private readonly shared?: Pick<SharedCheckpoints, 'putCosignature'>,
  ) {
    this.verifiers = witnessKeys.map((key) => cosignatureVerifier(key));
  }

  async accept(line: string): Promise<AcceptedCosignature> {
    let signature;
    try {
      signature = parseSignatureLine(line.replace(/\r?\n$/, ''));
    } catch (error) {
      throw new CosignatureRefused(`not a signature line: ${(error as Error).message}`, 'malformed');
    }
    const verifier = this.verifiers.find((v) => v.name === signature.name && v.keyId.equals(signature.keyId));
    if (verifier === undefined) throw new CosignatureRefused(`${signature.name} (key id ${signature.keyId.toString('hex')}) is not a witness this log accepts (LEDGER_WITNESS_KEYS)`, 'refused');
    const timestamp = cosignatureTimestamp(signature.signature);
    if (timestamp === undefined) throw new CosignatureRefused('a cosignature/v1 signature is a timestamp and an Ed25519 signature (72 bytes)', 'refused');
    for (const checkpoint of this.treeStore.checkpoints(RECENT, 0).items) {
      if (!verifier.verify(parseNote(checkpoint.note).text, signature.signature)) continue;
      const cosignature = [checkpoint.treeSize, signature.name, signature.keyId.toString('hex'), formatSignatureLine(signature), timestamp] as const;
      await this.shared?.putCosignature(...cosignature);
      this.treeStore.putCosignature(...cosignature);
      return { treeSize: checkpoint.treeSize, name: signature.name, keyId: signature.keyId.toString('hex'), timestamp };
    }
    throw new CosignatureRefused(`the cosignature by ${signature.name} verifies for none of the latest ${RECENT} checkpoints of this log`, 'refused');
  }

  /** The checkpoint's note as served: the log's signature, then every cosignature accepted for it. */
  servedNote(treeSize: number, note: string): string {
    return note + this.treeStore.cosignatureLines(treeSize).join('');
  }
}
