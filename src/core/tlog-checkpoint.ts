import { NoteFormatError, decodeBase64 } from './signed-note.js';

/**
 * C2SP tlog-checkpoint v1.0.0: the note text of a signed checkpoint. Three lines — origin, tree
 * size (decimal, no leading zeros), base64 root hash — then optional non-empty extension lines.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly extensions?: readonly string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** A decimal without leading zeros that is a safe integer, or undefined. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0 || origin.includes('\n')) throw new NoteFormatError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new NoteFormatError('a tree size is a whole number');
  if (extensions.some((line) => line.length === 0 || line.includes('\n'))) throw new NoteFormatError('extension lines are non-empty lines');
  return [origin, String(treeSize), rootHash.toString('base64'), ...extensions].join('\n') + '\n';
}

/** Parses a checkpoint's note text (without its signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteFormatError('a checkpoint text ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteFormatError('a checkpoint has an origin, a tree size and a root hash');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new NoteFormatError('a checkpoint origin is non-empty');
  const treeSize = parseDecimal(size);
  if (treeSize === undefined) throw new NoteFormatError(`not a tree size: ${JSON.stringify(size)}`);
  const rootHash = decodeBase64(root);
  if (rootHash.length !== 32) throw new NoteFormatError('a root hash is 32 bytes');
  if (extensions.some((line) => line.length === 0)) throw new NoteFormatError('extension lines are non-empty');
  return extensions.length > 0 ? { origin, treeSize, rootHash, extensions } : { origin, treeSize, rootHash };
}
