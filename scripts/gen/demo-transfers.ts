/**
 * Demo transfer dossiers and member accounts for the demo ward (Đảng bộ Phường Việt Hưng), made
 * the way real ones are: members submit through `submitTransfer` and staff act through
 * `applyMutation` — the server's own apply path and state machine — with the clock set back so
 * that every dossier has a believable history. Nothing is written that the machine could not
 * produce. Forwards are unsigned: signing needs a token, which the demo does not have.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sniffContentType } from '../../server/blobs/sniff';
import type { Caller } from '../../server/auth/caller';
import { hashPassword } from '../../server/auth/passwords';
import { putBlob } from '../../server/repositories/blobs';
import type { Db } from '../../server/repositories/db';
import { findDossier } from '../../server/repositories/transfers';
import {
  applyMutation,
  submitTransfer,
  type TransferDeps,
} from '../../server/repositories/transfers-apply';
import { findActiveAccount, insertUser } from '../../server/repositories/users';
import { buildScope } from '../../server/scope/scope';
import type { ServerEngine } from '../../src/db/server-db';
import { isWorkingDay } from '../../src/domain/calendar/working-days';
import { User } from '../../src/domain/people/user';
import { isOverdue } from '../../src/domain/procedures/transfer-deadlines';
import type {
  TransferAction,
  TransferForm,
  TransferStatus,
} from '../../src/domain/procedures/transfer-dossier';
import type { TransferVariant } from '../../src/domain/procedures/transfer-route';
import { memberApplicationPdf } from './demo-application';
import {
  DEMO_MEMBER_SPARES,
  DEMO_PASSWORD,
  DEMO_WARD_NAME,
  demoMemberUsername,
} from './demo-accounts';
import {
  demoWardOrgs,
  holdsDossiers,
  ordinaryMembersOf,
  staffWithRoleAt,
  type DemoOrgRow,
  type OrdinaryMember,
} from './demo-transfers.repo';

/**
 * Cells and committees by the short keys the scenarios use: 'chibo7' (Chi bộ Tổ dân phố số 7),
 * 'thcs1'…'thcs3' (the cells of the secondary school's committee, by code), 'vp' (the province
 * office cell), 'phuong', 'truong' (the school committee), 'thanhpho' (the province committee).
 */
type OrgKey = string;

type Step = 'check' | 'forward' | { return: string } | { reject: string };

interface Scenario {
  variant: TransferVariant;
  from: OrgKey;
  to: OrgKey;
  /** Working days before today the member submitted. */
  submittedDaysAgo: number;
  reason: string;
  newAddress: string | null;
  /** Temporary transfers: months of stay; study allows the longer stays. */
  stayMonths?: number;
  fullTimeStudy?: boolean;
  /** What the orgs on the route did, in order, each at the org where the dossier then was. */
  steps: Step[];
}

/** Check and forward at `hops` orgs in a row. */
const pass = (hops: number): Step[] => Array.from({ length: hops }, () => ['check', 'forward'] as Step[]).flat(); // prettier-ignore

const MISSING_PAPERS =
  'Hồ sơ thiếu bản sao Quyết định kết nạp đảng viên. Đề nghị đồng chí bổ sung rồi nộp lại.';
const WRONG_ADDRESS =
  'Địa chỉ nơi ở mới không khớp với xác nhận của Tổ dân phố. Đề nghị đồng chí kiểm tra, bổ sung giấy xác nhận cư trú.';
const NOT_ELIGIBLE =
  'Đồng chí không thay đổi nơi cư trú và nơi làm việc, không thuộc diện chuyển sinh hoạt đảng.';
const STAY_TOO_SHORT_IN_FACT =
  'Thời gian công tác thực tế dưới 3 tháng theo quyết định cử đi, không thuộc diện chuyển sinh hoạt tạm thời.';

const address = (n: number, street: string) =>
  `Số ${n}, ngõ ${n * 3 + 4} phố ${street}, phường Việt Hưng, thành phố Hà Nội`;

