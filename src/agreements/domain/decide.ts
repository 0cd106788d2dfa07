import type {
  AgreementCommand,
  AmendAgreement,
  AnnulDecision,
  DraftAgreement,
  RecordDecision,
  ReverseAnnulment,
  SignAgreement,
} from './agreement-commands.js';
import { AgreementAlreadyExists, AnnulmentNotFound } from './agreement-errors.js';
import type { AgreementEvent, ForceRule, Meeting, Party } from '../../core/agreement-events.js';
import { ALL_PARTIES } from '../../core/force-rule.js';
import { sameName } from '../../core/text-formats.js';
import {
  assertNever,
  evolve,
  findDecision,
  initialState,
  standingAnnulment,
  type AgreementState,
  type AgreementVersion,
  type ExistingAgreement,
  type RecordedSignature,
} from './agreement-state.js';
import { helsinkiDate } from '../../core/helsinki-date.js';
import { checkedChanges, requireLatestBase } from './amendment-rules.js';
import { terminateAgreement, withdrawTermination } from './termination-rules.js';
import { lodgeAppeal, resolveAppeal } from './appeal-rules.js';
import { checkedObligations, fulfilObligation } from './obligation-rules.js';
import {
  MIN_PARTIES,
  distinctAnnexes,
  distinctParties,
  existingAgreement,
  existingVersion,
  optional,
  refuse,
  requireDate,
  requireListedBody,
  requireJointBody,
  checkedJointBodies,
  requireParty,
  requireOpenOn,
  requirePastDate,
  requireTerm,
  requireText,
  validPartyId,
} from './decide-guards.js';

/**
 * The events a command appends to the agreement's stream: `[]` when it changes nothing (a repeated
 * signature), otherwise throws an `AgreementDomainError` and nothing is appended.
 */
export function decide(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  if (command.type === 'DraftAgreement') return draftAgreement(command, state);
  const agreement = existingAgreement(state, command.data.agreementId);
  switch (command.type) {
    case 'AmendAgreement':
      return amendAgreement(command, agreement);
    case 'RecordDecision':
      return recordDecision(command, agreement);
    case 'AnnulDecision':
      return annulDecision(command, agreement);
    case 'ReverseAnnulment':
      return reverseAnnulment(command, agreement);
    case 'LodgeAppeal':
      return lodgeAppeal(command, agreement);
    case 'ResolveAppeal':
      return resolveAppeal(command, agreement);
    case 'SignAgreement':
      return signAgreement(command, agreement);
    case 'TerminateAgreement':
      return terminateAgreement(command, agreement);
    case 'WithdrawTermination':
      return withdrawTermination(command, agreement);
    case 'FulfilObligation':
      return fulfilObligation(command, agreement);
    default:
      return assertNever(command);
  }
}

/**
 * Decides commands one after another, each on the state the previous ones left (fixtures, replays).
 * The n-th event appended gets the id `eventIdOf(n)`, the id a command referring to it must name.
 */
export function decideAll(
  commands: readonly AgreementCommand[],
  state: AgreementState = initialState(),
  eventIdOf: (n: number) => string = (n) => `event-${n}`,
): AgreementEvent[] {
  const events: AgreementEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, state)) {
      state = evolve(state, event, eventIdOf(events.length));
      events.push(event);
    }
  }
  return events;
}

function draftAgreement({ data }: DraftAgreement, state: AgreementState): AgreementEvent[] {
  if (state.status !== 'none') throw new AgreementAlreadyExists(data.agreementId);
  requireText(data.title, 'title');
  if (data.parties.length < MIN_PARTIES) {
    throw refuse('too-few-parties', `An agreement needs at least ${MIN_PARTIES} parties; the draft names ${data.parties.length}.`, 'parties');
  }
  const parties = distinctParties(data.parties);
  const annexes = distinctAnnexes(data.annexes);
  const { agreementId, title, region, kind, document, effectiveFrom, effectiveUntil } = data;
  const jointBodies = checkedJointBodies(data.jointBodies ?? [], parties);
  // Both may lie ahead or behind: a term is agreed, not recorded after the fact.
  if (effectiveFrom !== undefined) requireDate(effectiveFrom, 'effectiveFrom');
  if (effectiveUntil !== undefined) requireDate(effectiveUntil, 'effectiveUntil');
  requireTerm({ effectiveFrom: effectiveFrom ?? null, effectiveUntil: effectiveUntil ?? null }, 'effectiveUntil');
  const forceRule = checkedForceRule(data.forceRule ?? ALL_PARTIES, parties);
  if (data.partOf === agreementId) {
    throw refuse('part-of-itself', `Agreement ${agreementId} cannot be part of itself; partOf names the framework it becomes part of.`, 'partOf');
  }
  const obligations = checkedObligations(data.obligations ?? [], { number: 1, parties, obligations: [] });
  return [
    {
      type: 'AgreementDrafted',
      data: {
        agreementId,
        title,
        region,
        kind,
        parties,
        document: { title: document.title, sha256: document.sha256 },
        annexes,
        ...optional('effectiveFrom', effectiveFrom),
        ...optional('effectiveUntil', effectiveUntil),
        forceRule,
        ...optional('partOf', data.partOf),
        ...(jointBodies.length > 0 && { jointBodies }),
        ...(obligations.length > 0 && { obligations }),
      },
    },
  ];
}

