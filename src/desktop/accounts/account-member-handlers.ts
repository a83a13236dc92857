import type { accountMemberCalls } from '../contract-accounts';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

const notYet = (): never =>
  fail('not_available', 'member self-service is not built yet', 'Chức năng đang được xây dựng.');

/** Handlers of the member's account calls. Placeholder until issue 13's member side lands. */
export function accountMemberHandlers(
  _ctx: ServiceContext,
): HandlersFor<keyof typeof accountMemberCalls> {
  return {
    myAccount: notYet,
    fileInfoChange: notYet,
    filePositionRequest: notYet,
    fileCellChange: notYet,
    cellChoices: notYet,
    registrationLookup: notYet,
    registerAccount: notYet,
  };
}
