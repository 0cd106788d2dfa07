/**
 * Stream names, written once. An agreement lives in `agreement-<agreementId>`: its category
 * (`agreement`, the part before the first dash) is what EventStoreDB's `$by_category` and our
 * subscriptions' prefix filter use.
 */
export const AGREEMENT_STREAM_PREFIX = 'agreement-';

export function agreementStreamId(agreementId: string): string {
  return `${AGREEMENT_STREAM_PREFIX}${agreementId}`;
}

export function isAgreementStream(streamId: string): boolean {
  return streamId.startsWith(AGREEMENT_STREAM_PREFIX);
}

/** The agreement id of an agreement stream, or undefined for any other stream. */
export function agreementIdOf(streamId: string): string | undefined {
  return isAgreementStream(streamId) ? streamId.slice(AGREEMENT_STREAM_PREFIX.length) : undefined;
}
