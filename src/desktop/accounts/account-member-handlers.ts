import type { accountMemberCalls } from '../contract-accounts';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { sendSoon, settled } from '../transfers/dossier-actions';
import { accountMemberModel, type AccountMemberModel } from './account-member-model';
import { cellChoices, registerAccount, registrationLookup } from './account-member-online';

const notLoggedIn = () => fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

/** Handlers of the member's account calls: his page, what he files, and registration. */
export function accountMemberHandlers(
  ctx: ServiceContext,
): HandlersFor<keyof typeof accountMemberCalls> {
  /** His account on the cache (online or offline). */
  const model = (): AccountMemberModel =>
    accountMemberModel(ctx.handle, ctx.currentUser() ?? notLoggedIn());

  /** Queued like any outbox action, and sent at once when online. */
  async function file(action: Parameters<AccountMemberModel['file']>[0]) {
    await settled(ctx);
    const m = model();
    const queued = m.file(action, new Date());
    const counts = m.outbox.counts();
    ctx.emit({
      type: 'outbox-changed',
      outboxCount: counts.total,
      outboxNeedsAttention: counts.needsAttention,
    });
    ctx.emit({ type: 'accounts-changed' });
    sendSoon(ctx);
    return queued;
  }

  return {
    myAccount: () => model().view(),
    fileInfoChange: ({ changes }) => file({ type: 'file_info_change', changes }),
    filePositionRequest: ({ position }) => file({ type: 'file_position', position }),
    fileCellChange: ({ toOrgId }) => file({ type: 'file_cell_change', toOrgId }),
    cellChoices: (input) => cellChoices(ctx, input),
    registrationLookup: (input) => registrationLookup(ctx, input),
    registerAccount: (input) => registerAccount(ctx, input),
  };
}