/**
 * Every state of the three variants: just submitted, checked, at the handover (the ward), on
 * the receiving side, returned, rejected, completed, and one overdue (handed over more than 30
 * working days ago and not yet received).
 */
const SCENARIOS: readonly Scenario[] = [
  // Official, between residential cells: cell → ward (hands over) → cell.
  { variant: 'official', from: 'chibo1', to: 'chibo5', submittedDaysAgo: 1, steps: [], reason: 'Chuyển nơi cư trú đến Tổ dân phố số 5', newAddress: address(12, 'Ngô Gia Khảm') }, // prettier-ignore
  { variant: 'official', from: 'chibo2', to: 'chibo6', submittedDaysAgo: 2, steps: ['check'], reason: 'Chuyển nơi cư trú về ở cùng gia đình con trai', newAddress: address(7, 'Việt Hưng') }, // prettier-ignore
  { variant: 'official', from: 'chibo3', to: 'chibo1', submittedDaysAgo: 3, steps: pass(1), reason: 'Chuyển nơi cư trú đến Tổ dân phố số 1', newAddress: address(21, 'Hoa Lâm') }, // prettier-ignore
  { variant: 'official', from: 'chibo4', to: 'chibo2', submittedDaysAgo: 4, steps: [...pass(1), 'check'], reason: 'Mua nhà và chuyển đến ở tại Tổ dân phố số 2', newAddress: address(5, 'Đoàn Khuê') }, // prettier-ignore
  { variant: 'official', from: 'chibo5', to: 'chibo1', submittedDaysAgo: 6, steps: pass(2), reason: 'Chuyển nơi cư trú theo gia đình', newAddress: address(30, 'Ngô Gia Khảm') }, // prettier-ignore
  { variant: 'official', from: 'chibo6', to: 'chibo3', submittedDaysAgo: 7, steps: [...pass(1), { return: MISSING_PAPERS }], reason: 'Chuyển nơi cư trú đến Tổ dân phố số 3', newAddress: address(9, 'Hoa Lâm') }, // prettier-ignore
  { variant: 'official', from: 'chibo7', to: 'chibo4', submittedDaysAgo: 8, steps: [{ reject: NOT_ELIGIBLE }], reason: 'Muốn sinh hoạt cùng chi bộ với người thân', newAddress: null }, // prettier-ignore
  { variant: 'official', from: 'chibo8', to: 'chibo1', submittedDaysAgo: 12, steps: pass(3), reason: 'Chuyển nơi cư trú đến Tổ dân phố số 1', newAddress: address(16, 'Việt Hưng') }, // prettier-ignore
  { variant: 'official', from: 'chibo9', to: 'chibo2', submittedDaysAgo: 50, steps: pass(2), reason: 'Chuyển nơi cư trú đến Tổ dân phố số 2', newAddress: address(3, 'Đoàn Khuê') }, // prettier-ignore
  // From the province office cell into the ward: the ward is on the receiving side.
  { variant: 'official', from: 'vp', to: 'chibo3', submittedDaysAgo: 5, steps: pass(2), reason: 'Nghỉ hưu, chuyển về sinh hoạt tại nơi cư trú', newAddress: address(44, 'Hoa Lâm') }, // prettier-ignore
  // Within the school committee ("nội bộ"): cell → cell.
  { variant: 'internal', from: 'thcs1', to: 'thcs2', submittedDaysAgo: 1, steps: [], reason: 'Phân công lại tổ chuyên môn từ năm học mới', newAddress: null }, // prettier-ignore
  { variant: 'internal', from: 'thcs2', to: 'thcs3', submittedDaysAgo: 2, steps: ['check'], reason: 'Chuyển sang công tác tại Tổ Văn phòng', newAddress: null }, // prettier-ignore
  { variant: 'internal', from: 'thcs1', to: 'thcs3', submittedDaysAgo: 3, steps: pass(1), reason: 'Điều động sang bộ phận văn phòng nhà trường', newAddress: null }, // prettier-ignore
  { variant: 'internal', from: 'thcs3', to: 'thcs1', submittedDaysAgo: 5, steps: [{ return: 'Đề nghị đồng chí ghi rõ quyết định phân công của Hiệu trưởng trong đơn.' }], reason: 'Chuyển sang Tổ Khoa học Tự nhiên', newAddress: null }, // prettier-ignore
  { variant: 'internal', from: 'thcs2', to: 'thcs1', submittedDaysAgo: 6, steps: ['check', { reject: 'Chưa có quyết định phân công công tác mới của nhà trường.' }], reason: 'Nguyện vọng cá nhân', newAddress: null }, // prettier-ignore
  { variant: 'internal', from: 'thcs3', to: 'thcs2', submittedDaysAgo: 9, steps: pass(2), reason: 'Phân công giảng dạy tại Tổ Khoa học Xã hội', newAddress: null }, // prettier-ignore
  // Temporary: a stay of some months elsewhere, the member stays registered at home.
  { variant: 'temporary', from: 'chibo10', to: 'chibo11', submittedDaysAgo: 1, steps: [], stayMonths: 6, reason: 'Đến ở tạm thời để chăm sóc bố mẹ già', newAddress: address(11, 'Việt Hưng') }, // prettier-ignore
  { variant: 'temporary', from: 'chibo11', to: 'chibo12', submittedDaysAgo: 2, steps: ['check'], stayMonths: 4, reason: 'Sửa chữa nhà, ở nhờ nhà người thân', newAddress: address(8, 'Ngô Gia Khảm') }, // prettier-ignore
  { variant: 'temporary', from: 'chibo12', to: 'thcs1', submittedDaysAgo: 3, steps: pass(1), stayMonths: 9, reason: 'Được cử đến hỗ trợ giảng dạy tại Trường THCS Việt Hưng', newAddress: null }, // prettier-ignore
  { variant: 'temporary', from: 'chibo10', to: 'thcs2', submittedDaysAgo: 5, steps: pass(2), stayMonths: 18, fullTimeStudy: true, reason: 'Đi học tập trung lớp bồi dưỡng nghiệp vụ sư phạm', newAddress: null }, // prettier-ignore
  { variant: 'temporary', from: 'chibo11', to: 'chibo10', submittedDaysAgo: 6, steps: [...pass(1), { return: WRONG_ADDRESS }], stayMonths: 5, reason: 'Thuê nhà ở tạm thời tại Tổ dân phố số 10', newAddress: address(27, 'Đoàn Khuê') }, // prettier-ignore
  { variant: 'temporary', from: 'chibo12', to: 'chibo10', submittedDaysAgo: 7, steps: [{ reject: STAY_TOO_SHORT_IN_FACT }], stayMonths: 3, reason: 'Được cử đi công tác tại địa phương khác', newAddress: null }, // prettier-ignore
  { variant: 'temporary', from: 'chibo13', to: 'chibo14', submittedDaysAgo: 10, steps: pass(3), stayMonths: 7, reason: 'Ở tạm thời tại nhà con gái trong thời gian điều trị bệnh', newAddress: address(19, 'Hoa Lâm') }, // prettier-ignore
];

