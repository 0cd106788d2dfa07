import type {
  AgreementCommand,
  AmendAgreement,
  AnnexInput,
  AnnulDecision,
  DraftAgreement,
  RecordDecision,
  SignAgreement,
  TerminateAgreement,
} from './agreement-commands.js';
import { AgreementAlreadyExists, AgreementNotFound, AgreementRuleViolation } from './agreement-errors.js';
import type { AgreementEvent, AmendmentChange, Annex, IsoDate, Meeting, Party } from './agreement-events.js';
import {
  applyChange,
  assertNever,
  contentOf,
  decisionToAnnul,
  evolve,
  findVersion,
  initialState,
  type AgreementState,
  type AgreementVersion,
  type ExistingAgreement,
  type RecordedSignature,
  type VersionContent,
} from './agreement-state.js';
import { helsinkiDate, isIsoDate } from './helsinki-date.js';
import { normalisePartyId } from './party-id.js';

/** An agreement binds at least two parties; a draft or amendment leaving fewer is not one. */
const MIN_PARTIES = 2;

type Active = Extract<AgreementState, { status: 'active' }>;

/** The new version's content while an amendment's changes are checked in order; `number` names the base in messages. */
type NextVersion = VersionContent & { readonly number: number };

/**
 * The events a command appends to the agreement's stream: `[]` when it changes nothing (a repeated
 * signature), otherwise throws an `AgreementDomainError` and nothing is appended.
 */
export function decide(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  if (command.type === 'DraftAgreement') return draftAgreement(command, state);
  const agreement = openAgreement(state, command.data.agreementId);
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
      return terminateAgreement(command);
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
  const parties: Party[] = [];
  data.parties.forEach((party, i) => {
    const checked = checkedParty(party, `parties[${i}].partyId`);
    if (parties.some((p) => p.partyId === checked.partyId)) {
      throw refuse('duplicate-party', `Party ${checked.partyId} is listed twice.`, `parties[${i}].partyId`);
    }
    parties.push(checked);
  });
  const annexes: Annex[] = [];
  data.annexes.forEach((annex, i) => {
    if (annexes.some((a) => a.annexId === annex.annexId)) {
      throw refuse('duplicate-annex', `Annex ${annex.annexId} is listed twice.`, `annexes[${i}].annexId`);
    }
    annexes.push(checkedAnnex(annex, `annexes[${i}]`));
  });
  if (data.effectiveFrom !== undefined) requireDate(data.effectiveFrom, 'effectiveFrom');
  const { agreementId, title, region, kind, document, effectiveFrom } = data;
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
        ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
      },
    },
  ];
}

function amendAgreement({ data }: AmendAgreement, agreement: Active): AgreementEvent[] {
  const base = existingVersion(agreement, data.basedOn, 'basedOn');
  if (base.number !== agreement.latestVersion) {
    throw refuse(
      'amendment-not-based-on-latest',
      `An amendment must build on the latest version ${agreement.latestVersion}, not on version ${base.number}.`,
      'basedOn',
    );
  }
  requireText(data.summary, 'summary');
  if (data.changes.length === 0) throw refuse('amendment-without-changes', 'An amendment must change something.', 'changes');
  // Changes apply in order, so a later change sees the earlier ones (remove annex B, then add a new B).
  let content: NextVersion = { number: base.number, ...contentOf(base) };
  const changes: AmendmentChange[] = [];
  data.changes.forEach((change, i) => {
    const checked = checkedChange(change, content, `changes[${i}]`);
    content = { number: base.number, ...applyChange(content, checked) };
    changes.push(checked);
  });
  if (content.parties.length < MIN_PARTIES) {
    throw refuse('too-few-parties', `After these changes the agreement would have ${content.parties.length} parties; it needs at least ${MIN_PARTIES}.`, 'changes');
  }
  return [{ type: 'AgreementAmended', data: { version: base.number + 1, basedOn: base.number, summary: data.summary, changes } }];
}

function checkedChange(change: AmendmentChange, version: NextVersion, at: string): AmendmentChange {
  switch (change.op) {
    case 'amend-annex':
      requireAnnex(version, change.annexId, `${at}.annexId`);
      return { op: change.op, annexId: change.annexId, ...optional('title', change.title), sha256: change.sha256 };
    case 'add-annex':
      if (version.annexIds.includes(change.annexId)) {
        throw refuse('duplicate-annex', `The version already has an annex ${change.annexId}; amend it instead.`, `${at}.annexId`);
      }
      return { op: change.op, ...checkedAnnex(change, at) };
    case 'remove-annex':
      requireAnnex(version, change.annexId, `${at}.annexId`);
      return { op: change.op, annexId: change.annexId };
    case 'revise-document':
      return { op: change.op, ...optional('title', change.title), sha256: change.sha256 };
    case 'add-party': {
      const party = checkedParty(change.party, `${at}.party.partyId`);
      if (version.parties.some((p) => p.partyId === party.partyId)) {
        throw refuse('duplicate-party', `${party.partyId} is already a party of the agreement.`, `${at}.party.partyId`);
      }
      return { op: change.op, party };
    }
    case 'remove-party': {
      const partyId = validPartyId(change.partyId, `${at}.partyId`);
      requireParty(version, partyId, `${at}.partyId`);
      return { op: change.op, partyId };
    }
    default:
      return assertNever(change);
  }
}

function recordDecision({ data, now }: RecordDecision, agreement: Active): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireText(data.body, 'body');
  requirePastDate(data.decidedOn, 'decidedOn', now);
  const { body, outcome, decidedOn } = data;
  return [{ type: 'DecisionRecorded', data: { partyId, body, outcome, version: version.number, decidedOn, meeting: meetingOf(data.meeting) } }];
}

