/**
 * What validating an event costs, per event, in the library the contract uses (TypeBox, compiled)
 * and in zod 4 written to the same constraints (zod-agreement-events.ts): the data schema alone,
 * the encode side (what every store runs before an append: writer metadata and data) and decode
 * (decodeAgreementEvent: stored metadata, data, the typed event built). Realistic events from the
 * read benchmark's generator; before timing, both libraries must accept every sample and refuse
 * the same broken ones, or the comparison would be of two different contracts.
 */
import { Compile } from 'typebox/compile';
import { checkAppendable, decodeAgreementEvent } from '../../src/core/agreement-contract.js';
import { AGREEMENT_EVENT_DATA } from '../../src/core/agreement-events.js';
import { STORE_METADATA_KEYS } from '../../src/core/event-metadata.js';
import { GENESIS_HASH, sealEvent } from '../../src/core/hash-chain.js';
import type { JsonObject, StoredEvent } from '../../src/event-store/event-store.port.js';
import { planLog } from './read-fixtures.js';
import { median } from './stats.js';
import { ZOD_EVENT_DATA, ZOD_EVENT_TYPES, ZodStoredMetadata, ZodWriterMetadata, type ZodEventType } from './zod-agreement-events.js';

export interface ValidationRow {
  readonly type: ZodEventType;
  readonly samples: number;
  readonly meanDataBytes: number;
  /** µs per event, median of the runs. */
  readonly typebox: { readonly data: number; readonly encode: number; readonly decode: number };
  readonly zod: { readonly data: number; readonly encode: number; readonly decode: number };
}

interface Sample {
  readonly streamId: string;
  readonly appended: { readonly type: string; readonly data: JsonObject; readonly metadata: JsonObject };
  readonly stored: StoredEvent;
}

/** Realistic events of each compared type, as written (encoded) and as a store hands them back. */
function samplesByType(perType: number): Map<ZodEventType, Sample[]> {
  const byType = new Map<ZodEventType, Sample[]>(ZOD_EVENT_TYPES.map((type) => [type, []]));
  const recordedAt = '2025-03-14T09:26:53.589Z';
  let position = 0;
  for (const append of planLog({ agreements: 400, events: 400 * 25, active: 80, seed: 3 })) {
    for (const event of append.events) {
      position++;
      const samples = byType.get(event.type as ZodEventType);
      if (!samples || samples.length >= perType) continue;
      const revision = samples.length;
      const eventId = `0190d6a2-0000-7000-8000-${String(position).padStart(12, '0')}`;
      const link = { eventId, streamId: append.streamId, revision, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt } };
      const metadata = sealEvent(GENESIS_HASH, link);
      // As a store hands it back: parsed from its stored JSON, no object shared with the writer's.
      const stored: StoredEvent = JSON.parse(
        JSON.stringify({ eventId, type: event.type, data: event.data, metadata, streamId: append.streamId, revision, position: String(position), recordedAt }),
      );
      samples.push({ streamId: append.streamId, appended: { type: event.type, data: event.data, metadata: event.metadata ?? {} }, stored });
    }
  }
  return byType;
}

function zodCheckAppend(event: Sample['appended']): boolean {
  const metadata: Record<string, unknown> = { ...event.metadata };
  for (const key of STORE_METADATA_KEYS) delete metadata[key];
  return ZodWriterMetadata.safeParse(metadata).success && ZOD_EVENT_DATA[event.type as ZodEventType].safeParse(event.data).success;
}

/** decodeAgreementEvent's work in zod: stored metadata and data parsed, the same decoded shape built. */
function zodDecode(stored: StoredEvent): unknown {
  const metadata = ZodStoredMetadata.safeParse(stored.metadata);
  if (!metadata.success) throw new Error(`${stored.streamId}@${stored.revision}: metadata refused`);
  const data = ZOD_EVENT_DATA[stored.type as ZodEventType].safeParse(stored.data);
  if (!data.success) throw new Error(`${stored.streamId}@${stored.revision}: data refused`);
  return { event: { type: stored.type, data: data.data }, eventId: stored.eventId, streamId: stored.streamId, revision: stored.revision, position: stored.position, recordedAt: stored.recordedAt };
}

function typeboxAccepts(sample: Sample['appended'], streamId: string): boolean {
  try {
    checkAppendable(streamId, sample);
    return true;
  } catch {
    return false;
  }
}