export interface SeedDemoTransfersOptions {
  /** 'postgres' makes the apply path lock rows; default 'sqlite'. */
  engine?: ServerEngine;
  /** Today for the demo; the dossiers' histories lie before it. Default: the real clock. */
  now?: Date;
  /** Hash stored for the member accounts; hashed from DEMO_PASSWORD when omitted. */
  passwordHash?: string;
}

export interface DemoMemberAccount {
  username: string;
  fullName: string;
  memberId: string;
  birthDate: string;
  userId: string;
  cellId: string;
  cellName: string;
  /** The member's demo dossier, or null for the spare accounts (free to submit one). */
  dossierId: string | null;
}

export interface DemoDossierSummary {
  id: string;
  variant: TransferVariant;
  status: TransferStatus;
  memberUsername: string;
  fromOrgName: string;
  toOrgName: string;
  currentOrgName: string;
  overdue: boolean;
}

export interface DemoTransfersSummary {
  members: DemoMemberAccount[];
  dossiers: DemoDossierSummary[];
}

/** The demo's clock: office hours (Hà Nội, UTC+7) on working days before today. */
class DemoClock {
  current: Date;
  private readonly today: string;

  constructor(private readonly realNow: Date) {
    this.current = realNow;
    this.today = realNow.toISOString().slice(0, 10);
  }

