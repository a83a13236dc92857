import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { CalendarDay, HolidayYear } from '../../../../src/domain/calendar/holiday-year';
import type { HolidayYearView } from '../../../../src/desktop/contract-holidays';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import {
  DAY_KIND_LABEL_VI,
  draftOf,
  sameDays,
  weekdayVi,
  withDay,
  withoutDay,
  yearChoices,
  type DayKind,
} from './holiday-draft';

export const HOLIDAYS_TITLE_VI = 'Cấu hình ngày nghỉ';
export const READ_ONLY_VI =
  'Chỉ quản trị viên cấp cao nhất (Tỉnh ủy, Thành ủy) được sửa lịch ngày nghỉ. Bạn đang xem lịch đã được thiết lập.';

/** "Chưa có lịch ngày nghỉ năm 2027, 2028: …" — deadlines in them skip weekends only. */
export const missingYearsVi = (years: readonly number[]): string =>
  `Chưa có lịch ngày nghỉ năm ${years.join(', ')}: thời hạn giải quyết hồ sơ trong ${
    years.length > 1 ? 'các năm này' : 'năm này'
  } chỉ trừ thứ Bảy, Chủ nhật, chưa trừ ngày nghỉ lễ, Tết.`;

/**
 * Quản trị danh mục » Cấu hình ngày nghỉ (docs/decisions/0032): a year's days off and make-up
 * working days, read from the cache. The top org's admin adds and removes days, then saves the
 * year (online); every other admin reads it.
 */
export function HolidaysScreen({ initialYear }: { initialYear?: number }) {
  const query = useDesktopQuery('holidayCalendar', {});
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(initialYear ?? thisYear);
  const state = query.data;
  const stored = state?.years.find((y) => y.year === year);

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {HOLIDAYS_TITLE_VI}
      </Typography.Title>
      <ErrorAlert error={query.error} onRetry={query.reload} />
      {state && state.missingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={missingYearsVi(state.missingYears)}
          data-testid="holidays-missing"
        />
      )}
      {state && !state.canEdit && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={READ_ONLY_VI} />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="holiday-year">Năm</label>
        <Select
          id="holiday-year"
          aria-label="Năm"
          value={year}
          style={{ width: 110 }}
          options={yearChoices(state?.years.map((y) => y.year) ?? [], thisYear).map((y) => ({
            value: y,
            label: String(y),
          }))}
          onChange={setYear}
        />
        {state && (
          <Typography.Text type="secondary" data-testid="holidays-year-status">
            {stored
              ? stored.updatedAt
                ? `Cập nhật lần cuối ${formatDateTime(stored.updatedAt)}`
                : 'Lịch do hệ thống cung cấp'
              : `Chưa thiết lập lịch năm ${year}`}
          </Typography.Text>
        )}
      </Space>
      {state && <YearEditor key={year} year={year} stored={stored} canEdit={state.canEdit} />}
    </Card>
  );
}

/** The year's two lists, and for the top admin the form to add a day and the save button. */
function YearEditor({
  year,
  stored,
  canEdit,
}: {
  year: number;
  stored: HolidayYearView | undefined;
  canEdit: boolean;
}) {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const original = useMemo(() => draftOf(year, stored), [year, stored]);
  const [draft, setDraft] = useState<HolidayYear>(original);
  // A sync that brought a new version of the year replaces a draft the user has not changed.
  const [base, setBase] = useState(original);
  if (base !== original) {
    setBase(original);
    if (sameDays(draft, base)) setDraft(original);
  }
  const changed = !sameDays(draft, original);
  const { busy, error, run } = useDesktopAction();

  const save = () =>
    run(async () => {
      await callDesktop(bridge, 'saveHolidayYear', draft);
      await invalidate('holidays', 'dossiers', 'residence');
      message.success(`Đã lưu lịch ngày nghỉ năm ${year}.`);
    });

  return (
    <div data-testid="holidays-year">
      <ErrorAlert error={error} />
      {/* Adding and saving come first: at 1366×768 the year's lists run below the fold. */}
      {canEdit && (
        <div style={{ marginBottom: 16 }}>
          <AddDayForm draft={draft} onAdd={setDraft} />
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" onClick={() => void save()} loading={busy} disabled={!changed}>
              Lưu lịch năm {year}
            </Button>
            <Button onClick={() => setDraft(original)} disabled={!changed || busy}>
              Hủy thay đổi
            </Button>
            {changed && <Tag color="orange">Có thay đổi chưa lưu</Tag>}
          </Space>
        </div>
      )}
      {(['holidays', 'makeUpDays'] as const).map((kind) => (
        <DayTable
          key={kind}
          kind={kind}
          days={draft[kind]}
          onRemove={canEdit ? (date) => setDraft((d) => withoutDay(d, kind, date)) : undefined}
        />
      ))}
    </div>
  );
}

