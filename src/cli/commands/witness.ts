import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { readVerifierKey } from '../../audit/checkpoint-input.js';
import { loadOrCreateWitnessKey, readWitnessState, writeWitnessState, type WitnessKey } from '../../audit/witness-files.js';
import { NoteFormatError, NoteVerificationError, SIGNATURE_TYPE, formatSignatureLine, parseNote, parseVerifierKey } from '../../core/signed-note.js';
import { openSignedCheckpoint } from '../../core/signed-checkpoint.js';
import { cosignCheckpoint } from '../../core/tlog-cosignature.js';
import { needsConsistencyProof, witnessProblem } from '../../core/tlog-witness.js';
import type { CliContext } from '../cli-context.js';
import type { LedgerApi } from '../ledger-api.js';
import { remoteApi } from '../ledger-source.js';

interface WitnessOptions {
  readonly url: string;
  readonly token: string;
  readonly logKey: string;
  readonly keyFile: string;
  readonly stateFile: string;
  readonly name?: string;
  readonly once?: boolean;
  readonly interval: number;
}

/** A round's outcome as `--json` prints it. */
interface Cosigned {
  readonly witness: string;
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  /** The size of the checkpoint it was checked against; null on the witness's first round. */
  readonly previousTreeSize: number | null;
  readonly timestamp: number;
}

/** The log refused to be checked, or failed the check: the witness stops (exit 1) rather than cosign it later. */
class Refused extends Error {}

export function registerWitness(program: Command, ctx: CliContext): void {
  program
    .command('witness')
    .description('cosign the log\'s checkpoints (C2SP tlog-witness): each only when signed by the pinned log key and consistent with the last one this witness cosigned')
    .requiredOption('--url <url>', 'the log\'s server, e.g. https://ledger.example.fi')
    .requiredOption('--token <token>', 'an access token of any role')
    .requiredOption('--log-key <verifierKey>', 'the log\'s verifier key, or a file holding it (GET /api/keys, checked once from a source you trust)')
    .requiredOption('--key-file <file>', 'this witness\'s private key; created when missing, and its verifier key printed')
    .requiredOption('--state-file <file>', 'the last checkpoint this witness cosigned: keep it, it stops the witness from being rolled back')
    .option('--name <name>', 'the name of a key created now (default: witness/<host name>)')
    .option('--once', 'one round, then exit')
    .option('--interval <seconds>', 'seconds between rounds', wholeSeconds, 60)
    .action(async (options: WitnessOptions) => {
      const api = remoteApi(options, ctx)!;
      let logKey: string;
      let key: WitnessKey;
      try {
        logKey = readVerifierKey(options.logKey);
        if (parseVerifierKey(logKey).type !== SIGNATURE_TYPE.ed25519) ctx.usage('--log-key is a log\'s Ed25519 key (type 0x01), not a witness\'s');
        key = loadOrCreateWitnessKey(options.keyFile, options.name ?? `witness/${hostname()}`);
      } catch (error) {
        ctx.usage((error as Error).message);
      }
      if (key.created && !ctx.json) {
        ctx.print(null, `Created the witness key ${options.keyFile}. The log accepts its cosignatures once its LEDGER_WITNESS_KEYS lists:\n\n    ${key.verifierKey}\n`);
      }
      for (;;) {
        try {
          const round = await cosignLatest(api, logKey, key, options.stateFile);
          ctx.print(
            { ...round, ...(key.created && { keyCreated: true }) },
            `Cosigned the checkpoint of ${round.origin} at size ${round.treeSize}${round.previousTreeSize === null ? '' : `, consistent with size ${round.previousTreeSize}`}.`,
          );
        } catch (error) {
          if (error instanceof Refused) ctx.fail(`refused to cosign: ${error.message}`, 1);
          // A log out of reach, or one not yet listing this witness: once, a failure; running, try again next round.
          if (options.once) ctx.usage((error as Error).message);
          process.stderr.write(`ledger witness: ${(error as Error).message}\n`);
        }
        if (options.once) return;
        await sleep(options.interval * 1000);
      }
    });
}

/** Fetches the latest checkpoint, checks it, remembers it, then posts the cosignature. */
async function cosignLatest(api: LedgerApi, logKey: string, key: WitnessKey, stateFile: string): Promise<Cosigned> {
  const note = await api.checkpoint();
  let checkpoint;
  try {
    checkpoint = openSignedCheckpoint(note, logKey);
  } catch (error) {
    if (error instanceof NoteVerificationError || error instanceof NoteFormatError) throw new Refused(`the log's checkpoint: ${error.message}`);
    throw error;
  }
  const previous = readWitnessState(stateFile, logKey);
  const proof = needsConsistencyProof(previous, checkpoint)
    ? (await api.consistencyProof(previous.treeSize, checkpoint.treeSize)).proof.map((hash) => Buffer.from(hash, 'hex'))
    : [];
  const problem = witnessProblem(previous, checkpoint, proof);
  if (problem !== undefined) throw new Refused(problem);
  writeWitnessState(stateFile, note);
  const timestamp = Math.floor(Date.now() / 1000);
  await api.postCosignature(formatSignatureLine(cosignCheckpoint(parseNote(note).text, key.signer, timestamp)));
  return {
    witness: key.verifierKey,
    origin: checkpoint.origin,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash.toString('hex'),
    previousTreeSize: previous?.treeSize ?? null,
    timestamp,
  };
}

function wholeSeconds(value: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new InvalidArgumentError('whole seconds, at least 1');
  return Number(value);
}
