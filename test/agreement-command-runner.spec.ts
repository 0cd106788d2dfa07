/**
 * The command runner on an in-memory SQLite store, with "another process" simulated by appends
 * made straight to the store: the queue orders this process's writers, the expected revision
 * still guards against everyone else.
 */
import { HttpException } from '@nestjs/common';
import { requireActingFor } from '../src/agreements/agreement-access.js';
import { AgreementCommandRunner, type AgreementCommandSpec } from '../src/agreements/agreement-command-runner.js';
import { AgreementStream } from '../src/agreements/agreement-stream.js';
import { AgreementNotVisible, ConcurrentModification, RevisionMismatch } from '../src/agreements/application-errors.js';
import type { CommandEnvelope } from '../src/agreements/command-envelope.js';
import { AGREEMENT_ID, decisionRecorded, drafted, joensuu, recordDecision } from '../src/agreements/domain/agreement-samples.spec-helper.js';
import type { Principal } from '../src/auth/principal.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';

const admin: Principal = { id: 'token:admin', name: 'Aluehallinto', role: 'admin', authenticatedBy: 'ledger-token' };
const outsider: Principal = { id: 'token:other', name: 'Muu kunta', role: 'clerk', partyId: '0207669-0', authenticatedBy: 'ledger-token' };

/** A stream whose appends first let "another process" append a decision of its own, `losses` times. */
class ContestedStream extends AgreementStream {
  losses = 0;
  appendAttempts = 0;
  inFlight = 0;
  maxInFlight = 0;

  override async load(agreementId: string) {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return super.load(agreementId);
  }

  override async append(...[agreementId, events, options]: Parameters<AgreementStream['append']>) {
    this.appendAttempts++;
    try {
      if (this.losses > 0) {
        this.losses--;
        const { revision } = await super.load(agreementId);
        await super.append(agreementId, [decisionRecorded({ meeting: { section: `§ ${revision}` } })], { expectedRevision: revision, metadata: { actor: 'another process' } });
      }
      return await super.append(agreementId, events, options);
    } finally {
      this.inFlight--;
    }
  }
}

describe('AgreementCommandRunner', () => {
  let store: SqliteEventStore;
  let stream: ContestedStream;
  let runner: AgreementCommandRunner;

  const decision = (envelope: Partial<CommandEnvelope> = {}, section = '§ 42'): AgreementCommandSpec => ({
    agreementId: AGREEMENT_ID,
    envelope: { principal: admin, requestId: 'req-1', ...envelope },
    authorize: requireActingFor(AGREEMENT_ID, joensuu.partyId),
    command: () => recordDecision({ meeting: { section } }),
    version: () => 1,
  });
  const stored = () => stream.load(AGREEMENT_ID);

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    stream = new ContestedStream(store);
    runner = new AgreementCommandRunner(stream);
    await new AgreementStream(store).append(AGREEMENT_ID, [drafted], { expectedRevision: -1, metadata: { actor: 'another process' } });
  });
  afterEach(async () => store.close());

  it('decides a command again on fresh state after losing a race to another process', async () => {
    stream.losses = 2;
    const result = await runner.run(decision());
    expect(result).toMatchObject({ revision: 3, appended: true });
    const { events } = await stored();
    expect(events[3]!.eventId).toBe(result.eventId);
    expect(stream.appendAttempts).toBe(3);
  });

  it('gives up with ConcurrentModification after a bounded number of tries', async () => {
    stream.losses = Infinity;
    const refusal = runner.run(decision());
    await expect(refusal).rejects.toBeInstanceOf(ConcurrentModification);
    await expect(refusal).rejects.not.toBeInstanceOf(HttpException);
    expect(stream.appendAttempts).toBe(8);
    expect((await stored()).events.filter((e) => e.metadata.actor === admin.name)).toEqual([]);
  });

  it('with If-Match, a lost race is a RevisionMismatch and the command is not decided again', async () => {
    stream.losses = 1;
    await expect(runner.run(decision({ ifMatch: 0 }))).rejects.toBeInstanceOf(RevisionMismatch);
    expect(stream.appendAttempts).toBe(1);
    expect((await stored()).revision).toBe(1);
    await expect(runner.run(decision({ ifMatch: 0 }))).rejects.toThrow('the agreement is at revision 1, not 0');
  });

  it('tells a caller who may not see the agreement nothing about its revision', async () => {
    await expect(runner.run(decision({ principal: outsider, ifMatch: 7 }))).rejects.toBeInstanceOf(AgreementNotVisible);
  });

  it("decides this process's commands on one agreement one at a time, each on the state the one before left", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => runner.run(decision({}, `§ ${i}`))));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(stream.appendAttempts).toBe(30);
    expect(stream.maxInFlight).toBe(1);
  });
});