/** A hub-and-spoke agreement's hub is one of its parties: every spoke is bound with it. */
function checkedForceRule(rule: ForceRule, parties: readonly Party[]): ForceRule {
  if (rule.kind === 'all-parties') return ALL_PARTIES;
  const hub = validPartyId(rule.hub, 'forceRule.hub');
  if (!parties.some((party) => party.partyId === hub)) {
    throw refuse('unknown-party', `The hub ${hub} is not a party of the draft; a hub-and-spoke agreement's hub must be one of its parties.`, 'forceRule.hub');
  }
  return { kind: 'hub-and-spoke', hub };
}

function amendAgreement({ data, now }: AmendAgreement, agreement: ExistingAgreement): AgreementEvent[] {
  requireOpenOn(agreement, helsinkiDate(now)); // undated: it is made today
  const base = existingVersion(agreement, data.basedOn, 'basedOn');
  requireLatestBase(agreement, base);
  requireText(data.summary, 'summary');
  const changes = checkedChanges(base, data.changes, agreement.forceRule);
  return [{ type: 'AgreementAmended', data: { version: base.number + 1, basedOn: base.number, summary: data.summary, changes } }];
}

function recordDecision({ data, now }: RecordDecision, agreement: ExistingAgreement): AgreementEvent[] {
  const version = existingVersion(agreement, data.version, 'version');
  const maker = decisionMakerOf(data, version);
  requirePastDate(data.decidedOn, 'decidedOn', now);
  requireOpenOn(agreement, data.decidedOn, 'decidedOn');
  const published = data.meeting.minutesPublishedOn;
  if (published !== undefined) {
    requirePastDate(published, 'meeting.minutesPublishedOn', now);
    if (published < data.decidedOn) {
      throw refuse('minutes-before-meeting', `Minutes cannot be published on ${published}, before the meeting of ${data.decidedOn}.`, 'meeting.minutesPublishedOn');
    }
  }
  const { outcome, decidedOn } = data;
  return [{ type: 'DecisionRecorded', data: { ...maker, outcome, version: version.number, decidedOn, meeting: meetingOf(data.meeting) } }];
}

/**
 * Who decided: one of the party's bodies (`partyId` and `body`), or one of the version's joint
 * bodies (`jointBody`, stored as the version names it) — exactly one of the two.
 */
function decisionMakerOf(data: RecordDecision['data'], version: AgreementVersion): { partyId: string; body: string } | { jointBody: string } {
  if (data.jointBody !== undefined) {
    if (data.partyId !== undefined || data.body !== undefined) {
      throw refuse('party-or-joint-body', 'A decision is either a party body\'s (partyId and body) or a joint body\'s (jointBody), not both.', 'jointBody');
    }
    return { jointBody: requireJointBody(version, data.jointBody, 'jointBody').name };
  }
  if (data.partyId === undefined) throw refuse('party-or-joint-body', "A decision names its party (partyId and body) or its joint body (jointBody).", 'partyId');
  const partyId = validPartyId(data.partyId, 'partyId');
  const party = requireParty(version, partyId, 'partyId');
  const body = data.body ?? '';
  requireText(body, 'body');
  requireListedBody(party, body, 'body');
  return { partyId, body };
}

