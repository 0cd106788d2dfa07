import type { AgreementKind, DecisionOutcome, IsoDate } from '../../core/agreement-events.js';
import type { Role } from '../../auth/principal.js';
import type { AgreementSummary, ApprovalState, EndedBy, ObligationStatus, VersionState } from '../../../projections/index.js';

/** Every text a page shows, once per language (fi.ts, sv.ts, en.ts); a missing text is a type error. */
export interface Catalogue {
  readonly languageName: string;
  readonly appName: string;
  readonly skipToContent: string;
  readonly mainNavigation: string;
  readonly agreements: string;
  readonly language: string;
  readonly signedInAs: (name: string, role: string) => string;
  readonly roles: Record<Role, string>;
  readonly signOut: string;

  readonly signIn: {
    readonly title: string;
    readonly intro: string;
    readonly token: string;
    readonly tokenHint: string;
    readonly submit: string;
    readonly refused: string;
    readonly expired: string;
    /** Sign-in by redirect to the organisation's OIDC provider, when configured. */
    readonly oidc: {
      readonly start: string;
      readonly orToken: string;
      readonly stale: string;
      readonly refused: string;
      readonly noAccess: string;
      readonly unreachable: string;
      readonly signedIn: string;
      readonly continue: string;
    };
  };

  readonly list: {
    readonly title: string;
    readonly filters: string;
    readonly region: string;
    readonly status: string;
    readonly party: string;
    readonly partyHint: string;
    readonly any: string;
    readonly apply: string;
    readonly caption: (total: number) => string;
    readonly agreement: string;
    readonly inForceVersion: string;
    readonly since: string;
    readonly toAct: string;
    readonly none: string;
    readonly previous: string;
    readonly next: string;
    readonly showing: (from: number, to: number, total: number) => string;
  };

  readonly statuses: Record<AgreementSummary['status'], string>;
  readonly versionStates: Record<VersionState, string>;
  /** 'cooperation-model' (seed 003) before the contract names it, so the catalogues need no change then. */
  readonly kinds: Record<AgreementKind | 'cooperation-model', string>;
  readonly outcomes: Record<DecisionOutcome, string>;
  readonly approvals: Record<ApprovalState, string>;

  readonly agreement: {
    readonly region: string;
    readonly kind: string;
    readonly status: string;
    readonly inForceVersion: (version: number, since: string) => string;
    readonly notInForce: string;
    readonly latestVersion: (version: number, state: string) => string;
    readonly terminatedOn: string;
    readonly asOf: string;
    readonly asOfHint: string;
    readonly show: string;
    readonly today: string;
    readonly answeredAsOf: (date: string) => string;
    readonly matrixCaption: (version: number) => string;
    readonly party: string;
    readonly competentBody: string;
    readonly decision: string;
    readonly finality: string;
    readonly signatories: string;
    readonly missing: string;
    readonly nothingMissing: string;
    readonly missingApproval: string;
    readonly missingSignature: string;
    readonly noDecision: string;
    readonly section: string;
    readonly diaryNumber: string;
    readonly minutes: string;
    readonly otherDecisions: string;
    /** Decisions of bodies of several parties, listed under none of them. */
    readonly jointBodyDecisions: string;
    readonly final: string;
    readonly appealableUntil: (date: string) => string;
    readonly appealPending: string;
    readonly notYetFinal: string;
    readonly finalSince: (date: string) => string;
    readonly boundParties: string;
    readonly boundSince: (version: number, since: string) => string;
    readonly noneBound: string;
    readonly documents: string;
    readonly mainDocument: string;
    readonly annex: string;
    readonly confidential: (legalBasis: string) => string;
    readonly timeline: string;
    readonly timelineIntro: string;
    readonly version: (version: number) => string;
    readonly term: (from: string, until: string) => string;
    readonly openEnd: string;
    readonly neverInForce: string;
    readonly interval: (from: string, to: string) => string;
    readonly stillInForce: string;
    readonly endedBy: Record<EndedBy, (supersededBy?: number) => string>;
    readonly spoke: string;
    readonly events: string;
    readonly chainValid: (events: number) => string;
    readonly chainInvalid: (revision: number) => string;
    readonly headHash: string;
    readonly revision: string;
    readonly eventType: string;
    readonly recordedAt: string;
    readonly actor: string;
    readonly hash: string;
    readonly pendingOfParty: string;
  };

  readonly party: {
    readonly title: (partyId: string) => string;
    readonly caption: string;
    readonly agreement: string;
    readonly version: string;
    readonly missing: string;
    readonly none: string;
  };

  /** The party's and the region's obligations (DESIGN.md "Obligations"). */
  readonly obligations: {
    readonly ofParty: string;
    /** The navigation's link to the principal's region's page. */
    readonly navigation: string;
    readonly ofRegion: (region: string) => string;
    readonly agreement: string;
    readonly obligation: string;
    readonly period: string;
    readonly party: string;
    readonly status: string;
    readonly fulfilment: string;
    readonly statuses: Record<ObligationStatus, string>;
    readonly openEnded: string;
    readonly none: string;
  };

  readonly errors: {
    readonly title: Record<400 | 403 | 404 | 500, string>;
    readonly explain: Record<400 | 403 | 404 | 500, string>;
    readonly back: string;
  };

  /** A calendar date as people write it in this language. */
  readonly date: (isoDate: IsoDate) => string;
  /** An instant (recordedAt) in Helsinki time. */
  readonly dateTime: (instant: string) => string;
}

/** Formats a calendar date without a time zone shifting it a day. */
export function calendarDate(locale: string, options: Intl.DateTimeFormatOptions): (isoDate: IsoDate) => string {
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
  return (isoDate) => {
    const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
    return format.format(new Date(Date.UTC(year, month - 1, day)));
  };
}

export function helsinkiDateTime(locale: string, options: Intl.DateTimeFormatOptions): (instant: string) => string {
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', ...options });
  return (instant) => format.format(new Date(instant));
}
