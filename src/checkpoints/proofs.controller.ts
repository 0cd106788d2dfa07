import { Controller, Get, NotFoundException, Query, ServiceUnavailableException } from '@nestjs/common';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AGREEMENT_STREAM_PREFIX } from '../core/stream-names.js';
import { AgreementViews } from '../read-models/agreement-views.js';
import { ConsistencyProofQuery, InclusionProofQuery, fieldProblem } from './checkpoint-queries.dto.js';
import { LedgerTreeService } from './ledger-tree-service.js';

const WAIT_MS = 5000;
const hex = (hash: Buffer): string => hash.toString('hex');

export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly rootHash: string;
  readonly proof: string[];
}

export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: string[];
}

/** RFC 9162 proofs from the ledger tree, hashes in hex. */
@Controller('proofs')
export class ProofsController {
  constructor(
    private readonly tree: LedgerTreeService,
    private readonly views: AgreementViews,
  ) {}

  /** Auditors and admins (as raw events); an event of an agreement the caller may not see is not found. */
  @Get('inclusion')
  @Roles('auditor', 'admin')
  async inclusion(@Query() query: InclusionProofQuery, @CurrentPrincipal() principal: Principal): Promise<InclusionProof> {
    if (query.minPosition !== undefined) await this.waitForTree(query.minPosition);
    const leaf = this.tree.treeStore.leafOf(query.eventId);
    if (leaf === undefined) throw new NotFoundException(`there is no event ${query.eventId} in the ledger tree`);
    await this.views.visible(leaf.streamId.slice(AGREEMENT_STREAM_PREFIX.length), principal).catch(() => {
      throw new NotFoundException(`there is no event ${query.eventId} in the ledger tree`);
    });
    const treeSize = query.treeSize ?? this.signedSize();
    if (treeSize > this.tree.tree.size) throw fieldProblem('treeSize', `the ledger tree holds ${this.tree.tree.size} events`);
    if (leaf.leafIndex >= treeSize) throw fieldProblem('treeSize', `event ${query.eventId} is leaf ${leaf.leafIndex}, not in a tree of ${treeSize}`);
    return {
      leafIndex: leaf.leafIndex,
      treeSize,
      leafHash: hex(Buffer.from(this.tree.treeStore.node(0, leaf.leafIndex)!)),
      rootHash: hex(this.tree.tree.root(treeSize)),
      proof: this.tree.tree.inclusionProof(leaf.leafIndex, treeSize).map(hex),
    };
  }

  /** Every principal: a witness may be any party's. */
  @Get('consistency')
  @Roles('admin', 'clerk', 'auditor')
  consistency(@Query() query: ConsistencyProofQuery): ConsistencyProof {
    const to = query.to ?? this.signedSize();
    if (to > this.tree.tree.size) throw fieldProblem('to', `the ledger tree holds ${this.tree.tree.size} events`);
    if (query.from > to) throw fieldProblem('from', `from (${query.from}) is larger than to (${to})`);
    return {
      from: query.from,
      to,
      fromRoot: hex(this.tree.tree.root(query.from)),
      toRoot: hex(this.tree.tree.root(to)),
      proof: this.tree.tree.consistencyProof(query.from, to).map(hex),
    };
  }

  private signedSize(): number {
    const latest = this.tree.treeStore.latestCheckpoint();
    if (latest === undefined) throw new ServiceUnavailableException('the log has signed no checkpoint yet');
    return latest.treeSize;
  }

  private async waitForTree(position: string): Promise<void> {
    let reached: boolean;
    try {
      reached = await this.tree.waitFor(position, { signed: false, timeoutMs: WAIT_MS });
    } catch {
      throw fieldProblem('minPosition', 'minPosition must be a position returned by a command');
    }
    if (!reached) throw new ServiceUnavailableException(`the ledger tree did not reach position ${position} within ${WAIT_MS / 1000} s`);
  }
}