function annulDecision({ data, now }: AnnulDecision, agreement: Active): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireDate(data.decidedOn, 'decidedOn');
  requirePastDate(data.annulledOn, 'annulledOn', now);
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

function signAgreement({ data, now }: SignAgreement, agreement: Active): AgreementEvent[] {
  const partyId = validPartyId(data.partyId, 'partyId');
  const version = existingVersion(agreement, data.version, 'version');
  requireParty(version, partyId, 'partyId');
  requireText(data.signatory.name, 'signatory.name');
  requirePastDate(data.signedOn, 'signedOn', now);
  const signatory = { name: data.signatory.name, title: data.signatory.title };
  const { signedOn, method, evidence } = data;
  const earlier = version.signatures.find((s) => s.partyId === partyId);
  if (earlier !== undefined) {
    if (sameSignature(earlier, { partyId, signatory, signedOn, method, evidence })) return []; // a retry records nothing
    throw refuse(
      'signature-conflict',
      `${partyId} has already signed version ${version.number} (${earlier.signedOn}, ${earlier.signatory.name}); a different signature cannot replace it.`,
    );
  }
  return [
    { type: 'AgreementSigned', data: { partyId, version: version.number, signatory, signedOn, method, ...optional('evidence', evidence) } },
  ];
}

function terminateAgreement({ data }: TerminateAgreement): AgreementEvent[] {
  requireDate(data.effectiveOn, 'effectiveOn'); // may be future: a termination can be agreed in advance
  requireText(data.reason, 'reason');
  const { effectiveOn, reason, supersededBy } = data;
  return [{ type: 'AgreementTerminated', data: { effectiveOn, reason, ...optional('supersededBy', supersededBy) } }];
}

// ——— guards: each passes, or throws the refusal a clerk can act on ———

function openAgreement(state: AgreementState, agreementId: string): Active {
  if (state.status === 'none') throw new AgreementNotFound(agreementId);
  if (state.status === 'terminated') {
    throw refuse('agreement-terminated', `Agreement ${state.agreementId} is terminated (from ${state.termination.effectiveOn}); nothing more can be recorded on it.`);
  }
  return state;
}

function existingVersion(agreement: ExistingAgreement, number: number, field: string): AgreementVersion {
  const version = findVersion(agreement, number);
  if (version === undefined) {
    throw refuse('unknown-version', `Agreement ${agreement.agreementId} has no version ${number}; its latest version is ${agreement.latestVersion}.`, field);
  }
  return version;
}

function validPartyId(raw: string, field: string): string {
  const partyId = normalisePartyId(raw);
  if (partyId === undefined) {
    throw refuse('invalid-party-id', `"${raw}" is not a valid business id (Y-tunnus): expected NNNNNNN-C with a matching check digit.`, field);
  }
  return partyId;
}

function checkedParty(party: Party, field: string): Party {
  return { partyId: validPartyId(party.partyId, field), name: party.name, kind: party.kind, competentBody: party.competentBody };
}

function requireParty(version: Pick<AgreementVersion, 'parties' | 'number'>, partyId: string, field: string): void {
  if (!version.parties.some((party) => party.partyId === partyId)) {
    throw refuse('unknown-party', `${partyId} is not a party of version ${version.number} of the agreement.`, field);
  }
}

function requireAnnex(version: VersionContent, annexId: string, field: string): void {
  if (!version.annexIds.includes(annexId)) throw refuse('unknown-annex', `The version has no annex ${annexId}.`, field);
}

function checkedAnnex(annex: AnnexInput, at: string): Annex {
  const { annexId, title, sha256, legalBasis } = annex;
  if ((annex.publicity ?? 'public') === 'public') {
    // A secrecy basis on an annex about to be published is most likely a forgotten 'confidential'.
    if (legalBasis !== undefined && legalBasis.trim() !== '') {
      throw refuse('annex-publicity-conflict', `Annex ${annexId} gives a legal basis for secrecy but is not marked confidential.`, `${at}.publicity`);
    }
    return { annexId, title, sha256, publicity: 'public' };
  }
  if (legalBasis === undefined || legalBasis.trim() === '') {
    throw refuse('legal-basis-required', `Confidential annex ${annexId} must name its legal basis, e.g. "JulkL 621/1999 24 § 1 mom. 8 k.".`, `${at}.legalBasis`);
  }
  return { annexId, title, sha256, publicity: 'confidential', legalBasis };
}

function requireDate(date: string, field: string): void {
  if (!isIsoDate(date)) throw refuse('invalid-date', `${field} "${date}" is not a calendar date (YYYY-MM-DD).`, field);
}

/** Decisions, annulments and signatures are records of what happened: not later than today in Finland. */
function requirePastDate(date: IsoDate, field: string, now: Date): void {
  requireDate(date, field);
  const today = helsinkiDate(now);
  if (date > today) throw refuse('date-in-future', `${field} ${date} is in the future; today in Finland is ${today}.`, field);
}

function requireText(text: string, field: string): void {
  if (text.trim() === '') throw refuse('text-required', `${field} must not be empty.`, field);
}

function meetingOf({ section, diaryNumber, minutesUrl }: Meeting): Meeting {
  return { section, ...optional('diaryNumber', diaryNumber), ...optional('minutesUrl', minutesUrl) };
}

function sameSignature(a: RecordedSignature, b: RecordedSignature): boolean {
  return (
    a.signatory.name === b.signatory.name &&
    a.signatory.title === b.signatory.title &&
    a.signedOn === b.signedOn &&
    a.method === b.method &&
    a.evidence === b.evidence
  );
}

/** `{ key: value }` when the value is present, else `{}`: events carry no `undefined` fields. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function refuse(code: AgreementRuleViolation['code'], message: string, field?: string): AgreementRuleViolation {
  return new AgreementRuleViolation(code, message, field);
}
