import type { feeCalls } from '../contract-fees';
import type { HandlersFor, ServiceContext } from '../service-kit';

/** Handlers of the party-fee calls. */
export function feeHandlers(_ctx: ServiceContext): HandlersFor<keyof typeof feeCalls> {
  return {};
}
