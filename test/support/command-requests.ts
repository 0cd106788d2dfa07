import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';

const ROUTES = {
  AmendAgreement: 'amendments',
  RecordDecision: 'decisions',
  AnnulDecision: 'annulments',
  SignAgreement: 'signatures',
  TerminateAgreement: 'termination',
} as const;

/** A fixture's domain command as the HTTP request a client sends for it. */
export function toHttpRequest(command: AgreementCommand): { path: string; body: Record<string, unknown> } {
  if (command.type === 'DraftAgreement') return { path: '/agreements', body: { ...command.data } };
  const { agreementId, ...body } = command.data;
  return { path: `/agreements/${agreementId}/${ROUTES[command.type]}`, body };
}
