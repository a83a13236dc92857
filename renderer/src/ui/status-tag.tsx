import { Tag } from 'antd';
import { memberStatusLabelVi } from '../../../src/domain/people/member';
import { orgStatusLabelVi } from '../../../src/domain/org/org';
import { userStatusLabelVi } from '../../../src/domain/people/user';
import { labelOf } from '../format';

const COLORS: Record<string, string> = {
  active: 'green',
  inactive: 'default',
  deleted: 'red',
  transferred_out: 'blue',
  deceased: 'default',
  removed: 'red',
};

const LABELS = { org: orgStatusLabelVi, member: memberStatusLabelVi, user: userStatusLabelVi };

export function StatusTag({ kind, status }: { kind: keyof typeof LABELS; status: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {labelOf(LABELS[kind], status)}
    </Tag>
  );
}
