import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseExportLine, type ExportLine } from '../core/exported-event.js';

/** One line of an export file with its 1-based line number. */
export type NumberedLine = ExportLine & { readonly line: number };

/** Throws when the file cannot be read at all (a usage error, not a verification failure). */
export async function checkReadable(file: string): Promise<void> {
  await access(file, constants.R_OK);
}

/** The non-blank lines of an NDJSON file with their 1-based numbers, read in constant memory. */
export async function* readLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { text, line };
  }
}

/** The events of an NDJSON export in file order, each line parsed and its fields' types checked. */
export async function* readExport(file: string): AsyncGenerator<NumberedLine> {
  for await (const { text, line } of readLines(file)) yield { ...parseExportLine(text), line };
}