/** Broken copies of a valid event's data: each must be refused by both libraries. */
function brokenCopies(data: JsonObject): JsonObject[] {
  const first = Object.keys(data)[0]!;
  const { [first]: _dropped, ...missing } = data;
  const strings = Object.entries(data).filter(([, v]) => typeof v === 'string') as Array<[string, string]>;
  const broken: JsonObject[] = [missing, { ...data, unknownField: 'x' }];
  for (const [key, value] of strings) {
    broken.push({ ...data, [key]: `${value}\u001b` }, { ...data, [key]: `${value}\ud800` }, { ...data, [key]: 'x'.repeat(2001) }, { ...data, [key]: 7 });
  }
  return broken;
}

/** Throws unless both libraries accept every sample and refuse every broken copy. */
function proveSameContract(byType: Map<ZodEventType, Sample[]>): void {
  for (const [type, samples] of byType) {
    for (const sample of samples) {
      const ours = typeboxAccepts(sample.appended, sample.streamId);
      if (!ours || !zodCheckAppend(sample.appended)) throw new Error(`${type}: TypeBox ${ours ? 'accepts' : 'refuses'} a sample zod judges otherwise`);
      decodeAgreementEvent(sample.stored);
      zodDecode(sample.stored);
    }
    for (const data of brokenCopies(samples[0]!.appended.data)) {
      const event = { ...samples[0]!.appended, data };
      if (typeboxAccepts(event, samples[0]!.streamId) || zodCheckAppend(event)) {
        throw new Error(`${type}: a broken copy is accepted by ${typeboxAccepts(event, samples[0]!.streamId) ? 'TypeBox' : 'zod'}: ${JSON.stringify(data).slice(0, 300)}`);
      }
    }
  }
}

/** µs per call of `fn` over all samples, `rounds` times. */
function microsPerEvent(samples: readonly Sample[], rounds: number, fn: (sample: Sample) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const sample of samples) if (fn(sample)) sink++;
  const micros = Number(process.hrtime.bigint() - start) / 1e3;
  if (sink < 0) throw new Error('unreachable');
  return micros / (rounds * samples.length);
}

/** The table's rows: per type, the median µs/event of `runs` runs, TypeBox and zod taking turns going first. */
export function measureValidationCost(options: { readonly runs: number; readonly eventsPerMeasure: number; onRun?: (run: number) => void }): ValidationRow[] {
  const byType = samplesByType(500);
  proveSameContract(byType);
  return ZOD_EVENT_TYPES.map((type): ValidationRow => {
    const samples = byType.get(type)!;
    const typeboxData = Compile(AGREEMENT_EVENT_DATA[type]);
    const zodData = ZOD_EVENT_DATA[type];
    const measures = {
      typebox: {
        data: (s: Sample) => typeboxData.Check(s.stored.data),
        encode: (s: Sample) => (checkAppendable(s.streamId, s.appended), true),
        decode: (s: Sample) => decodeAgreementEvent(s.stored),
      },
      zod: {
        data: (s: Sample) => zodData.safeParse(s.stored.data).success,
        encode: (s: Sample) => zodCheckAppend(s.appended),
        decode: (s: Sample) => zodDecode(s.stored),
      },
    };
    const rounds = Math.max(1, Math.round(options.eventsPerMeasure / samples.length));
    const times = { typebox: { data: [] as number[], encode: [] as number[], decode: [] as number[] }, zod: { data: [] as number[], encode: [] as number[], decode: [] as number[] } };
    // Warm-up: both compiled and optimised before the first timed run.
    for (const library of ['typebox', 'zod'] as const) for (const step of ['data', 'encode', 'decode'] as const) microsPerEvent(samples, 2, measures[library][step]);
    for (let run = 0; run < options.runs; run++) {
      const order = run % 2 === 0 ? (['typebox', 'zod'] as const) : (['zod', 'typebox'] as const);
      for (const library of order) for (const step of ['data', 'encode', 'decode'] as const) times[library][step].push(microsPerEvent(samples, rounds, measures[library][step]));
      options.onRun?.(run);
    }
    const medians = (t: { data: number[]; encode: number[]; decode: number[] }) => ({ data: median(t.data), encode: median(t.encode), decode: median(t.decode) });
    return {
      type,
      samples: samples.length,
      meanDataBytes: samples.reduce((sum, s) => sum + Buffer.byteLength(JSON.stringify(s.stored.data)), 0) / samples.length,
      typebox: medians(times.typebox),
      zod: medians(times.zod),
    };
  });
}
