import type { X509Certificate } from 'node:crypto';
import type { DossierMutation, PushResult } from '../../src/api/push';
import type { SubmitTransferRequest } from '../../src/api/transfers';
import type { ServerEngine } from '../../src/db/server-db';
import type { Failure } from '../../src/domain/common/result';
import {
  transferActionLabelVi,
  type TransferActor,
  type TransferDossier,
} from '../../src/domain/procedures/transfer-dossier';
import {
  applyTransferAction,
  startTransfer,
  type TransferCode,
  type TransferEnv,
} from '../../src/domain/procedures/transfer-machine';
import type { Caller } from '../auth/caller';
import { acceptSignedDocument } from '../blobs/letter-signature';
import { blobBytes, checkAttachments, referBlobs } from './blobs';
import { expectedFirstLetter } from './expected-letter';
import { loadHolidayCalendar } from './holidays';
import type { Db, Trx } from './db';
import { moveMember } from './members';
import { followMemberMove } from './users';
import { applyOnce, outOfScopeAnswer, pushAnswer } from './push';
import {
  dossierTouchesScope,
  findDossier,
  firstEventAfter,
  insertDossier,
  insertTemporaryMembership,
  loadOrgPaths,
  pathString,
  saveDossier,
  type StoredDossier,
} from './transfers';

export interface TransferDeps {
  db: Db;
  engine: ServerEngine;
  now: () => Date;
  trustAnchors: X509Certificate[];
}

/** State-machine refusals that are about who acts, not about what they asked. */
const FORBIDDEN_CODES: ReadonlySet<TransferCode> = new Set([
  'not_your_dossier',
  'not_processor',
  'not_approver',
]);

function actorOf(caller: Caller, currentPath: string | null): TransferActor {
  const rolesHere = currentPath
    ? caller.scope.grants.filter((g) => currentPath.startsWith(g.path)).map((g) => g.role)
    : [];
  return {
    userId: caller.user.id,
    fullName: caller.user.fullName,
    memberId: caller.user.memberId,
    rolesHere: rolesHere as TransferActor['rolesHere'],
  };
}

/** The machine's world: the clock, the stored holiday calendar, the orgs' paths. */
async function envOf(
  db: Db,
  deps: TransferDeps,
  paths: Map<string, ReturnType<TransferEnv['pathOf']>>,
): Promise<TransferEnv> {
  return {
    now: deps.now().toISOString(),
    calendar: await loadHolidayCalendar(db),
    pathOf: (id: string) => paths.get(id) ?? null,
  };
}

export type SubmitOutcome =
  | { ok: true; stored: StoredDossier; created: boolean }
  | (Failure<TransferCode | 'bad_attachment' | 'id_taken'> & { field?: string });

/**
 * A member submits a form, or staff file it for him: the dossier starts at his cell. A retry
 * with the same id is a no-op.
 */
export async function submitTransfer(
  deps: TransferDeps,
  caller: Caller,
  member: { id: string; homeOrgId: string },
  body: SubmitTransferRequest,
): Promise<SubmitOutcome> {
  const bad = await checkAttachments(deps.db, caller, body.attachments);
  if (bad)
    return {
      ok: false,
      code: 'bad_attachment',
      message: bad.message,
      messageVi: bad.messageVi,
      field: `attachments.${bad.index}`,
    };
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findDossier(trx, body.id, { forUpdate: deps.engine });
    if (existing) {
      if (existing.dossier.memberId === member.id)
        return { ok: true as const, stored: existing, created: false };
      return {
        ok: false as const,
        code: 'id_taken' as const,
        message: 'a dossier with this id exists',
        messageVi: 'Mã hồ sơ đã tồn tại.',
      };
    }
    const paths = await loadOrgPaths(trx, [member.homeOrgId, body.form.destinationOrgId]);
    const now = deps.now();
    // Staff file with the roles they hold at the member's cell (grants cover subtrees).
    const home = paths.get(member.homeOrgId);
    const actor = actorOf(caller, home ? pathString(home) : null);
    const outcome = startTransfer({ ...body, member }, actor, await envOf(trx, deps, paths));
    if (!outcome.ok) return outcome;
    const rev = await insertDossier(trx, outcome.dossier, outcome.events, now);
    await referBlobs(
      trx,
      outcome.dossier.id,
      body.attachments.map((a) => a.sha256),
    );
    return {
      ok: true as const,
      created: true,
      stored: {
        dossier: outcome.dossier,
        currentOrgId: outcome.dossier.route.orgIds[0]!,
        rev,
        updatedAt: now.toISOString(),
      },
    };
  });
}

/**
 * Applies one pushed mutation in its own transaction, exactly once: the id is claimed first, and
 * whatever the answer (applied or not) it is stored with the id and returned again on a retry.
 */
export async function applyMutation(
  deps: TransferDeps,
  caller: Caller,
  m: DossierMutation,
): Promise<PushResult> {
  return applyOnce(deps.db, deps.now, caller.user.id, m.id, (trx, now) =>
    decide(trx, deps, caller, m, now),
  );
}

const timeVi = (iso: string) => {
  const d = new Date(iso);
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
};

