import { Col, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import type { OrgFields } from '../../../../src/desktop/contract';
import { Org, orgFieldLabelVi, type AllocationDirection } from '../../../../src/domain/org/org';
import { formatOrgCode, validateOrgCode } from '../../../../src/domain/org/org-code';
import {
  canContain,
  cellSubtypeLabelVi,
  CellSubtype,
  OrgType,
  orgTypeLabelVi,
  type CellSubtype as CellSubtypeValue,
  type OrgType as OrgTypeValue,
} from '../../../../src/domain/org/org-types';
import { callDesktop, DesktopCallError, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { contractRule, showOnField } from '../../ui/field-errors';
import { validateEmail } from '../../../../src/domain/validation/email';

/** The two choices of "Loại phân bổ cho cơ quan", worded as the admin guide's form. */
export const allocationChoiceVi = {
  top_down: 'Phân bổ từ cấp Thành Ủy xuống cấp Chi Bộ trực thuộc (phân bổ từ trên xuống dưới)',
  bottom_up: 'Phân bổ từ cấp Chi bộ trực thuộc lên cấp Thành ủy (phân bổ từ dưới lên trên)',
} as const satisfies Record<AllocationDirection, string>;

interface FormValues {
  name: string;
  code: string;
  type: OrgTypeValue;
  cellSubtype?: CellSubtypeValue;
  taxCode?: string;
  email?: string;
  phone?: string;
  website?: string;
  province?: string;
  ward?: string;
  addressDetail?: string;
  description?: string;
  allocationDirection: AllocationDirection;
}

const blankToNull = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? null : v.trim();

function fieldsOf(v: FormValues): OrgFields {
  return {
    name: v.name.trim(),
    code: formatOrgCode(v.code),
    type: v.type,
    cellSubtype: v.type === 'affiliated_cell' ? (v.cellSubtype ?? null) : null,
    taxCode: blankToNull(v.taxCode),
    email: normalEmail(v.email),
    phone: blankToNull(v.phone),
    website: blankToNull(v.website),
    province: blankToNull(v.province),
    ward: blankToNull(v.ward),
    addressDetail: blankToNull(v.addressDetail),
    description: blankToNull(v.description),
    allocationDirection: v.allocationDirection,
  };
}

/** The form's fields the server may name in a refusal. */
const FORM_FIELDS = ['name', 'code', 'type', 'cellSubtype', 'email', 'phone'] as const;

/** A rule from a domain check, so the field shows the domain's own Vietnamese message. */
const domainRule = (check: (value: string) => { ok: true } | { ok: false; messageVi: string }) => ({
  validator: async (_rule: unknown, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    const checked = check(value);
    if (!checked.ok) throw new Error(checked.messageVi);
  },
});

/** The stored form of an email the rule accepted. */
const normalEmail = (v: string | undefined) => {
  const email = blankToNull(v);
  if (email === null) return null;
  const checked = validateEmail(email);
  return checked.ok ? checked.value : email;
};

export type OrgFormTarget =
  | {
      mode: 'edit';
      org: Org & { path: string };
      parentName: string;
      parentType: OrgTypeValue | null;
    }
  | { mode: 'add'; parent: { id: string; name: string; type: OrgTypeValue } };

/**
 * "Chỉnh sửa cơ quan" and "Thêm đơn vị trực thuộc": the admin guide's org form, with the types
 * the parent may hold and the allocation direction as its two choices. The server checks again
 * (tier, placement, code), and its refusal shows under the field it names.
 */
export function OrgFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: OrgFormTarget;
  onClose: () => void;
  onSaved?: (orgId: string) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<FormValues>();
  const save = useDesktopAction();
  const type = Form.useWatch('type', form);
  const L = orgFieldLabelVi;
  const editing = target.mode === 'edit';
  const parentType = editing ? target.parentType : target.parent.type;
  const parentName = editing ? target.parentName : target.parent.name;
  // The types the parent may hold; an org's present type stays offered so the form opens as is.
  const types = OrgType.options.filter(
    (t) =>
      (parentType === null ? t === 'province_committee' : canContain(parentType, t)) ||
      (editing && t === target.org.type),
  );

  const initialValues: Partial<FormValues> = editing
    ? {
        name: target.org.name,
        code: target.org.code,
        type: target.org.type,
        cellSubtype: target.org.cellSubtype ?? undefined,
        taxCode: target.org.taxCode ?? '',
        email: target.org.email ?? '',
        phone: target.org.phone ?? '',
        website: target.org.website ?? '',
        province: target.org.province ?? '',
        ward: target.org.ward ?? '',
        addressDetail: target.org.addressDetail ?? '',
        description: target.org.description ?? '',
        allocationDirection: target.org.allocationDirection,
      }
    : { type: types[0], allocationDirection: 'top_down' };

  const submit = (v: FormValues) =>
    save.run(async () => {
      try {
        const fields = fieldsOf(v);
        const { orgId } =
          target.mode === 'edit'
            ? await callDesktop(bridge, 'editOrg', { id: target.org.id, ...fields })
            : await callDesktop(bridge, 'addChildOrg', { parentId: target.parent.id, ...fields });
        onSaved?.(orgId);
        onClose();
      } catch (err) {
        if (err instanceof DesktopCallError && showOnField(form, err.error, FORM_FIELDS)) return;
        throw err;
      }
    });

  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: `Vui lòng nhập ${label}.`,
  });

  return (
    <Modal
      open
      title={editing ? 'Chỉnh sửa cơ quan' : 'Thêm đơn vị trực thuộc'}
      width={960}
      onCancel={onClose}
      destroyOnHidden
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ loading: save.busy }}
      onOk={() => form.submit()}
    >
      <div data-testid="org-form-dialog">
        <ErrorAlert error={save.error} />
        <Form<FormValues>
          form={form}
          name={editing ? 'editOrg' : 'addChildOrg'}
          layout="vertical"
          requiredMark
          initialValues={initialValues}
          onFinish={(v) => void submit(v)}
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="name"
                label={L.name}
                rules={[required(L.name), contractRule(Org.shape.name)]}
              >
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="code"
                label={L.code}
                rules={[required(L.code), domainRule(validateOrgCode)]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={L.parentId}>
                <Typography.Text data-testid="org-form-parent">
                  {parentType === null ? 'Đơn vị cao nhất' : parentName}
                </Typography.Text>
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="type"
                label={L.type}
                rules={[{ required: true, message: `Vui lòng chọn ${L.type}.` }]}
              >
                <Select options={types.map((t) => ({ value: t, label: orgTypeLabelVi[t] }))} />
              </Form.Item>
            </Col>
            {type === 'affiliated_cell' && (
              <Col span={12}>
                <Form.Item
                  name="cellSubtype"
                  label={L.cellSubtype}
                  rules={[{ required: true, message: `Vui lòng chọn ${L.cellSubtype}.` }]}
                >
                  <Select
                    options={CellSubtype.options.map((s) => ({
                      value: s,
                      label: cellSubtypeLabelVi[s],
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={12}>
              <Form.Item
                name="email"
                label={L.email}
                rules={[required(L.email), domainRule(validateEmail)]}
              >
                <Input maxLength={200} placeholder="Nhập email" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phone" label={L.phone}>
                <Input maxLength={50} placeholder="Nhập số điện thoại" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="taxCode" label={L.taxCode}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="website" label={L.website}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="province" label={L.province} rules={[required(L.province)]}>
                <Input maxLength={100} placeholder="Chọn tỉnh/thành phố" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="ward" label={L.ward}>
                <Input maxLength={100} placeholder="Chọn phường/xã" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="addressDetail" label={L.addressDetail}>
                <Input maxLength={500} placeholder="Nhập địa chỉ chi tiết" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="allocationDirection"
                label="Loại phân bổ cho cơ quan"
                rules={[{ required: true, message: 'Vui lòng chọn loại phân bổ.' }]}
              >
                <Radio.Group
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={(['top_down', 'bottom_up'] as const).map((d) => ({
                    value: d,
                    label: allocationChoiceVi[d],
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