  /** 08:30 in Hà Nội `n` working days before today. */
  workingDaysAgo(n: number): Date {
    let day = this.today;
    let left = n;
    while (left > 0) {
      day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (isWorkingDay(day)) left -= 1;
    }
    return new Date(`${day}T01:30:00Z`);
  }

  /** Sets the clock to `at`, but never at or past the real now. */
  set(at: Date, stepsLeft: number): void {
    const latest = this.realNow.getTime() - (stepsLeft + 1) * 60_000;
    this.current = new Date(Math.min(at.getTime(), latest));
  }
}

class DemoSeeder {
  private readonly callers = new Map<string, Caller>();
  private readonly orgs: Map<OrgKey, DemoOrgRow>;
  private readonly byId: Map<string, DemoOrgRow>;
  private readonly clock: DemoClock;
  private readonly deps: TransferDeps;
  private readonly accountsPerCell = new Map<OrgKey, number>();

  constructor(
    private readonly db: Db,
    orgs: Map<OrgKey, DemoOrgRow>,
    engine: ServerEngine,
    now: Date,
    private readonly passwordHash: string,
  ) {
    this.orgs = orgs;
    this.byId = new Map([...orgs.values()].map((o) => [o.id, o]));
    this.clock = new DemoClock(now);
    this.deps = { db, engine, now: () => this.clock.current, trustAnchors: [] };
  }

  org(key: OrgKey): DemoOrgRow {
    const org = this.orgs.get(key);
    if (!org) throw new Error(`demo transfers: no org '${key}' in the demo ward`);
    return org;
  }

  private async caller(userId: string): Promise<Caller> {
    let caller = this.callers.get(userId);
    if (!caller) {
      const account = await findActiveAccount(this.db, userId);
      if (!account) throw new Error(`demo transfers: account ${userId} is not active`);
      caller = { user: account.user, scope: buildScope(account.user.id, account.grants) };
      this.callers.set(userId, caller);
    }
    return caller;
  }

  /** A member account for the next ordinary member of the cell: role member at the cell. */
  async memberAccount(cellKey: OrgKey): Promise<DemoMemberAccount> {
    const cell = this.org(cellKey);
    const [member] = await ordinaryMembersOf(this.db, cell.id);
    if (!member) throw new Error(`demo transfers: no ordinary member left in ${cell.name}`);
    const n = (this.accountsPerCell.get(cellKey) ?? 0) + 1;
    this.accountsPerCell.set(cellKey, n);
    const username = demoMemberUsername(cellKey, n);
    const user = User.parse({
      id: randomUUID(),
      username,
      fullName: member.fullName,
      citizenId: member.citizenId,
      phone: member.phone,
      email: member.email,
      position: null,
      orgId: cell.id,
      status: 'active',
      roles: [{ role: 'member', orgId: cell.id }],
    });
    await this.db
      .transaction()
      .execute((trx) =>
        insertUser(
          trx,
          { user, passwordHash: this.passwordHash, memberId: member.id },
          this.clock.current,
        ),
      );
    return account(username, member, user.id, cell);
  }

