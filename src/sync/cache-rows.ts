import type { BankAccount } from '../domain/org/org';
import type { Member } from '../domain/people/member';
import { foldForSearch } from '../domain/text/fold';
import { vietnameseNameSortKey } from '../domain/text/vietnamese-names';
import type { OrgWire, UserRoleWire, UserWire } from '../api/sync';
import type { ResidenceFormWire, ResidenceRequestWire } from '../api/residence';
import type { DossierWire } from '../api/transfers';
import type { AccountRequestWire } from '../api/account-wire';
import type { HolidayYearWire } from '../api/holiday-wire';
import type { ResidenceCampaignView } from '../api/residence-campaign-wire';
import type {
  ClientAccountRequestsTable,
  ClientBankAccountsTable,
  ClientDossierRouteOrgsTable,
  ClientDossiersTable,
  ClientHolidayYearsTable,
  ClientResidenceCampaignsTable,
  ClientMembersTable,
  ClientOrgsTable,
  ClientResidenceFormsTable,
  ClientResidenceRequestsTable,
  ClientUserRolesTable,
  ClientUsersTable,
} from '../db/client-schema';

// Wire objects → cache rows. Pure, so the hot path's SQL module only binds values.

export type OrgRow = ClientOrgsTable;
export type BankAccountRow = ClientBankAccountsTable;
export type MemberRow = ClientMembersTable;
export type UserRow = ClientUsersTable;
export type UserRoleRow = ClientUserRolesTable;
export type DossierRow = ClientDossiersTable;
export type DossierRouteOrgRow = ClientDossierRouteOrgsTable;

export function orgRow(o: OrgWire, rev: number): OrgRow {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    name_folded: foldForSearch(o.name),
    parent_id: o.parentId,
    path: o.path,
    depth: o.depth,
    type: o.type,
    cell_subtype: o.cellSubtype,
    tax_code: o.taxCode,
    email: o.email,
    phone: o.phone,
    website: o.website,
    province: o.province,
    ward: o.ward,
    address_detail: o.addressDetail,
    description: o.description,
    allocation_direction: o.allocationDirection,
    has_seal: o.hasSeal ? 1 : 0,
    status: o.status,
    rev,
    seal_image_sha256: o.sealImageSha256,
  };
}

export function bankAccountRow(b: BankAccount, rev: number): BankAccountRow {
  return {
    id: b.id,
    org_id: b.orgId,
    account_no: b.accountNo,
    holder: b.holder,
    bank_name: b.bankName,
    citad_code: b.citadCode,
    is_active: b.isActive ? 1 : 0,
    rev,
  };
}

// Full names repeat a lot (a province has one distinct name per ≈7 members) and the sort key is
// the costliest step of applying a member, so the derived columns are kept per name, bounded.
const NAME_MEMO_LIMIT = 100_000;
const nameMemo = new Map<string, { folded: string; sortKey: string }>();

function derivedName(fullName: string): { folded: string; sortKey: string } {
  let derived = nameMemo.get(fullName);
  if (!derived) {
    if (nameMemo.size >= NAME_MEMO_LIMIT) nameMemo.clear();
    derived = { folded: foldForSearch(fullName), sortKey: vietnameseNameSortKey(fullName) };
    nameMemo.set(fullName, derived);
  }
  return derived;
}

export function memberRow(m: Member, rev: number): MemberRow {
  const name = derivedName(m.fullName);
  return {
    id: m.id,
    full_name: m.fullName,
    name_folded: name.folded,
    sort_key: name.sortKey,
    birth_date: m.birthDate,
    sex: m.sex,
    citizen_id: m.citizenId,
    card_no: m.cardNo,
    profile_no: m.profileNo,
    home_org_id: m.homeOrgId,
    residence_org_id: m.residenceOrgId,
    phone: m.phone,
    email: m.email,
    joined_on: m.joinedOn,
    official_on: m.officialOn,
    positions: JSON.stringify(m.positions),
    status: m.status,
    rev,
  };
}