function DayTable({
  kind,
  days,
  onRemove,
}: {
  kind: DayKind;
  days: readonly CalendarDay[];
  onRemove: ((date: string) => void) | undefined;
}) {
  const columns: TableColumnsType<CalendarDay> = [
    { title: 'STT', key: 'no', width: 64, render: (_v, _d, i) => i + 1 },
    { title: 'Ngày', dataIndex: 'date', width: 130, render: (d: string) => formatDate(d) },
    { title: 'Thứ', key: 'weekday', width: 110, render: (_v, d) => weekdayVi(d.date) },
    { title: kind === 'holidays' ? 'Tên ngày nghỉ' : 'Ghi chú', dataIndex: 'name' },
    ...(onRemove
      ? [
          {
            title: 'Thao tác',
            key: 'remove',
            width: 110,
            render: (_v: unknown, d: CalendarDay) => (
              <Button
                size="small"
                type="link"
                danger
                icon={<DeleteOutlined />}
                aria-label={`Xóa ngày ${formatDate(d.date)}`}
                onClick={() => onRemove(d.date)}
              >
                Xóa
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-label={DAY_KIND_LABEL_VI[kind]} style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {DAY_KIND_LABEL_VI[kind]}
      </Typography.Title>
      <Table<CalendarDay>
        size="small"
        rowKey="date"
        columns={columns}
        dataSource={[...days]}
        pagination={false}
        locale={{
          emptyText: kind === 'holidays' ? 'Chưa có ngày nghỉ nào.' : 'Không có ngày làm bù.',
        }}
        data-testid={`holidays-${kind}`}
      />
    </section>
  );
}

interface DayValues {
  kind: DayKind;
  date: Dayjs;
  name: string;
}

/** One more day: its list, date and name; the year's rules are checked before it is added. */
function AddDayForm({ draft, onAdd }: { draft: HolidayYear; onAdd: (draft: HolidayYear) => void }) {
  const [form] = Form.useForm<DayValues>();
  const add = (values: DayValues) => {
    const added = withDay(draft, values.kind, {
      date: values.date.format('YYYY-MM-DD'),
      name: values.name.trim(),
    });
    if (!added.ok) {
      form.setFields([{ name: 'date', errors: [added.messageVi] }]);
      return;
    }
    onAdd(added.draft);
    form.resetFields(['date', 'name']);
  };
  return (
    <section aria-label="Thêm ngày">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Thêm ngày
      </Typography.Title>
      <Form<DayValues>
        form={form}
        layout="inline"
        initialValues={{ kind: 'holidays' }}
        onFinish={add}
        data-testid="holiday-add-form"
      >
        <Form.Item name="kind" label="Loại">
          <Radio.Group
            options={(['holidays', 'makeUpDays'] as const).map((k) => ({
              value: k,
              label: k === 'holidays' ? 'Ngày nghỉ' : 'Ngày làm bù',
            }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label="Ngày"
          rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            defaultPickerValue={dayjs(`${draft.year}-01-01`)}
            placeholder="dd/mm/yyyy"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="Tên"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên ngày nghỉ.' },
            { max: 100, message: 'Tên ngày nghỉ tối đa 100 ký tự.' },
          ]}
        >
          <Input placeholder="Ví dụ: Tết Nguyên đán" style={{ width: 260 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            Thêm
          </Button>
        </Form.Item>
      </Form>
    </section>
  );
}
