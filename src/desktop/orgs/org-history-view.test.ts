import { describe, expect, it } from 'vitest';
import { orgHistoryView } from './org-history-view';

const names = {
  user: (id: string) => ({ u1: 'Trần Thị Thu Hà' })[id] ?? id,
  org: (id: string) =>
    ({ p: 'Đảng bộ Thành phố', a: 'Trường A', b: 'Trường B', c: 'Tổ 1' })[id] ?? id,
};

describe('orgHistoryView', () => {
  it('puts types, directions, parents and paths in words', () => {
    const [edit, move] = orgHistoryView(
      [
        {
          id: 'h2',
          orgId: 'c',
          action: 'edit',
          changedBy: 'u1',
          changedAt: '2026-01-05T09:00:00.000Z',
          changes: {
            allocationDirection: ['top_down', 'bottom_up'],
            type: ['grassroots_cell', 'affiliated_cell'],
            email: [null, 'tdp1@viethung.vn'],
          },
        },
        {
          id: 'h1',
          orgId: 'c',
          action: 'move',
          changedBy: 'gone',
          changedAt: '2026-01-04T09:00:00.000Z',
          changes: { parentId: ['a', 'b'], path: ['/p/a/c/', '/p/b/c/'] },
        },
      ],
      names,
    );
    expect(edit!.changedBy).toEqual({ id: 'u1', name: 'Trần Thị Thu Hà' });
    expect(edit!.changes).toEqual([
      {
        field: 'allocationDirection',
        labelVi: 'Phân bổ',
        before: 'Phân bổ từ trên xuống dưới',
        after: 'Phân bổ từ dưới lên trên',
      },
      {
        field: 'type',
        labelVi: 'Loại cơ quan, đơn vị',
        before: 'Chi bộ cơ sở',
        after: 'Chi bộ trực thuộc',
      },
      { field: 'email', labelVi: 'Email', before: null, after: 'tdp1@viethung.vn' },
    ]);
    // An account not in the cache stays its id.
    expect(move!.changedBy.name).toBe('gone');
    expect(move!.changes).toEqual([
      { field: 'parentId', labelVi: 'Cơ quan, đơn vị cha', before: 'Trường A', after: 'Trường B' },
      {
        field: 'path',
        labelVi: 'Vị trí trong cây tổ chức',
        before: 'Đảng bộ Thành phố / Trường A / Tổ 1',
        after: 'Đảng bộ Thành phố / Trường B / Tổ 1',
      },
    ]);
  });
});