  /** Whoever does `what` at an org: committees check through their processor, leaders approve. */
  private async actorAt(orgId: string, what: 'check' | 'decide'): Promise<Caller> {
    const roles = what === 'check' ? ['processor', 'approver'] : ['approver', 'processor'];
    for (const role of roles) {
      const [user] = await staffWithRoleAt(this.db, orgId, role);
      if (user) return this.caller(user.id);
    }
    throw new Error(`demo transfers: nobody acts at ${this.byId.get(orgId)?.name ?? orgId}`);
  }

  async run(s: Scenario, who: DemoMemberAccount, serial: number): Promise<DemoDossierSummary> {
    const from = this.org(s.from);
    const to = this.org(s.to);
    const submittedAt = this.clock.workingDaysAgo(s.submittedDaysAgo);
    this.clock.set(submittedAt, s.steps.length);
    const today = submittedAt.toISOString().slice(0, 10);
    const movedOn = new Date(submittedAt.getTime() - 5 * 86_400_000).toISOString().slice(0, 10);
    const temporary = s.stayMonths
      ? {
          startOn: addDays(today, 7),
          endOn: addMonthsIso(addDays(today, 7), s.stayMonths),
          fullTimeStudy: s.fullTimeStudy ?? false,
        }
      : null;
    const form: TransferForm = {
      destinationOrgId: to.id,
      reason: s.reason,
      movedOn: temporary ? today : movedOn,
      newAddress: s.newAddress,
      temporary,
    };
    const memberCaller = await this.caller(who.userId);
    const pdf = await memberApplicationPdf({
      variant: s.variant,
      fullName: who.fullName,
      birthDate: who.birthDate,
      fromCellName: from.name,
      toCellName: to.name,
      reason: s.reason,
      date: submittedAt,
      temporary,
    });
    const attachment = await this.upload(pdf, who.userId, 'Don-de-nghi-chuyen-sinh-hoat.pdf');
    const submitted = await submitTransfer(
      this.deps,
      memberCaller,
      { id: who.memberId, homeOrgId: from.id },
      { id: randomUUID(), variant: s.variant, form, attachments: [attachment] },
    );
    if (!submitted.ok) throw new Error(`demo transfers: submit refused: ${submitted.message}`);
    const id = submitted.stored.dossier.id;

    for (const [i, step] of s.steps.entries()) {
      const stored = await findDossier(this.db, id);
      if (!stored) throw new Error(`demo transfers: dossier ${id} vanished`);
      // Each step on the next working day, mid-morning.
      const day = this.clock.workingDaysAgo(Math.max(0, s.submittedDaysAgo - 1 - i));
      this.clock.set(new Date(day.getTime() + (i + 1) * 40 * 60_000), s.steps.length - i);
      const action = actionOf(step, serial, stored.dossier.position);
      const caller = await this.actorAt(
        stored.currentOrgId,
        action.type === 'check' ? 'check' : 'decide',
      );
      const result = await applyMutation(this.deps, caller, {
        id: randomUUID(),
        entity: 'dossier',
        entityId: id,
        baseRev: stored.rev,
        action,
      });
      if (result.status !== 'applied')
        throw new Error(`demo transfers: ${action.type} refused: ${result.message}`);
    }
    const final = await findDossier(this.db, id);
    if (!final) throw new Error(`demo transfers: dossier ${id} vanished`);
    return {
      id,
      variant: s.variant,
      status: final.dossier.status,
      memberUsername: who.username,
      fromOrgName: from.name,
      toOrgName: to.name,
      currentOrgName: this.byId.get(final.currentOrgId)?.name ?? final.currentOrgId,
      overdue: isOverdue(final.dossier, new Date().toISOString().slice(0, 10)),
    };
  }

