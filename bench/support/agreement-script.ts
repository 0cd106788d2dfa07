/**
 * One agreement's history as the decider would have written it, event by event: a draft with 3–7
 * parties, board proposals, council decisions (now and then tabled, rejected or annulled by a
 * court, and now and then that annulment reversed by a higher court), signatures, follow-ups,
 * amendments with a new approval round, and on request a
 * termination. Deterministic per agreement (its own seeded PRNG), so a stream can be regenerated
 * alone and checked against `decide`.
 */
import { v5 as uuidv5 } from 'uuid';
import type { AgreementEvent, AmendmentChange, Annex, DecisionOutcome, IsoDate, Meeting } from '../../src/core/agreement-events.js';
import { helsinkiDate } from '../../src/core/helsinki-date.js';
import {
  AMENDMENT_SUMMARIES,
  ANNEX_TITLES,
  ANNULMENT_REASONS,
  COURTS,
  FIRST_NAMES,
  int,
  KINDS,
  LAST_NAMES,
  mulberry32,
  pick,
  REGIONS,
  sha256,
  shuffled,
  TERMINATION_REASONS,
  TOPICS,
  type PartyProfile,
  type Region,
  type Rng,
} from './read-catalogue.js';

// ---------------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01, never after today in Helsinki (decisions are records).

const DAY_MS = 86_400_000;
const TODAY_DAY = Date.parse(`${helsinkiDate(new Date())}T00:00:00Z`) / DAY_MS;
const FIRST_START_DAY = Date.parse('2019-01-07T00:00:00Z') / DAY_MS;
/** Agreements start in log order over this span, leaving room for their history before today. */
const LAST_START_DAY = Math.max(FIRST_START_DAY, TODAY_DAY - 540);

function isoDay(day: number): IsoDate {
  return new Date(Math.min(day, TODAY_DAY) * DAY_MS).toISOString().slice(0, 10);
}

