import Type, { type Static } from 'typebox';
import { QuerySchemaPipe } from '../problem-details/query-schema.pipe.js';

/*
 * The time arguments of the agreement queries, checked by compiled schemas (src/problem-details/query-schema.pipe.ts):
 * status and versions are what callers ask most. What a knownAt means is AgreementViews.knownAt's.
 */

const knownAt = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const minPosition = Type.Optional(Type.String());
const messages = {
  knownAt: 'knownAt must be an ISO 8601 instant or a log position, at most 64 characters',
  minPosition: 'minPosition must be a position returned by a command',
};

/** `?asOf=` (a date, default today in Helsinki) and `?knownAt=` (an instant or a log position). */
const AsOfQuerySchema = Type.Object({ asOf: Type.Optional(Type.String({ format: 'date' })), knownAt, minPosition });
export type AsOfQuery = Static<typeof AsOfQuerySchema>;
export const asOfQuery = new QuerySchemaPipe(AsOfQuerySchema, { asOf: 'asOf must be a calendar date YYYY-MM-DD', ...messages });

const KnownAtQuerySchema = Type.Object({ knownAt, minPosition });
export type KnownAtQuery = Static<typeof KnownAtQuerySchema>;
export const knownAtQuery = new QuerySchemaPipe(KnownAtQuerySchema, messages);
