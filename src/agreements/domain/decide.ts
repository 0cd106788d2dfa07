import type {
  AgreementCommand,
  AmendAgreement,
  AnnulDecision,
  DraftAgreement,
  RecordDecision,
  SignAgreement,
} from './agreement-commands.js';
import { AgreementAlreadyExists } from './agreement-errors.js';
import type { AgreementEvent, Meeting } from '../../core/agreement-events.js';
import { sameName } from '../../core/text-formats.js';
import { assertNever, decisionToAnnul, evolve, initialState, type AgreementState, type ExistingAgreement, type RecordedSignature } from './agreement-state.js';
import { helsinkiDate } from '../../core/helsinki-date.js';
import { checkedChanges, requireLatestBase } from './amendment-rules.js';
import { terminateAgreement, withdrawTermination } from './termination-rules.js';
import {
  MIN_PARTIES,
  distinctAnnexes,
  distinctParties,
  existingAgreement,
  existingVersion,
  optional,
  refuse,
  requireDate,
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
    case 'SignAgreement':
      return signAgreement(command, agreement);
    case 'TerminateAgreement':
      return terminateAgreement(command, agreement);
    case 'WithdrawTermination':
      return withdrawTermination(command, agreement);
    default:
      return assertNever(command);
  }
}

/** Decides commands one after another, each on the state the previous ones left (fixtures, replays). */
export function decideAll(commands: readonly AgreementCommand[], state: AgreementState = initialState()): AgreementEvent[] {
  const events: AgreementEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, state)) {
      events.push(event);
      state = evolve(state, event);
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
  // Both may lie ahead or behind: a term is agreed, not recorded after the fact.
  if (effectiveFrom !== undefined) requireDate(effectiveFrom, 'effectiveFrom');
  if (effectiveUntil !== undefined) requireDate(effectiveUntil, 'effectiveUntil');
  requireTerm({ effectiveFrom: effectiveFrom ?? null, effectiveUntil: effectiveUntil ?? null }, 'effectiveUntil');
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
      },
    },
  ];
}

function amendAgreement({ data, now }: AmendAgreement, agreement: ExistingAgreement): AgreementEvent[] {
  requireOpenOn(agreement, helsinkiDate(now)); // undated: it is made today
  const base = existingVersion(agreement, data.basedOn, 'basedOn');
  requireLatestBase(agreement, base);
  requireText(data.summary, 'summary');
  const changes = checkedChanges(base, data.changes);
  return [{ type: 'AgreementAmended', data: { version: base.number + 1, basedOn: base.number, summary: data.summary, changes } }];
}

function recordDecision({ data, now }: RecordDecision, agreement: ExistingAgreement): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireText(data.body, 'body');
  requirePastDate(data.decidedOn, 'decidedOn', now);
  requireOpenOn(agreement, data.decidedOn, 'decidedOn');
  const { body, outcome, decidedOn } = data;
  return [{ type: 'DecisionRecorded', data: { partyId, body, outcome, version: version.number, decidedOn, meeting: meetingOf(data.meeting) } }];
}

function annulDecision({ data, now }: AnnulDecision, agreement: ExistingAgreement): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireDate(data.decidedOn, 'decidedOn');
  requirePastDate(data.annulledOn, 'annulledOn', now);
  requireOpenOn(agreement, data.annulledOn, 'annulledOn');
  if (data.annulledOn < data.decidedOn) {
    throw refuse('annulment-before-decision', `A decision of ${data.decidedOn} cannot be annulled on ${data.annulledOn}, before it was made.`, 'annulledOn');
  }
  requireText(data.authority, 'authority');
  requireText(data.reason, 'reason');
  if (!version.decisions.some((d) => d.partyId === partyId && d.decidedOn === data.decidedOn)) {
    throw refuse('decision-not-found', `No decision of ${partyId} dated ${data.decidedOn} is recorded on version ${version.number}.`, 'decidedOn');
  }
  if (decisionToAnnul(version, partyId, data.decidedOn) === undefined) {
    throw refuse('decision-already-annulled', `The decision of ${partyId} dated ${data.decidedOn} on version ${version.number} is already annulled.`, 'decidedOn');
  }
  const { decidedOn, annulledOn, authority, reason } = data;
  return [{ type: 'DecisionAnnulled', data: { partyId, version: version.number, decidedOn, annulledOn, authority, reason } }];
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

function meetingOf({ section, diaryNumber, minutesUrl }: Meeting): Meeting {
  return { section, ...optional('diaryNumber', diaryNumber), ...optional('minutesUrl', minutesUrl) };
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
