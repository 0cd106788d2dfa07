import { NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { projectAgreement } from '../../projections/index.js';
import { amended, drafted, hamina, record } from '../../projections/testing/agreement-fixtures.js';
import { AgreementProjections } from './agreement-projections.js';
import { AgreementViews } from './agreement-views.js';

const haminaClerk: Principal = { id: 'c', name: 'Haminan kirjaamo', role: 'clerk', partyId: hamina.partyId, authenticatedBy: 'ledger-token' };
const history = record(drafted({ agreementId: 'aaa' }), amended(2, [{ op: 'add-party', party: hamina }]));

describe('which agreements a caller sees', () => {
  it('a party added by a later version sees the agreement as soon as that version is stored, after being refused before it', async () => {
    const projections = new AgreementProjections({ readStream: () => Promise.reject(new Error('answered from memory')) });
    const views = new AgreementViews(projections, {} as EventStore);
    projections.put('aaa', projectAgreement(history.slice(0, 1)));
    await expect(views.visible('aaa', haminaClerk)).rejects.toBeInstanceOf(NotFoundException);
    await expect(views.visible('aaa', haminaClerk)).rejects.toBeInstanceOf(NotFoundException);

    projections.put('aaa', projectAgreement(history));
    const { projection } = await views.visible('aaa', haminaClerk);
    expect(projection.revision).toBe(1);
  });
});
