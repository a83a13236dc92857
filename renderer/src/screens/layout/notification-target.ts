import type { NotificationView } from '../../../../src/desktop/contract';
import { Screen } from '../../navigation';

/** The account request kinds, each decided on its own screen of "Tài khoản đảng viên". */
const ACCOUNTS_VIEW_OF_KIND: Record<string, 'registrations' | 'changes' | 'positions'> = {
  registration: 'registrations',
  info_change: 'changes',
  cell_change: 'changes',
  position: 'positions',
};

/**
 * The screen a notification opens: the dossier in its list, the member's own transfers, the
 * approval list of a request's kind, a residence form's step. Null when the place is unknown
 * (a notification stored by a later version): the bell then only marks it seen.
 */
export function screenOfNotification(
  n: Pick<NotificationView, 'subject' | 'place' | 'objectId'>,
): Screen | null {
  const candidate = (() => {
    switch (n.subject) {
      case 'transfer': {
        if (n.place === 'mine') return { name: 'myTransfers' };
        const [variant, side] = n.place.split('/');
        return { name: 'transfers', variant, side, dossierId: n.objectId };
      }
      case 'account_request':
        return { name: 'accounts', view: ACCOUNTS_VIEW_OF_KIND[n.place] };
      case 'residence_form':
        return { name: 'residence', view: n.place };
    }
  })();
  const parsed = Screen.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
