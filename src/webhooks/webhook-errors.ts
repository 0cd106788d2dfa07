/**
 * Why the webhook API refused a request, without HTTP: the edge maps `kind` to a status
 * (http/webhook-problems.filter.ts).
 */
export type WebhookErrorKind = 'not-found' | 'forbidden' | 'refused';

export class WebhookError extends Error {
  override readonly name = 'WebhookError';

  constructor(
    readonly kind: WebhookErrorKind,
    message: string,
    /** The request field at fault, for a refusal. */
    readonly field?: string,
    /** A stable code for a refusal, e.g. `destination-refused`. */
    readonly code?: string,
  ) {
    super(message);
  }
}
