import type { accountStaffCalls } from '../contract-accounts';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { accountModel, type AccountModel } from './account-model';
import { accountRequestCounts, accountRequestDetail, accountRequests } from './account-requests';
import { decideAccountRequests } from './account-staff-decide';
import { memberRecordLookup, registerMemberOnBehalf } from './account-staff-register';

const notLoggedIn = () => fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

/** Handlers of the staff's account calls: approval lists and decisions on the cache, "Đăng ký hộ". */
export function accountStaffHandlers(
  ctx: ServiceContext,
): HandlersFor<keyof typeof accountStaffCalls> {
  /** The machine on the cache for the logged-in user (online or offline). */
  const model = (): AccountModel => accountModel(ctx.handle, ctx.currentUser() ?? notLoggedIn());

  return {
    accountRequests: (input) => accountRequests(model(), input),
    accountRequestDetail: ({ id }) => accountRequestDetail(model(), id),
    decideAccountRequests: (input) => decideAccountRequests(ctx, model(), input, new Date()),
    accountRequestCounts: () => accountRequestCounts(model()),
    memberRecordLookup: (input) => memberRecordLookup(model(), ctx.handle, input),
    registerMemberOnBehalf: (input) => registerMemberOnBehalf(ctx, input),
  };
}
