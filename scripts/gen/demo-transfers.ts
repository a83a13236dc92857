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
import { loadHolidayCalendar, seedHolidayYears } from '../../server/repositories/holidays';
import { findDossier } from '../../server/repositories/transfers';
import {
  applyMutation,
  submitTransfer,
  type TransferDeps,
} from '../../server/repositories/transfers-apply';
import { findActiveAccount, insertUser } from '../../server/repositories/users';
import { buildScope } from '../../server/scope/scope';
import type { ServerEngine } from '../../src/db/server-db';
import { isWorkingDay, type HolidayCalendar } from '../../src/domain/calendar/working-days';
import { User } from '../../src/domain/people/user';
import { DEMO_HOLIDAY_YEARS } from './holidays';
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

import { SCENARIOS, type OrgKey, type Scenario, type Step } from './demo-transfer-scenarios';

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

  constructor(
    private readonly realNow: Date,
    private readonly calendar: HolidayCalendar,
  ) {
    this.current = realNow;
    this.today = realNow.toISOString().slice(0, 10);
  }

  /** 08:30 in Hà Nội `n` working days before today. */
  workingDaysAgo(n: number): Date {
    let day = this.today;
    let left = n;
    while (left > 0) {
      day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (isWorkingDay(day, this.calendar)) left -= 1;
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
    calendar: HolidayCalendar,
    private readonly passwordHash: string,
  ) {
    this.orgs = orgs;
    this.byId = new Map([...orgs.values()].map((o) => [o.id, o]));
    this.clock = new DemoClock(now, calendar);
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
  // The deadlines of the demo's dossiers are counted with the demo's calendar: set it first.
  await seedHolidayYears(db, DEMO_HOLIDAY_YEARS, opts.now ?? new Date());
  const seeder = new DemoSeeder(
    db,
    await demoTransferOrgs(db),
    opts.engine ?? 'sqlite',
    opts.now ?? new Date(),
    await loadHolidayCalendar(db),
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
