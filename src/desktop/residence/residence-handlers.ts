import type { residenceCalls } from '../contract-residence';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

// PLACEHOLDER (replaced by the residence handlers in this work): every call refuses.
const notYet = () =>
  fail('not_implemented', 'residence handlers not built yet', 'Chức năng này chưa có.');

/** Handlers of the residence-comment calls (Quy định 213). */
export function residenceHandlers(_ctx: ServiceContext): HandlersFor<keyof typeof residenceCalls> {
  return {
    residenceLists: notYet,
    residenceListDetail: notYet,
    residenceCandidates: notYet,
    createResidenceList: notYet,
    residenceListAction: notYet,
    returnResidenceList: notYet,
    signResidenceList: notYet,
    residenceForms: notYet,
    residenceFormDetail: notYet,
    writeResidenceForm: notYet,
    residenceFormsAction: notYet,
    returnResidenceForm: notYet,
    recordPaperResidenceForm: notYet,
    signAndSendResidenceForms: notYet,
    submitResidenceReport: notYet,
    cancelSigningBatch: notYet,
    residenceReceipts: notYet,
    exportResidenceForms: notYet,
  };
}
