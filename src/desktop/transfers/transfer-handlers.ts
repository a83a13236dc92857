import type { transferCalls } from '../contract-transfers';
import { fail, type HandlersFor, type ServiceContext } from '../service-kit';

const notYet = (): never =>
  fail('not_implemented', 'not implemented yet', 'Chức năng đang được xây dựng.');

/** Handlers of the transfer calls (lists, dossier, actions, token, outbox). */
export function transferHandlers(_ctx: ServiceContext): HandlersFor<keyof typeof transferCalls> {
  return {
    listDossiers: notYet,
    dossierDetail: notYet,
    readBlob: notYet,
    verifyPdfSignatures: notYet,
    checkDossier: notYet,
    forwardDossier: notYet,
    returnDossier: notYet,
    rejectDossier: notYet,
    listTokens: notYet,
    signAndForwardDossier: notYet,
    listOutbox: notYet,
    discardOutboxEntry: notYet,
    pushNow: notYet,
  };
}
