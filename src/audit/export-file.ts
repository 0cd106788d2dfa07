import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { parseExportLine, type ExportLine } from '../core/exported-event.js';

/** One line of an export file with its 1-based line number. */
export type NumberedLine = ExportLine & { readonly line: number };

export interface NumberedText {
  readonly text: string;
  readonly line: number;
}

/** Throws when the file cannot be read at all (a usage error, not a verification failure). */
export async function checkReadable(file: string): Promise<void> {
  await access(file, constants.R_OK);
}

const CHUNK = 1 << 16;

/**
 * The non-blank lines of an NDJSON file with their 1-based numbers, a chunk's lines at a time,
 * in constant memory. Split by hand rather than by readline: a million lines, each its own turn
 * of an async iterator, cost more than reading them (bench:verify's read row).
 */
export async function* readLines(file: string): AsyncGenerator<NumberedText[]> {
  let rest = '';
  let line = 0;
  const take = (texts: readonly string[], into: NumberedText[]): void => {
    for (let text of texts) {
      line++;
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.length > 0 && (text.charCodeAt(0) > 0x20 || text.trim() !== '')) into.push({ text, line });
    }
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK }) as AsyncIterable<string>) {
    const texts = (rest + chunk).split('\n');
    rest = texts.pop()!;
    const batch: NumberedText[] = [];
    take(texts, batch);
    if (batch.length > 0) yield batch;
  }
  const last: NumberedText[] = [];
  take([rest], last);
  if (last.length > 0) yield last;
}

/** The events of an NDJSON export in file order, a batch at a time, each line parsed and its fields' types checked. */
export async function* readExport(file: string): AsyncGenerator<NumberedLine[]> {
  for await (const batch of readLines(file)) yield batch.map(({ text, line }) => ({ ...parseExportLine(text), line }));
}
