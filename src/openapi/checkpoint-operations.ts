import type { Schema } from './json-schema.js';

/** The ledger tree's endpoints (API.md "Queries": checkpoint, digest, keys, proofs): operations, query parameters, schemas. */

const READ_PROBLEMS = [400, 401, 403, 429, 503];
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int: Schema = { type: 'integer' };
const hex = str({ pattern: '^[0-9a-f]{64}$' });
const hashes: Schema = { type: 'array', items: hex };
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

/** Spread into OPERATIONS (operations.ts), whose type checks each entry. */
export const CHECKPOINT_OPERATIONS = {
  'get /api/checkpoint': {
    summary: 'The latest signed checkpoint, verbatim: a C2SP tlog-checkpoint as a signed note, with witnesses’ cosignatures',
    response: { status: 200, schema: 'CheckpointNote', mediaType: 'text/plain; charset=utf-8' },
    query: ['minPosition'],
    problems: READ_PROBLEMS,
  },
  'get /api/digest': { summary: 'The latest signed checkpoint as JSON', response: { status: 200, schema: 'Digest' }, query: ['minPosition'], problems: READ_PROBLEMS },
  'get /api/checkpoints': { summary: 'The kept checkpoints, newest first', response: { status: 200, schema: 'DigestList' }, query: ['limit', 'offset'], problems: READ_PROBLEMS },
  'post /api/checkpoints/cosignatures': {
    summary: 'A witness’s tlog-cosignature v1 line over a checkpoint this log signed (keys in LEDGER_WITNESS_KEYS only)',
    request: 'CosignatureLine',
    requestMediaType: 'text/plain',
    response: { status: 201, schema: 'AcceptedCosignature' },
    problems: [400, 401, 403, 413, 422, 429],
  },
  'get /api/keys': { summary: 'The keys that sign checkpoints, retired ones kept', response: { status: 200, schema: 'LogKeys' }, problems: [401, 403, 429] },
  'post /api/keys/rotation': { summary: 'Retire the signing key and make a new one (admins without a region limit)', response: { status: 201, schema: 'LogKey' }, problems: [401, 403, 409, 429] },
  'get /api/proofs/inclusion': {
    summary: 'RFC 9162 inclusion proof of an event (auditors, admins)',
    response: { status: 200, schema: 'InclusionProof' },
    query: ['eventId', 'treeSize', 'minPosition'],
    problems: [...READ_PROBLEMS, 404],
  },
  'get /api/proofs/consistency': { summary: 'RFC 9162 consistency proof between two tree sizes', response: { status: 200, schema: 'ConsistencyProof' }, query: ['from', 'to'], problems: READ_PROBLEMS },
};

export const CHECKPOINT_QUERY_PARAMETERS: Record<string, { description: string; schema: Record<string, unknown> }> = {
  eventId: { description: 'the event to prove (required)', schema: { type: 'string' } },
  treeSize: { description: 'the tree size to prove against (default: the latest checkpoint’s)', schema: { type: 'integer', minimum: 1 } },
  from: { description: 'the earlier tree size (required, ≥ 1)', schema: { type: 'integer', minimum: 1 } },
  to: { description: 'the later tree size (default: the latest checkpoint’s)', schema: { type: 'integer', minimum: 1 } },
};

const digest = object({
  origin: str(),
  treeSize: int,
  rootHash: hex,
  position: { ...str({ description: 'log position of the last event covered; null for the empty log' }), nullable: true },
  timestamp: str({ format: 'date-time' }),
  keyId: str({ pattern: '^[0-9a-f]{8}$' }),
  signature: str({ description: 'base64 of the Ed25519 signature over the checkpoint text' }),
  checkpoint: str({ description: 'the note as GET /api/checkpoint serves it' }),
});

const logKey = object(
  {
    keyId: str({ pattern: '^[0-9a-f]{8}$' }),
    algorithm: str({ enum: ['ed25519'] }),
    publicKey: str({ description: 'base64 of the 32-byte key' }),
    verifierKey: str({ description: 'C2SP verifier key: name+hexid+base64(0x01‖pk)' }),
    createdAt: str({ format: 'date-time' }),
    retiredAt: str({ format: 'date-time' }),
  },
  ['keyId', 'algorithm', 'publicKey', 'verifierKey', 'createdAt'],
);

export const CHECKPOINT_SCHEMAS: Record<string, Schema> = {
  CheckpointNote: str({ description: 'origin, tree size, base64 root, blank line, "— <origin> base64(keyID ‖ signature)", then cosignatures' }),
  CosignatureLine: str({ description: '"— <witness name> base64(keyID ‖ timestamp ‖ signature)"' }),
  Digest: digest,
  DigestList: object({ items: { type: 'array', items: digest }, total: int }),
  LogKey: logKey,
  LogKeys: object({ keys: { type: 'array', items: logKey } }),
  AcceptedCosignature: object({ treeSize: int, name: str(), keyId: str(), timestamp: int }),
  InclusionProof: object({ leafIndex: int, treeSize: int, leafHash: hex, rootHash: hex, proof: hashes }),
  ConsistencyProof: object({ from: int, to: int, fromRoot: hex, toRoot: hex, proof: hashes }),
};