export function userRow(u: UserWire, rev: number): UserRow {
  return {
    id: u.id,
    username: u.username,
    full_name: u.fullName,
    citizen_id: u.citizenId,
    phone: u.phone,
    email: u.email,
    position: u.position,
    org_id: u.orgId,
    status: u.status,
    member_id: u.memberId,
    updated_by: u.updatedBy,
    updated_at: u.updatedAt,
    rev,
    signature_image_sha256: u.signatureImageSha256,
  };
}

export function userRoleRow(r: UserRoleWire, rev: number): UserRoleRow {
  return { id: r.id, user_id: r.userId, role: r.role, org_id: r.orgId, rev };
}

export function dossierRow(d: DossierWire, rev: number): DossierRow {
  return {
    id: d.id,
    variant: d.variant,
    member_id: d.memberId,
    from_org_id: d.fromOrgId,
    destination_org_id: d.route.orgIds[d.route.orgIds.length - 1] ?? d.form.destinationOrgId,
    current_org_id: d.currentOrgId,
    status: d.status,
    submitted_at: d.submittedAt,
    updated_at: d.updatedAt,
    present_by: d.presentBy,
    data: JSON.stringify(d),
    rev,
  };
}

/** The route's orgs, each on the sending ('from') or receiving ('to') side of the handover. */
export function dossierRouteOrgRows(d: DossierWire): DossierRouteOrgRow[] {
  return d.route.orgIds.map((orgId, position) => ({
    dossier_id: d.id,
    org_id: orgId,
    position,
    side: position < d.route.handoverIndex ? 'from' : 'to',
  }));
}

// Printable ASCII without spaces, as ids and codes are: folding it is only lowercasing, and the
// full fold (two normalizations, four regexes) ran three times per member of every pulled page.
const PLAIN_ASCII = /^[!-~]*$/;

/** foldForSearch of an id or a code, the same string, faster for the usual ASCII ones. */
export function foldId(id: string): string {
  return PLAIN_ASCII.test(id) ? id.toLowerCase() : foldForSearch(id);
}

/** Text indexed in members_fts: what a user may type to find a member. */
export function memberSearchText(
  row: Pick<MemberRow, 'name_folded' | 'citizen_id' | 'card_no' | 'profile_no'>,
): string {
  let text = row.name_folded;
  for (const id of [row.citizen_id, row.card_no, row.profile_no]) {
    if (id) text += ` ${foldId(id)}`;
  }
  return text;
}

/** Text indexed in orgs_fts: folded name and code. */
export function orgSearchText(row: Pick<OrgRow, 'name_folded' | 'code'>): string {
  return `${row.name_folded} ${foldId(row.code)}`;
}

export function residenceRequestRow(
  r: ResidenceRequestWire,
  rev: number,
): ClientResidenceRequestsTable {
  return {
    id: r.id,
    workplace_org_id: r.workplaceOrgId,
    campaign_year: r.campaignYear,
    status: r.status,
    updated_at: r.updatedAt,
    data: JSON.stringify(r),
    rev,
  };
}

export function residenceFormRow(f: ResidenceFormWire, rev: number): ClientResidenceFormsTable {
  return {
    id: f.id,
    request_id: f.requestId,
    member_id: f.memberId,
    workplace_org_id: f.workplaceOrgId,
    residence_org_id: f.residenceOrgId,
    committee_org_id: f.committeeOrgId,
    status: f.status,
    updated_at: f.updatedAt,
    data: JSON.stringify(f),
    rev,
  };
}

export function accountRequestRow(r: AccountRequestWire, rev: number): ClientAccountRequestsTable {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    deciding_org_id: r.decidingOrgId,
    requester_user_id: r.requesterUserId,
    member_id: r.memberId,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    data: JSON.stringify(r),
    rev,
  };
}

export function holidayYearRow(y: HolidayYearWire, rev: number): ClientHolidayYearsTable {
  return { id: String(y.year), year: y.year, data: JSON.stringify(y), rev };
}

export function residenceCampaignRow(
  c: ResidenceCampaignView,
  rev: number,
): ClientResidenceCampaignsTable {
  return {
    id: `${c.committeeOrgId}/${c.year}`,
    committee_org_id: c.committeeOrgId,
    year: c.year,
    opens_on: c.opensOn,
    due_on: c.dueOn,
    rev,
  };
}
