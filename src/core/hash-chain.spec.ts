import { createHash } from 'node:crypto';
import { GENESIS_HASH, eventHash, sealEvent, verifyChain, type ChainLink } from './hash-chain.js';

function chain(count: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const base = {
      streamId: 'agreement-kymenlaakso-2023',
      revision,
      type: 'DecisionRecorded',
      data: { partyId: '0161999-1', section: `§ ${160 + revision}` },
    };
    const metadata = sealEvent(prevHash, { ...base, metadata: { actor: 'kirjaamo', recordedAt: '2023-10-10T09:00:00.000Z' } });
    links.push({ ...base, metadata });
    prevHash = metadata.hash as string;
  }
  return links;
}

describe('hash chain', () => {
  it('hashes the RFC 8785 canonical form, independent of key order', () => {
    const a = eventHash({ prevHash: GENESIS_HASH, streamId: 's', revision: 0, type: 'T', data: { b: 1, a: 'ä' }, metadata: { y: 2, x: 1 } });
    const b = eventHash({ metadata: { x: 1, y: 2 }, data: { a: 'ä', b: 1 }, type: 'T', revision: 0, streamId: 's', prevHash: GENESIS_HASH });
    const expected = createHash('sha256')
      .update(`{"data":{"a":"ä","b":1},"metadata":{"x":1,"y":2},"prevHash":"${GENESIS_HASH}","revision":0,"streamId":"s","type":"T"}`)
      .digest('hex');
    expect(a).toBe(expected);
    expect(b).toBe(expected);
  });

  it('links each event to the previous one and verifies a sound chain', () => {
    const links = chain(4);
    expect(links[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(links[2]!.metadata.prevHash).toBe(links[1]!.metadata.hash);
    expect(verifyChain(links)).toEqual({ valid: true, events: 4, headHash: links[3]!.metadata.hash });
  });

  it('names the first revision whose content was altered', () => {
    const links = chain(4);
    links[2] = { ...links[2]!, data: { ...links[2]!.data, section: '§ 999' } };
    const result = verifyChain(links);
    expect(result).toMatchObject({ valid: false, firstInvalidRevision: 2, headHash: links[1]!.metadata.hash });
  });

  it('detects a removed event and a re-hashed forgery that breaks the link', () => {
    const links = chain(4);
    expect(verifyChain([links[0]!, links[2]!, links[3]!])).toMatchObject({ valid: false, firstInvalidRevision: 1 });

    const forged = { ...links[1]!, data: { forged: true } };
    const reHashed = { ...forged, metadata: sealEvent(links[0]!.metadata.hash as string, forged) };
    expect(verifyChain([links[0]!, reHashed, links[2]!, links[3]!])).toMatchObject({ valid: false, firstInvalidRevision: 2 });
  });

  it('ignores a caller-supplied hash when sealing', () => {
    const base = { streamId: 's', revision: 0, type: 'T', data: {} };
    const sealed = sealEvent(GENESIS_HASH, { ...base, metadata: { hash: 'f'.repeat(64), prevHash: 'x' } });
    expect(sealed.prevHash).toBe(GENESIS_HASH);
    expect(verifyChain([{ ...base, metadata: sealed }]).valid).toBe(true);
  });
});
