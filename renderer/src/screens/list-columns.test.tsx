// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DossierListItem,
  MemberSummary,
  OrgNode,
  OutboxEntry,
  UserListItem,
} from '../../../src/desktop/contract';
import type { ResidenceFormItem, ResidenceListItem } from '../../../src/desktop/contract-residence';
import { memberColumns } from './members/member-table';
import { orgListColumns } from './orgs/org-list-view';
import { outboxColumns } from './outbox/outbox-screen';
import { candidateColumns } from './residence/new-list-view';
import { PAPER_ACTION_VI, PAPER_ACTION_WIDTH } from './residence/paper-view';
import {
  receiptColumns,
  residenceFormColumns,
  residenceListColumns,
} from './residence/residence-columns';
import { dossierColumns } from './transfers/dossier-list';
import { userColumns } from './users/users-screen';
import { columnsWidth, LIST_FIT_WIDTH } from '../ui/list-table';
import { resultTotalText } from '../ui/result-total';
import { SELECTION_COLUMN_WIDTH } from '../ui/row-selection';

afterEach(cleanup);

const none = () => undefined;

const dossier: DossierListItem = {
  id: 'd1',
  variant: 'official',
  status: 'pending_check',
  member: { id: 'm1', fullName: 'Nguyễn Văn An' },
  fromOrg: { id: 'o1', name: 'Chi bộ Tổ dân phố số 1' },
  destinationOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 5' },
  currentOrg: { id: 'o3', name: 'Đảng bộ Phường Việt Hưng' },
  submittedAt: '2026-12-04',
  updatedAt: '2026-12-04T08:00:00.000Z',
  presentBy: '2027-01-15',
  overdue: false,
  awaitingMe: true,
  pendingActions: 0,
  needsAttention: false,
};

const member: MemberSummary = {
  id: 'm1',
  fullName: 'Nguyễn Văn An',
  birthDate: '1965-03-27',
  sex: 'male',
  citizenId: '066065590546',
  cardNo: '50374337',
  profileNo: null,
  status: 'active',
  homeOrg: { id: 'o1', name: 'Chi bộ Tổ dân phố số 41' },
};

const user: UserListItem = {
  id: 'u1',
  username: 'bithu.chibo1',
  fullName: 'Phạm Văn Bình',
  citizenId: '001070000001',
  phone: '0912345678',
  email: 'binh@example.vn',
  position: 'Bí thư Chi bộ',
  org: { id: 'o1', name: 'Chi bộ Tổ dân phố số 1' },
  roles: [{ role: 'approver', orgId: 'o1', orgName: 'Chi bộ Tổ dân phố số 1' }],
  status: 'active',
  updatedBy: 'quantri.phuong',
  updatedAt: '2026-12-01T08:00:00.000Z',
};

const org: OrgNode = {
  id: 'o9',
  code: '2256104',
  name: 'Đảng bộ Phường Việt Hưng',
  type: 'superior_committee',
  depth: 1,
  parentId: null,
  cellSubtype: null,
  status: 'active',
  address: 'Số 225 đường Nguyễn Văn Cừ',
  childCount: 3,
  memberCount: 0,
};

const outboxEntry: OutboxEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  seq: 1,
  kind: 'transfer_action',
  entityId: 'd1',
  actionType: 'check',
  status: 'needs_attention',
  resultCode: 'conflict',
  message: 'Hồ sơ đã được người khác xử lý.',
  createdAt: '2026-12-04T08:00:00.000Z',
  label: 'Nguyễn Văn An — Chuyển sinh hoạt đảng chính thức',
};

