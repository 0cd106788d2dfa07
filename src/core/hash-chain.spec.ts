import { createHash } from 'node:crypto';
import { GENESIS_HASH, HASH_VERSION, eventHash, sealEvent, verifyChain, type ChainLink } from './hash-chain.js';

function chain(count: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const base = {
      eventId: `0190d6a2-0000-7000-8000-00000000000${revision}`,
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

describe('hash chain (hash format 2)', () => {
  it('hashes the RFC 8785 canonical form of prevHash, eventId, streamId, revision, type, data and metadata', () => {
    const fields = { prevHash: GENESIS_HASH, eventId: 'e-1', streamId: 's', revision: 0, type: 'T' };
    const a = eventHash({ ...fields, data: { b: 1, a: 'ä' }, metadata: { y: 2, x: 1 } });
    const b = eventHash({ metadata: { x: 1, y: 2 }, data: { a: 'ä', b: 1 }, type: 'T', revision: 0, streamId: 's', eventId: 'e-1', prevHash: GENESIS_HASH });
    const expected = createHash('sha256')
      .update(`{"data":{"a":"ä","b":1},"eventId":"e-1","metadata":{"x":1,"y":2},"prevHash":"${GENESIS_HASH}","revision":0,"streamId":"s","type":"T"}`)
      .digest('hex');
    expect(a).toBe(expected);
    expect(b).toBe(expected);
  });

  it('seals with hashVersion 2, links each event to the previous one and verifies a sound chain', () => {
    const links = chain(4);
    expect(links[0]!.metadata).toMatchObject({ hashVersion: HASH_VERSION, prevHash: GENESIS_HASH });
    expect(HASH_VERSION).toBe(2);
    expect(links[2]!.metadata.prevHash).toBe(links[1]!.metadata.hash);
    expect(verifyChain(links)).toEqual({ valid: true, events: 4, headHash: links[3]!.metadata.hash });
  });

  it('names the first revision whose content was altered', () => {
    const links = chain(4);
    links[2] = { ...links[2]!, data: { ...links[2]!.data, section: '§ 999' } };
    const result = verifyChain(links);
    expect(result).toMatchObject({ valid: false, firstInvalidRevision: 2, headHash: links[1]!.metadata.hash });
  });

  it('covers the event id: an event passed off under another id fails', () => {
    const links = chain(3);
    links[1] = { ...links[1]!, eventId: '0190d6a2-0000-7000-8000-0000000000ff' };
    expect(verifyChain(links)).toMatchObject({ valid: false, firstInvalidRevision: 1, reason: 'hash does not match the event content' });
  });

  it('refuses a hash of an unknown hashVersion, even one that is internally consistent', () => {
    const [link] = chain(1);
    const { hash: _hash, ...unsealed } = link!.metadata;
    const metadata = { ...unsealed, hashVersion: 1 };
    const rehashed = { ...link!, metadata: { ...metadata, hash: eventHash({ ...link!, prevHash: GENESIS_HASH, metadata }) } };
    expect(verifyChain([rehashed])).toMatchObject({ valid: false, firstInvalidRevision: 0, reason: 'unknown hashVersion 1' });
    const { hashVersion: _v, ...withoutVersion } = link!.metadata;
    expect(verifyChain([{ ...link!, metadata: withoutVersion }])).toMatchObject({ valid: false, reason: 'unknown hashVersion null' });
  });

  it('detects a removed event and a re-hashed forgery that breaks the link', () => {
    const links = chain(4);
    expect(verifyChain([links[0]!, links[2]!, links[3]!])).toMatchObject({ valid: false, firstInvalidRevision: 1 });

    const forged = { ...links[1]!, data: { forged: true } };
    const reHashed = { ...forged, metadata: sealEvent(links[0]!.metadata.hash as string, forged) };
    expect(verifyChain([links[0]!, reHashed, links[2]!, links[3]!])).toMatchObject({ valid: false, firstInvalidRevision: 2 });
  });

  it('ignores a caller-supplied hash, prevHash and hashVersion when sealing', () => {
    const base = { eventId: 'e', streamId: 's', revision: 0, type: 'T', data: {} };
    const sealed = sealEvent(GENESIS_HASH, { ...base, metadata: { hash: 'f'.repeat(64), prevHash: 'x', hashVersion: 9 } });
    expect(sealed).toMatchObject({ prevHash: GENESIS_HASH, hashVersion: 2 });
    expect(verifyChain([{ ...base, metadata: sealed }]).valid).toBe(true);
  });
});
