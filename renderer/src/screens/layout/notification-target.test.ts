import { describe, expect, it } from 'vitest';
import { screenOfNotification } from './notification-target';

const ID = '00000000-0000-4000-8000-000000000001';

describe('the screen a notification opens', () => {
  it('opens a dossier in its list, or the member’s own transfers', () => {
    expect(
      screenOfNotification({ subject: 'transfer', place: 'official/incoming', objectId: ID }),
    ).toEqual({ name: 'transfers', variant: 'official', side: 'incoming', dossierId: ID });
    expect(screenOfNotification({ subject: 'transfer', place: 'mine', objectId: ID })).toEqual({
      name: 'myTransfers',
    });
  });

  it('opens the approval list of an account request’s kind', () => {
    expect(
      screenOfNotification({ subject: 'account_request', place: 'cell_change', objectId: 'r' }),
    ).toEqual({ name: 'accounts', view: 'changes' });
    expect(
      screenOfNotification({ subject: 'account_request', place: 'registration', objectId: 'r' }),
    ).toEqual({ name: 'accounts', view: 'registrations' });
  });

  it('opens nothing for a place it does not know', () => {
    expect(
      screenOfNotification({ subject: 'transfer', place: 'other/x', objectId: ID }),
    ).toBeNull();
    expect(
      screenOfNotification({ subject: 'account_request', place: 'x', objectId: 'r' }),
    ).toBeNull();
  });
});
