import type { BankAccount } from '../../domain/org/org';
import type { Member } from '../../domain/people/member';
import { PullChange, type OrgWire, type UserRoleWire, type UserWire } from '../../api/sync';
import { ResidenceFormWire, ResidenceRequestWire } from '../../api/residence';
import { DossierWire } from '../../api/transfers';
import { newResidenceForm } from '../../domain/procedures/residence-form';

// Builders of valid wire objects for hand-made pull pages. Every change is parsed with the
// contract's schema, so a test never feeds the cache something the API client would reject.

/** A deterministic UUID-shaped id: uid(7) = 00000000-0000-4000-8000-000000000007. */
export const uid = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function orgWire(n: number, parent: OrgWire | null, over: Partial<OrgWire> = {}): OrgWire {
  const id = uid(n);
  return {
    id,
    code: String(2_256_000 + n),
    name: `Chi bộ Tổ dân phố số ${n}`,
    parentId: parent?.id ?? null,
    type: parent ? 'grassroots_cell' : 'superior_committee',
    cellSubtype: null,
    taxCode: null,
    email: null,
    phone: null,
    website: null,
    province: 'Hà Nội',
    ward: 'Việt Hưng',
    addressDetail: null,
    description: null,
    allocationDirection: 'top_down',
    hasSeal: parent === null,
    status: 'active',
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
    sealImageSha256: null,
    ...over,
  };
}

export function memberWire(
  n: number,
  homeOrgId: string,
  fullName: string,
  over: Partial<Member> = {},
): Member {
  const year = 1960 + (n % 40);
  const sex = n % 2 === 0 ? 'male' : 'female';
  return {
    id: uid(100_000 + n),
    fullName,
    birthDate: `${year}-0${1 + (n % 9)}-1${n % 10}`,
    sex,
    citizenId: `001${sex === 'male' ? 0 : 1}${String(year).slice(2)}${String(n).padStart(6, '0')}`,
    cardNo: `${String(n).padStart(8, '0')}`,
    profileNo: null,
    homeOrgId,
    residenceOrgId: null,
    phone: null,
    email: null,
    joinedOn: '2001-05-19',
    officialOn: '2002-05-19',
    positions: [],
    status: 'active',
    ...over,
  };
}

export function bankAccountWire(
  n: number,
  orgId: string,
  over: Partial<BankAccount> = {},
): BankAccount {
  return {
    id: uid(200_000 + n),
    orgId,
    accountNo: `1900${String(n).padStart(8, '0')}`,
    holder: 'Đảng bộ Phường Việt Hưng',
    bankName: 'MB',
    citadCode: '01311001',
    isActive: true,
    ...over,
  };
}

export function userWire(n: number, orgId: string, over: Partial<UserWire> = {}): UserWire {
  return {
    id: uid(300_000 + n),
    username: `canbo.${n}`,
    fullName: 'Trần Thị Bình',
    citizenId: `001185${String(n).padStart(6, '0')}`,
    phone: '0912345678',
    email: null,
    position: null,
    orgId,
    status: 'active',
    memberId: null,
    updatedBy: null,
    updatedAt: '2026-01-05T08:00:00.000Z',
    signatureImageSha256: null,
    ...over,
  };
}

export const userRoleWire = (n: number, userId: string, orgId: string): UserRoleWire => ({
  id: uid(400_000 + n),
  userId,
  role: 'admin',
  orgId,
});

/**
 * A dossier pending check at `route[0]`, going from the first org of `route` to its last; the
 * handover is at `handoverIndex`.
 */
export function dossierWire(
  n: number,
  memberId: string,
  route: string[],
  handoverIndex: number,
  over: Partial<DossierWire> = {},
): DossierWire {
  return DossierWire.parse({
    id: uid(500_000 + n),
    variant: 'official',
    memberId,
    fromOrgId: route[0],
    form: {
      destinationOrgId: route[route.length - 1],
      reason: 'Chuyển nơi cư trú',
      movedOn: '2026-01-02',
      newAddress: null,
      temporary: null,
    },
    attachments: [],
    route: { orgIds: route, handoverIndex },
    position: 0,
    status: 'pending_check',
    checkedData: null,
    nextOrgId: null,
    letterSha256: null,
    reason: null,
    submittedAt: '2026-01-05T08:00:00.000Z',
    presentBy: null,
    completedAt: null,
    currentOrgId: route[0],
    updatedAt: '2026-01-05T08:00:00.000Z',
    history: [],
    ...over,
  });
}

/** A sent residence list of `workplaceOrgId` about one member living in `residenceOrgId`. */
export function residenceRequestWire(
  n: number,
  workplaceOrgId: string,
  memberId: string,
  residenceOrgId: string,
): ResidenceRequestWire {
  return ResidenceRequestWire.parse({
    id: uid(600_000 + n),
    campaignYear: 2026,
    workplaceOrgId,
    kind: 'introduce_and_comment',
    items: [{ memberId, residenceOrgId, reportRequired: true, exemption: null }],
    status: 'sent',
    listPdfSha256: null,
    reason: null,
    createdAt: '2026-10-01T08:00:00.000Z',
    sentAt: '2026-10-02T08:00:00.000Z',
    updatedAt: '2026-10-02T08:00:00.000Z',
    history: [],
    orgNames: {},
    memberNames: {},
  });
}

/** The form a sent list asks of the residence cell, as pull sends it. */
export function residenceFormWire(
  n: number,
  list: ResidenceRequestWire,
  committeeOrgId: string,
  over: Partial<ResidenceFormWire> = {},
): ResidenceFormWire {
  const item = list.items[0]!;
  return ResidenceFormWire.parse({
    ...newResidenceForm({
      id: uid(700_000 + n),
      requestId: list.id,
      campaignYear: list.campaignYear,
      memberId: item.memberId,
      workplaceOrgId: list.workplaceOrgId,
      residenceOrgId: item.residenceOrgId ?? '',
      committeeOrgId,
      reportRequired: item.reportRequired,
    }),
    updatedAt: '2026-10-02T08:00:00.000Z',
    history: [],
    orgNames: {},
    memberNames: {},
    ...over,
  });
}

let rev = 0;
/** Changes with increasing revs, checked against the pull contract. */
export const change = {
  org: (data: OrgWire) =>
    PullChange.parse({ op: 'upsert', entity: 'org', id: data.id, rev: ++rev, data }),
  member: (data: Member) =>
    PullChange.parse({ op: 'upsert', entity: 'member', id: data.id, rev: ++rev, data }),
  bankAccount: (data: BankAccount) =>
    PullChange.parse({ op: 'upsert', entity: 'bankAccount', id: data.id, rev: ++rev, data }),
  user: (data: UserWire) =>
    PullChange.parse({ op: 'upsert', entity: 'user', id: data.id, rev: ++rev, data }),
  userRole: (data: UserRoleWire) =>
    PullChange.parse({ op: 'upsert', entity: 'userRole', id: data.id, rev: ++rev, data }),
  dossier: (data: DossierWire) =>
    PullChange.parse({ op: 'upsert', entity: 'dossier', id: data.id, rev: ++rev, data }),
  residenceRequest: (data: ResidenceRequestWire) =>
    PullChange.parse({ op: 'upsert', entity: 'residenceRequest', id: data.id, rev: ++rev, data }),
  residenceForm: (data: ResidenceFormWire) =>
    PullChange.parse({ op: 'upsert', entity: 'residenceForm', id: data.id, rev: ++rev, data }),
  delete: (entity: Extract<PullChange, { op: 'delete' }>['entity'], id: string) =>
    PullChange.parse({ op: 'delete', entity, id, rev: ++rev }),
};
