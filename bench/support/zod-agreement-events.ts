/**
 * Three agreement event types and the event metadata written again in zod 4, constraint for
 * constraint as src/core/agreement-events.ts and event-metadata.ts say them in TypeBox, so the
 * bench can put the two libraries' cost per event side by side. Only the bench uses zod (a
 * devDependency); validation-cost.ts proves both accept and refuse the same events before timing them.
 */
import { z } from 'zod';
import { isFreeText, isName, isStoredPartyId } from '../../src/core/text-formats.js';

/** TypeBox's maxLength counts code points; so does this (with the same shortcut for short strings). */
const maxCodePoints = (max: number) => (value: string) => value.length <= max || (value.length <= 2 * max && [...value].length <= max);

const date = () => z.iso.date();
const name = (max: number) => z.string().refine(maxCodePoints(max)).refine(isName);
const text = (max: number) => z.string().refine(maxCodePoints(max)).refine(isFreeText);
const sha256 = () => z.string().regex(/^[0-9a-f]{64}$/);
const partyId = () => z.string().refine(isStoredPartyId);
const annexId = () => z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/);
const versionNumber = () => z.int().min(1);
const requestId = () => z.string().regex(/^[\w.:@-]{1,128}$/);
const hex64 = () => z.string().regex(/^[0-9a-f]{64}$/);

const Party = z
  .object({
    partyId: partyId(),
    name: name(200),
    kind: z.enum(['municipality', 'wellbeing-services-county', 'regional-council', 'other']),
    competentBody: name(200),
  })
  .strict();

const annexFields = { annexId: annexId(), title: text(500), sha256: sha256() };
const Annex = z.union([
  z.object({ ...annexFields, publicity: z.literal('public') }).strict(),
  z.object({ ...annexFields, publicity: z.literal('confidential'), legalBasis: text(500) }).strict(),
]);

export const ZOD_EVENT_DATA = {
  AgreementDrafted: z
    .object({
      agreementId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/),
      title: text(500),
      region: name(200),
      kind: z.enum(['strategic-cooperation', 'framework', 'interface', 'other']),
      parties: z.array(Party).min(1).max(1000),
      document: z.object({ title: text(500), sha256: sha256() }).strict(),
      annexes: z.array(Annex).max(1000),
      effectiveFrom: date().optional(),
    })
    .strict(),
  DecisionRecorded: z
    .object({
      partyId: partyId(),
      body: name(200),
      outcome: z.enum(['approved', 'approved-amended', 'rejected', 'noted', 'proposed', 'returned', 'tabled']),
      version: versionNumber(),
      decidedOn: date(),
      meeting: z
        .object({
          section: text(50),
          diaryNumber: text(100).optional(),
          minutesUrl: z
            .string()
            .regex(/^https?:\/\/[^\s]+$/)
            .refine(maxCodePoints(2000))
            .optional(),
        })
        .strict(),
    })
    .strict(),
  AgreementSigned: z
    .object({
      partyId: partyId(),
      version: versionNumber(),
      signatory: z.object({ name: name(200), title: text(200) }).strict(),
      signedOn: date(),
      method: z.enum(['handwritten', 'electronic']),
      evidence: text(2000).optional(),
    })
    .strict(),
} as const;

export type ZodEventType = keyof typeof ZOD_EVENT_DATA;
export const ZOD_EVENT_TYPES = Object.keys(ZOD_EVENT_DATA) as ZodEventType[];

const writerFields = {
  actor: text(500),
  actorId: text(500).optional(),
  $correlationId: requestId().optional(),
  $causationId: requestId().optional(),
  schemaVersion: z.int().min(1),
};

export const ZodWriterMetadata = z.object(writerFields).strict();

export const ZodStoredMetadata = z
  .object({
    ...writerFields,
    recordedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/),
    hashVersion: z.int().min(1),
    prevHash: hex64(),
    hash: hex64(),
  })
  .strict();