async function decide(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  m: DossierMutation,
  now: Date,
): Promise<PushResult> {
  const stored = await findDossier(trx, m.entityId, { forUpdate: deps.engine });
  if (!stored)
    return pushAnswer(m, 'invalid', null, 'not_found', 'no such dossier', 'Không tìm thấy hồ sơ.');
  const { dossier } = stored;
  const own = caller.user.memberId !== null && caller.user.memberId === dossier.memberId;
  if (!own && !(await dossierTouchesScope(trx, caller.scope, dossier.id)))
    return outOfScopeAnswer(m, 'dossier', 'Hồ sơ');
  if (stored.rev !== m.baseRev) {
    const first = await firstEventAfter(trx, dossier.id, m.baseRev);
    const who = first
      ? `${first.actorName}${first.orgName ? ` (${first.orgName})` : ''}`
      : 'người khác';
    const what = first ? transferActionLabelVi[first.type].toLowerCase() : 'cập nhật';
    const since = first
      ? `${first.actorName} did ${first.type} at ${first.at}`
      : `now at rev ${stored.rev}`;
    const when = first ? ` lúc ${timeVi(first.at)}` : '';
    return pushAnswer(
      m,
      'conflict',
      stored.rev,
      'stale',
      `the dossier moved on since rev ${m.baseRev}: ${since}`,
      `Hồ sơ đã được ${who} ${what}${when} trước bạn. Vui lòng đồng bộ lại và xem trạng thái mới của hồ sơ.`,
    );
  }
  const action = m.action;
  const extraOrgs = [
    dossier.fromOrgId,
    ...(action.type === 'check' && action.nextOrgId ? [action.nextOrgId] : []),
    ...(action.type === 'resubmit' ? [action.form.destinationOrgId] : []),
  ];
  const paths = await loadOrgPaths(trx, [...dossier.route.orgIds, ...extraOrgs]);
  const currentPath = paths.get(stored.currentOrgId);
  const actor = actorOf(caller, currentPath ? pathString(currentPath) : null);
  const outcome = applyTransferAction(dossier, action, actor, await envOf(trx, deps, paths));
  if (!outcome.ok)
    return pushAnswer(
      m,
      FORBIDDEN_CODES.has(outcome.code) ? 'forbidden' : 'invalid',
      stored.rev,
      outcome.code,
      outcome.message,
      outcome.messageVi,
    );

  const blobs: string[] = [];
  if (action.type === 'resubmit') {
    const bad = await checkAttachments(trx, caller, action.attachments);
    if (bad)
      return pushAnswer(m, 'invalid', stored.rev, 'bad_attachment', bad.message, bad.messageVi);
    blobs.push(...action.attachments.map((a) => a.sha256));
  }
  if (action.type === 'sign_and_forward') {
    const refused = await refuseLetter(trx, deps, caller, stored, action.signedPdfSha256, now);
    if (refused) return { ...refused, id: m.id, rev: stored.rev };
    blobs.push(action.signedPdfSha256);
  }

  const after = outcome.dossier;
  if (after.status === 'completed') await completionEffects(trx, after, now);
  const rev = await saveDossier(trx, dossier, after, outcome.events, now, m.id);
  await referBlobs(trx, dossier.id, blobs);
  return pushAnswer(m, 'applied', rev, null, 'applied', 'Đã cập nhật hồ sơ.');
}

/**
 * The signed letter of a sign-and-forward, through the one acceptance rule of signed documents:
 * the dossier's letter (or, for the first signature, the letter the server generates for it)
 * plus exactly one new signature by the actor's registered certificate. Null when accepted.
 */
async function refuseLetter(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  stored: StoredDossier,
  sha256: string,
  now: Date,
): Promise<Omit<PushResult, 'id' | 'rev'> | null> {
  const pdf = await blobBytes(trx, sha256);
  if (!pdf)
    return {
      status: 'invalid',
      code: 'letter_missing',
      message: `signed letter ${sha256} was not uploaded`,
      messageVi: 'Tệp giấy giới thiệu đã ký chưa được tải lên máy chủ.',
    };
  const previousSha = stored.dossier.letterSha256;
  const previous = previousSha ? await blobBytes(trx, previousSha) : null;
  if (previousSha && !previous)
    return {
      status: 'invalid',
      code: 'letter_missing',
      message: `the dossier's letter ${previousSha} is missing on the server`,
      messageVi: 'Máy chủ không còn giấy giới thiệu đã ký trước đó của hồ sơ.',
    };
  const verdict = await acceptSignedDocument(trx, {
    pdf,
    base: previous
      ? { kind: 'previous', bytes: previous }
      : { kind: 'generated', build: (signedAt) => expectedFirstLetter(trx, stored, signedAt) },
    actorUserId: caller.user.id,
    trustAnchors: deps.trustAnchors,
    now,
  });
  if (verdict.ok) return null;
  return {
    status: verdict.status,
    code: verdict.code,
    message: `the signed letter is refused: ${verdict.message}`,
    messageVi: verdict.messageVi,
  };
}

/** Official transfers move the member's home org; temporary ones record the stay. */
async function completionEffects(trx: Trx, d: TransferDossier, now: Date): Promise<void> {
  const destination = d.route.orgIds[d.route.orgIds.length - 1]!;
  if (d.variant === 'temporary' && d.form.temporary) {
    await insertTemporaryMembership(
      trx,
      {
        memberId: d.memberId,
        orgId: destination,
        dossierId: d.id,
        startOn: d.form.temporary.startOn,
        endOn: d.form.temporary.endOn,
      },
      now,
    );
    return;
  }
  await moveMember(trx, d.memberId, { homeOrgId: destination }, now);
  await followMemberMove(trx, d.memberId, d.fromOrgId, destination, now);
}
