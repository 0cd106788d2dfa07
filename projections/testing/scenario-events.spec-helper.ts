import type { AgreementEvent, AmendmentChange, Party } from '../../src/core/agreement-events.js';
import { drafted } from './agreement-fixtures.js';
import { DAYS, SIGNATORIES, day, dayNumber, pool, type Scenario, type TermChange } from './agreement-histories.spec-helper.js';

/** A version's term as days; null is an open end. */
interface Term {
  readonly from: number | null;
  readonly until: number | null;
}

/** An event with the id the log gave it: annulments and reversals name earlier events by id. */
export interface IdentifiedEvent {
  readonly eventId: string;
  readonly event: AgreementEvent;
}

/**
 * Turns abstract steps into events the decider would accept, for the agreement of the default
 * draft or `agreementId`; the n-th event's id is `<agreementId or "agreement">-<n>`.
 */
export function scenarioEvents(scenario: Scenario, agreementId?: string): IdentifiedEvent[] {
  const events = scenarioFacts(scenario, agreementId);
  return events.map((event, n) => ({ eventId: idOf(agreementId, n), event }));
}

const idOf = (agreementId: string | undefined, n: number): string => `${agreementId ?? 'agreement'}-${n}`;

function scenarioFacts(scenario: Scenario, agreementId: string | undefined): AgreementEvent[] {
  const versionParties: Party[][] = [pool.slice(0, scenario.partyCount)];
  const draftFrom = scenario.effectiveFrom;
  const draftUntil = scenario.termLength === undefined ? undefined : Math.min((draftFrom ?? 0) + scenario.termLength, DAYS - 1);
  const terms: Term[] = [{ from: draftFrom ?? null, until: draftUntil ?? null }];
  /** Decisions so far, with the annulment standing against each (the decider allows one at a time). */
  const decisions: { decisionId: string; decidedOn: string; annulled: boolean }[] = [];
  const annulments: { annulmentId: string; decision: (typeof decisions)[number]; annulledOn: string; reversed: boolean }[] = [];
  const signed = new Set<string>();
  const events: AgreementEvent[] = [
    drafted({
      ...(agreementId === undefined ? {} : { agreementId }),
      parties: versionParties[0],
      forceRule: scenario.hubAndSpoke ? { kind: 'hub-and-spoke', hub: versionParties[0][0].partyId } : { kind: 'all-parties' },
      ...(draftFrom === undefined ? {} : { effectiveFrom: day(draftFrom) }),
      ...(draftUntil === undefined ? {} : { effectiveUntil: day(draftUntil) }),
    }),
  ];
  // Each signatory signs a version for a party once: the decider makes a repeat a no-op.
  const sign = (party: Party, version: number, signedOn: number, signatory = 0): void => {
    const name = SIGNATORIES[signatory % SIGNATORIES.length] as string;
    if (signed.has(`${party.partyId}/${version}/${name}`)) return;
    signed.add(`${party.partyId}/${version}/${name}`);
    events.push({
      type: 'AgreementSigned',
      data: { partyId: party.partyId, version, signatory: { name, title: 'T' }, signedOn: day(signedOn), method: 'handwritten' },
    });
  };
  for (const step of scenario.steps) {
    if (step.kind === 'amend') {
      if (versionParties.length >= 4) continue;
      const latest = versionParties[versionParties.length - 1];
      const newcomer = pool.find((party) => !latest.includes(party));
      let change: AmendmentChange = { op: 'amend-annex', annexId: 'B', sha256: String(versionParties.length).repeat(64) };
      let parties = latest;
      let term = terms[terms.length - 1]!;
      const revision = step.change === 'term' ? revisedTerm(term, step.term) : undefined;
      if (revision !== undefined) {
        ({ change, term } = revision);
      } else if (step.change === 'add-party' && newcomer !== undefined) {
        change = { op: 'add-party', party: newcomer };
        parties = [...latest, newcomer];
      } else if (step.change === 'remove-party' && latest.length > 1) {
        // The decider keeps a hub-and-spoke agreement's hub, the first party: a spoke goes instead.
        const leaving = latest[scenario.hubAndSpoke ? 1 : 0];
        change = { op: 'remove-party', partyId: leaving.partyId };
        parties = latest.filter((party) => party !== leaving);
      }
      versionParties.push(parties);
      terms.push(term);
      const version = versionParties.length;
      events.push({ type: 'AgreementAmended', data: { version, basedOn: version - 1, summary: `muutos ${version}`, changes: [change] } });
    } else if (step.kind === 'decide') {
      const version = (step.version % versionParties.length) + 1;
      const parties = versionParties[version - 1];
      const party = parties[step.party % parties.length];
      const decidedOn = day(step.day);
      decisions.push({ decisionId: idOf(agreementId, events.length), decidedOn, annulled: false });
      events.push({
        type: 'DecisionRecorded',
        data: {
          partyId: party.partyId,
          body: step.competent ? party.competentBody : `Hallitus ${party.name}`,
          outcome: step.outcome,
          version,
          decidedOn,
          meeting: { section: `§ ${events.length}`, ...published(step.day, step.published) },
        },
      });
    } else if (step.kind === 'annul') {
      const open = decisions.filter((decision) => !decision.annulled);
      if (open.length === 0) continue;
      const decision = open[step.decision % open.length];
      const annulledOn = day(Math.min(dayNumber(decision.decidedOn) + step.after, DAYS - 1));
      decision.annulled = true;
      annulments.push({ annulmentId: idOf(agreementId, events.length), decision, annulledOn, reversed: false });
      events.push({ type: 'DecisionAnnulled', data: { decisionId: decision.decisionId, annulledOn, authority: 'HaO', reason: 'virhe' } });
    } else if (step.kind === 'reverse') {
      const standing = annulments.filter((annulment) => !annulment.reversed);
      if (standing.length === 0) continue;
      const annulment = standing[step.annulment % standing.length];
      const reversedOn = day(Math.min(dayNumber(annulment.annulledOn) + step.after, DAYS - 1));
      annulment.reversed = true;
      annulment.decision.annulled = false;
      events.push({ type: 'AnnulmentReversed', data: { annulmentId: annulment.annulmentId, reversedOn, authority: 'KHO', reason: 'kumottu' } });
    } else if (step.kind === 'appeal') {
      if (decisions.length === 0) continue;
      const decision = decisions[step.decision % decisions.length];
      const lodgedOn = dayNumber(decision.decidedOn) + step.after;
      const appealId = idOf(agreementId, events.length);
      events.push({ type: 'AppealLodged', data: { decisionId: decision.decisionId, lodgedOn: day(lodgedOn), authority: 'HaO' } });
      if (step.resolvedAfter !== undefined) {
        events.push({ type: 'AppealResolved', data: { appealId, resolvedOn: day(lodgedOn + step.resolvedAfter), outcome: 'dismissed' } });
      }
    } else if (step.kind === 'sign') {
      const version = (step.version % versionParties.length) + 1;
      const parties = versionParties[version - 1];
      sign(parties[step.party % parties.length], version, step.day, step.signatory);
    } else {
      const version = (step.version % versionParties.length) + 1;
      versionParties[version - 1].forEach((party, index) => {
        const decidedOn = day(step.days[index * 2]);
        decisions.push({ decisionId: idOf(agreementId, events.length), decidedOn, annulled: false });
        events.push({
          type: 'DecisionRecorded',
          data: { partyId: party.partyId, body: party.competentBody, outcome: 'approved', version, decidedOn, meeting: { section: '§ 1', ...published(step.days[index * 2], step.published) } },
        });
        sign(party, version, step.days[index * 2 + 1]);
      });
    }
  }
  if (scenario.termination !== undefined) {
    events.push({ type: 'AgreementTerminated', data: { effectiveOn: day(scenario.termination), reason: 'päättyy' } });
    if (scenario.withdrawal !== undefined) {
      events.push({ type: 'TerminationWithdrawn', data: { reason: 'peruttu' } });
      const again = scenario.withdrawal.terminatedAgain;
      if (again !== undefined) events.push({ type: 'AgreementTerminated', data: { effectiveOn: day(again), reason: 'päättyy sittenkin' } });
    }
  }
  return events;
}

/** The meeting's minutesPublishedOn, `after` days after it, when known. */
function published(decidedOn: number, after: number | undefined): { minutesPublishedOn?: string } {
  return after === undefined ? {} : { minutesPublishedOn: day(decidedOn + after) };
}

/** The revise-term change a step asks for and the term it leaves; none when the decider would refuse it (no end named, or out of order). */
function revisedTerm(term: Term, { from, until }: TermChange): { change: AmendmentChange; term: Term } | undefined {
  if (from === undefined && until === undefined) return undefined;
  const revised = { from: from === undefined ? term.from : from, until: until === undefined ? term.until : until };
  if (revised.from !== null && revised.until !== null && revised.until < revised.from) return undefined;
  const date = (end: number | null) => (end === null ? null : day(end));
  const change: AmendmentChange = {
    op: 'revise-term',
    ...(from === undefined ? {} : { effectiveFrom: date(from) }),
    ...(until === undefined ? {} : { effectiveUntil: date(until) }),
  };
  return { change, term: revised };
}
