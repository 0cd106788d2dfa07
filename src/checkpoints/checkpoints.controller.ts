import { Body, Controller, Get, Header, HttpCode, Post, Query, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { Roles } from '../auth/decorators.js';
import { parseNote } from '../core/signed-note.js';
import { fieldProblem, CheckpointListQuery, CheckpointQuery } from './checkpoint-queries.dto.js';
import type { StoredCheckpoint } from './ledger-tree-store.js';
import { LedgerTreeService } from './ledger-tree-service.js';
import { CosignatureRefused, WitnessCosignatures, type AcceptedCosignature } from './witness-cosignatures.js';
import type { LogKeyInfo } from './log-keys.js';

const WAIT_MS = 5000;

export interface Digest {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  /** The log position of the last event the checkpoint covers; null for the empty log. */
  readonly position: string | null;
  readonly timestamp: string;
  readonly keyId: string;
  /** base64 of the log's Ed25519 signature (64 bytes) over the checkpoint text. */
  readonly signature: string;
  /** The note as GET /api/checkpoint serves it, cosignatures included. */
  readonly checkpoint: string;
}

/** Signed checkpoints, the keys that sign them and witnesses' cosignatures: open to every principal. */
@Controller()
@Roles('admin', 'clerk', 'auditor')
export class CheckpointsController {
  constructor(
    private readonly tree: LedgerTreeService,
    private readonly cosignatures: WitnessCosignatures,
  ) {}

  @Get('checkpoint')
  @Header('content-type', 'text/plain; charset=utf-8')
  async checkpoint(@Query() query: CheckpointQuery): Promise<string> {
    const latest = await this.latest(query.minPosition);
    return this.cosignatures.servedNote(latest.treeSize, latest.note);
  }

  @Get('digest')
  async digest(@Query() query: CheckpointQuery): Promise<Digest> {
    return this.digestOf(await this.latest(query.minPosition));
  }

  @Get('checkpoints')
  list(@Query() query: CheckpointListQuery): { items: Digest[]; total: number } {
    const { items, total } = this.tree.treeStore.checkpoints(query.limit ?? 50, query.offset ?? 0);
    return { items: items.map((c) => this.digestOf(c)), total };
  }

  @Get('keys')
  keys(): { keys: LogKeyInfo[] } {
    return { keys: this.tree.keys.list() };
  }

  /** Body: one tlog-cosignature line, text/plain. */
  @Post('checkpoints/cosignatures')
  @HttpCode(201)
  async cosign(@Body() body: unknown): Promise<AcceptedCosignature> {
    if (typeof body !== 'string') throw fieldProblem('body', 'a cosignature is one signature line sent as text/plain');
    try {
      return await this.cosignatures.accept(body);
    } catch (error) {
      if (!(error instanceof CosignatureRefused)) throw error;
      if (error.kind === 'malformed') throw fieldProblem('body', error.message);
      throw new UnprocessableEntityException(error.message);
    }
  }

  private async latest(minPosition: string | undefined): Promise<StoredCheckpoint> {
    if (minPosition !== undefined) {
      let reached: boolean;
      try {
        reached = await this.tree.waitFor(minPosition, { signed: true, timeoutMs: WAIT_MS });
      } catch {
        throw fieldProblem('minPosition', 'minPosition must be a position returned by a command');
      }
      if (!reached) throw new ServiceUnavailableException(`no checkpoint covered position ${minPosition} within ${WAIT_MS / 1000} s`);
    }
    const latest = this.tree.treeStore.latestCheckpoint();
    if (latest === undefined) throw new ServiceUnavailableException('the log has signed no checkpoint yet');
    return latest;
  }

  private digestOf(checkpoint: StoredCheckpoint): Digest {
    const own = parseNote(checkpoint.note).signatures.find((s) => s.keyId.toString('hex') === checkpoint.keyId)!;
    return {
      origin: checkpoint.origin,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash.toString('hex'),
      position: checkpoint.position ?? null,
      timestamp: checkpoint.timestamp,
      keyId: checkpoint.keyId,
      signature: own.signature.toString('base64'),
      checkpoint: this.cosignatures.servedNote(checkpoint.treeSize, checkpoint.note),
    };
  }
}