/** The termination may lie ahead: it can be agreed in advance. */
function isoDayUncapped(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// One agreement's history, produced event by event.

interface Planned {
  readonly day: number;
  readonly event: AgreementEvent;
  readonly actor: { readonly name: string; readonly id: string };
  /** Chosen when planned, so an annulment can name its decision before the day order is known. */
  readonly eventId: string;
}

/** The namespace of the events' name-based UUIDs (RFC 9562 v5): ids are deterministic per agreement. */
const EVENT_ID_NAMESPACE = '5b0c5d0e-6b8e-4b8a-9a55-3f1f2c7d9e01';

/** Produces one agreement's events in stream order, as long as asked; `termination()` ends it. */
export class AgreementScript {
  readonly agreementId: string;
  readonly region: Region;
  private readonly rng: Rng;
  private readonly queue: Planned[] = [];
  private queueAt = 0;
  private day: number;
  private lastDay: number;
  private version = 0;
  private parties: PartyProfile[] = [];
  private annexIds: string[] = [];
  private annexCounter = 0;
  private planned = 0;

  constructor(
    readonly index: number,
    agreements: number,
  ) {
    this.rng = mulberry32(0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b));
    this.region = REGIONS[index % REGIONS.length]!;
    this.day = FIRST_START_DAY + Math.floor(((LAST_START_DAY - FIRST_START_DAY) * index) / Math.max(1, agreements)) + int(this.rng, 0, 6);
    this.lastDay = this.day;
    const kind = this.pickKind();
    this.agreementId = `${this.region.slug}-${kind[2]}-${String(index).padStart(6, '0')}`;
    this.queue.push(this.draft(kind));
  }

  /** The next event of the history, with who recorded it and its id. */
  next(): { event: AgreementEvent; actor: Planned['actor']; eventId: string } {
    if (this.queueAt === this.queue.length) {
      this.queue.length = 0;
      this.queueAt = 0;
      this.planMore();
    }
    const planned = this.queue[this.queueAt++]!;
    this.lastDay = Math.max(this.lastDay, planned.day);
    return planned;
  }

  /** Terminates the agreement after whatever came before; nothing may follow. */
  termination(): { event: AgreementEvent; actor: Planned['actor']; eventId: string } {
    const rng = this.rng;
    const supersededBy = rng() < 0.3 ? `${this.region.slug}-strateginen-${String(int(rng, 0, 999_999)).padStart(6, '0')}` : undefined;
    return {
      event: {
        type: 'AgreementTerminated',
        data: {
          effectiveOn: isoDayUncapped(this.lastDay + int(rng, 0, 365)),
          reason: pick(rng, TERMINATION_REASONS),
          ...(supersededBy === undefined ? {} : { supersededBy }),
        },
      },
      actor: this.region.admin,
      eventId: this.newEventId(),
    };
  }

  private newEventId(): string {
    return uuidv5(`${this.agreementId}/${this.planned++}`, EVENT_ID_NAMESPACE);
  }

  private pickKind(): (typeof KINDS)[number] {
    let r = this.rng();
    for (const kind of KINDS) {
      if (r < kind[3]) return kind;
      r -= kind[3];
    }
    return KINDS[0]!;
  }

  private draft(kind: (typeof KINDS)[number]): Planned {
    const rng = this.rng;
    const { county, others } = this.region;
    const count = Math.min(int(rng, 3, 7), others.length + 1);
    const withCounty = rng() < 0.85;
    this.parties = withCounty ? [county, ...shuffled(rng, others).slice(0, count - 1)] : shuffled(rng, others).slice(0, count);
    const annexes: Annex[] = [];
    const annexCount = int(rng, 0, 3);
    for (let i = 0; i < annexCount; i++) annexes.push(this.newAnnex());
    const topic = pick(rng, TOPICS);
    const year = isoDay(this.day).slice(0, 4);
    const counterparties = this.parties.length === 2 ? this.parties[1]!.genitive : `${this.region.genitive} kuntien`;
    const effectiveFrom = rng() < 0.25 ? isoDay(this.day + int(rng, 30, 120)) : undefined;
    return {
      day: this.day,
      actor: this.region.admin,
      eventId: this.newEventId(),
      event: {
        type: 'AgreementDrafted',
        data: {
          agreementId: this.agreementId,
          title: `${this.parties[0]!.genitive} ja ${counterparties} ${kind[1]}: ${topic} ${year}`,
          region: this.region.region,
          kind: kind[0],
          parties: this.parties.map((p) => p.party),
          document: { title: `${kind[1][0]!.toUpperCase()}${kind[1].slice(1)} ${year}`, sha256: sha256(`${this.agreementId}/document/1`) },
          annexes,
          ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
          // As the decider writes every draft since force rules exist.
          forceRule: { kind: 'all-parties' },
        },
      },
    };
  }

  private newAnnex(): Annex {
    const rng = this.rng;
    const annexId = `liite-${++this.annexCounter}`;
    this.annexIds.push(annexId);
    const title = pick(rng, ANNEX_TITLES);
    const hash = sha256(`${this.agreementId}/${annexId}/${this.version}`);
    return rng() < 0.15
      ? { annexId, title, sha256: hash, publicity: 'confidential', legalBasis: 'JulkL 621/1999 24 § 1 mom. 8 k.' }
      : { annexId, title, sha256: hash, publicity: 'public' };
  }

  /** After the draft: version 1's approval round; after that, follow-ups and now and then an amendment. */
  private planMore(): void {
    if (this.version === 0) {
      this.version = 1;
      this.approvalRound();
    } else if (this.rng() < 0.3) {
      this.amend();
      this.approvalRound();
    } else {
      this.followUpRound();
    }
    this.queue.sort((a, b) => a.day - b.day); // stable: same-day events keep their planned order
    this.day = Math.max(this.day, ...this.queue.map((p) => p.day)) + int(this.rng, 10, 45);
  }

  private meeting(party: PartyProfile, day: number): Meeting {
    const rng = this.rng;
    const section = `§ ${int(rng, 1, 320)}`;
    const year = isoDay(day).slice(0, 4);
    const r = rng();
    if (r < 0.45) return { section, diaryNumber: `${int(rng, 10, 2999)}/00.04.01/${year}` };
    if (r < 0.8) {
      return {
        section,
        diaryNumber: `${this.region.slug.toUpperCase()}/${int(rng, 100, 9999)}/${year}`,
        minutesUrl: `https://${party.party.partyId.slice(0, 7)}.oncloudos.com/kokous/${year}${int(rng, 1000, 9999)}-${int(rng, 1, 12)}.PDF`,
      };
    }
    return { section };
  }

  private decision(party: PartyProfile, body: string, outcome: DecisionOutcome, day: number): Planned {
    return {
      day,
      actor: party.clerk,
      eventId: this.newEventId(),
      event: {
        type: 'DecisionRecorded',
        data: { partyId: party.party.partyId, body, outcome, version: this.version, decidedOn: isoDay(day), meeting: this.meeting(party, day) },
      },
    };
  }

  /** Each party: the board proposes, the council decides (now and then tabled, rejected or annulled by a court), then it signs. */
  private approvalRound(): void {
    const rng = this.rng;
    for (const party of this.parties) {
      let day = this.day + int(rng, 0, 30);
      if (rng() < 0.85) {
        this.queue.push(this.decision(party, party.board, 'proposed', day));
        day += int(rng, 7, 35);
      }
      if (rng() < 0.08) {
        this.queue.push(this.decision(party, party.party.competentBody, 'tabled', day));
        day += int(rng, 14, 45);
      }
      const r = rng();
      const outcome: DecisionOutcome = r < 0.03 ? 'rejected' : r < 0.06 ? 'approved-amended' : 'approved';
      const approval = this.decision(party, party.party.competentBody, outcome, day);
      this.queue.push(approval);
      if (outcome !== 'approved') continue;
      if (rng() < 0.04) {
        const annulledOn = day + int(rng, 20, 90);
        const annulment: Planned = {
          day: annulledOn,
          actor: party.clerk,
          eventId: this.newEventId(),
          event: {
            type: 'DecisionAnnulled',
            data: { decisionId: approval.eventId, annulledOn: isoDay(annulledOn), authority: pick(rng, COURTS), reason: pick(rng, ANNULMENT_REASONS) },
          },
        };
        this.queue.push(annulment);
        if (rng() < 0.3) {
          // The Supreme Administrative Court reverses the annulment: the approval counts again.
          day = annulledOn + int(rng, 60, 300);
          this.queue.push({
            day,
            actor: party.clerk,
            eventId: this.newEventId(),
            event: {
              type: 'AnnulmentReversed',
              data: { annulmentId: annulment.eventId, reversedOn: isoDay(day), authority: 'Korkein hallinto-oikeus', reason: pick(rng, ANNULMENT_REASONS) },
            },
          });
        } else {
          day = annulledOn + int(rng, 14, 60);
          this.queue.push(this.decision(party, party.party.competentBody, 'approved', day));
        }
      }
      if (rng() < 0.92) {
        const signedOn = day + int(rng, 1, 30);
        const electronic = rng() < 0.7;
        this.queue.push({
          day: signedOn,
          actor: party.clerk,
          eventId: this.newEventId(),
          event: {
            type: 'AgreementSigned',
            data: {
              partyId: party.party.partyId,
              version: this.version,
              signatory: { name: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`, title: party.signatoryTitle },
              signedOn: isoDay(signedOn),
              method: electronic ? 'electronic' : 'handwritten',
              ...(electronic ? { evidence: `visma-sign:${sha256(`${this.agreementId}/${this.version}/${party.party.partyId}`).slice(0, 24)}` } : {}),
            },
          },
        });
      }
    }
  }

  /** Yearly reports and reviews: each board notes them; a board's decision never counts for approval. */
  private followUpRound(): void {
    const rng = this.rng;
    for (const party of this.parties) {
      if (rng() < 0.8) this.queue.push(this.decision(party, party.board, 'noted', this.day + int(rng, 0, 40)));
    }
    if (this.queue.length === 0) this.queue.push(this.decision(this.parties[0]!, this.parties[0]!.board, 'noted', this.day));
  }

  private amend(): void {
    const rng = this.rng;
    const changes: AmendmentChange[] = [];
    const basedOn = this.version;
    this.version++;
    changes.push({ op: 'revise-document', sha256: sha256(`${this.agreementId}/document/${this.version}`) });
    if (rng() < 0.4) {
      const { annexId, title, sha256: hash, ...rest } = this.newAnnex();
      changes.push(
        rest.publicity === 'confidential'
          ? { op: 'add-annex', annexId, title, sha256: hash, publicity: 'confidential', legalBasis: (rest as { legalBasis: string }).legalBasis }
          : { op: 'add-annex', annexId, title, sha256: hash, publicity: 'public' },
      );
    }
    if (this.annexIds.length > 1 && rng() < 0.25) {
      changes.push({ op: 'amend-annex', annexId: this.annexIds[0]!, sha256: sha256(`${this.agreementId}/${this.annexIds[0]}/${this.version}`) });
    }
    if (this.annexIds.length > 2 && rng() < 0.1) {
      const annexId = this.annexIds[this.annexIds.length - 1]!;
      this.annexIds = this.annexIds.filter((id) => id !== annexId);
      changes.push({ op: 'remove-annex', annexId });
    }
    const candidates = [this.region.county, ...this.region.others].filter((p) => !this.parties.includes(p));
    if (candidates.length > 0 && rng() < 0.15) {
      const added = pick(rng, candidates);
      this.parties = [...this.parties, added];
      changes.push({ op: 'add-party', party: added.party });
    }
    if (this.parties.length > 3 && rng() < 0.1) {
      const removed = this.parties[this.parties.length - 1]!;
      this.parties = this.parties.filter((p) => p !== removed);
      changes.push({ op: 'remove-party', partyId: removed.party.partyId });
    }
    this.queue.push({
      day: this.day,
      actor: this.region.admin,
      eventId: this.newEventId(),
      event: { type: 'AgreementAmended', data: { version: this.version, basedOn, summary: pick(rng, AMENDMENT_SUMMARIES), changes } },
    });
    this.day += int(rng, 1, 14);
  }
}
