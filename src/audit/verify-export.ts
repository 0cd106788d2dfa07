import { LogVerifier, type SealedEvent } from '../core/log-verifier.js';
import { forkedSize } from '../core/signed-checkpoint.js';
import type { Checkpoint } from '../core/tlog-checkpoint.js';
import { checkedLines } from './checked-lines.js';

/**
 * `ledger verify` without the command line: reads an export once, in constant memory but the
 * ledger tree, and sets it beside the checkpoints the auditor holds (their signatures already
 * checked). API.md "CLI" gives the shape of the answer.
 */
export interface ExportVerification {
  readonly valid: boolean;
  readonly events: number;
  readonly streams: number;
  /** The ledger tree's root over every event (hex); null for one agreement's export, or when an event failed. */
  readonly rootHash: string | null;
  /** `log`: the whole log; `agreement`: one stream only, so no ledger tree can be checked. */
  readonly scope: 'log' | 'agreement';
  readonly firstProblem?: Problem;
  readonly checkpoint?: CheckpointVerdict;
}

export interface Problem {
  readonly position: string | null;
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly eventId: string | null;
  readonly reason: string;
}

export interface CheckpointVerdict {
  readonly treeSize: number;
  /** The signature held and the export's ledger tree at treeSize has the checkpoint's root. */
  readonly verified: boolean;
  readonly reason?: string;
}

/** What the caller held before reading: each checkpoint whose signature verified, or why one did not. */
export type CheckpointInput = { readonly checkpoint: Checkpoint } | { readonly treeSize: number | null; readonly refused: string };

export interface VerifyOptions {
  /** Threads that recompute hashes (default: checkedLines'); 1 hashes on this thread. */
  readonly threads?: number;
  readonly onEvents?: (count: number) => void;
}

export async function verifyExport(file: string, checkpoints: readonly CheckpointInput[], options: VerifyOptions = {}): Promise<ExportVerification> {
  const verifier = new LogVerifier();
  const wanted = new Set(checkpoints.flatMap((c) => ('checkpoint' in c ? [c.checkpoint.treeSize] : [])));
  /** The last event each checkpoint covers: the one named when its root differs. */
  const atSize = new Map<number, SealedEvent>();
  let last: SealedEvent | undefined;
  let firstProblem: Problem | undefined;
  reading: for await (const batch of checkedLines(file, options.threads)) {
    for (const line of batch) {
      if ('problem' in line) {
        const { position, streamId, revision, eventId } = line.partial;
        firstProblem = { position: position ?? null, streamId: streamId ?? null, revision: revision ?? null, eventId: eventId ?? null, reason: `line ${line.line}: ${line.problem}` };
        break reading;
      }
      const reason = verifier.addSealed(line.sealed);
      if (reason !== undefined) {
        firstProblem = named(line.sealed, reason);
        break reading;
      }
      last = line.sealed;
      if (wanted.has(verifier.events)) atSize.set(verifier.events, last);
    }
    options.onEvents?.(verifier.events);
  }
  // One stream is one agreement's export, or a whole log that holds one agreement: a checkpoint
  // whose root the export reproduces says it is the whole log, and then it is checked as one.
  const reproduces = (c: CheckpointInput) => 'checkpoint' in c && c.checkpoint.treeSize <= verifier.events && verifier.root(c.checkpoint.treeSize).equals(c.checkpoint.rootHash);
  const scope = verifier.streams === 1 && !(firstProblem === undefined && checkpoints.some(reproduces)) ? 'agreement' : 'log';
  // A root only means something over a log that verified.
  const rootHash = scope === 'log' && firstProblem === undefined ? verifier.root().toString('hex') : null;
  const base = { events: verifier.events, streams: verifier.streams, rootHash, scope } as const;
  if (firstProblem !== undefined) return { valid: false, ...base, firstProblem, ...(checkpoints.length > 0 && { checkpoint: unchecked(checkpoints[0]!) }) };
  if (checkpoints.length === 0) return { valid: true, ...base };

  const refused = checkpoints.find((c) => 'refused' in c);
  if (refused !== undefined && 'refused' in refused) {
    return { valid: false, ...base, checkpoint: { treeSize: refused.treeSize ?? 0, verified: false, reason: refused.refused } };
  }
  const held = checkpoints.map((c) => (c as { checkpoint: Checkpoint }).checkpoint);
  const fork = forkedSize(held);
  if (fork !== undefined) return { valid: false, ...base, checkpoint: { treeSize: fork, verified: false, reason: `two checkpoints of size ${fork} sign different roots: the log showed two histories` } };
  // The largest checkpoint says the most; every one is checked.
  const ordered = [...held].sort((a, b) => b.treeSize - a.treeSize);
  for (const checkpoint of ordered) {
    const { treeSize } = checkpoint;
    if (scope === 'agreement') continue;
    if (treeSize > verifier.events) {
      const reason = `the export ends after ${verifier.events} events, but the checkpoint covers ${treeSize}: events were cut off`;
      return { valid: false, ...base, ...(last && { firstProblem: named(last, reason) }), checkpoint: { treeSize, verified: false, reason } };
    }
    if (!verifier.root(treeSize).equals(checkpoint.rootHash)) {
      const reason = `the ledger tree of the export's first ${treeSize} events has another root than the checkpoint's: events were altered, added, removed or reordered`;
      const at = atSize.get(treeSize);
      return { valid: false, ...base, ...(at && { firstProblem: named(at, reason) }), checkpoint: { treeSize, verified: false, reason } };
    }
  }
  const largest = ordered[0]!;
  return {
    valid: true,
    ...base,
    checkpoint: scope === 'agreement'
      ? { treeSize: largest.treeSize, verified: false, reason: 'one agreement\'s export: the signature holds, the ledger tree cannot be checked (ledger prove checks one event)' }
      : { treeSize: largest.treeSize, verified: true },
  };
}

export function named(event: Pick<SealedEvent, 'position' | 'streamId' | 'revision' | 'eventId'>, reason: string): Problem {
  return { position: event.position, streamId: event.streamId, revision: event.revision, eventId: event.eventId, reason };
}

function unchecked(input: CheckpointInput): CheckpointVerdict {
  const treeSize = 'checkpoint' in input ? input.checkpoint.treeSize : (input.treeSize ?? 0);
  return { treeSize, verified: false, reason: 'refused' in input ? input.refused : 'the export failed before the ledger tree could be checked' };
}
