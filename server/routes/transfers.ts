import type { X509Certificate } from 'node:crypto';
import { transferRoutes, type DossierView } from '../../src/api/transfers';
import { isOverdue } from '../../src/domain/procedures/transfer-deadlines';
import type { Caller } from '../auth/caller';
import { trustAnchorsFromEnv } from '../blobs/letter-signature';
import type { ServerContext } from '../context';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { findVisibleMember } from '../repositories/members';
import {
  dossiersOfMember,
  dossierTouchesScope,
  findDossier,
  historiesOf,
  historyOf,
  wireOf,
  type StoredDossier,
} from '../repositories/transfers';
import { submitTransfer, type TransferDeps } from '../repositories/transfers-apply';
import { memberById, transferDestinations } from '../repositories/transfers-members';
import { findOrg } from '../repositories/orgs';
import { hasRoleOver } from '../scope/scope';

const viewOf = (
  stored: StoredDossier,
  history: DossierView['history'],
  today: string,
): DossierView => ({
  ...wireOf(stored, history),
  rev: stored.rev,
  overdue: isOverdue(stored.dossier, today),
});

const memberOf = (caller: Caller): string => {
  if (!caller.user.memberId) throw forbidden();
  return caller.user.memberId;
};

/** Staff roles that file a transfer for a member of a cell under their grant. */
const FILING_STAFF = ['processor', 'approver'] as const;

/**
 * The member a transfer is filed for: the caller himself, or a member he reads (else 404) whose
 * cell lies under his processor or approver grant (else 403).
 */
async function filedMember(db: TransferDeps['db'], caller: Caller, forMemberId?: string) {
  const id = forMemberId ?? memberOf(caller);
  if (id === caller.user.memberId) {
    const own = await memberById(db, id);
    if (!own) throw forbidden();
    return own;
  }
  const member = await findVisibleMember(db, caller.scope, id);
  if (!member) throw notFound();
  const home = await findOrg(db, member.homeOrgId);
  if (!home || !hasRoleOver(caller.scope, FILING_STAFF, home.path)) throw forbidden();
  return { id: member.id, homeOrgId: member.homeOrgId };
}

/**
 * Member-side endpoints: submit a transfer (the member, or staff of his cell on his behalf), see
 * its status.
 */
export function transferRoutesOf(route: Register, deps: TransferDeps): void {
  const today = () => deps.now().toISOString().slice(0, 10);

  route(transferRoutes.submitTransfer, async ({ body, caller }) => {
    const member = await filedMember(deps.db, caller, body.forMemberId);
    const outcome = await submitTransfer(deps, caller, member, body);
    if (!outcome.ok) {
      if (outcome.code === 'not_your_dossier') throw forbidden();
      if (outcome.code === 'id_taken')
        throw new HttpError(409, {
          error: 'id_taken',
          message: outcome.message,
          messageVi: outcome.messageVi,
        });
      throw badRequest(outcome.field ?? 'form', outcome.message, outcome.messageVi);
    }
    return viewOf(outcome.stored, await historyOf(deps.db, body.id), today());
  });

  route(transferRoutes.transferDestinations, async ({ query }) => ({
    items: await transferDestinations(deps.db, query.q),
  }));

  route(transferRoutes.myTransfers, async ({ caller }) => {
    const stored = await dossiersOfMember(deps.db, memberOf(caller));
    const histories = await historiesOf(
      deps.db,
      stored.map((s) => s.dossier.id),
    );
    return {
      items: stored.map((s) => viewOf(s, histories.get(s.dossier.id) ?? [], today())),
    };
  });

  route(transferRoutes.getTransfer, async ({ params, caller }) => {
    const stored = await findDossier(deps.db, params.id);
    if (!stored) throw notFound();
    const own = caller.user.memberId === stored.dossier.memberId;
    const visible =
      own ||
      (await dossierTouchesScope(deps.db, caller.scope, params.id)) ||
      (await findVisibleMember(deps.db, caller.scope, stored.dossier.memberId)) !== null;
    if (!visible) throw notFound();
    return viewOf(stored, await historyOf(deps.db, params.id), today());
  });
}

/** Options of buildServer for transfers: signature trust anchors and the blob size limit. */
export interface TransferOptions {
  /** Roots a signed letter must chain to; default: the PEM file SIGNING_TRUST_ANCHORS. */
  trustAnchors?: X509Certificate[];
  /** Upload limit of a blob in bytes; default: BLOB_MAX_BYTES or 20 MB. */
  blobMaxBytes?: number;
}

export const transferDeps = (ctx: ServerContext, opts: TransferOptions = {}): TransferDeps => ({
  db: ctx.db,
  engine: ctx.engine,
  now: ctx.now,
  trustAnchors: opts.trustAnchors ?? trustAnchorsFromEnv(),
});
