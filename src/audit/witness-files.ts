import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { generateEd25519 } from '../core/ed25519.js';
import { SIGNATURE_TYPE, formatSignerKey, parseSignerKey, verifierKeyOf, type SignerKey } from '../core/signed-note.js';
import { openSignedCheckpoint } from '../core/signed-checkpoint.js';
import type { Checkpoint } from '../core/tlog-checkpoint.js';

/**
 * What a witness keeps between runs: its own key (the private key string of Go's note package,
 * type 0x04, so the key moves between witness tools) and its state — the last checkpoint it
 * cosigned, verbatim, which stops it from being rolled back.
 */

export interface WitnessKey {
  readonly signer: SignerKey;
  readonly verifierKey: string;
  /** Made by this run: the log's operator has to add its verifier key to LEDGER_WITNESS_KEYS. */
  readonly created: boolean;
}

/** The key in `file`, or a new one named `name` written there (0600: the CLI's umask). */
export function loadOrCreateWitnessKey(file: string, name: string): WitnessKey {
  if (existsSync(file)) {
    const signer = parseSignerKey(readFileSync(file, 'utf8'));
    if (signer.type !== SIGNATURE_TYPE.cosignatureV1) throw new Error(`${file} holds a key of type 0x${signer.type.toString(16)}, not a witness's cosignature/v1 key (0x04)`);
    return { signer, verifierKey: verifierKeyOf(signer), created: false };
  }
  const signer: SignerKey = { name, type: SIGNATURE_TYPE.cosignatureV1, seed: generateEd25519().seed };
  writeAtomically(file, `${formatSignerKey(signer)}\n`);
  return { signer, verifierKey: verifierKeyOf(signer), created: true };
}

interface StateFile {
  /** The last checkpoint this witness cosigned, the note verbatim as the log served it. */
  readonly checkpoint: string;
}

/** The last checkpoint cosigned, its signature checked again with the pinned log key; undefined before the first. */
export function readWitnessState(file: string, logKey: string): Checkpoint | undefined {
  if (!existsSync(file)) return undefined;
  const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>;
  if (typeof state.checkpoint !== 'string') throw new Error(`${file} is not a witness state file (no "checkpoint")`);
  return openSignedCheckpoint(state.checkpoint, logKey);
}

/** Written before the cosignature leaves: a witness that crashed after posting still remembers what it signed. */
export function writeWitnessState(file: string, note: string): void {
  writeAtomically(file, `${JSON.stringify({ checkpoint: note } satisfies StateFile)}\n`);
}

/** Beside the target, then renamed over it: a crash leaves the old file or the new, never half of one. */
function writeAtomically(file: string, text: string): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, text, { flush: true });
  renameSync(partial, file);
}
