import { Form, Input, Radio } from 'antd';
import { memberFieldLabelVi as L } from '../../../../src/domain/people/member';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import { IsoDateInput } from './iso-date-input';

/** "Họ và tên", "Ngày sinh", "Giới tính": the same on registration and on an info change. */
export function PersonFields() {
  return (
    <>
      <Form.Item
        name="fullName"
        label={L.fullName}
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="birthDate"
        label={L.birthDate}
        rules={[{ required: true, message: 'Vui lòng nhập ngày sinh.' }]}
      >
        <IsoDateInput />
      </Form.Item>
      <Form.Item name="sex" label={L.sex}>
        <Radio.Group
          options={(['male', 'female'] as const).map((s) => ({ value: s, label: sexLabelVi[s] }))}
        />
      </Form.Item>
    </>
  );
}
