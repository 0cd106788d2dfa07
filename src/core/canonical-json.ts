import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON, by the canonicalize library (test/canonical-json.vectors.spec.ts holds
 * it to the RFC's reference vectors). The hash chain hashes this form, so it must never vary.
 */
export function canonicalJson(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('value is not serialisable as JSON');
  return canonical;
}
