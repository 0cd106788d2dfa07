import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Principal } from '../auth/principal.js';
import { WrongExpectedRevisionError } from '../event-store/errors.js';
import { derivedEventIds } from '../idempotency/derived-event-ids.js';
import { AgreementStream, type LoadedAgreement } from './agreement-stream.js';
import { AgreementNotVisible, ConcurrentModification, RevisionMismatch } from './application-errors.js';
import type { CommandEnvelope, CommandResult } from './command-envelope.js';
import type { AgreementCommand } from './domain/agreement-commands.js';
import type { WriterMetadata } from '../core/event-metadata.js';
import { printable } from '../core/text-formats.js';
import { KeyedQueue } from './keyed-queue.js';
import { evolve, type AgreementState } from './domain/agreement-state.js';
import { decide } from './domain/decide.js';

/** Re-decisions on fresh state before a race lost to another process is reported as 409. */
const MAX_ATTEMPTS = 8;
/** Ids derived per key; a command emits one event today, a few at most. */
const MAX_EVENTS_PER_COMMAND = 8;

export interface AgreementCommandSpec {
  readonly agreementId: string;
  readonly envelope: CommandEnvelope;
  /** Object-level access on the current state; throws AgreementNotVisible or ActionForbidden. */
  readonly authorize: (state: AgreementState, principal: Principal) => void;
  readonly command: (now: Date) => AgreementCommand;
  /** The version the response names. */
  readonly version: (state: AgreementState) => number;
}

/**
 * The thin envelope around the decider every command handler shares: load, authorize, decide,
 * append with the loaded revision as expected revision.
 *
 * Commands on one agreement (a draft's too, by the id it will have) wait in that agreement's queue
 * and are decided one after another, so writers in this process never race each other and none
 * starves; agreements do not wait for one another, so their appends still share group commits.
 * The expected revision guards against other processes: without If-Match a lost race is
 * re-decided on fresh state a bounded number of times; with If-Match the caller's revision is the
 * contract.
 */
@Injectable()
export class AgreementCommandRunner {
  private readonly queue = new KeyedQueue();

  constructor(private readonly stream: AgreementStream) {}

  run(spec: AgreementCommandSpec, now: () => Date = () => new Date()): Promise<CommandResult> {
    return this.queue.run(spec.agreementId, () => this.decideAndAppend(spec, now));
  }

  private async decideAndAppend(spec: AgreementCommandSpec, now: () => Date): Promise<CommandResult> {
    const { envelope } = spec;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.stream.load(spec.agreementId);
      // Access first: a revision is no business of a caller who may not see the agreement.
      spec.authorize(loaded.state, envelope.principal);
      const eventIds = envelope.idempotencyKey ? (n: number) => derivedEventIds(envelope.principal.id, envelope.idempotencyKey!, n) : undefined;
      const replayed = eventIds && this.alreadyAppended(loaded, eventIds(MAX_EVENTS_PER_COMMAND), spec);
      if (replayed) return replayed;
      if (envelope.ifMatch !== undefined && envelope.ifMatch !== loaded.revision) {
        throw new RevisionMismatch(`the agreement is at revision ${loaded.revision}, not ${envelope.ifMatch}: reload it and decide again`);
      }

      const events = decide(spec.command(now()), loaded.state);
      if (events.length === 0) return this.result(spec, loaded, false);
      // Chosen here rather than by the store: the state after the command knows its events by id.
      const ids = eventIds ? eventIds(events.length) : events.map(() => uuidv7());
      try {
        const written = await this.stream.append(spec.agreementId, events, {
          expectedRevision: loaded.revision,
          metadata: metadataOf(envelope),
          eventIds: ids,
        });
        return {
          agreementId: spec.agreementId,
          version: spec.version(events.reduce((state, event, i) => evolve(state, event, ids[i]!), loaded.state)),
          revision: Number(written.nextExpectedRevision),
          position: written.position,
          eventId: written.eventId,
          appended: true,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (envelope.ifMatch !== undefined) {
          throw new RevisionMismatch('another command changed the agreement first: reload it and decide again');
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new ConcurrentModification(`the agreement kept changing while this command was decided (${attempt} tries); send it again`);
        }
      }
    }
  }

  /** A command retried after its events were stored (the server died before answering) answers as the first time. */
  private alreadyAppended(loaded: LoadedAgreement, derivedIds: readonly string[], spec: AgreementCommandSpec): CommandResult | undefined {
    const ids = new Set(derivedIds);
    const last = loaded.events.findLast((e) => ids.has(e.eventId));
    if (!last) return undefined;
    return {
      agreementId: spec.agreementId,
      version: spec.version(loaded.state),
      revision: last.revision,
      position: last.position,
      eventId: last.eventId,
      appended: true,
    };
  }

  private result(spec: AgreementCommandSpec, loaded: LoadedAgreement, appended: boolean): CommandResult {
    const last = loaded.events[loaded.events.length - 1];
    if (!last) throw new AgreementNotVisible(spec.agreementId);
    return { agreementId: spec.agreementId, version: spec.version(loaded.state), revision: last.revision, position: last.position, eventId: last.eventId, appended };
  }
}

function metadataOf(envelope: CommandEnvelope): Omit<WriterMetadata, 'schemaVersion'> {
  // Names come from tokens and OIDC claims: made printable so no principal can make its events malformed.
  const { name, id } = envelope.principal;
  return { actor: printable(name) || printable(id), actorId: printable(id), $correlationId: envelope.requestId, $causationId: envelope.requestId };
}
