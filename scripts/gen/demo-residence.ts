/**
 * The demo ward's 2026 campaign of residence comments (Quy định 213), made the way real ones are:
 * every list and form step goes through `applyResidenceMutation`, the server's own apply path and
 * state machines, with the clock set back so each has a believable trail. The workplace is the
 * school's cell "Chi bộ Tổ Khoa học Tự nhiên"; its members live in the ward's residential cells.
 * No form is signed: signing needs a token, which the demo does not have (as for transfers); the
 * approved forms wait for the ward secretary to sign them on his.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Caller } from '../../server/auth/caller';
import { sniffContentType } from '../../server/blobs/sniff';
import { putBlob } from '../../server/repositories/blobs';
import type { Db } from '../../server/repositories/db';
import { findForm, findRequest, formsOfRequest } from '../../server/repositories/residence';
import { applyResidenceMutation } from '../../server/repositories/residence-apply';
import { putCampaign } from '../../server/repositories/residence-campaigns';
import type { TransferDeps } from '../../server/repositories/transfers-apply';
import { findActiveAccount } from '../../server/repositories/users';
import { buildScope } from '../../server/scope/scope';
import type { ResidenceFormWireAction, ResidenceRequestWireAction } from '../../src/api/residence';
import type { ServerEngine } from '../../src/db/server-db';
import type { ResidenceFormStatus } from '../../src/domain/procedures/residence-form';
import type {
  ResidenceRequestKind,
  ResidenceRequestStatus,
} from '../../src/domain/procedures/residence-request';
import { staffWithRoleAt } from './demo-transfers.repo';
import { demoTransferOrgs } from './demo-transfers';
import {
  holdsResidenceLists,
  residenceCandidates,
  type ResidenceCandidate,
} from './demo-residence.repo';

export const DEMO_RESIDENCE_YEAR = 2026;
/** The ward's window for the year: lists open in October, forms are due mid-December. */
export const DEMO_RESIDENCE_CAMPAIGN = {
  year: DEMO_RESIDENCE_YEAR,
  opensOn: `${DEMO_RESIDENCE_YEAR}-10-01`,
  dueOn: `${DEMO_RESIDENCE_YEAR}-12-15`,
} as const;

/** How far each form of the sent list goes, in the list's member order. */
const FORM_PLAN: readonly FormPlan[] = [
  'awaiting_comment',
  'reported',
  'draft',
  'submitted',
  'approved',
  'approved',
  'returned',
  'paper',
];
type FormPlan =
  'awaiting_comment' | 'reported' | 'draft' | 'submitted' | 'approved' | 'returned' | 'paper';

export interface SeedDemoResidenceOptions {
  engine?: ServerEngine;
  /** Today for the demo; the trails lie before it. Default: the real clock. */
  now?: Date;
}

export interface DemoResidenceSummary {
  campaign: typeof DEMO_RESIDENCE_CAMPAIGN;
  workplaceNames: string[];
  /** Who acts on each side, by username. */
  accounts: {
    /** The sent list's cell: its deputy prepares, its secretary approves and sends. */
    workplaceDeputy: string;
    workplaceSecretary: string;
    /** The other school cell's secretary, who drafted one list and approved another. */
    otherWorkplaceSecretary: string;
    residenceSecretaries: string[];
    wardSecretary: string;
    wardProcessor: string;
    members: string[];
  };
  lists: { id: string; status: ResidenceRequestStatus; members: number }[];
  forms: {
    id: string;
    status: ResidenceFormStatus;
    paper: boolean;
    report: boolean;
    residenceSecretary: string;
  }[];
}

const COMMENTS = [
  {
    strengths:
      'Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; tham gia đầy đủ các buổi sinh hoạt của tổ dân phố.',
    shortcomings: '',
    citizenDuties:
      'Thực hiện tốt nghĩa vụ công dân nơi cư trú, gia đình đạt danh hiệu "Gia đình văn hóa".',
    proposals: '',
  },
  {
    strengths:
      'Nhiệt tình tham gia công tác vệ sinh môi trường, phong trào khuyến học của khu dân cư.',
    shortcomings: 'Đôi lúc chưa tham dự đầy đủ hội nghị nhân dân của tổ dân phố.',
    citizenDuties:
      'Chấp hành tốt quy định nơi cư trú, đóng góp đầy đủ các khoản do tổ dân phố vận động.',
    proposals: 'Đề nghị đồng chí tham gia nhiều hơn các hoạt động của Mặt trận tổ dân phố.',
  },
] as const;

const RETURN_REASON =
  'Đề nghị chi bộ bổ sung nhận xét về việc tham gia sinh hoạt tổ dân phố và các khoản đóng góp.';

class DemoResidenceSeeder {
  private readonly callers = new Map<string, Caller>();
  private readonly deps: TransferDeps;
  private at: Date;