  /** Stores an uploaded file as the blob route does: type sniffed from the bytes. */
  private async upload(bytes: Buffer, userId: string, fileName: string) {
    const sniffed = sniffContentType(bytes);
    if (!sniffed.ok) throw new Error(`demo transfers: ${sniffed.message}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await putBlob(
      this.db,
      { sha256, contentType: sniffed.value, size: bytes.length, data: bytes, createdBy: userId },
      this.clock.current,
    );
    return { sha256, fileName, contentType: sniffed.value, size: bytes.length };
  }
}

const account = (
  username: string,
  member: OrdinaryMember,
  userId: string,
  cell: DemoOrgRow,
): DemoMemberAccount => ({
  username,
  fullName: member.fullName,
  memberId: member.id,
  birthDate: member.birthDate,
  userId,
  cellId: cell.id,
  cellName: cell.name,
  dossierId: null,
});

function actionOf(step: Step, serial: number, position: number): TransferAction {
  if (step === 'check')
    return {
      type: 'check',
      data: {
        letterNumber: `${serial * 3 + position + 1}-GGT/CB`,
        note: 'Hồ sơ đầy đủ, thông tin khớp với dữ liệu đảng viên.',
      },
      nextOrgId: null,
    };
  if (step === 'forward') return { type: 'forward' };
  if ('return' in step) return { type: 'return', reason: step.return };
  return { type: 'reject', reason: step.reject };
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function addMonthsIso(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * The demo ward's orgs by the scenarios' keys ('chibo1', 'thcs2', 'phuong', …), for journeys
 * that act on the demo data.
 */
export async function demoTransferOrgs(db: Db): Promise<Map<OrgKey, DemoOrgRow>> {
  const found = await demoWardOrgs(db, DEMO_WARD_NAME);
  if (!found) throw new Error(`demo transfers: no ${DEMO_WARD_NAME} in the database`);
  return keyedOrgs(found.wardId, found.orgs);
}

/** Maps the scenario keys to the demo ward's orgs. */
function keyedOrgs(wardId: string, orgs: DemoOrgRow[]): Map<OrgKey, DemoOrgRow> {
  const out = new Map<OrgKey, DemoOrgRow>();
  const ward = orgs.find((o) => o.id === wardId)!;
  out.set('phuong', ward);
  const province = orgs.find((o) => o.id === ward.parentId);
  if (province) out.set('thanhpho', province);
  const office = orgs.find((o) => o.parentId === province?.id && o.type === 'grassroots_cell');
  if (office) out.set('vp', office);
  for (const o of orgs) {
    const m = /^Chi bộ Tổ dân phố số (\d+)$/.exec(o.name);
    if (m && o.parentId === wardId) out.set(`chibo${m[1]}`, o);
  }
  const school = orgs.find(
    (o) =>
      o.parentId === wardId &&
      o.type === 'grassroots_committee' &&
      o.name.startsWith('Đảng bộ Trường THCS'),
  );
  if (school) {
    out.set('truong', school);
    orgs
      .filter((o) => o.parentId === school.id && o.status === 'active')
      .forEach((o, i) => out.set(`thcs${i + 1}`, o));
  }
  return out;
}

/**
 * Seeds the demo ward's member accounts and transfer dossiers (once: a database that holds
 * dossiers already is left alone and gets null). Spare member accounts come first, so their
 * usernames (README) do not depend on the scenarios.
 */
export async function seedDemoTransfers(
  db: Db,
  opts: SeedDemoTransfersOptions = {},
): Promise<DemoTransfersSummary | null> {
  if (await holdsDossiers(db)) return null;
  const seeder = new DemoSeeder(
    db,
    await demoTransferOrgs(db),
    opts.engine ?? 'sqlite',
    opts.now ?? new Date(),
    opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD)),
  );
  const members: DemoMemberAccount[] = [];
  for (const spare of DEMO_MEMBER_SPARES) {
    for (let i = 0; i < spare.count; i++) members.push(await seeder.memberAccount(spare.cell));
  }
  const dossiers: DemoDossierSummary[] = [];
  for (const [serial, scenario] of SCENARIOS.entries()) {
    const who = await seeder.memberAccount(scenario.from);
    const dossier = await seeder.run(scenario, who, serial + 1);
    members.push({ ...who, dossierId: dossier.id });
    dossiers.push(dossier);
  }
  return { members, dossiers };
}
