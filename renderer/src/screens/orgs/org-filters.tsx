import { Button, Form, Input, Select, Space } from 'antd';
import { orgStatusLabelVi, OrgStatus } from '../../../../src/domain/org/org';
import type { Query } from '../../desktop-context';
import { ReloadButton } from '../../ui/reload-button';

export interface OrgFilterValues {
  code?: string;
  name?: string;
  status?: OrgStatus;
}

const STATUS_OPTIONS = OrgStatus.options.map((value) => ({
  value,
  label: orgStatusLabelVi[value],
}));

/** The search bar of "Quản lý tổ chức Đảng": Mã cơ quan, Tên cơ quan, Trạng thái. */
export function OrgFilters({
  onSearch,
  list,
}: {
  onSearch: (values: OrgFilterValues) => void;
  /** The list shown, for "Làm mới". */
  list: Pick<Query<unknown>, 'reload'>;
}) {
  const [form] = Form.useForm<OrgFilterValues>();
  return (
    <Form form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 8 }}>
      <Form.Item label="Mã cơ quan" name="code">
        <Input placeholder="Nhập mã cơ quan" allowClear maxLength={100} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label="Tên cơ quan" name="name">
        <Input placeholder="Nhập tên cơ quan" allowClear maxLength={200} style={{ width: 260 }} />
      </Form.Item>
      <Form.Item label="Trạng thái" name="status">
        <Select
          placeholder="Chọn trạng thái"
          allowClear
          options={STATUS_OPTIONS}
          style={{ width: 180 }}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <ReloadButton list={list} />
          <Button type="primary" htmlType="submit">
            Tìm kiếm
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
