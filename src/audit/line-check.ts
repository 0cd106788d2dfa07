import { parseExportLine } from '../core/exported-event.js';
import { sealOf, type SealedEvent } from '../core/log-verifier.js';
import type { StoredEvent } from '../core/stored-event.js';

/** One line of an export, parsed and its hash recomputed: the part of verifying that needs no other line. */
export type LineCheck = { readonly sealed: SealedEvent } | { readonly problem: string; readonly partial: Partial<StoredEvent> };

export function checkLine(text: string): LineCheck {
  const parsed = parseExportLine(text);
  return 'problem' in parsed ? parsed : { sealed: sealOf(parsed.event) };
}
