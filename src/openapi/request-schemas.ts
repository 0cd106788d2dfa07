import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CHANGE_CLASSES } from '../agreements/amend-agreement/amendment-changes.js';
import type { Schema } from './json-schema.js';

/** Our own validators, as JSON Schema (the library knows only class-validator's built-ins). */
const CUSTOM: Record<string, Schema> = {
  isPartyId: {
    type: 'string',
    pattern: '^\\d{7}[-–]\\d$',
    description: 'Finnish business id (Y-tunnus) with a valid check digit; an en dash is accepted and stored as "-"',
    example: '0161999-9',
  },
  isPartyIdList: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', pattern: '^\\d{7}[-–]\\d$' }, description: 'business ids (Y-tunnus), each with a valid check digit' },
  isCalendarDate: { type: 'string', format: 'date', example: '2023-11-13' },
  isClearable: { nullable: true, description: 'null clears it' },
  isClearableDate: { type: 'string', format: 'date', nullable: true, description: 'a calendar date, or null to clear it', example: '2025-12-31' },
};

/**
 * Examples from seed 000: a party lists the board whose decisions are recorded beside its
 * council, and the board's proposal is recorded as such (it never counts).
 */
const EXAMPLES: Record<string, unknown> = {
  PartyDto: {
    partyId: '0161999-9',
    name: 'Kotkan kaupunki',
    kind: 'municipality',
    competentBody: 'Kotkan kaupunginvaltuusto',
    competentBodyKind: 'council',
    bodyAliases: ['Kotka stadsfullmäktige'],
    otherBodies: ['Kotkan kaupunginhallitus'],
  },
  RecordDecisionRequest: {
    partyId: '0161999-9',
    body: 'Kotkan kaupunginhallitus',
    outcome: 'proposed',
    version: 1,
    decidedOn: '2023-10-09',
    meeting: { section: '§ 160', diaryNumber: '626/00.04.01/2023' },
  },
  AnnulDecisionRequest: {
    decisionId: '0190d6a2-0000-7000-8000-000000000001',
    annulledOn: '2024-02-01',
    authority: 'Itä-Suomen hallinto-oikeus',
    reason: 'Esteellisyys',
    caseNumber: 'H 77/2024',
  },
};

/** What the decorators cannot say: a rule across fields, refused with 422 by the ledger's rules. */
const DESCRIPTIONS: Record<string, string> = {
  RecordDecisionRequest:
    "A party body's decision (partyId and body) or a joint body's (jointBody, admins only): exactly one of the two, else 422 party-or-joint-body naming the field. A joint body's decision never counts.",
};

const AMENDMENT_CHANGES: Record<string, string> = Object.fromEntries(Object.entries(CHANGE_CLASSES).map(([op, type]) => [op, type.name]));

/**
 * Request schemas derived from the very class-validator decorators that validate requests, so the
 * document cannot drift from what the server accepts.
 */
export function requestSchemas(): Record<string, Schema> {
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: {
      [ValidationTypes.CUSTOM_VALIDATION]: (meta: { name?: string }) => CUSTOM[meta.name ?? ''] ?? {},
    },
  }) as Record<string, Schema>;
  const changes = (schemas.AmendAgreementRequest?.properties as Record<string, Schema> | undefined)?.changes;
  if (changes) {
    changes.items = {
      oneOf: Object.values(AMENDMENT_CHANGES).map((name) => ({ $ref: `#/components/schemas/${name}` })),
      discriminator: {
        propertyName: 'op',
        mapping: Object.fromEntries(Object.entries(AMENDMENT_CHANGES).map(([op, name]) => [op, `#/components/schemas/${name}`])),
      },
    };
  }
  delete schemas.AmendmentChangeDto;
  for (const [name, example] of Object.entries(EXAMPLES)) if (schemas[name]) schemas[name] = { ...schemas[name], example };
  for (const [name, description] of Object.entries(DESCRIPTIONS)) if (schemas[name]) schemas[name] = { ...schemas[name], description };
  return schemas;
}
