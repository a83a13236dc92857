/** The matrix cases of the push mutation types. */
import { randomUUID } from 'node:crypto';
import { json, mutationKey, pick, type MatrixRequest, type RouteCase } from './model';

/** A dossier action on a rev that is long gone: in scope it is a conflict, never applied. */
export const dossierMutation = (dossierId: string) => ({
  id: randomUUID(),
  entity: 'dossier',
  entityId: dossierId,
  baseRev: 999_999,
  action: { type: 'forward' },
});

/** The cases of every push mutation type: the result 'forbidden' stands for 403. */
export const MUTATION_CASES: Record<string, RouteCase> = {
  [mutationKey('dossier')]: {
    success: 'pass',
    why: 'in scope the stale base rev makes it a conflict',
    in: (w) => pushOf(dossierMutation(w.ids.ownDossier)),
    out: (w, a) => pushOf(dossierMutation(pick(a, w.ids.otherDossier, w.ids.cellmateDossier))),
  },
  [mutationKey('feeApproval')]: {
    success: 'pass',
    why: 'applied, or a conflict with an earlier approval',
    in: (w) => pushOf(feeApproval(w.ids.cell1)),
    out: (w) => pushOf(feeApproval(w.ids.otherCell)),
  },
  [mutationKey('residenceRequest')]: {
    success: 'pass',
    why: 'in scope the stale base rev makes it a conflict',
    in: (w) => pushOf(staleAction('residenceRequest', w.ids.wardResidenceList)),
    out: (w) => pushOf(staleAction('residenceRequest', w.ids.otherResidenceList)),
  },
  [mutationKey('residenceForm')]: {
    success: 'pass',
    why: 'in scope (his own form for the member) the stale base rev makes it a conflict',
    in: (w) => pushOf(staleAction('residenceForm', w.ids.ownResidenceForm)),
    out: (w) => pushOf(staleAction('residenceForm', w.ids.otherResidenceForm)),
  },
  [mutationKey('accountRequest')]: {
    success: 'pass',
    why: 'in scope (his own request for the member) the stale base rev makes it a conflict',
    in: (w) => pushOf(staleDecision(w.ids.ownAccountRequest)),
    out: (w, a) =>
      pushOf(staleDecision(pick(a, w.ids.otherAccountRequest, w.ids.cellmateAccountRequest))),
  },
};

/** A decision on a rev that is long gone: in scope it is a conflict, never applied. */
const staleDecision = (entityId: string) => ({
  id: randomUUID(),
  entity: 'accountRequest',
  entityId,
  baseRev: 999_999,
  action: { type: 'approve' },
});

/** A residence step on a rev that is long gone: in scope it is a conflict, never applied. */
const staleAction = (entity: string, entityId: string) => ({
  id: randomUUID(),
  entity,
  entityId,
  baseRev: 999_999,
  action: { type: 'submit' },
});

const pushOf = (mutation: object): MatrixRequest =>
  json('POST', '/v1/sync/push', { mutations: [mutation] });
const feeApproval = (cellId: string) => ({
  id: randomUUID(),
  entity: 'feeApproval',
  entityId: cellId,
  baseRev: 0,
  action: { type: 'approve', month: '2026-06', all: true },
});
