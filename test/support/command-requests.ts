import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';

const ROUTES = {
  AmendAgreement: ['POST', 'amendments'],
  RecordDecision: ['POST', 'decisions'],
  AnnulDecision: ['POST', 'annulments'],
  LodgeAppeal: ['POST', 'appeals'],
  SignAgreement: ['POST', 'signatures'],
  TerminateAgreement: ['POST', 'termination'],
  WithdrawTermination: ['DELETE', 'termination'],
} as const;

/** A fixture's domain command as the HTTP request a client sends for it. */
export function toHttpRequest(command: AgreementCommand): { method: 'POST' | 'DELETE'; path: string; body: Record<string, unknown> } {
  if (command.type === 'DraftAgreement') return { method: 'POST', path: '/agreements', body: { ...command.data } };
  if (command.type === 'ReverseAnnulment') {
    const { agreementId, annulmentId, ...body } = command.data;
    return { method: 'POST', path: `/agreements/${agreementId}/annulments/${annulmentId}/reversal`, body };
  }
  if (command.type === 'FulfilObligation') {
    const { agreementId, obligationId, ...body } = command.data;
    return { method: 'POST', path: `/agreements/${agreementId}/obligations/${obligationId}/fulfilments`, body };
  }
  if (command.type === 'ResolveAppeal') {
    const { agreementId, appealId, ...body } = command.data;
    return { method: 'POST', path: `/agreements/${agreementId}/appeals/${appealId}/resolution`, body };
  }
  const { agreementId, ...body } = command.data;
  const [method, route] = ROUTES[command.type];
  return { method, path: `/agreements/${agreementId}/${route}`, body };
}