const residenceList: ResidenceListItem = {
  id: 'l1',
  campaignYear: 2026,
  kind: 'introduce_and_comment',
  status: 'pending_approval',
  workplaceOrg: { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' },
  memberCount: 3,
  commentCount: 2,
  createdAt: '2026-12-04T08:00:00.000Z',
  updatedAt: '2026-12-04T08:00:00.000Z',
  signed: false,
  pendingActions: 1,
  needsAttention: false,
};

const residenceForm: ResidenceFormItem = {
  id: 'f1',
  requestId: 'l1',
  campaignYear: 2026,
  status: 'sent',
  member: { id: 'm1', fullName: 'Nguyễn Văn An' },
  workplaceOrg: { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' },
  residenceOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 5' },
  committeeOrg: { id: 'o3', name: 'Đảng bộ Phường Việt Hưng' },
  reportRequired: true,
  hasReport: false,
  paper: true,
  dueOn: '2026-12-20',
  deadline: 'overdue',
  updatedAt: '2026-12-04T08:00:00.000Z',
  sentAt: null,
  pendingActions: 0,
  needsAttention: false,
};

/** What the user sees in one cell of `row`. */
function renderCell<T>(columns: readonly TableColumnType<T>[], key: string, row: T): HTMLElement {
  const column = columns.find((c) => c.key === key || c.dataIndex === key);
  if (!column) throw new Error(`no column ${key}`);
  const value = typeof column.dataIndex === 'string' ? row[column.dataIndex as keyof T] : undefined;
  const content = column.render ? column.render(value, row, 0) : value;
  const { container } = render(<div>{content as ReactNode}</div>);
  return container;
}

describe('list columns at 1366×768', () => {
  it.each([
    ['transfers', dossierColumns(none)],
    ['member search', memberColumns(none)],
    ['one org’s members', memberColumns(none, false)],
    ['users', userColumns(none)],
    [
      'org catalog',
      orgListColumns({ onShowDetail: none, onShowChildren: none, onShowMembers: none }),
    ],
    ['outbox', outboxColumns(undefined, none)],
    ['residence lists', residenceListColumns(none)],
    ['residence forms', residenceFormColumns(none)],
    ['residence paper forms', residenceFormColumns(none, PAPER_ACTION_VI, PAPER_ACTION_WIDTH)],
    ['residence receipts', receiptColumns()],
  ] as const)('%s: every column has a width and together they fit', (_name, columns) => {
    const cols = columns as readonly TableColumnType<unknown>[];
    // A column without a width would take all the room a wide screen adds.
    expect(cols.filter((c) => typeof c.width !== 'number').map((c) => c.title)).toEqual([]);
    expect(columnsWidth(cols)).toBeLessThanOrEqual(LIST_FIT_WIDTH);
  });
});

describe('what the cells show', () => {
  it('transfers: orgs by the part that differs, the full name kept for hover', () => {
    const columns = dossierColumns(none);
    for (const [key, short, full] of [
      ['from', 'Tổ dân phố số 1', 'Chi bộ Tổ dân phố số 1'],
      ['to', 'Tổ dân phố số 5', 'Chi bộ Tổ dân phố số 5'],
      ['current', 'Phường Việt Hưng', 'Đảng bộ Phường Việt Hưng'],
    ] as const) {
      const cell = renderCell(columns, key, dossier);
      expect(cell.textContent).toBe(short);
      expect(cell.querySelector('[data-full-name]')?.getAttribute('data-full-name')).toBe(full);
      cleanup();
    }
  });

  it('transfers: the deadline under the submission date, nothing when there is none', () => {
    const columns = dossierColumns(none);
    expect(renderCell(columns, 'dates', dossier).textContent).toBe('04/12/2026Hạn 15/01/2027');
    cleanup();
    expect(renderCell(columns, 'dates', { ...dossier, presentBy: null }).textContent).toBe(
      '04/12/2026',
    );
  });

  it('members: the cell by its short name', () => {
    expect(renderCell(memberColumns(none), 'homeOrg', member).textContent).toBe('Tổ dân phố số 41');
  });

  it('users: the user name under the full name, the email under the phone, roles under the position', () => {
    const columns = userColumns(none);
    expect(renderCell(columns, 'name', user).textContent).toBe('Phạm Văn Bìnhbithu.chibo1');
    expect(screen.getByTestId('user-name').textContent).toBe('Phạm Văn Bình');
    cleanup();
    expect(renderCell(columns, 'contact', user).textContent).toBe('0912345678binh@example.vn');
    cleanup();
    expect(renderCell(columns, 'roles', user).textContent).toBe(
      'Bí thư Chi bộLãnh đạo phê duyệt (Bí thư/Phó bí thư)',
    );
    cleanup();
    // Without a position the roles take the first line.
    expect(renderCell(columns, 'roles', { ...user, position: null }).textContent).toBe(
      'Lãnh đạo phê duyệt (Bí thư/Phó bí thư)',
    );
    cleanup();
    expect(renderCell(columns, 'org', user).textContent).toBe('Tổ dân phố số 1');
  });

  it('org catalog: the name in full, and only the actions the org has', () => {
    const columns = orgListColumns({
      onShowDetail: none,
      onShowChildren: none,
      onShowMembers: none,
    });
    expect(renderCell(columns, 'name', org).textContent).toBe('Đảng bộ Phường Việt Hưng');
    cleanup();
    expect(renderCell(columns, 'actions', org).textContent).toBe('Xem chi tiếtXem cấp con');
  });

  it('outbox: the server’s message beside the status, "Bỏ thao tác" for what it refused', () => {
    const columns = outboxColumns(undefined, none);
    expect(renderCell(columns, 'status', outboxEntry).textContent).toBe(
      'Cần xử lýHồ sơ đã được người khác xử lý.',
    );
    cleanup();
    expect(renderCell(columns, 'actions', outboxEntry).textContent).toBe('Bỏ thao tác');
    cleanup();
    expect(renderCell(columns, 'actions', { ...outboxEntry, status: 'pending' }).textContent).toBe(
      '',
    );
  });
});

describe('residence lists with their check boxes', () => {
  // The check box column Ant Design adds is 32 px wide: the lists that select rows leave room.
  it.each([
    ['candidates', candidateColumns({ edits: new Map(), today: '2026-12-07', onEdit: none })],
    ['forms', residenceFormColumns(none)],
  ] as const)('%s: the columns and the check box fit', (_name, columns) => {
    const cols = columns as readonly TableColumnType<unknown>[];
    expect(cols.filter((c) => typeof c.width !== 'number').map((c) => c.title)).toEqual([]);
    expect(columnsWidth(cols) + SELECTION_COLUMN_WIDTH).toBeLessThanOrEqual(LIST_FIT_WIDTH);
  });

  it('lists: the members counted with those asked for a comment, the status with what waits', () => {
    const columns = residenceListColumns(none);
    expect(renderCell(columns, 'count', residenceList).textContent).toBe('32 xin nhận xét');
    cleanup();
    expect(renderCell(columns, 'status', residenceList).textContent).toBe('Chờ duyệtChờ gửi');
    cleanup();
    expect(renderCell(columns, 'workplace', residenceList).textContent).toBe(
      'Phòng Tổ chức cán bộ',
    );
  });

  it('forms: "Phiếu giấy" and the deadline beside the status, the cells by their short names', () => {
    const columns = residenceFormColumns(none);
    expect(renderCell(columns, 'status', residenceForm).textContent).toBe(
      'Đã gửi nơi công tácPhiếu giấyQuá hạn',
    );
    cleanup();
    expect(
      renderCell(columns, 'status', { ...residenceForm, paper: false, deadline: 'on_time' })
        .textContent,
    ).toBe('Đã gửi nơi công tác');
    cleanup();
    expect(renderCell(columns, 'residence', residenceForm).textContent).toBe('Tổ dân phố số 5');
    cleanup();
    expect(renderCell(columns, 'dueOn', residenceForm).textContent).toBe('20/12/2026');
  });

  it('receipts: who is still missing, or that all came back', () => {
    const row = {
      id: 'o1',
      workplaceOrg: { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' },
      asked: 3,
      received: 1,
      paper: 1,
      missing: [
        {
          memberId: 'm2',
          fullName: 'Trần Thị Bình',
          residenceOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 5' },
          status: 'submitted' as const,
        },
        {
          memberId: 'm3',
          fullName: 'Lê Văn Cường',
          residenceOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 5' },
          status: 'awaiting_comment' as const,
        },
      ],
    };
    const columns = receiptColumns();
    expect(renderCell(columns, 'missing', row).textContent).toBe('Trần Thị Bình, Lê Văn Cường');
    cleanup();
    expect(renderCell(columns, 'received', row).textContent).toBe('11 phiếu giấy');
    cleanup();
    expect(renderCell(columns, 'missing', { ...row, missing: [] }).textContent).toBe('Đã nhận đủ');
  });
});

describe('resultTotalText', () => {
  it('says "trên" when the list stopped at its limit', () => {
    expect(resultTotalText(200, 'kết quả', true)).toBe('Tổng số: trên 200 kết quả');
    expect(resultTotalText(1234, 'hồ sơ', false)).toBe('Tổng số: 1.234 hồ sơ');
  });
});
