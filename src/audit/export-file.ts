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

/** The events of an NDJSON export in file order, read line by line in constant memory; blank lines are skipped. */
export async function* readExport(file: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    yield { ...parseExportLine(text), line: number };
  }
}
