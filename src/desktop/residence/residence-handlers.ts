import type { residenceCalls } from '../contract-residence';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import {
  createList,
  queueFormStep,
  queueFormStepWithFile,
  queueFormsStep,
  queueRequestStep,
} from './residence-actions';
import { residenceCampaign, saveResidenceCampaign } from './residence-campaign';
import { residenceFormDetail, residenceForms, residenceReceipts } from './residence-forms';
import { residenceOutboxLabel } from './residence-labels';
import { residenceCandidates, residenceListDetail, residenceLists } from './residence-lists';
import { residenceModel, type ResidenceModel } from './residence-model';
import { cancelBatch, signAndSendForms } from './form-batch';
import { exportForms } from './forms-export';
import { signList } from './list-signing';
import { keepForUpload, readPickedFile } from './picked-file';

const notLoggedIn = () => fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

/** Handlers of the residence-comment calls (Quy định 213). */
export function residenceHandlers(ctx: ServiceContext): HandlersFor<keyof typeof residenceCalls> {
  /** The machines on the cache for the logged-in user (online or offline). */
  const model = (): ResidenceModel =>
    residenceModel(ctx.handle, ctx.currentUser() ?? notLoggedIn());
  const now = () => new Date();
  const today = () => now().toISOString().slice(0, 10);
  /** The outbox label of an entity's entries (the same as the outbox list shows). */
  const labelOf = (m: ResidenceModel, kind: 'residenceRequest' | 'residenceForm', id: string) => {
    const item = m.base.outbox.forEntity(id).find((i) => i.kind === kind);
    return item ? residenceOutboxLabel(ctx.handle, m.base.repo, item) : '';
  };

  return {
    residenceLists: (input) => residenceLists(model(), input),
    residenceListDetail: ({ requestId }) => {
      const m = model();
      return residenceListDetail(
        ctx,
        m,
        requestId,
        now(),
        labelOf(m, 'residenceRequest', requestId),
      );
    },
    residenceCandidates: (input) => residenceCandidates(model(), input),
    createResidenceList: (input) => createList(ctx, model(), input, now()),
    residenceListAction: ({ requestId, action }) =>
      queueRequestStep(ctx, model(), requestId, { type: action }, now()),
    returnResidenceList: ({ requestId, reason }) =>
      queueRequestStep(ctx, model(), requestId, { type: 'return', reason }, now()),
    signResidenceList: (input) => signList(ctx, model(), input, now()),

    residenceForms: (input) => residenceForms(model(), input, today()),
    residenceFormDetail: ({ formId }) => {
      const m = model();
      return residenceFormDetail(ctx, m, formId, now(), labelOf(m, 'residenceForm', formId));
    },
    writeResidenceForm: ({ formId, comment }) =>
      queueFormStep(ctx, model(), formId, { type: 'write', comment }, now()),
    residenceFormsAction: ({ formIds, action }) =>
      queueFormsStep(ctx, model(), formIds, { type: action }, now()),
    returnResidenceForm: ({ formId, reason }) =>
      queueFormStep(ctx, model(), formId, { type: 'return', reason }, now()),
    recordPaperResidenceForm: ({ formId, scan, broughtBy, receivedOn }) => {
      const file = readPickedFile(scan);
      const at = now();
      return queueFormStepWithFile(
        ctx,
        model(),
        formId,
        { type: 'record_paper', paper: { scan: file.attachment, broughtBy, receivedOn } },
        () => keepForUpload(ctx, file, at),
        at,
      );
    },
    submitResidenceReport: ({ formId, summary, file: picked }) => {
      const file = readPickedFile(picked);
      const at = now();
      return queueFormStepWithFile(
        ctx,
        model(),
        formId,
        { type: 'report', summary, file: file.attachment },
        () => keepForUpload(ctx, file, at),
        at,
      );
    },
    signAndSendResidenceForms: (input) => signAndSendForms(ctx, model(), input, now()),
    cancelSigningBatch: ({ batchId }) => {
      cancelBatch(ctx, batchId);
      return {};
    },
    residenceReceipts: ({ campaignYear }) => residenceReceipts(model(), campaignYear),
    exportResidenceForms: ({ formIds }) => exportForms(ctx, model(), formIds),
    residenceCampaign: (input) => residenceCampaign(ctx, model(), input),
    saveResidenceCampaign: (input) => saveResidenceCampaign(ctx, input),
  };
}
