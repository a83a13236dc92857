/**
 * Test support: the transfer world's ward (committee, twelve cells, staff) with a 2026 residence
 * campaign in the cache: a list of cell 1 sent about three members living in cell 5, their forms
 * in several states, and a member's own account — what each side has after a sync.
 */
import { ResidenceFormWire, ResidenceRequestWire } from '../../../api/residence';
import type { ResidenceComment } from '../../../domain/procedures/residence-form';
import { newResidenceForm } from '../../../domain/procedures/residence-form';
import { sha256Of } from '../../../sync/repositories/blob-cache';
import { change, uid, userWire } from '../../../sync/test-support/wire';
import {
  transferWorld,
  type Staff,
  type TransferWorld,
} from '../../transfers/test-support/transfer-world';

export const COMMENT: ResidenceComment = {
  strengths: 'Gương mẫu, tích cực tham gia sinh hoạt tổ dân phố.',
  shortcomings: '',
  citizenDuties: 'Chấp hành tốt quy định nơi cư trú.',
  proposals: '',
};

/** The files of the sent forms, as the workplace downloads them (contents do not matter here). */
export const FILES = {
  signedForm: Buffer.from('%PDF-1.7\n% the signed form\nstartxref\n0\n%%EOF\n', 'latin1'),
  paperScan: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
};

export interface ResidenceWorld extends TransferWorld {
  list: ResidenceRequestWire;
  /** awaiting_comment, submitted, approved, sent (signed), sent (paper). */
  forms: ResidenceFormWire[];
  member: Staff;
  /** Members of cell 1 living in cell 5 (the list's three, then two more). */
  cell1Residents: string[];
}

/** `approved`: that many more approved forms (members of the ward in turn), for batch signing. */
export function residenceWorld(opts: { approved?: number } = {}): ResidenceWorld {
  const base = transferWorld();
  const { ward } = base;
  const [cell1, cell5] = [ward.cells[0]!, ward.cells[4]!];
  // Members 0, 3, 6, 9, 12 work in cell 1 and live in cell 5.
  const residents = [0, 3, 6, 9, 12].map((i) => ward.members[i]!);
  for (const m of residents) m.residenceOrgId = cell5.id;
  const names = { [cell1.id]: cell1.name, [cell5.id]: cell5.name, [ward.root.id]: ward.root.name };
  const memberNames = Object.fromEntries(residents.map((m) => [m.id, m.fullName]));
  const list = ResidenceRequestWire.parse({
    id: uid(610_001),
    campaignYear: 2026,
    workplaceOrgId: cell1.id,
    kind: 'introduce_and_comment',
    items: residents.slice(0, 3).map((m) => ({
      memberId: m.id,
      residenceOrgId: cell5.id,
      reportRequired: true,
      exemption: null,
    })),
    status: 'sent',
    listPdfSha256: null,
    reason: null,
    createdAt: '2026-10-01T08:00:00.000Z',
    sentAt: '2026-10-02T08:00:00.000Z',
    updatedAt: '2026-10-02T08:00:00.000Z',
    history: [],
    orgNames: names,
    memberNames,
  });
  const form = (n: number, memberIndex: number, over: Partial<ResidenceFormWire>) =>
    ResidenceFormWire.parse({
      ...newResidenceForm({
        id: uid(710_000 + n),
        requestId: list.id,
        campaignYear: 2026,
        memberId: residents[memberIndex]!.id,
        workplaceOrgId: cell1.id,
        residenceOrgId: cell5.id,
        committeeOrgId: ward.root.id,
        reportRequired: true,
      }),
      updatedAt: `2026-10-${String(3 + (n % 20)).padStart(2, '0')}T08:00:00.000Z`,
      history: [],
      orgNames: names,
      memberNames,
      ...over,
    });
  const scan = {
    sha256: sha256Of(FILES.paperScan),
    fileName: 'phieu.png',
    contentType: 'image/png' as const,
    size: FILES.paperScan.length,
  };
  const forms = [
    // Past the committee's due date (the campaign of 2026 closed in January, for a fixed answer).
    form(1, 0, { dueOn: '2026-01-15' }),
    form(2, 1, { status: 'submitted', comment: COMMENT }),
    form(3, 2, { status: 'approved', comment: COMMENT }),
    form(4, 3, {
      status: 'sent',
      comment: COMMENT,
      formPdfSha256: sha256Of(FILES.signedForm),
      sentAt: '2026-10-20T08:00:00.000Z',
    }),
    form(5, 4, {
      status: 'sent',
      paper: { scan, broughtBy: 'Ông Tổ trưởng', receivedOn: '2026-10-21' },
      dueOn: '2026-01-15',
      sentAt: '2026-10-21T08:00:00.000Z',
    }),
  ];
  for (let i = 0; i < (opts.approved ?? 0); i++) {
    const m = ward.members[i % ward.members.length]!;
    memberNames[m.id] = m.fullName;
    forms.push(
      ResidenceFormWire.parse({
        ...form(100 + i, 0, { status: 'approved', comment: COMMENT }),
        memberId: m.id,
        memberNames,
      }),
    );
  }
  const member: Staff = {
    user: userWire(70, cell1.id, {
      username: 'dangvien.a',
      fullName: residents[0]!.fullName,
      memberId: residents[0]!.id,
    }),
    grants: [],
  };
  const changes = [
    // The members again, now with their residence cell.
    ...residents.map((m) => change.member(m)),
    change.user(member.user),
    change.residenceRequest(list),
    ...forms.map((f) => change.residenceForm(f)),
  ];
  return {
    ...base,
    changes: [...base.changes, ...changes],
    list,
    forms,
    member,
    cell1Residents: residents.map((m) => m.id),
  };
}
