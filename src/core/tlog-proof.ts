import { NoteFormatError, decodeBase64 } from './signed-note.js';
import { parseDecimal } from './tlog-checkpoint.js';

/**
 * C2SP `c2sp.org/tlog-proof@v1`: a self-contained inclusion proof. The header line, optional
 * `extra <base64>`, `index <n>`, the audit path one base64 hash a line (leaf's sibling first), a
 * blank line, then the signed checkpoint verbatim.
 */
export interface TlogProof {
  readonly index: number;
  readonly proof: readonly Buffer[];
  /** The signed checkpoint note, verbatim (signatures and cosignatures included). */
  readonly checkpoint: string;
  /** Unauthenticated context; never to be trusted. */
  readonly extra?: Buffer;
}

const HEADER = 'c2sp.org/tlog-proof@v1';

export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new NoteFormatError('a proof index is a whole number');
  const lines = [HEADER];
  if (proof.extra !== undefined) lines.push(`extra ${proof.extra.toString('base64')}`);
  lines.push(`index ${proof.index}`, ...proof.proof.map((hash) => hash.toString('base64')));
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new NoteFormatError('a tlog-proof has a blank line before its checkpoint');
  const lines = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (lines.shift() !== HEADER) throw new NoteFormatError(`a tlog-proof starts with ${HEADER}`);
  let extra: Buffer | undefined;
  if (lines[0]?.startsWith('extra ')) extra = decodeBase64(lines.shift()!.slice('extra '.length));
  const indexLine = lines.shift() ?? '';
  const index = indexLine.startsWith('index ') ? parseDecimal(indexLine.slice('index '.length)) : undefined;
  if (index === undefined) throw new NoteFormatError('a tlog-proof names its index: "index <n>"');
  const proof = lines.map((line) => {
    const hash = decodeBase64(line);
    if (hash.length !== 32) throw new NoteFormatError('each proof line is a 32-byte hash');
    return hash;
  });
  return extra === undefined ? { index, proof, checkpoint } : { index, proof, checkpoint, extra };
}