  constructor(
    private readonly db: Db,
    engine: ServerEngine,
    private readonly now: Date,
  ) {
    this.at = new Date(now.getTime() - 15 * 86_400_000);
    this.deps = { db, engine, now: () => this.at, trustAnchors: [] };
  }

  get clock(): Date {
    return this.at;
  }

  /** Moves the clock on by `minutes`, never to the real now. */
  tick(minutes = 47): void {
    this.at = new Date(Math.min(this.at.getTime() + minutes * 60_000, this.now.getTime() - 60_000));
  }

  async caller(userId: string): Promise<Caller> {
    let caller = this.callers.get(userId);
    if (!caller) {
      const account = await findActiveAccount(this.db, userId);
      if (!account) throw new Error(`demo residence: account ${userId} is not active`);
      caller = { user: account.user, scope: buildScope(account.user.id, account.grants) };
      this.callers.set(userId, caller);
    }
    return caller;
  }

  async staffAt(
    orgId: string,
    roles: readonly string[],
  ): Promise<{ id: string; username: string }> {
    for (const role of roles) {
      const [user] = await staffWithRoleAt(this.db, orgId, role);
      if (user) return user;
    }
    throw new Error(`demo residence: nobody acts at ${orgId}`);
  }

  async list(who: string, id: string, action: ResidenceRequestWireAction): Promise<void> {
    const stored = await findRequest(this.db, id);
    this.tick();
    const r = await applyResidenceMutation(this.deps, await this.caller(who), {
      id: randomUUID(),
      entity: 'residenceRequest',
      entityId: id,
      baseRev: stored?.rev ?? 0,
      action,
    });
    if (r.status !== 'applied')
      throw new Error(`demo residence: list ${action.type}: ${r.message}`);
  }

  async form(who: string, id: string, action: ResidenceFormWireAction): Promise<void> {
    const stored = await findForm(this.db, id);
    if (!stored) throw new Error(`demo residence: form ${id} vanished`);
    this.tick();
    const r = await applyResidenceMutation(this.deps, await this.caller(who), {
      id: randomUUID(),
      entity: 'residenceForm',
      entityId: id,
      baseRev: stored.rev,
      action,
    });
    if (r.status !== 'applied')
      throw new Error(`demo residence: form ${action.type}: ${r.message}`);
  }