function annulDecision({ data, now }: AnnulDecision, agreement: ExistingAgreement): AgreementEvent[] {
  const found = findDecision(agreement, data.decisionId);
  if (found === undefined) {
    throw refuse('decision-not-found', `Agreement ${agreement.agreementId} has no decision ${data.decisionId}; name the eventId of its DecisionRecorded.`, 'decisionId');
  }
  const { decision } = found;
  requirePastDate(data.annulledOn, 'annulledOn', now);
  requireOpenOn(agreement, data.annulledOn, 'annulledOn');
  if (data.annulledOn < decision.decidedOn) {
    throw refuse('annulment-before-decision', `A decision of ${decision.decidedOn} cannot be annulled on ${data.annulledOn}, before it was made.`, 'annulledOn');
  }
  requireText(data.authority, 'authority');
  requireText(data.reason, 'reason');
  const standing = standingAnnulment(agreement, decision.decisionId);
  if (standing !== undefined) {
    throw refuse(
      'decision-already-annulled',
      `Decision ${decision.decisionId} is already annulled from ${standing.annulledOn} (annulment ${standing.annulmentId}); only a reversal of that annulment makes it count again.`,
      'decisionId',
    );
  }
  const { decisionId, annulledOn, authority, reason, caseNumber } = data;
  return [{ type: 'DecisionAnnulled', data: { decisionId, annulledOn, authority, reason, ...optional('caseNumber', caseNumber) } }];
}

/** A higher authority's reversal of an annulment: the decision counts again from reversedOn. */
function reverseAnnulment({ data, now }: ReverseAnnulment, agreement: ExistingAgreement): AgreementEvent[] {
  const annulment = agreement.annulments.find((a) => a.annulmentId === data.annulmentId);
  if (annulment === undefined) throw new AnnulmentNotFound(data.annulmentId);
  requirePastDate(data.reversedOn, 'reversedOn', now);
  requireOpenOn(agreement, data.reversedOn, 'reversedOn');
  if (annulment.reversedOn !== undefined) {
    throw refuse('annulment-already-reversed', `Annulment ${annulment.annulmentId} was already reversed from ${annulment.reversedOn}.`);
  }
  if (data.reversedOn < annulment.annulledOn) {
    throw refuse('reversal-before-annulment', `An annulment of ${annulment.annulledOn} cannot be reversed on ${data.reversedOn}, before it was made.`, 'reversedOn');
  }
  requireText(data.authority, 'authority');
  requireText(data.reason, 'reason');
  const { annulmentId, reversedOn, authority, reason, caseNumber } = data;
  return [{ type: 'AnnulmentReversed', data: { annulmentId, reversedOn, authority, reason, ...optional('caseNumber', caseNumber) } }];
}

function signAgreement({ data, now }: SignAgreement, agreement: ExistingAgreement): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireText(data.signatory.name, 'signatory.name');
  requirePastDate(data.signedOn, 'signedOn', now);
  requireOpenOn(agreement, data.signedOn, 'signedOn');
  const signatory = { name: data.signatory.name, title: data.signatory.title };
  const { signedOn, method, evidence } = data;
  // A party may sign with several signatories (the manager and the board's chair); each signs once.
  const earlier = version.signatures.find((s) => s.partyId === partyId && sameName(s.signatory.name, signatory.name));
  if (earlier !== undefined) {
    if (sameSignature(earlier, { partyId, signatory, signedOn, method, evidence })) return []; // a retry records nothing
    throw refuse(
      'signature-conflict',
      `${earlier.signatory.name} has already signed version ${version.number} for ${partyId} (${earlier.signedOn}, ${earlier.method}); ` +
        'a different signature by the same signatory cannot replace it.',
      'signatory.name',
    );
  }
  return [
    { type: 'AgreementSigned', data: { partyId, version: version.number, signatory, signedOn, method, ...optional('evidence', evidence) } },
  ];
}

function meetingOf({ section, diaryNumber, minutesUrl, minutesPublishedOn }: Meeting): Meeting {
  return { section, ...optional('diaryNumber', diaryNumber), ...optional('minutesUrl', minutesUrl), ...optional('minutesPublishedOn', minutesPublishedOn) };
}

/** The same signatory's signature again: names compare as names do, the rest exactly. */
function sameSignature(a: RecordedSignature, b: RecordedSignature): boolean {
  return (
    sameName(a.signatory.name, b.signatory.name) &&
    a.signatory.title === b.signatory.title &&
    a.signedOn === b.signedOn &&
    a.method === b.method &&
    a.evidence === b.evidence
  );
}
