import type { accountStaffCalls } from '../contract-accounts';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

const notYet = (): never =>
  fail('not_available', 'account approvals are not built yet', 'Chức năng đang được xây dựng.');

/** Handlers of the staff's account calls. Placeholder until issue 13's desktop side lands. */
export function accountStaffHandlers(
  _ctx: ServiceContext,
): HandlersFor<keyof typeof accountStaffCalls> {
  return {
    accountRequests: notYet,
    accountRequestDetail: notYet,
    decideAccountRequests: notYet,
    accountRequestCounts: notYet,
    memberRecordLookup: notYet,
    registerMemberOnBehalf: notYet,
  };
}