  /** A one-page PDF stored as the blob route stores an upload. */
  async upload(userId: string, title: string, lines: string[], fileName: string) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.setTitle(title);
    doc.setCreationDate(this.at);
    doc.setModificationDate(this.at);
    const page = doc.addPage([595, 842]);
    lines.forEach((text, i) => page.drawText(text, { x: 72, y: 760 - i * 22, size: 13, font }));
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    const sniffed = sniffContentType(bytes);
    if (!sniffed.ok) throw new Error(`demo residence: ${sniffed.message}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await putBlob(
      this.db,
      { sha256, contentType: sniffed.value, size: bytes.length, data: bytes, createdBy: userId },
      this.at,
    );
    return { sha256, fileName, contentType: sniffed.value, size: bytes.length };
  }
}

const item = (c: ResidenceCandidate, reportRequired: boolean) => ({
  memberId: c.memberId,
  residenceOrgId: c.residenceOrgId,
  reportRequired,
  exemption: null,
});

/**
 * Seeds the campaign once (a database holding residence lists already is left alone: null).
 * Needs the demo ward and its transfers' member accounts (seedDemoTransfers) first.
 */
export async function seedDemoResidence(
  db: Db,
  opts: SeedDemoResidenceOptions = {},
): Promise<DemoResidenceSummary | null> {
  if (await holdsResidenceLists(db)) return null;
  const now = opts.now ?? new Date();
  const s = new DemoResidenceSeeder(db, opts.engine ?? 'sqlite', now);
  const orgs = await demoTransferOrgs(db);
  const ward = orgs.get('phuong');
  const workplace = orgs.get('thcs1');
  const other = orgs.get('thcs2');
  if (!ward || !workplace || !other) throw new Error('demo residence: no ward or school cells');

  await putCampaign(db, ward.id, DEMO_RESIDENCE_CAMPAIGN, s.clock);
  const secretary = await s.staffAt(workplace.id, ['approver']);
  // The deputy prepares the lists (a processor where the cell has one).
  const deputy =
    (await staffWithRoleAt(db, workplace.id, 'processor'))[0] ??
    (await staffWithRoleAt(db, workplace.id, 'approver')).find((u) => u.id !== secretary.id) ??
    secretary;
  const otherSecretary = await s.staffAt(other.id, ['approver', 'processor']);
  const wardSecretary = await s.staffAt(ward.id, ['approver']);
  const wardProcessor = await s.staffAt(ward.id, ['processor']);

  const sentMembers = (await residenceCandidates(db, workplace.id, ward.id)).slice(
    0,
    FORM_PLAN.length,
  );
  const otherMembers = (await residenceCandidates(db, other.id, ward.id)).slice(0, 4);
  if (sentMembers.length < FORM_PLAN.length || otherMembers.length < 4)
    throw new Error('demo residence: too few members with a residence cell in the ward');

  const lists: DemoResidenceSummary['lists'] = [];
  const makeList = async (
    workplaceOrgId: string,
    by: { prepares: string; approves: string },
    members: ResidenceCandidate[],
    kind: ResidenceRequestKind,
    until: ResidenceRequestStatus,
  ) => {
    const id = randomUUID();
    await s.list(by.prepares, id, {
      type: 'create',
      campaignYear: DEMO_RESIDENCE_YEAR,
      workplaceOrgId,
      kind,
      items: members.map((c, i) => item(c, kind !== 'introduce' && i < 2)),
    });
    if (until !== 'draft') {
      await s.list(by.prepares, id, { type: 'submit' });
      await s.list(by.approves, id, { type: 'approve' });
    }
    if (until === 'sent') await s.list(by.approves, id, { type: 'send' });
    lists.push({ id, status: until, members: members.length });
    return id;
  };

  const school = { prepares: deputy.id, approves: secretary.id };
  const sentId = await makeList(workplace.id, school, sentMembers, 'introduce_and_comment', 'sent');
  const alone = { prepares: otherSecretary.id, approves: otherSecretary.id };
  await makeList(other.id, alone, otherMembers.slice(0, 2), 'comment', 'approved');
  await makeList(other.id, alone, otherMembers.slice(2), 'introduce_and_comment', 'draft');

  const byMember = new Map((await formsOfRequest(db, sentId)).map((f) => [f.memberId, f]));
  const forms: DemoResidenceSummary['forms'] = [];
  const residenceSecretaries = new Set<string>();
  for (const [i, plan] of FORM_PLAN.entries()) {
    const member = sentMembers[i]!;
    const form = byMember.get(member.memberId);
    if (!form) throw new Error(`demo residence: no form for ${member.fullName}`);
    const writer = await s.staffAt(form.residenceOrgId, ['approver', 'processor']);
    residenceSecretaries.add(writer.username);
    const comment = COMMENTS[i % COMMENTS.length]!;
    if (plan === 'reported') {
      const memberUser = member.username
        ? await db
            .selectFrom('users')
            .select('id')
            .where('username', '=', member.username)
            .executeTakeFirst()
        : undefined;
      if (memberUser && form.reportRequired) {
        const file = await s.upload(
          memberUser.id,
          'Bao cao thuc hien nhiem vu noi cu tru',
          ['BAO CAO', 'Thuc hien nhiem vu dang vien noi cu tru nam 2026', member.fullName],
          'Bao-cao-noi-cu-tru.pdf',
        );
        await s.form(memberUser.id, form.id, {
          type: 'report',
          summary:
            'Tham gia đầy đủ sinh hoạt tổ dân phố, phong trào vệ sinh môi trường và khuyến học.',
          file,
        });
      }
    }
    if (['draft', 'submitted', 'approved', 'returned'].includes(plan))
      await s.form(writer.id, form.id, { type: 'write', comment });
    if (['submitted', 'approved', 'returned'].includes(plan))
      await s.form(writer.id, form.id, { type: 'submit' });
    if (plan === 'approved') await s.form(wardSecretary.id, form.id, { type: 'approve' });
    if (plan === 'returned')
      await s.form(wardSecretary.id, form.id, { type: 'return', reason: RETURN_REASON });
    if (plan === 'paper') {
      const scan = await s.upload(
        wardProcessor.id,
        'Phieu nhan xet dang vien noi cu tru (ban giay)',
        ['PHIEU NHAN XET DANG VIEN NOI CU TRU', `Nam ${DEMO_RESIDENCE_YEAR}`, member.fullName],
        'Phieu-nhan-xet-ban-giay.pdf',
      );
      await s.form(wardProcessor.id, form.id, {
        type: 'record_paper',
        paper: {
          scan,
          broughtBy: 'Bà Nguyễn Thị Lan, tổ trưởng tổ dân phố',
          receivedOn: new Date(now.getTime() - 3 * 86_400_000).toISOString().slice(0, 10),
        },
      });
    }
    const final = (await findForm(db, form.id))!.value;
    forms.push({
      id: form.id,
      status: final.status,
      paper: final.paper !== null,
      report: final.report !== null,
      residenceSecretary: writer.username,
    });
  }

  return {
    campaign: DEMO_RESIDENCE_CAMPAIGN,
    workplaceNames: [workplace.name, other.name],
    accounts: {
      workplaceDeputy: deputy.username,
      workplaceSecretary: secretary.username,
      otherWorkplaceSecretary: otherSecretary.username,
      residenceSecretaries: [...residenceSecretaries].sort(),
      wardSecretary: wardSecretary.username,
      wardProcessor: wardProcessor.username,
      members: sentMembers.flatMap((c) => (c.username ? [c.username] : [])),
    },
    lists,
    forms,
  };
}
