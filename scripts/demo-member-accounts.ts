/**
 * The member's side of accounts for `npm run demo:member` (docs/decisions/0031): register through
 * the public API (lookup, then the prefilled declaration with the given corrections), file an info
 * change, a position or a cell change over push like the desktop's outbox, and read the account.
 */
import { randomUUID } from 'node:crypto';
import {
  accountRoutes,
  type AccountRequestWire,
  type AccountRequestWireAction,
} from '../src/api/accounts';
import type { ApiClient } from '../src/api/client';
import { pushRoutes } from '../src/api/push';
import {
  accountRequestKindLabelVi,
  accountRequestStatusLabelVi,
  DeclaredMember,
  type DeclaredPosition,
} from '../src/domain/accounts/account-request';

export class DemoAccountError extends Error {}

export interface RegisterOptions {
  username: string;
  password: string;
  citizenId: string;
  cardNo?: string;
  profileNo?: string;
  /** The declared cell; the record's when left out. */
  cell?: string;
  phone?: string;
  position?: DeclaredPosition;
  /** For a person the member database does not know. */
  fullName?: string;
  birthDate?: string;
  sex?: string;
}

/** Looks the member up, corrects the prefilled form with the options, and registers. */
export async function registerMember(anonymous: ApiClient, o: RegisterOptions) {
  const { record } = await anonymous.request(accountRoutes.registrationLookup, {
    body: {
      citizenId: o.citizenId,
      ...(o.cardNo ? { cardNo: o.cardNo } : {}),
      ...(o.profileNo ? { profileNo: o.profileNo } : {}),
    },
  });
  const declared = DeclaredMember.safeParse({
    fullName: o.fullName ?? record?.fullName,
    birthDate: o.birthDate ?? record?.birthDate,
    sex: o.sex ?? record?.sex,
    citizenId: o.citizenId,
    cardNo: o.cardNo ?? record?.cardNo ?? null,
    profileNo: o.profileNo ?? record?.profileNo ?? null,
    homeOrgId: o.cell ?? record?.homeOrgId,
    residenceOrgId: record?.residenceOrgId ?? null,
    phone: o.phone ?? record?.phone ?? null,
    email: record?.email ?? null,
    position: o.position ?? null,
  });
  if (!declared.success)
    throw new DemoAccountError(
      `${record ? '' : 'no record on file: give --full-name --birth-date --sex --cell; '}` +
        declared.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const receipt = await anonymous.request(accountRoutes.register, {
    body: {
      identity: { kind: 'password', username: o.username, password: o.password },
      declared: declared.data,
    },
  });
  return { ...receipt, prefilled: record !== null, declared: declared.data };
}

/** Files one request about the signed-in member over push; the request's id and the result. */
export async function fileAccountRequest(api: ApiClient, action: AccountRequestWireAction) {
  const id = randomUUID();
  const [result] = (
    await api.request(pushRoutes.push, {
      body: {
        mutations: [
          { id: randomUUID(), entity: 'accountRequest', entityId: id, baseRev: 0, action },
        ],
      },
    })
  ).results;
  if (result?.status !== 'applied')
    throw new DemoAccountError(
      `${result?.messageVi ?? 'Không gửi được yêu cầu.'} (${result?.code})`,
    );
  return { id, rev: result.rev, messageVi: result.messageVi };
}

/** The signed-in member's account, record and requests, as a person reads them. */
export async function myAccount(api: ApiClient) {
  const me = await api.request(accountRoutes.myAccount);
  return {
    username: me.user.username,
    status: me.user.status,
    member: me.member ? { id: me.member.id, fullName: me.member.fullName } : null,
    requests: me.requests.map(requestSummary),
  };
}

const requestSummary = (r: AccountRequestWire) => ({
  id: r.id,
  kind: r.kind,
  kindVi: accountRequestKindLabelVi[r.kind],
  status: r.status,
  statusVi: accountRequestStatusLabelVi[r.status],
  decidingOrg: r.orgNames[r.decidingOrgId] ?? r.decidingOrgId,
  reason: r.reason,
  history: r.history.map((e) => `${e.at} ${e.type} ${e.actorName}`),
});
