import { existsSync, readFileSync } from 'node:fs';
import { NoteVerificationError, decodeNoteBytes, parseNote, parseVerifierKey } from '../core/signed-note.js';
import { openSignedCheckpoint } from '../core/signed-checkpoint.js';
import { parseCheckpoint } from '../core/tlog-checkpoint.js';
import type { CheckpointInput } from './verify-export.js';

/**
 * What an auditor hands the commands: a verifier key (the string, or a file holding it) and
 * checkpoint notes in files. A file that cannot be read or parsed throws (a usage error); a
 * checkpoint whose signature fails is kept as refused, which is a verdict on the data.
 */

export function readVerifierKey(keyOrFile: string): string {
  const text = existsSync(keyOrFile) ? readFileSync(keyOrFile, 'utf8').trim() : keyOrFile.trim();
  parseVerifierKey(text);
  return text;
}

export function readNote(file: string): string {
  return decodeNoteBytes(readFileSync(file));
}

export function checkpointInput(note: string, logKey: string): CheckpointInput {
  try {
    return { checkpoint: openSignedCheckpoint(note, logKey) };
  } catch (error) {
    if (!(error instanceof NoteVerificationError)) throw error;
    return { treeSize: sizeOf(note), refused: error.message };
  }
}

/** The size an unverified checkpoint claims, only to name it in the answer. */
function sizeOf(note: string): number | null {
  try {
    return parseCheckpoint(parseNote(note).text).treeSize;
  } catch {
    return null;
  }
}
