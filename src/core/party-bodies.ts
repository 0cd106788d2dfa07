import type { DecisionRecorded, JointBody, Party } from './agreement-events.js';
import { sameName } from './text-formats.js';

/**
 * Which bodies a party lists, and whether a decision's body is one of them (DESIGN.md "Party").
 * Names compare as names do: trimmed, whitespace collapsed, case folded — a trailing space or a
 * capital letter never makes a council's decision someone else's.
 */
type PartyBodies = Pick<Party, 'competentBody' | 'bodyAliases' | 'otherBodies'>;

/** The competent body's names: its own and its aliases (e.g. the Swedish one). */
export function competentBodyNames(party: PartyBodies): string[] {
  return [party.competentBody, ...(party.bodyAliases ?? [])];
}

/** Every body the party lists: the competent body by each of its names, then the others. */
export function knownBodies(party: PartyBodies): string[] {
  return [...competentBodyNames(party), ...(party.otherBodies ?? [])];
}

/** Whether `body` is the party's competent body, by any of its names: its decisions can bind the party. */
export function isCompetentBody(party: PartyBodies, body: string): boolean {
  return competentBodyNames(party).some((name) => sameName(name, body));
}

/** Whether the party lists `body` at all: only then is a decision by it recorded. */
export function listsBody(party: PartyBodies, body: string): boolean {
  return knownBodies(party).some((name) => sameName(name, body));
}

/** The version's joint body of that name, compared as body names are. */
export function findJointBody(jointBodies: readonly JointBody[], name: string): JointBody | undefined {
  return jointBodies.find((body) => sameName(body.name, name));
}

/** Who made a decision: one of a party's bodies, or a joint body (no party); `body` names the body either way. */
export function decisionMaker(data: DecisionRecorded['data']): { partyId: string | null; jointBody: string | null; body: string } {
  return 'jointBody' in data ? { partyId: null, jointBody: data.jointBody, body: data.jointBody } : { partyId: data.partyId, jointBody: null, body: data.body };
}
