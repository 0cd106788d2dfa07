import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readVerifierKey } from '../../audit/checkpoint-input.js';
import { checkTlogProof, contentHash, type ProofVerdict } from '../../audit/tlog-proof-check.js';
import { parseExportLine } from '../../core/exported-event.js';
import { inclusionProblem } from '../../core/merkle-proofs.js';
import { formatTlogProof, parseTlogProof } from '../../core/tlog-proof.js';
import { inclusionProof, latestCheckpoint } from '../checkpoint-source.js';
import { CliFailure, type CliContext } from '../cli-context.js';
import { remoteApi, withRemoteOptions, type RemoteOptions } from '../ledger-source.js';

interface ProveOptions extends RemoteOptions {
  readonly out?: string;
  readonly verify?: string;
  readonly key?: string;
  readonly event?: string;
  readonly eventHash?: string;
}

export function registerProve(program: Command, ctx: CliContext): void {
  withRemoteOptions(
    program
      .command('prove')
      .description('write a c2sp.org/tlog-proof@v1 file proving one event is in the log, or (--verify) check one offline')
      .argument('[eventId]', 'the event to prove (its eventId)')
      .option('--out <file>', 'write the proof to this file instead of stdout')
      .option('--verify <file>', 'check this tlog-proof file offline instead')
      .option('--key <verifierKey>', 'with --verify: the log\'s verifier key, or a file holding it')
      .option('--event <file>', 'with --verify: the event as JSON (a line of an export); its hash is recomputed from its content')
      .option('--event-hash <hex>', 'with --verify: the event\'s hash, when the event itself is not at hand'),
  ).action(async (eventId: string | undefined, options: ProveOptions) => {
    if (options.verify !== undefined) {
      if (eventId !== undefined) ctx.usage('prove --verify takes no event id: name the event with --event or --event-hash');
      return verifyProof(ctx, options);
    }
    if (eventId === undefined) ctx.usage('prove needs an event id, or --verify FILE');
    const api = remoteApi(options, ctx);
    try {
      const { note, checkpoint } = await latestCheckpoint(ctx, api);
      const answer = await inclusionProof(ctx, api, eventId, checkpoint.treeSize);
      const proof = answer.proof.map((hash) => Buffer.from(hash, 'hex'));
      // The answer must prove the leaf it names under the very root the checkpoint signs.
      const problem = inclusionProblem(answer.leafIndex, checkpoint.treeSize, Buffer.from(answer.leafHash, 'hex'), proof, checkpoint.rootHash);
      if (problem !== undefined) ctx.fail(`the ledger's inclusion proof does not hold against its own checkpoint: ${problem}`, 1);
      const text = formatTlogProof({ index: answer.leafIndex, proof, checkpoint: note });
      if (options.out === undefined) process.stdout.write(text);
      else {
        writeFileSync(options.out, text);
        ctx.print({ eventId, index: answer.leafIndex, treeSize: checkpoint.treeSize, out: options.out }, `Wrote the proof of ${eventId} (leaf ${answer.leafIndex} of ${checkpoint.treeSize}) to ${options.out}.`);
      }
    } catch (error) {
      if (error instanceof CliFailure) throw error;
      ctx.usage((error as Error).message);
    }
  });
}

function verifyProof(ctx: CliContext, options: ProveOptions): void {
  if (options.key === undefined) ctx.usage('prove --verify needs --key: a proof is worth what the key that signed its checkpoint is');
  if ((options.event === undefined) === (options.eventHash === undefined)) ctx.usage('prove --verify needs either --event FILE or --event-hash HEX');
  let verdict: ProofVerdict;
  try {
    const key = readVerifierKey(options.key);
    const proof = parseTlogProof(readFileSync(options.verify!, 'utf8'));
    verdict = checkTlogProof(proof, key, options.event !== undefined ? eventFileHash(ctx, options.event) : checkedHex(ctx, options.eventHash!));
  } catch (error) {
    ctx.usage((error as Error).message);
  }
  ctx.print(verdict, `${verdict.valid ? 'VALID' : 'INVALID'}: leaf ${verdict.index}${verdict.treeSize === null ? '' : ` of ${verdict.treeSize}`}, event hash ${verdict.eventHash}${verdict.reason ? `\n${verdict.reason}` : ''}`);
  if (!verdict.valid) process.exitCode = 1;
}

function eventFileHash(ctx: CliContext, file: string): string {
  const parsed = parseExportLine(readFileSync(file, 'utf8'));
  if ('problem' in parsed) ctx.usage(`${file}: ${parsed.problem}`);
  return contentHash(parsed.event);
}

function checkedHex(ctx: CliContext, hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex)) ctx.usage('--event-hash is 64 lowercase hex digits');
  return hex;
}
